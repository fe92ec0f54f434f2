import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { contextCache } from '../../../shared/contextCache';
import { expectOk, zohoCall, type ZohoClient } from '../index';

export interface ZohoOrg {
	/** What Bulk Write's upload names in `X-CRM-ORG`. */
	zgid: string;
	/** The org's time zone: Bulk Write reads date-times without an offset in it. */
	timeZone: string;
}

const orgs = contextCache<Promise<ZohoOrg>>();

/** `GET /crm/v8/org` once per execution (the answer's key is `org`, not `data`). */
export async function zohoOrg(ctx: HostContext, client: ZohoClient): Promise<ZohoOrg> {
	let pending = orgs.get(ctx);
	if (!pending) {
		pending = (async () => {
			const answer = await zohoCall(ctx, client, { method: 'GET', path: '/org' });
			const body = expectOk(ctx, answer, { action: 'read the organization (Bulk Write needs its zgid)' }) ?? {};
			const org = ((body.org as IDataObject[] | undefined) ?? [])[0] ?? {};
			if (typeof org.zgid !== 'string' && typeof org.zgid !== 'number') {
				throw new NodeOperationError(ctx.getNode(), 'Zoho CRM answered GET /org without a zgid');
			}
			return { zgid: String(org.zgid), timeZone: typeof org.time_zone === 'string' ? org.time_zone : 'UTC' };
		})();
		orgs.set(ctx, pending);
		// A failed read is not kept: the next write may retry it (e.g. after the scope is fixed).
		pending.catch(() => orgs.delete(ctx));
	}
	return await pending;
}
