import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoClient } from './index';
import { MAX_PER_PAGE, type PageInfo } from './pages';

export const SEARCH_LIMIT = 2_000;

export interface SearchOptions {
	module: string;
	/** exactly one of criteria / email / phone / word */
	query: { criteria?: string; email?: string; phone?: string; word?: string };
	limit?: number;
	itemIndex?: number;
}

/** Search pages at 200 up to Zoho's 2,000-result ceiling; 204 means no match, not an error. */
export async function searchRecords(ctx: HostContext, client: ZohoClient, options: SearchOptions): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const cap = Math.min(options.limit ?? SEARCH_LIMIT, SEARCH_LIMIT);
	for (let page = 1; records.length < cap; page++) {
		const perPage = Math.min(MAX_PER_PAGE, options.limit === undefined ? MAX_PER_PAGE : cap - records.length);
		const qs: IDataObject = { ...options.query, page, per_page: perPage };
		const answer = await zohoCall(ctx, client, { method: 'GET', path: `/${encodeURIComponent(options.module)}/search`, qs }, options.itemIndex);
		if (answer.status === 204) break;
		const body = expectOk(ctx, answer, { itemIndex: options.itemIndex, module: options.module, action: 'search' }) ?? {};
		const data = (body.data as IDataObject[] | undefined) ?? [];
		records.push(...data);
		const info = (body.info ?? {}) as PageInfo;
		if (!info.more_records || data.length < perPage) break;
	}
	return records.slice(0, cap);
}
