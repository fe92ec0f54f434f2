import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk } from '../../shared/pool';
import { expectOk, zohoCall, type ZohoClient } from '../transport';
import { moduleFields } from '../transport/metadata';
import { MAX_FIELDS_PER_CALL, MAX_PER_PAGE, PAGE_NUMBER_LIMIT } from '../transport/paging';
import {
	advanceCursor,
	cursorFieldOf,
	readSince,
	toZohoDateTime,
	zohoTimeMs,
	type CursorField,
	type ZohoCursorState,
	type ZohoTriggerEvent,
} from './cursor';
import { readWideSecond } from './wideSecond';

/** Fields every read carries: the cursor needs them whatever the user picked. */
export const KEY_FIELDS = ['id', 'Created_Time', 'Modified_Time'];
/** One page_token chain reads at most 100,000 records. */
const PAGE_TOKEN_CEILING = 100_000;
/** Pages that only re-read records already passed (a large same-second batch) do not use up the budget, up to this many. */
const MAX_SKIP_PAGES = 500;

export interface TriggerSettings {
	module: string;
	event: ZohoTriggerEvent;
	cvid: string;
	/** Fields to emit; empty = every field of the module. */
	fields: string[];
	/** Pages of 200 that may bring new records per poll; the rest waits for the next poll. */
	maxPages: number;
	overlapMs: number;
}

interface PageInfo {
	more_records?: boolean;
	next_page_token?: string | null;
}

/** What one GET of the module lists, with the fields split as the plan says. */
export interface FieldPlan {
	/** Fields read with every page (50 at most, the key fields first). */
	pageFields: string[];
	/** Every field wanted when they do not fit in one call, or undefined ("all") to be read from metadata. */
	rest: string[] | undefined;
}

/**
 * User fields that fit beside the key fields are read with the page itself (one call per 200
 * records). More fields, or "all fields", are read afterwards by id for the records to emit only, so
 * a poll with nothing new costs a single call.
 */
export function planFields(fields: string[]): FieldPlan {
	const wanted = [...new Set(fields.map((f) => f.trim()).filter((f) => f && !KEY_FIELDS.includes(f)))];
	if (fields.length === 0) return { pageFields: KEY_FIELDS, rest: undefined };
	if (KEY_FIELDS.length + wanted.length <= MAX_FIELDS_PER_CALL) return { pageFields: [...KEY_FIELDS, ...wanted], rest: [] };
	return { pageFields: KEY_FIELDS, rest: wanted };
}

async function getPage(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	qs: IDataObject,
	since: number | undefined,
): Promise<{ data: IDataObject[]; info: PageInfo; serverNow?: number }> {
	const headers: IDataObject = since === undefined ? {} : { 'If-Modified-Since': toZohoDateTime(since) };
	const answer = await zohoCall(ctx, client, { method: 'GET', path: `/${encodeURIComponent(module)}`, qs, headers });
	const date = Date.parse(String(answer.headers.date ?? answer.headers.Date ?? ''));
	const serverNow = Number.isNaN(date) ? undefined : Math.floor(date / 1000) * 1000;
	if (answer.status === 204 || answer.status === 304) return { data: [], info: { more_records: false }, serverNow };
	const body = expectOk(ctx, answer, { module, action: 'poll for changes' }) ?? {};
	return { data: (body.data as IDataObject[] | undefined) ?? [], info: (body.info ?? {}) as PageInfo, serverNow };
}

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
	return (await getPage(ctx, client, settings.module, qs, undefined)).data;
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
		const { data, info } = await getPage(ctx, client, settings.module, pageToken ? { ...qs, page_token: pageToken } : { ...qs, page }, undefined);
		if (data.length === 0) break;
		if (state.time === null) state.time = zohoTimeMs(data[0][field]);
		const atTop = data.filter((r) => zohoTimeMs(r[field]) === state.time);
		state.seen.push(...atTop.map((r) => `${String(r.id)}@${(state.time as number) / 1000}`));
		if (atTop.length < data.length || !info.more_records) break;
		pageToken = info.next_page_token ?? undefined;
	}
	if (field === 'Created_Time') {
		const newest = await latestRecords(ctx, client, settings, 'Modified_Time', ['id', 'Modified_Time'], 1);
		state.watermark = newest.length ? zohoTimeMs(newest[0].Modified_Time) : null;
	}
	return state;
}

/** The cursor for "from a date": everything at or after it is new. */
export function startFromDate(key: string, dateMs: number): ZohoCursorState {
	const time = Math.floor(dateMs / 1000) * 1000;
	return { v: 1, key, time, seen: [], watermark: time };
}

export interface PollResult {
	records: IDataObject[];
	/** Pages requested. */
	pages: number;
	/** The budget ended the read before Zoho had no more: the rest comes with the next poll. */
	backlog: boolean;
}

