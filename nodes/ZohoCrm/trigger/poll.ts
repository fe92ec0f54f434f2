import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import type { ZohoClient } from '../transport';
import { LISTING_LIMIT, MAX_PER_PAGE, PAGE_NUMBER_LIMIT } from '../transport/pages';
import { advanceCursor, cursorFieldOf, readSince, type ZohoCursorState, type ZohoTriggerEvent } from './cursor';
import { secondsMs } from '../../shared/time';
import { fetchFields, type FieldPlan } from './fields';
import { listPage } from './listPage';
import { readWideSecond } from './wideSecond';

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
		const { data, info, serverNow } = await listPage(ctx, client, settings.module, pageToken ? { ...qs, page_token: pageToken } : { ...qs, page }, since);
		pages++;
		read += data.length;
		if (onlyStartSecond) onlyStartSecond = data.every((r) => secondsMs(r[field]) === startTime);
		lastServerNow = serverNow;
		const openFrom = field === 'Modified_Time' ? serverNow : undefined;
		const outcome = advanceCursor(state, data, { field, event: settings.event, overlapMs: settings.overlapMs, openFrom });
		emitted.push(...outcome.emit);
		if (outcome.maxModified !== null && (maxModified === null || outcome.maxModified > maxModified)) maxModified = outcome.maxModified;
		if (outcome.passed > 0) productive++;
		else skipOnly++;
		if (outcome.held) break;
		if (!info.more_records || data.length === 0) {
			complete = read < LISTING_LIMIT;
			break;
		}
		if (productive >= settings.maxPages || skipOnly >= MAX_SKIP_PAGES) break;
		if (info.next_page_token) pageToken = info.next_page_token;
		else if (page * MAX_PER_PAGE < PAGE_NUMBER_LIMIT) page++;
		else break;
	}
	const wide = field === 'Modified_Time' && settings.overlapMs === 0 && !complete && emitted.length === 0 && read >= LISTING_LIMIT && onlyStartSecond;
	if (wide && startTime !== null) {
		// The listing cannot get past this second (wideSecond.ts): read it whole, then close it.
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
