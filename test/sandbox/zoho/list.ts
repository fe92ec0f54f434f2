import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../core/types';
import { toZohoTime } from './clock';
import { ZOHO_DISCRETE_PAGE_LIMIT, ZOHO_MAX_PER_PAGE, ZOHO_PAGE_TOKEN_LIMIT } from './constants';
import { errorReply, invalidParam, noContent } from './errors';
import type { ModuleDef } from './fieldTypes';
import type { ListFilters, PageCursor, PageTokens } from './pageTokens';
import { enumParam, fieldsParam, intParam, isReply } from './params';
import { projectRecord } from './project';
import type { ZohoStore, ZRecord } from './store';
import { CUSTOM_VIEWS } from './views';

export const SORT_FIELDS = ['id', 'Created_Time', 'Modified_Time'] as const;
const TRI = ['true', 'false', 'both'] as const;

export function applyFilters(records: ZRecord[], module: ModuleDef, filters: ListFilters): ZRecord[] {
	const view = filters.cvid ? CUSTOM_VIEWS.find((v) => v.id === filters.cvid) : undefined;
	const ids = filters.ids ? new Set(filters.ids) : undefined;
	return records.filter((r) => {
		if (module.api_name === 'Leads' && filters.converted !== 'both' && String(r.$converted === true) !== filters.converted) return false;
		if (filters.approved !== 'both' && String(r.$approved !== false) !== filters.approved) return false;
		if (ids && !ids.has(r.id)) return false;
		if (view && !view.matches(r)) return false;
		if (filters.modifiedSince !== undefined && Date.parse(String(r.Modified_Time)) <= filters.modifiedSince) return false;
		return true;
	});
}

function sortKey(record: ZRecord, sortBy: string): string {
	if (sortBy === 'id') return record.id;
	// Stored times are normalised to +00:00, so the ISO strings sort chronologically.
	return String(record[sortBy] ?? '');
}

export function sortRecords(records: ZRecord[], sortBy: string, order: 'asc' | 'desc'): ZRecord[] {
	const sign = order === 'asc' ? 1 : -1;
	return records.sort((a, b) => {
		const ka = sortKey(a, sortBy);
		const kb = sortKey(b, sortBy);
		if (ka !== kb) return ka < kb ? -sign : sign;
		return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
	});
}

function after(record: ZRecord, cursor: PageCursor): boolean {
	const key = sortKey(record, cursor.sortBy);
	const sign = cursor.sortOrder === 'asc' ? 1 : -1;
	if (key !== cursor.last.value) return (key > cursor.last.value ? 1 : -1) * sign > 0;
	if (record.id === cursor.last.id) return false;
	return (record.id > cursor.last.id ? 1 : -1) * sign > 0;
}

/** Index of the first record after the cursor in the sorted list (-1 when none): `after` is monotone over it. */
function firstAfter(sorted: ZRecord[], cursor: PageCursor): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (after(sorted[mid], cursor)) hi = mid;
		else lo = mid + 1;
	}
	return lo < sorted.length ? lo : -1;
}

function modifiedSinceHeader(headers: IncomingHttpHeaders): number | undefined | Reply {
	const raw = headers['if-modified-since'];
	if (!raw) return undefined;
	const ms = Date.parse(raw);
	if (Number.isNaN(ms)) return errorReply(400, 'INVALID_DATA', 'the If-Modified-Since header is not a valid date', { header_name: 'If-Modified-Since' });
	return ms;
}

/**
 * The filtered, sorted records of a listing, kept while the store is unchanged: a page_token chain
 * over 100,000 records then costs a lookup per page instead of a sort (records are never mutated
 * without a store write, which changes `store.version`).
 */
const sortedCache = new WeakMap<ZohoStore, { version: number; key: string; sorted: ZRecord[] }>();

function sortedMatches(store: ZohoStore, module: ModuleDef, filters: ListFilters, sortBy: string, sortOrder: 'asc' | 'desc'): ZRecord[] {
	const key = JSON.stringify([module.api_name, filters, sortBy, sortOrder]);
	const hit = sortedCache.get(store);
	if (hit && hit.version === store.version && hit.key === key) return hit.sorted;
	const sorted = sortRecords(applyFilters(store.all(module.api_name), module, filters), sortBy, sortOrder);
	sortedCache.set(store, { version: store.version, key, sorted });
	return sorted;
}

export interface ListOptions {
	version: 'v8' | 'v2';
	pageTokens: PageTokens;
}

