import { mix, unit, type Random } from './random';
import type { SendRecord } from './store';

// Module-level copies: global lookups are slow inside jest's vm sandbox, and these run in hot loops.
const { floor, max, min, round } = Math;

export interface ActivityEvent {
	action: 'open' | 'click' | 'bounce';
	type: string;
	timestamp: number;
	url: string;
	ip: string;
}

export interface RecipientOutcome {
	/** Probability this recipient opens at all, before the campaign's own appeal. */
	openPropensity: number;
}

export interface CampaignAppeal {
	openRate: number;
	clickRate: number;
	unsubRate: number;
	hardBounceRate: number;
	softBounceRate: number;
	activity: boolean;
}

export const NO_ACTIVITY: CampaignAppeal = { openRate: 0, clickRate: 0, unsubRate: 0, hardBounceRate: 0, softBounceRate: 0, activity: false };

/** Decide what each recipient did. Callers pick the recipients (who was subscribed at send time). */
export function buildSendRecord(
	rng: Random,
	recipients: ArrayLike<number>,
	propensity: (memberIdx: number) => number,
	appeal: CampaignAppeal,
	windowMs: number,
	urls: string[],
): SendRecord {
	const n = recipients.length;
	const record: SendRecord = {
		memberIdx: Uint32Array.from(recipients),
		delivery: new Uint8Array(n),
		opens: new Uint8Array(n),
		clicks: new Uint8Array(n),
		flags: new Uint8Array(n),
		salt: floor(rng.next() * 0xffffffff),
		windowMs,
		urls,
	};
	if (!appeal.activity) return record;
	for (let i = 0; i < n; i++) {
		const r = rng.next();
		if (r < appeal.hardBounceRate) {
			record.delivery[i] = 1;
			continue;
		}
		if (r < appeal.hardBounceRate + appeal.softBounceRate) {
			record.delivery[i] = 2;
			continue;
		}
		if (rng.next() < appeal.openRate * propensity(record.memberIdx[i])) {
			const extra = rng.next();
			record.opens[i] = extra < 0.55 ? 1 : extra < 0.8 ? 2 : extra < 0.93 ? 3 : 4 + floor(rng.next() * 5);
			if (rng.next() < appeal.clickRate) record.clicks[i] = rng.next() < 0.7 ? 1 : 2 + floor(rng.next() * 3);
		}
		const u = rng.next();
		if (u < appeal.unsubRate) record.flags[i] |= 1;
		else if (u < appeal.unsubRate + 0.0003) record.flags[i] |= 2;
	}
	return record;
}

function ipOf(record: SendRecord, i: number): string {
	return `203.0.113.${1 + (mix(record.salt, i, 7) % 254)}`;
}

export function urlIndex(record: SendRecord, i: number, k: number): number {
	return mix(record.salt, i, 100 + k) % record.urls.length;
}

/** Open times of recipient i: increasing, all inside the campaign's window. */
export function openTimes(record: SendRecord, sendTime: number, i: number): number[] {
	const times: number[] = [];
	const end = sendTime + record.windowMs;
	const first = unit(record.salt, i, 1);
	let t = sendTime + floor(record.windowMs * first * first);
	for (let k = 0; k < record.opens[i]; k++) {
		if (k > 0) t += floor((end - t) * unit(record.salt, i, 10 + k) * 0.5);
		times.push(t);
	}
	return times;
}

export function clickTimes(record: SendRecord, sendTime: number, opens: number[], i: number): number[] {
	const end = sendTime + record.windowMs;
	const times: number[] = [];
	for (let k = 0; k < record.clicks[i]; k++) {
		const after = opens[min(k, opens.length - 1)];
		times.push(min(end, after + 30_000 + floor(unit(record.salt, i, 50 + k) * 600_000)));
	}
	return times;
}

export function bounceTime(record: SendRecord, sendTime: number, i: number): number {
	return sendTime + min(record.windowMs, 60_000 + floor(unit(record.salt, i, 3) * 1_800_000));
}

