import { buildSendRecord, NO_ACTIVITY } from './activity';
import { newMember } from './members';
import { Random } from './random';
import { applyOutcome, campaignUrls, propensity, randomAppeal } from './send';
import { segmentMinRating } from './serialize';
import type { AudienceList, Campaign, CampaignStatus, CampaignType, MailchimpStore, MemberStatus } from './store';
import { DAY } from './time';

// Module-level copies: global lookups are slow inside jest's vm sandbox, and these run in hot loops.
const { ceil, floor, max, min, round } = Math;
const NEVER = Number.POSITIVE_INFINITY;

export interface MailchimpSeedOptions {
	campaigns: number;
	/** Members across all audiences (2-3 of them). Default 300. */
	listMembers?: number;
	seed?: number;
	/** Share of campaigns already sent. Default 0.85; the rest are drafts, scheduled, paused, sending. */
	sentRatio?: number;
	/** Pin "now" (ms) for byte-identical seeds across days. Default: start of the current UTC day. */
	now?: number;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim', 'Hedy', 'John', 'Katherine', 'Donald', 'Sophie', 'Niklaus', 'Jean', 'Guido', 'Lea', 'Mateo', 'Yuki', 'Priya', 'Omar', 'Chloe', 'Ivan', 'Zoe', 'Ravi', 'Nina'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'Berners', 'Lamarr', 'Backus', 'Johnson', 'Knuth', 'Wilson', 'Wirth', 'Sammet', 'Rossum', 'Garcia', 'Tanaka', 'Patel', 'Haddad', 'Martin', 'Petrov', 'Okafor', 'Nguyen', 'Schmidt', 'Rossi'];
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'fastmail.com', 'acme-corp.com', 'northwind.io', 'contoso.net', 'initech.co', 'globex.com', 'umbrella.org', 'hooli.xyz'];
const COMPANIES = ['Acme Corp', 'Northwind', 'Contoso', 'Initech', 'Globex', 'Umbrella', 'Hooli', 'Stark Industries', ''];
const TAGS = ['VIP', 'Customer', 'Newsletter', 'Webinar 2024', 'Trial', 'Partner'];
const LIST_NAMES = ['Newsletter Subscribers', 'Customers', 'Event Attendees'];
const TOPICS = ['Spring Collection', 'Summer Sale', 'Product Update', 'Webinar Invitation', 'Customer Stories', 'Holiday Gift Guide', 'Black Friday Preview', 'Monthly Digest', 'New Feature Announcement', 'Partner Spotlight', 'Year in Review', 'Back to School'];
const HOOKS = ['what is new this month', 'only 48 hours left', 'you are invited', 'hand-picked for you', 'our biggest update yet', 'thank you for being here'];
const LONG_SUFFIX = ' (A/B winner) for returning customers in Europe and North America';

function dayStart(ms: number): number {
	return floor(ms / DAY) * DAY;
}

function quarterHour(ms: number): number {
	return ceil(ms / 900_000) * 900_000;
}

function month(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7);
}

function seedLists(store: MailchimpStore, rng: Random, now: number, total: number): Array<{ list: AudienceList; endTime: Float64Array }> {
	const n = rng.int(2, 3);
	const weights = n === 3 ? [0.55, 0.3, 0.15] : [0.65, 0.35];
	return weights.map((weight, li) => {
		const list: AudienceList = {
			id: store.newId(),
			webId: store.webId(),
			name: LIST_NAMES[li],
			created: now - 3 * 365 * DAY - floor(rng.next() * 365 * DAY),
			fromName: 'Sandbox Outfitters',
			fromEmail: 'news@sandbox-outfitters.test',
			members: [],
			byHash: new Map(),
			tagIds: new Map(),
		};
		store.lists.push(list);
		const size = li === n - 1 ? total - store.lists.slice(0, li).reduce((s, l) => s + l.members.length, 0) : round(total * weight);
		const endTime = new Float64Array(size);
		for (let i = 0; i < size; i++) {
			const first = rng.pick(FIRST);
			const last = rng.pick(LAST);
			const email = `${first}.${last}${i + 1}@${rng.pick(DOMAINS)}`.toLowerCase();
			const age = rng.next();
			const signup = list.created + floor((now - list.created) * (1 - age * age));
			const r = rng.next();
			const status: MemberStatus = r < 0.03 ? 'pending' : r < 0.07 ? 'transactional' : r < 0.13 ? 'unsubscribed' : r < 0.16 ? 'cleaned' : 'subscribed';
			const m = newMember(store, list, email, status, signup);
			m.mergeFields = { FNAME: first, LNAME: last, COMPANY: rng.pick(COMPANIES), PHONE: `+1 404 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`, ADDRESS: '', BIRTHDAY: '' };
			m.rating = rng.int(1, 5);
			m.source = rng.pick(['Hosted Signup Form', 'Import', 'API - Generic', 'Admin Add']);
			m.ipSignup = `198.51.100.${rng.int(1, 254)}`;
			m.language = rng.chance(0.8) ? 'en' : rng.pick(['de', 'fr', 'es']);
			m.vip = rng.chance(0.05);
			for (const tag of TAGS) if (rng.chance(0.12)) m.tags.push({ id: store.tagId(list, tag), name: tag });
			if (status === 'unsubscribed' || status === 'cleaned') {
				endTime[i] = signup + floor((now - signup) * rng.next());
				m.lastChanged = endTime[i];
				if (status === 'unsubscribed') m.unsubscribeReason = 'N/A (Unsubscribed by admin)';
			} else {
				endTime[i] = status === 'subscribed' ? NEVER : signup;
				if (rng.chance(0.3)) m.lastChanged = signup + floor((now - signup) * rng.next());
			}
		}
		return { list, endTime };
	});
}