/**
 * Reads what changed since the cursor, oldest first (sort_by cursor field asc, If-Modified-Since
 * just before it), page_token past 2,000, and advances `state` in place. Stops after `maxPages`
 * pages that brought new records: the backlog stays behind the cursor for the next poll.
 */
export async function readChanges(
	ctx: HostContext,
	client: ZohoClient,
	settings: TriggerSettings,
	state: ZohoCursorState,
	plan: FieldPlan,
): Promise<PollResult> {
	const field = cursorFieldOf(settings.event);
	const since = readSince(state, field, settings.overlapMs);
	const qs: IDataObject = { fields: plan.pageFields.join(','), sort_by: field, sort_order: 'asc', per_page: MAX_PER_PAGE };
	if (settings.cvid) qs.cvid = settings.cvid;
	const emitted: IDataObject[] = [];
	let page = 1;
	let pageToken: string | undefined;
	let pages = 0;
	let productive = 0;
	let skipOnly = 0;
	let read = 0;
	let complete = false;
	let maxModified: number | null = null;
	let lastServerNow: number | undefined;
	const startTime = state.time;
	let onlyStartSecond = true;
	for (;;) {
		const { data, info, serverNow } = await getPage(ctx, client, settings.module, pageToken ? { ...qs, page_token: pageToken } : { ...qs, page }, since);
		pages++;
		read += data.length;
		if (onlyStartSecond) onlyStartSecond = data.every((r) => zohoTimeMs(r[field]) === startTime);
		lastServerNow = serverNow;
		const openFrom = field === 'Modified_Time' ? serverNow : undefined;
		const outcome = advanceCursor(state, data, { field, event: settings.event, overlapMs: settings.overlapMs, openFrom });
		emitted.push(...outcome.emit);
		if (outcome.maxModified !== null && (maxModified === null || outcome.maxModified > maxModified)) maxModified = outcome.maxModified;
		if (outcome.passed > 0) productive++;
		else skipOnly++;
		if (outcome.held) break;
		if (!info.more_records || data.length === 0) {
			complete = read < PAGE_TOKEN_CEILING;
			break;
		}
		if (productive >= settings.maxPages || skipOnly >= MAX_SKIP_PAGES) break;
		if (info.next_page_token) pageToken = info.next_page_token;
		else if (page * MAX_PER_PAGE < PAGE_NUMBER_LIMIT) page++;
		else break;
	}
	const wide = field === 'Modified_Time' && settings.overlapMs === 0 && !complete && emitted.length === 0 && read >= PAGE_TOKEN_CEILING && onlyStartSecond;
	if (wide && startTime !== null) {
		// The listing cannot get past this second (readWideSecond.ts): read it whole, then close it.
		emitted.push(...(await readWideSecond(ctx, client, settings, state, plan.pageFields, startTime)));
		if (lastServerNow !== undefined && lastServerNow > startTime) state.closedThrough = startTime;
	}
	if (field === 'Modified_Time' && complete && state.time !== null && lastServerNow !== undefined && lastServerNow > state.time) {
		state.closedThrough = state.time;
	}
	if (field === 'Created_Time' && complete && maxModified !== null && (state.watermark === null || maxModified > state.watermark)) {
		state.watermark = maxModified;
	}
	const records = plan.rest !== undefined && plan.rest.length === 0 ? emitted : await fetchFields(ctx, client, settings.module, emitted, plan.rest);
	return { records, pages, backlog: !complete };
}

/**
 * Reads `fields` (undefined: every field of the module, from metadata) by id for `records`: 100 ids
 * and 49 fields per call. A record deleted meanwhile keeps what it had.
 */
export async function fetchFields(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	records: IDataObject[],
	fields: string[] | undefined,
): Promise<IDataObject[]> {
	if (records.length === 0) return records;
	const all = fields ?? (await moduleFields(ctx, client, module)).map((f) => f.api_name);
	const wanted = [...new Set(all.filter((f) => f && f !== 'id'))];
	if (wanted.length === 0) return records;
	const byId = new Map(records.map((r) => [String(r.id), { ...r }]));
	for (const group of chunk(wanted, MAX_FIELDS_PER_CALL - 1)) {
		for (const ids of chunk([...byId.keys()], 100)) {
			const answer = await zohoCall(ctx, client, {
				method: 'GET',
				path: `/${encodeURIComponent(module)}`,
				qs: { ids: ids.join(','), fields: ['id', ...group].join(',') },
			});
			if (answer.status === 204) continue;
			const body = expectOk(ctx, answer, { module, action: 'read changed records' }) ?? {};
			for (const full of (body.data as IDataObject[] | undefined) ?? []) {
				const target = byId.get(String(full.id));
				if (target) Object.assign(target, full);
			}
		}
	}
	return records.map((r) => byId.get(String(r.id)) ?? r);
}