export function unsubscribeTime(record: SendRecord, sendTime: number, i: number): number {
	const opens = openTimes(record, sendTime, i);
	const from = opens.length ? opens[opens.length - 1] : sendTime;
	const end = sendTime + record.windowMs;
	return from + floor((end - from) * unit(record.salt, i, 4));
}

const UNSUB_REASONS = [
	'I no longer want to receive these emails',
	'I never signed up for this mailing list',
	'The emails are inappropriate',
	'The emails are spam and should be reported',
	'N/A (Unsubscribed by admin)',
];

export function unsubscribeReason(record: SendRecord, i: number): string {
	return UNSUB_REASONS[mix(record.salt, i, 5) % UNSUB_REASONS.length];
}

/** Every open, click and bounce of recipient i, oldest first (what /email-activity lists). */
export function recipientEvents(record: SendRecord, sendTime: number, i: number): ActivityEvent[] {
	const ip = ipOf(record, i);
	if (record.delivery[i] !== 0) {
		const type = record.delivery[i] === 1 ? 'hard' : 'soft';
		return [{ action: 'bounce', type, timestamp: bounceTime(record, sendTime, i), url: '', ip: '' }];
	}
	const opens = openTimes(record, sendTime, i);
	const events: ActivityEvent[] = opens.map((timestamp) => ({ action: 'open', type: '', timestamp, url: '', ip }));
	clickTimes(record, sendTime, opens, i).forEach((timestamp, k) => {
		events.push({ action: 'click', type: '', timestamp, url: record.urls[urlIndex(record, i, k)], ip });
	});
	return events.sort((a, b) => a.timestamp - b.timestamp);
}

export interface UrlStats {
	url: string;
	totalClicks: number;
	uniqueClicks: number;
	lastClick?: number;
}

export interface ReportNumbers {
	emailsSent: number;
	hardBounces: number;
	softBounces: number;
	opensTotal: number;
	uniqueOpens: number;
	lastOpen?: number;
	clicksTotal: number;
	/** Distinct (recipient, url) pairs, MailChimp's "unique clicks". */
	uniqueClicks: number;
	uniqueSubscriberClicks: number;
	lastClick?: number;
	unsubscribed: number;
	abuseReports: number;
	urls: UrlStats[];
}

/** Aggregate the per-recipient record: every report number is a sum of what /email-activity shows. */
export function reportNumbers(record: SendRecord, sendTime: number): ReportNumbers {
	const urls: UrlStats[] = record.urls.map((url) => ({ url, totalClicks: 0, uniqueClicks: 0 }));
	const n: ReportNumbers = {
		emailsSent: record.memberIdx.length,
		hardBounces: 0,
		softBounces: 0,
		opensTotal: 0,
		uniqueOpens: 0,
		clicksTotal: 0,
		uniqueClicks: 0,
		uniqueSubscriberClicks: 0,
		unsubscribed: 0,
		abuseReports: 0,
		urls,
	};
	for (let i = 0; i < record.memberIdx.length; i++) {
		if (record.delivery[i] === 1) n.hardBounces++;
		if (record.delivery[i] === 2) n.softBounces++;
		if (record.flags[i] & 1) n.unsubscribed++;
		if (record.flags[i] & 2) n.abuseReports++;
		if (record.opens[i] === 0) continue;
		const opens = openTimes(record, sendTime, i);
		n.opensTotal += opens.length;
		n.uniqueOpens++;
		n.lastOpen = max(n.lastOpen ?? 0, opens[opens.length - 1]);
		if (record.clicks[i] === 0) continue;
		n.uniqueSubscriberClicks++;
		const seen = new Set<number>();
		clickTimes(record, sendTime, opens, i).forEach((t, k) => {
			const u = urlIndex(record, i, k);
			n.clicksTotal++;
			urls[u].totalClicks++;
			urls[u].lastClick = max(urls[u].lastClick ?? 0, t);
			n.lastClick = max(n.lastClick ?? 0, t);
			if (!seen.has(u)) {
				seen.add(u);
				urls[u].uniqueClicks++;
				n.uniqueClicks++;
			}
		});
	}
	return n;
}

export function rate(part: number, whole: number): number {
	return whole > 0 ? round((part / whole) * 1e6) / 1e6 : 0;
}
