import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import type { MailchimpClient } from '../transport';
import { fetchPaged } from '../transport/paging';
import { isoSeconds, secondsMs } from '../../shared/time';
import { advanceCampaigns, sinceOf, timeField, type CampaignCursor, type CampaignEvent } from './cursor';

const DAY = 86_400_000;

export interface CampaignTriggerSettings {
	event: CampaignEvent;
	listId: string;
	/** 0: no report re-emission. */
	reportWindowDays: number;
	/** Minimum hours between two report emissions (0: every poll). */
	reportEveryHours: number;
}

function baseQuery(settings: CampaignTriggerSettings): IDataObject {
	return settings.listId ? { list_id: settings.listId } : {};
}

/** Campaigns newest first by the event's time (sent ones only for "sent"), at most `count`. */
export async function latestCampaigns(ctx: HostContext, client: MailchimpClient, settings: CampaignTriggerSettings, count: number): Promise<IDataObject[]> {
	const qs: IDataObject = { ...baseQuery(settings), sort_field: timeField(settings.event), sort_dir: 'DESC' };
	if (settings.event === 'sent') qs.status = 'sent';
	return await fetchPaged(ctx, client, { path: '/campaigns', collection: 'campaigns', qs, limit: count }, { action: 'poll campaigns' });
}

/**
 * "From now" on MailChimp's own clock: the newest campaign's time and the ids at that second. A
 * campaign sending at activation is left out on purpose: it is emitted once it is sent.
 */
export async function campaignCursorFromNow(ctx: HostContext, client: MailchimpClient, settings: CampaignTriggerSettings, key: string): Promise<CampaignCursor> {
	const latest = await latestCampaigns(ctx, client, settings, 100);
	const field = timeField(settings.event);
	const time = latest.length ? secondsMs(latest[0][field]) : Number.NaN;
	if (Number.isNaN(time)) return { v: 1, key, time: null, seen: [] };
	return { v: 1, key, time, seen: latest.filter((c) => secondsMs(c[field]) === time).map((c) => String(c.id)) };
}

/**
 * Campaigns since the cursor, oldest first, paged at 1,000 until total_items; advances `cursor` in
 * place and returns the campaigns to emit.
 */
export async function readCampaigns(ctx: HostContext, client: MailchimpClient, settings: CampaignTriggerSettings, cursor: CampaignCursor): Promise<IDataObject[]> {
	const field = timeField(settings.event);
	const qs: IDataObject = { ...baseQuery(settings), sort_field: field, sort_dir: 'ASC' };
	const since = sinceOf(cursor);
	if (since) qs[settings.event === 'sent' ? 'since_send_time' : 'since_create_time'] = since;
	const campaigns = await fetchPaged(ctx, client, { path: '/campaigns', collection: 'campaigns', qs, limit: Infinity }, { action: 'poll campaigns' });
	// Unsent campaigns have no send_time; MailChimp lists them even with since_send_time on some accounts.
	const ordered = campaigns
		.filter((c) => !Number.isNaN(secondsMs(c[field])))
		.sort((a, b) => secondsMs(a[field]) - secondsMs(b[field]));
	return advanceCampaigns(cursor, ordered, settings.event).emit;
}

/** Reports of the campaigns sent within the window, paged at 1,000 until total_items. */
export async function recentReports(ctx: HostContext, client: MailchimpClient, settings: CampaignTriggerSettings, now = Date.now()): Promise<IDataObject[]> {
	const qs: IDataObject = { since_send_time: isoSeconds(now - settings.reportWindowDays * DAY) };
	const reports = await fetchPaged(ctx, client, { path: '/reports', collection: 'reports', qs, limit: Infinity }, { action: 'poll reports' });
	return settings.listId ? reports.filter((r) => r.list_id === undefined || r.list_id === settings.listId) : reports;
}

/** Whether the report window is due again (local clock: it only paces emissions, never decides what is new). */
export function reportsDue(settings: CampaignTriggerSettings, lastAt: number | undefined, now = Date.now()): boolean {
	if (settings.reportWindowDays <= 0) return false;
	return lastAt === undefined || now - lastAt >= settings.reportEveryHours * 3_600_000;
}
