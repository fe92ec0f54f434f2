import type { IDataObject } from 'n8n-workflow';
import { isoSeconds, secondsMs } from '../../shared/time';

/** The MailChimp Campaigns Trigger's cursor: pure functions over what MailChimp returned. */

export type CampaignEvent = 'sent' | 'created';

export interface CampaignCursor {
	v: 1;
	/** event|audience|start: a changed configuration starts over. */
	key: string;
	/** send_time / create_time (epoch ms, whole seconds) of the newest campaign passed; null: none existed at activation. */
	time: number | null;
	/** Ids of the campaigns passed at that second (MailChimp times have second precision). */
	seen: string[];
	/** Bumped on every write; a poll writes only over the revision it read (shared/pollGuard.ts). */
	rev?: number;
}

export function timeField(event: CampaignEvent): 'send_time' | 'create_time' {
	return event === 'sent' ? 'send_time' : 'create_time';
}

export function isCampaignCursor(value: unknown): value is CampaignCursor {
	const c = value as CampaignCursor | undefined;
	return !!c && c.v === 1 && typeof c.key === 'string' && Array.isArray(c.seen) && (c.time === null || typeof c.time === 'number');
}

/** The since_* filter: one second before the cursor, whatever MailChimp's boundary is. */
export function sinceOf(cursor: CampaignCursor): string | undefined {
	return cursor.time === null ? undefined : isoSeconds(cursor.time - 1000);
}

/** Statuses of a campaign that will (or may) still reach "sent" with the send_time it shows now. */
const NOT_YET_SENT = new Set(['sending', 'schedule']);

/**
 * Applies campaigns sorted ascending by the cursor's time field. "sent": a campaign still sending
 * (or scheduled) stops the walk, so it is emitted when it reaches "sent" with its original
 * send_time instead of falling behind the cursor; other statuses (canceled, paused) are passed.
 */
export function advanceCampaigns(cursor: CampaignCursor, campaigns: IDataObject[], event: CampaignEvent): { emit: IDataObject[]; held: boolean } {
	const field = timeField(event);
	const seen = new Set(cursor.seen);
	const emit: IDataObject[] = [];
	for (const campaign of campaigns) {
		const id = String(campaign.id ?? '');
		const t = secondsMs(campaign[field]);
		if (!id || Number.isNaN(t)) continue;
		if (cursor.time !== null && (t < cursor.time || (t === cursor.time && seen.has(id)))) continue;
		const status = String(campaign.status ?? '');
		if (event === 'sent' && NOT_YET_SENT.has(status)) {
			cursor.seen = [...seen];
			return { emit, held: true };
		}
		if (cursor.time === null || t > cursor.time) {
			cursor.time = t;
			seen.clear();
		}
		seen.add(id);
		if (event === 'created' || status === 'sent') emit.push(campaign);
	}
	cursor.seen = [...seen];
	return { emit, held: false };
}
