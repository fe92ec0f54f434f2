import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { splitCoqlLimit } from './coqlLimit';
import { expectOk, zohoCall, type ZohoClient } from './index';
import type { PageInfo } from './pages';

export const COQL_PAGE = 2_000;

/** COQL, paged with `limit offset, 2000` until Zoho says there is no more (or the user's LIMIT is met). */
export async function coqlQuery(ctx: HostContext, client: ZohoClient, query: string, itemIndex?: number): Promise<IDataObject[]> {
	const { body, offset, limit } = splitCoqlLimit(query);
	const records: IDataObject[] = [];
	let cursor = offset;
	for (;;) {
		const want = limit === undefined ? COQL_PAGE : Math.min(COQL_PAGE, limit - records.length);
		if (want <= 0) break;
		const answer = await zohoCall(
			ctx,
			client,
			{ method: 'POST', path: '/coql', body: { select_query: `${body} limit ${cursor}, ${want}` }, idempotent: true },
			itemIndex,
		);
		if (answer.status === 204) break;
		const result = expectOk(ctx, answer, { itemIndex, action: 'COQL query' }) ?? {};
		const data = (result.data as IDataObject[] | undefined) ?? [];
		records.push(...data);
		cursor += data.length;
		const info = (result.info ?? {}) as PageInfo;
		if (!info.more_records || data.length < want) break;
	}
	return records;
}
