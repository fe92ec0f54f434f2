import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import type { ZohoClient } from '../transport';
import { MAX_PER_PAGE } from '../transport/pages';
import { cursorFieldOf, type CursorField, type ZohoCursorState } from './cursor';
import { secondsMs } from '../../shared/time';
import { KEY_FIELDS } from './fields';
import { listPage } from './listPage';
import type { TriggerSettings } from './poll';

/** Newest records first by the cursor field (fields as given). */
export async function latestRecords(
	ctx: HostContext,
	client: ZohoClient,
	settings: Pick<TriggerSettings, 'module' | 'cvid'>,
	field: CursorField,
	fields: string[],
	perPage: number,
): Promise<IDataObject[]> {
	const qs: IDataObject = { fields: fields.join(','), sort_by: field, sort_order: 'desc', per_page: perPage, page: 1 };
	if (settings.cvid) qs.cvid = settings.cvid;
	return (await listPage(ctx, client, settings.module, qs, undefined)).data;
}

/**
 * The cursor for "from now": the newest record's own time (server clock, no skew) and the ids
 * already at that second, so a record written later in the same second is still caught.
 */
export async function startFromNow(ctx: HostContext, client: ZohoClient, settings: TriggerSettings, key: string): Promise<ZohoCursorState> {
	const field = cursorFieldOf(settings.event);
	const state: ZohoCursorState = { v: 1, key, time: null, seen: [], watermark: null };
	const qs: IDataObject = { fields: KEY_FIELDS.join(','), sort_by: field, sort_order: 'desc', per_page: MAX_PER_PAGE };
	if (settings.cvid) qs.cvid = settings.cvid;
	let pageToken: string | undefined;
	for (let page = 1; page <= 10; page++) {
		const { data, info } = await listPage(ctx, client, settings.module, pageToken ? { ...qs, page_token: pageToken } : { ...qs, page }, undefined);
		if (data.length === 0) break;
		if (state.time === null) state.time = secondsMs(data[0][field]);
		const atTop = data.filter((r) => secondsMs(r[field]) === state.time);
		state.seen.push(...atTop.map((r) => `${String(r.id)}@${(state.time as number) / 1000}`));
		if (atTop.length < data.length || !info.more_records) break;
		pageToken = info.next_page_token ?? undefined;
	}
	if (field === 'Created_Time') {
		const newest = await latestRecords(ctx, client, settings, 'Modified_Time', ['id', 'Modified_Time'], 1);
		state.watermark = newest.length ? secondsMs(newest[0].Modified_Time) : null;
	}
	return state;
}

/** The cursor for "from a date": everything at or after it is new. */
export function startFromDate(key: string, dateMs: number): ZohoCursorState {
	const time = Math.floor(dateMs / 1000) * 1000;
	return { v: 1, key, time, seen: [], watermark: time };
}
