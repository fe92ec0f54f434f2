import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoClient } from '../transport';
import type { PageInfo } from '../transport/pages';
import { isoSeconds } from '../../shared/time';

/**
 * One page of the module's listing, changed since `since` (If-Modified-Since) when given; 204 and
 * 304 are an empty last page. `serverNow` is Zoho's clock (the Date header, whole seconds).
 */
export async function listPage(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	qs: IDataObject,
	since: number | undefined,
): Promise<{ data: IDataObject[]; info: PageInfo; serverNow?: number }> {
	const headers: IDataObject = since === undefined ? {} : { 'If-Modified-Since': isoSeconds(since) };
	const answer = await zohoCall(ctx, client, { method: 'GET', path: `/${encodeURIComponent(module)}`, qs, headers });
	const date = Date.parse(String(answer.headers.date ?? answer.headers.Date ?? ''));
	const serverNow = Number.isNaN(date) ? undefined : Math.floor(date / 1000) * 1000;
	if (answer.status === 204 || answer.status === 304) return { data: [], info: { more_records: false }, serverNow };
	const body = expectOk(ctx, answer, { module, action: 'poll for changes' }) ?? {};
	return { data: (body.data as IDataObject[] | undefined) ?? [], info: (body.info ?? {}) as PageInfo, serverNow };
}
