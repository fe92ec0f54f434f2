import { bounceTime, buildSendRecord, NO_ACTIVITY, unsubscribeReason, unsubscribeTime, type CampaignAppeal } from './activity';
import type { Random } from './random';
import type { AudienceList, Campaign, MailchimpStore, SendRecord } from './store';
import { segmentMinRating } from './serialize';
import { DAY } from './time';

// Module-level copies: global lookups are slow inside jest's vm sandbox, and these run in hot loops.
const { min } = Math;

const PAGES = ['shop', 'blog/whats-new', 'sale', 'events/webinar', 'account/preferences', 'stories'];

export function campaignUrls(rng: Random, id: string): string[] {
	const n = rng.int(1, 4);
	const start = rng.int(0, PAGES.length - 1);
	return Array.from({ length: n }, (_, k) => `https://sandbox-outfitters.test/${PAGES[(start + k) % PAGES.length]}?utm_campaign=${id}`);
}

/**
 * `churn` scales unsubscribes and hard bounces: the seed spreads a realistic lifetime churn
 * (about 15% unsubscribed, 3% cleaned) over however many campaigns a list received.
 */
export function randomAppeal(rng: Random, churn = 1): CampaignAppeal {
	return {
		openRate: 0.3 + rng.next() * 0.35,
		clickRate: 0.08 + rng.next() * 0.25,
		unsubRate: (0.001 + rng.next() * 0.003) * churn,
		hardBounceRate: 0.0005 * churn,
		softBounceRate: 0.01,
		activity: true,
	};
}

/** Open propensity by member rating (1..5): better-rated contacts open more. */
export function propensity(list: AudienceList): (idx: number) => number {
	return (idx) => 0.4 + list.members[idx].rating * 0.15;
}

export interface Lifecycle {
	/** Still subscribed (no unsubscribe/clean has happened to this member yet). */
	active(idx: number): boolean;
	/** The member left at time t. */
	leave(idx: number, t: number): void;
}

/**
 * Apply a send's consequences to members: counters, hard bounce -> cleaned, unsubscribe ->
 * unsubscribed. A member who already left elsewhere keeps one exit: their events here turn harmless.
 */
export function applyOutcome(list: AudienceList, record: SendRecord, sendTime: number, lifecycle: Lifecycle): void {
	for (let i = 0; i < record.memberIdx.length; i++) {
		const idx = record.memberIdx[i];
		const m = list.members[idx];
		m.sent++;
		if (record.opens[i] > 0) m.opened++;
		if (record.clicks[i] > 0) m.clicked++;
		if (record.delivery[i] === 1) {
			if (!lifecycle.active(idx)) {
				record.delivery[i] = 2;
				continue;
			}
			const t = bounceTime(record, sendTime, i);
			m.status = 'cleaned';
			m.lastChanged = t;
			lifecycle.leave(idx, t);
		} else if (record.flags[i] & 1) {
			if (!lifecycle.active(idx)) {
				record.flags[i] &= ~1;
				continue;
			}
			const t = unsubscribeTime(record, sendTime, i);
			m.status = 'unsubscribed';
			m.lastChanged = t;
			m.unsubscribeReason = unsubscribeReason(record, i);
			lifecycle.leave(idx, t);
		}
	}
}

/**
 * Send a campaign now (or dated `at` in the past) to the members subscribed today. With `activity`
 * recipients open/click/bounce between `at` and now; without, everyone simply received it.
 */
export function sendCampaignNow(store: MailchimpStore, campaign: Campaign, options: { at?: number; activity?: boolean } = {}): void {
	const list = store.list(campaign.listId);
	if (!list) throw new Error(`campaign ${campaign.id} has no audience`);
	const now = store.clock.now();
	const at = min(options.at ?? now, now);
	const minRating = segmentMinRating(campaign);
	const recipients: number[] = [];
	list.members.forEach((m, idx) => {
		if (m.status === 'subscribed' && m.rating >= minRating) recipients.push(idx);
	});
	const appeal = options.activity ? randomAppeal(store.rng) : NO_ACTIVITY;
	const windowMs = min(7 * DAY, now - at);
	const record = buildSendRecord(store.rng, recipients, propensity(list), appeal, windowMs, campaignUrls(store.rng, campaign.id));
	campaign.status = 'sent';
	campaign.sendTime = at;
	campaign.send = record;
	applyOutcome(list, record, at, {
		active: (idx) => list.members[idx].status === 'subscribed',
		leave: () => undefined,
	});
	store.invalidate(campaign);
}
