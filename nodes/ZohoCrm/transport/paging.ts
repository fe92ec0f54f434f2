import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk } from '../../shared/pool';
import { expectOk, zohoCall, type ZohoClient } from './index';
import { LISTING_LIMIT, MAX_FIELDS_PER_CALL, MAX_PER_PAGE, PAGE_NUMBER_LIMIT, type PageInfo } from './pages';
import { readById } from './readById';

/** How often one listing may start over after its page_token expired mid-read. */
export const PAGE_TOKEN_RESTARTS = 2;

export interface ListOptions {
	module: string;
	fields: string[];
	/** undefined = every record */
	limit?: number;
	sortBy?: string;
	sortOrder?: 'asc' | 'desc';
	cvid?: string;
	converted?: string;
	approved?: string;
	territoryId?: string;
	/** ISO date-time sent as If-Modified-Since. */
	modifiedSince?: string;
	itemIndex?: number;
}

function pageTokenExpired(answer: { status: number; body: IDataObject | undefined }): boolean {
	if (answer.status !== 400) return false;
	const body = (answer.body ?? {}) as { code?: string; details?: IDataObject };
	return body.code === 'EXPIRED_VALUE' || (body.code === 'INVALID_DATA' && body.details?.param_name === 'page_token');
}

/**
 * Reads one column set of a module page by page: 200 per call, page numbers to 2,000 and
 * `page_token` beyond, never more pages than `limit` needs. 204 and 304 end the listing.
 * A page_token that expires mid-read (Zoho: EXPIRED_VALUE) starts the listing over with the same
 * order, keeping each record id once: nothing is lost or returned twice, at the cost of re-reading
 * the pages already seen (at most PAGE_TOKEN_RESTARTS times).
 */
async function listColumns(
	ctx: HostContext,
	client: ZohoClient,
	options: ListOptions,
	fields: string[],
	limit: number | undefined,
	stopped: () => boolean = () => false,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const base: IDataObject = { fields: fields.join(',') };
	if (options.sortBy) base.sort_by = options.sortBy;
	if (options.sortOrder) base.sort_order = options.sortOrder;
	if (options.cvid) base.cvid = options.cvid;
	if (options.converted) base.converted = options.converted;
	if (options.approved) base.approved = options.approved;
	if (options.territoryId) base.territory_id = options.territoryId;
	const headers: IDataObject = options.modifiedSince ? { 'If-Modified-Since': options.modifiedSince } : {};
	let page = 1;
	let pageToken: string | undefined;
	let restarts = 0;
	const seen = new Set<string>();
	for (;;) {
		if (stopped()) break;
		const remaining = limit === undefined ? MAX_PER_PAGE : limit - records.length;
		// Never ask past the listing's ceiling: Get Many continues from there by Bulk Read (transport/bulk/beyondListing.ts).
		if (remaining <= 0 || seen.size >= LISTING_LIMIT) break;
		const perPage = Math.min(MAX_PER_PAGE, remaining);
		const qs: IDataObject = { ...base, per_page: limit === undefined ? MAX_PER_PAGE : perPage };
		if (pageToken) qs.page_token = pageToken;
		else qs.page = page;
		const answer = await zohoCall(ctx, client, { method: 'GET', path: `/${encodeURIComponent(options.module)}`, qs, headers }, options.itemIndex);
		if (pageToken && pageTokenExpired(answer) && restarts < PAGE_TOKEN_RESTARTS) {
			restarts++;
			pageToken = undefined;
			page = 1;
			continue;
		}
		if (answer.status === 204 || answer.status === 304) break;
		const body = expectOk(ctx, answer, { itemIndex: options.itemIndex, module: options.module, action: 'get many' }) ?? {};
		const data = (body.data as IDataObject[] | undefined) ?? [];
		for (const record of data) {
			if (record.id !== undefined && record.id !== null) {
				const id = String(record.id);
				if (seen.has(id)) continue;
				seen.add(id);
			}
			records.push(record);
		}
		const info = (body.info ?? {}) as PageInfo;
		if (!info.more_records || data.length === 0) break;
		const next = info.next_page_token ?? undefined;
		if (next) {
			pageToken = next;
		} else if (page * (qs.per_page as number) < PAGE_NUMBER_LIMIT) {
			page++;
		} else {
			break;
		}
	}
	return limit === undefined ? records : records.slice(0, limit);
}

/**
 * Every requested field, however many: Zoho takes at most 50 per call, so the fields are split into
 * column sets read with the same order and merged by record id. Records that a later column set
 * missed (changed mid-read) are fetched by id, 100 per call.
 */
export async function listRecords(ctx: HostContext, client: ZohoClient, options: ListOptions): Promise<IDataObject[]> {
	const wanted = [...new Set(options.fields.filter((f) => f !== 'id'))];
	const groups = chunk(wanted, MAX_FIELDS_PER_CALL - 1).map((g) => ['id', ...g]);
	if (groups.length === 0) groups.push(['id']);
	const order = options.sortBy ? options : { ...options, sortBy: 'id', sortOrder: 'asc' as const };
	// Reading everything: the other column sets are listed alongside the first (each its own page
	// chain), so the read takes as many rounds as one column set, not one per set.
	// A failing chain stops the others at their next page; the failure is thrown once all have ended.
	const listAll = options.limit === undefined && options.sortBy === undefined;
	let failed = false;
	const stopped = () => failed;
	// Several column sets read in one order (id ascending), so past 100,000 records they hold the same records.
	const firstOrder = listAll && groups.length > 1 ? order : options;
	const chains = [
		() => listColumns(ctx, client, firstOrder, groups[0], options.limit, stopped),
		...groups.slice(1).map((group) => async () => (listAll ? await listColumns(ctx, client, order, group, undefined, stopped) : [])),
	];
	const outcomes = await Promise.all(
		chains.map(async (chain) => {
			try {
				return { records: await chain() };
			} catch (error) {
				failed = true;
				return { records: [], error };
			}
		}),
	);
	const failure = outcomes.find((outcome) => 'error' in outcome);
	if (failure) throw failure.error;
	const [first, ...others] = outcomes.map((outcome) => outcome.records);
	if (groups.length === 1) return first;
	const byId = new Map(first.map((r) => [String(r.id), { ...r }]));
	for (const [index, group] of groups.slice(1).entries()) {
		const seen = new Set<string>();
		for (const record of others[index]) {
			const target = byId.get(String(record.id));
			if (!target) continue;
			Object.assign(target, record);
			seen.add(String(record.id));
		}
		const missing = [...byId.keys()].filter((id) => !seen.has(id));
		const fetched = await readById(ctx, client, missing, group, { itemIndex: options.itemIndex, module: options.module, action: 'get many' });
		for (const [id, record] of fetched) {
			const target = byId.get(id);
			if (target) Object.assign(target, record);
		}
	}
	return first.map((r) => byId.get(String(r.id)) ?? r);
}
