import type { IDataObject } from 'n8n-workflow';
import { mapWithConcurrency } from '../../shared/pool';
import { mailchimpRequest, PAGE_SIZE, type CallSite, type MailchimpClient } from './index';
import type { HostContext } from '../../shared/authorizedRequest';

export interface ListQuery {
	/** Path below /3.0, e.g. `/campaigns`. */
	path: string;
	/** Key of the records array in the answer: `campaigns`, `reports`, `emails` ... */
	collection: string;
	qs?: IDataObject;
	/** Records wanted; Infinity for all. */
	limit: number;
}

/**
 * count/offset paging at MailChimp's maximum of 1,000: the first call asks for min(limit, 1000)
 * records and learns `total_items`; the remaining pages (if any) are requested in parallel
 * (bounded by the client's Semaphore), each no larger than needed. No trailing empty call:
 * 2,500 campaigns take 3 calls, a limit of 30 takes one call with count=30.
 */
export async function fetchPaged(ctx: HostContext, client: MailchimpClient, query: ListQuery, site: CallSite): Promise<IDataObject[]> {
	const wanted = Math.max(0, query.limit);
	if (wanted === 0) return [];
	const firstCount = Math.min(PAGE_SIZE, wanted);
	const first = (await mailchimpRequest(ctx, client, { method: 'GET', path: query.path, qs: { ...query.qs, count: firstCount, offset: 0 } }, site)) ?? {};
	const records = recordsOf(first, query.collection);
	const total = Number(first.total_items);
	// Without total_items (a `fields` list that dropped it) fall back to "a short page ends it".
	if (records.length < firstCount || records.length >= wanted) return records.slice(0, wanted);
	const pages = Number.isFinite(total)
		? remainingPages(records.length, total, wanted, PAGE_SIZE)
		: undefined;
	if (pages) {
		const rest = await mapWithConcurrency(pages, client.profile.limiter.limit, async (page) => {
			const body = (await mailchimpRequest(ctx, client, { method: 'GET', path: query.path, qs: { ...query.qs, count: page.count, offset: page.offset } }, site)) ?? {};
			return recordsOf(body, query.collection);
		});
		return records.concat(...rest).slice(0, wanted);
	}
	const all = records;
	for (let offset = records.length; offset < wanted; ) {
		const count = Math.min(PAGE_SIZE, wanted - offset);
		const body = (await mailchimpRequest(ctx, client, { method: 'GET', path: query.path, qs: { ...query.qs, count, offset } }, site)) ?? {};
		const page = recordsOf(body, query.collection);
		all.push(...page);
		offset += page.length;
		if (page.length < count) break;
	}
	return all.slice(0, wanted);
}

function recordsOf(body: IDataObject, collection: string): IDataObject[] {
	const value = body[collection];
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Offsets and counts of the pages still needed after the first one, at most `pageSize` each. */
export function remainingPages(firstCount: number, total: number, wanted: number, pageSize: number): Array<{ offset: number; count: number }> {
	const target = Math.min(total, wanted);
	const pages: Array<{ offset: number; count: number }> = [];
	for (let offset = firstCount; offset < target; offset += pageSize) {
		pages.push({ offset, count: Math.min(pageSize, target - offset) });
	}
	return pages;
}
