import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoClient } from './index';
import { MAX_PER_PAGE, PAGE_NUMBER_LIMIT, type PageInfo } from './pages';

/** Related lists and notes: page numbers at 200 until Zoho says there is no more (204 = none). */
export async function readSubPages(
	ctx: HostContext,
	client: ZohoClient,
	path: string,
	qs: IDataObject,
	where: { itemIndex?: number; module?: string; action: string },
	maxPages = PAGE_NUMBER_LIMIT / MAX_PER_PAGE,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 1; page <= maxPages; page++) {
		const answer = await zohoCall(ctx, client, { method: 'GET', path, qs: { ...qs, page, per_page: MAX_PER_PAGE } }, where.itemIndex);
		if (answer.status === 204) break;
		const body = expectOk(ctx, answer, where) ?? {};
		records.push(...((body.data as IDataObject[] | undefined) ?? []));
		if (!(body.info as PageInfo | undefined)?.more_records) break;
	}
	return records;
}
