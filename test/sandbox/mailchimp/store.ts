import { createHash } from 'node:crypto';
import { Clock } from '../core/clock';
import { Random } from './random';
import { MAILCHIMP_SANDBOX_API_KEY, MAILCHIMP_SANDBOX_CLIENT_ID, MAILCHIMP_SANDBOX_CLIENT_SECRET } from './constants';

export type MemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional' | 'archived';
export type CampaignStatus = 'save' | 'paused' | 'schedule' | 'sending' | 'sent';
export type CampaignType = 'regular' | 'plaintext' | 'absplit' | 'rss' | 'variate';

export interface Member {
	id: string;
	listId: string;
	email: string;
	uniqueEmailId: string;
	contactId: string;
	webId: number;
	status: MemberStatus;
	mergeFields: Record<string, unknown>;
	tags: Array<{ id: number; name: string }>;
	signup: number;
	lastChanged: number;
	rating: number;
	language: string;
	vip: boolean;
	source: string;
	ipSignup: string;
	unsubscribeReason?: string;
	/** Counters from campaign sends, for member stats. */
	sent: number;
	opened: number;
	clicked: number;
}

export interface AudienceList {
	id: string;
	webId: number;
	name: string;
	created: number;
	fromName: string;
	fromEmail: string;
	members: Member[];
	/** md5(lowercase email) -> index in `members`. Members are never removed, so indexes stay valid. */
	byHash: Map<string, number>;
	tagIds: Map<string, number>;
	/** Merge fields added to this audience (POST /lists/{id}/merge-fields) beside MERGE_TAGS. */
	extraMergeTags?: string[];
}

/**
 * Who got a sent campaign and what each recipient did, as parallel typed arrays (thousands of
 * campaigns times hundreds of recipients stay small). Timestamps and URLs derive from `salt`.
 */
export interface SendRecord {
	memberIdx: Uint32Array;
	/** 0 delivered, 1 hard bounce, 2 soft bounce. */
	delivery: Uint8Array;
	opens: Uint8Array;
	clicks: Uint8Array;
	/** bit 0 unsubscribed through this campaign, bit 1 abuse report. */
	flags: Uint8Array;
	salt: number;
	/** Events spread over [sendTime, sendTime + window]. */
	windowMs: number;
	urls: string[];
}

export interface Campaign {
	id: string;
	webId: number;
	type: CampaignType;
	createTime: number;
	status: CampaignStatus;
	sendTime?: number;
	contentType: 'template' | 'html' | 'multichannel';
	listId: string;
	segmentText: string;
	subjectLine: string;
	previewText: string;
	title: string;
	fromName: string;
	replyTo: string;
	folderId: string;
	parentCampaignId: string;
	send?: SendRecord;
}

export interface OAuthToken {
	clientId: string;
	revoked: boolean;
}

export interface BatchOperation {
	method: string;
	path: string;
	params?: Record<string, unknown>;
	body?: string;
	operation_id?: string;
}

export interface BatchResult {
	status_code: number;
	operation_id: string | null;
	response: string;
}

export interface Batch {
	id: string;
	operations: BatchOperation[];
	status: 'pending' | 'preprocessing' | 'started' | 'finalizing' | 'finished';
	submittedAt: number;
	completedAt?: number;
	polls: number;
	results?: BatchResult[];
}

export function subscriberHash(email: string): string {
	return createHash('md5').update(email.toLowerCase()).digest('hex');
}

/** All state of the fake MailChimp account. Routes read and write it; `reset()` replaces it. */
export class MailchimpStore {
	/** "Now" for the whole fake (create/send times, member changes, batches, codes); survives reset(). */
	readonly clock: Clock;
	rng = new Random(1);
	/** "Now" of the last seed: activity of seeded campaigns lies before it. */
	seededAt: number;
	lists: AudienceList[] = [];
	campaigns: Campaign[] = [];
	campaignById = new Map<string, Campaign>();
	clients = new Map<string, { secret: string; redirectUris?: string[] }>([
		[MAILCHIMP_SANDBOX_CLIENT_ID, { secret: MAILCHIMP_SANDBOX_CLIENT_SECRET }],
	]);
	codes = new Map<string, { clientId: string; redirectUri: string; expiresAt: number }>();
	tokens = new Map<string, OAuthToken>();
	apiKeys = new Set<string>([MAILCHIMP_SANDBOX_API_KEY]);
	batches = new Map<string, Batch>();
	reportCache = new Map<string, unknown>();
	private nextWebId = 100_001;

	constructor(clock = new Clock()) {
		this.clock = clock;
		this.seededAt = clock.now();
	}

	list(id: string): AudienceList | undefined {
		return this.lists.find((l) => l.id === id);
	}

	campaign(id: string): Campaign | undefined {
		return this.campaignById.get(id);
	}

	addCampaignRecord(campaign: Campaign): void {
		this.campaigns.push(campaign);
		this.campaignById.set(campaign.id, campaign);
		this.invalidate(campaign);
	}

	removeCampaign(id: string): void {
		const campaign = this.campaignById.get(id);
		this.campaignById.delete(id);
		this.campaigns = this.campaigns.filter((c) => c.id !== id);
		if (campaign) this.invalidate(campaign);
	}

	/** Drop cached report numbers of a campaign and the averages of its list. */
	invalidate(campaign: Campaign): void {
		this.reportCache.delete(campaign.id);
		this.reportCache.delete(`list:${campaign.listId}`);
	}

	/** Forget audiences, campaigns and batches (seed starts from here); auth state stays. */
	clearData(): void {
		this.lists = [];
		this.campaigns = [];
		this.campaignById.clear();
		this.batches.clear();
		this.reportCache.clear();
		this.nextWebId = 100_001;
	}

	webId(): number {
		return this.nextWebId++;
	}

	newId(): string {
		let id = this.rng.hex(10);
		while (this.campaignById.has(id) || this.lists.some((l) => l.id === id)) id = this.rng.hex(10);
		return id;
	}

	member(list: AudienceList, hash: string): Member | undefined {
		const index = list.byHash.get(hash);
		return index === undefined ? undefined : list.members[index];
	}

	tagId(list: AudienceList, name: string): number {
		let id = list.tagIds.get(name);
		if (id === undefined) {
			id = 10_000 + list.tagIds.size + 1;
			list.tagIds.set(name, id);
		}
		return id;
	}
}