/** GET /{module}: page numbers up to 2,000 records, page_token beyond (v8 only), filters, 204/304. */
export function listRecords(store: ZohoStore, module: ModuleDef, query: URLSearchParams, headers: IncomingHttpHeaders, opts: ListOptions): Reply {
	const v8 = opts.version === 'v8';
	const fields = fieldsParam(query, module, v8);
	if (isReply(fields)) return fields;
	const perPage = intParam(query, 'per_page', 1, ZOHO_MAX_PER_PAGE, ZOHO_MAX_PER_PAGE);
	if (isReply(perPage)) return perPage;
	const pageParam = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER, 1);
	if (isReply(pageParam)) return pageParam;
	const tokenParam = v8 ? query.get('page_token') : null;

	let cursor: PageCursor | undefined;
	let filters: ListFilters;
	let sortBy: string;
	let sortOrder: 'asc' | 'desc';
	if (tokenParam !== null) {
		if (query.has('page')) return invalidParam('page', 'page and page_token cannot be used together');
		const found = opts.pageTokens.lookup(tokenParam);
		if (found === 'expired') return errorReply(400, 'EXPIRED_VALUE', 'the page_token given has expired', { param_name: 'page_token' });
		if (!found || found.module !== module.api_name) return invalidParam('page_token', 'the page_token given is invalid');
		cursor = found;
		({ filters, sortBy, sortOrder } = found);
	} else {
		if (pageParam * perPage > ZOHO_DISCRETE_PAGE_LIMIT) {
			return errorReply(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', `cannot fetch more than ${ZOHO_DISCRETE_PAGE_LIMIT} records with page; use the page_token parameter to fetch more records`, {
				limit: ZOHO_DISCRETE_PAGE_LIMIT,
			});
		}
		const sb = enumParam(query, 'sort_by', SORT_FIELDS, 'id');
		if (isReply(sb)) return sb;
		const so = enumParam(query, 'sort_order', ['asc', 'desc'] as const, 'desc');
		if (isReply(so)) return so;
		const converted = enumParam(query, 'converted', TRI, 'false');
		if (isReply(converted)) return converted;
		const approved = enumParam(query, 'approved', TRI, 'true');
		if (isReply(approved)) return approved;
		const cvid = query.get('cvid') ?? undefined;
		if (cvid && !CUSTOM_VIEWS.some((v) => v.id === cvid && v.module === module.api_name)) {
			return invalidParam('cvid', 'the custom view id given seems to be invalid');
		}
		const idsRaw = query.get('ids');
		const ids = idsRaw ? idsRaw.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
		if (ids && ids.length > 100) return errorReply(400, 'LIMIT_EXCEEDED', 'at most 100 ids can be given', { limit: 100, param_name: 'ids' });
		const since = modifiedSinceHeader(headers);
		if (isReply(since)) return since;
		filters = { cvid, ids, converted, approved, modifiedSince: since };
		sortBy = sb;
		sortOrder = so;
	}

	const sorted = sortedMatches(store, module, filters, sortBy, sortOrder);
	if (filters.modifiedSince !== undefined && sorted.length === 0 && !cursor) return { status: 304 };
	const start = cursor ? firstAfter(sorted, cursor) : (pageParam - 1) * perPage;
	const fetchedBefore = cursor ? cursor.fetched : start;
	const ceiling = v8 ? ZOHO_PAGE_TOKEN_LIMIT : ZOHO_DISCRETE_PAGE_LIMIT;
	const take = Math.max(0, Math.min(perPage, ceiling - fetchedBefore));
	const slice = start < 0 ? [] : sorted.slice(start, start + take);
	if (slice.length === 0) return noContent();
	const fetched = fetchedBefore + slice.length;
	const more = start + slice.length < sorted.length && fetched < ceiling;
	const data = slice.map((r) => projectRecord(module, r, fields));
	const page = cursor ? Math.floor(cursor.fetched / perPage) + 1 : pageParam;
	if (!v8) return { status: 200, body: { data, info: { per_page: perPage, count: slice.length, page, more_records: more } } };

	let next: { token: string; expiresAt: number } | undefined;
	if (more) {
		const last = slice[slice.length - 1];
		next = opts.pageTokens.create({ module: module.api_name, sortBy, sortOrder, filters, last: { value: sortKey(last, sortBy), id: last.id }, fetched });
	}
	return {
		status: 200,
		body: {
			data,
			info: {
				per_page: perPage,
				next_page_token: next?.token ?? null,
				count: slice.length,
				sort_by: sortBy,
				page,
				previous_page_token: tokenParam,
				page_token_expiry: next ? toZohoTime(next.expiresAt) : null,
				sort_order: sortOrder,
				more_records: more,
			},
		},
	};
}