function pickStatus(rng: Random, sentRatio: number): CampaignStatus {
	if (rng.chance(sentRatio)) return 'sent';
	const r = rng.next();
	return r < 0.6 ? 'save' : r < 0.82 ? 'schedule' : r < 0.98 ? 'paused' : 'sending';
}

interface CampaignSeedContext {
	now: number;
	folders: string[];
	sentRatio: number;
}

function seedCampaign(store: MailchimpStore, rng: Random, list: AudienceList, { now, folders, sentRatio }: CampaignSeedContext): Campaign {
	const status = pickStatus(rng, sentRatio);
	const topic = rng.pick(TOPICS);
	const sentish = status === 'sent' || status === 'sending';
	const createTime = sentish ? now - DAY - floor(rng.next() * 730 * DAY) : now - floor(rng.next() * 60 * DAY) - 3_600_000;
	let sendTime: number | undefined;
	if (status === 'sent') sendTime = min(createTime + floor(rng.next() * 2 * DAY), now - 3_600_000);
	if (status === 'sending') sendTime = now - 1_800_000;
	if (status === 'schedule') sendTime = quarterHour(now + floor(rng.next() * 30 * DAY) + 3_600_000);
	const type: CampaignType = status === 'paused' ? 'rss' : rng.chance(0.85) ? 'regular' : rng.pick(['plaintext', 'absplit', 'variate'] as const);
	const title = `${month(sendTime ?? createTime)} ${topic}${rng.chance(0.3) ? LONG_SUFFIX : ''}`;
	return {
		id: store.newId(),
		webId: store.webId(),
		type,
		createTime,
		status,
		sendTime,
		contentType: type === 'plaintext' ? 'html' : rng.chance(0.9) ? 'template' : 'multichannel',
		listId: list.id,
		segmentText: rng.chance(0.15) ? 'Contacts match all of the following conditions: Member rating is greater than 2 stars' : '',
		subjectLine: `${topic}: ${rng.pick(HOOKS)}`,
		previewText: rng.chance(0.7) ? `Hi *|FNAME|*, ${rng.pick(HOOKS)}.` : '',
		title,
		fromName: list.fromName,
		replyTo: list.fromEmail,
		folderId: rng.chance(0.4) ? rng.pick(folders) : '',
		parentCampaignId: '',
	};
}

/**
 * Deterministic account: audiences, members, campaigns of mixed status, and for each sent campaign
 * who received it and what they did, processed in send order so unsubscribes and bounces change
 * member status before later sends.
 */
export function seedStore(store: MailchimpStore, options: MailchimpSeedOptions): void {
	const seed = options.seed ?? 42;
	const rng = new Random(seed);
	const now = options.now ?? dayStart(store.clock.now());
	store.rng = new Random(seed ^ 0x5eed);
	store.seededAt = now;
	store.clearData();
	const audiences = seedLists(store, rng, now, options.listMembers ?? 300);
	const context = { now, folders: [rng.hex(10), rng.hex(10), rng.hex(10)], sentRatio: options.sentRatio ?? 0.85 };
	for (let i = 0; i < options.campaigns; i++) {
		const audience = audiences[rng.chance(0.7) ? 0 : rng.int(1, audiences.length - 1)];
		store.addCampaignRecord(seedCampaign(store, rng, audience.list, context));
	}
	const sent = store.campaigns.filter((c) => c.sendTime !== undefined && (c.status === 'sent' || c.status === 'sending'));
	sent.sort((a, b) => a.sendTime! - b.sendTime!);
	const byList = new Map(audiences.map((a) => [a.list.id, a]));
	const sendsPerList = new Map<string, number>();
	for (const c of sent) sendsPerList.set(c.listId, (sendsPerList.get(c.listId) ?? 0) + 1);
	const buffer = new Uint32Array(max(1, options.listMembers ?? 300));
	for (const c of sent) {
		const { list, endTime } = byList.get(c.listId)!;
		const t = c.sendTime!;
		const minRating = segmentMinRating(c);
		let n = 0;
		for (let idx = 0; idx < list.members.length; idx++) {
			const m = list.members[idx];
			if (m.signup <= t && t < endTime[idx] && m.rating >= minRating) buffer[n++] = idx;
		}
		const churn = min(1, 60 / sendsPerList.get(c.listId)!);
		const appeal = c.status === 'sent' ? randomAppeal(rng, churn) : NO_ACTIVITY;
		const windowMs = min(7 * DAY, now - t);
		c.send = buildSendRecord(rng, buffer.subarray(0, n), propensity(list), appeal, windowMs, campaignUrls(rng, c.id));
		applyOutcome(list, c.send, t, {
			active: (idx) => endTime[idx] === NEVER,
			leave: (idx, when) => {
				endTime[idx] = when;
			},
		});
	}
}
