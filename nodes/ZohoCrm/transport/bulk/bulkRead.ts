import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoAnswer, type ZohoClient } from '../index';
import type { BulkCriterion } from './criteria';
import { downloadJobFile } from './download';
import { waitForJob } from './waitForJob';

/** One Bulk Read job exports at most this many records; the next job continues with `page_token`. */
export const BULK_READ_PAGE = 200_000;
const READ_PATH = '/crm/bulk/v8/read';

export interface BulkReadQuery {
	module: string;
	/** undefined: every field of the module (Zoho's default). `Lookup.Field` reads a field of the related record. */
	fields?: string[];
	criteria?: BulkCriterion;
	cvid?: string;
}

export interface BulkReadWait {
	maxWaitMs: number;
	firstDelayMs?: number;
	maxDelayMs?: number;
}

export interface BulkReadPage {
	jobId: string;
	/** 1 for the first job, 2 for the job after the first page_token ... */
	page: number;
	/** Records in this page's file. */
	count: number;
	/** The job's ZIP (one CSV); the caller reads it before asking for the next page. */
	zip: Uint8Array;
}

interface JobResult {
	page?: number;
	count?: number;
	download_url?: string;
	more_records?: boolean;
	next_page_token?: string | null;
}

const SCOPE_HINT =
	'Bulk Read needs the scope ZohoCRM.bulk.READ (or ZohoCRM.bulk.ALL) besides read access to the module: add it to the Scope of the Zoho CRM credential and click Reconnect.';

/** 401 OAUTH_SCOPE_MISMATCH names the missing scope and asks for a reconnect; other errors as usual. */
function expectBulkOk(ctx: HostContext, answer: ZohoAnswer, where: { itemIndex?: number; module?: string; action: string }): IDataObject {
	const code = (answer.body as { code?: unknown } | undefined)?.code;
	if (answer.status === 401 && code === 'OAUTH_SCOPE_MISMATCH') {
		throw new NodeApiError(ctx.getNode(), { code } as JsonObject, {
			message: `Zoho CRM OAUTH_SCOPE_MISMATCH on ${where.action}: the credential lacks the scope ZohoCRM.bulk.READ: add it and reconnect the Zoho CRM credential`,
			description: SCOPE_HINT,
			httpCode: '401',
			itemIndex: where.itemIndex,
		});
	}
	return expectOk(ctx, answer, where) ?? {};
}

function jobBody(query: BulkReadQuery, pageToken: string | undefined): IDataObject {
	const q: IDataObject = { module: { api_name: query.module } };
	if (query.fields?.length) q.fields = query.fields;
	if (query.cvid) q.cvid = query.cvid;
	if (query.criteria) q.criteria = query.criteria as unknown as IDataObject;
	if (pageToken) q.page_token = pageToken;
	return { query: q };
}

/**
 * Every record of a Bulk Read, one job page at a time: creates the job, waits for it (backoff in
 * waitForJob; each status call costs a credit), downloads its ZIP and yields it, then chains the
 * next job with `page_token` until Zoho says there are no more records. Only one page's ZIP is
 * held at a time. A create whose answer was lost is sent again: a duplicate job costs credits but
 * reads nothing twice, since only the job whose id came back is downloaded.
 */
export async function* bulkReadPages(
	ctx: HostContext,
	client: ZohoClient,
	query: BulkReadQuery,
	wait: BulkReadWait,
	itemIndex?: number,
): AsyncGenerator<BulkReadPage> {
	const where = { itemIndex, module: query.module, action: 'bulk read' };
	let pageToken: string | undefined;
	for (let page = 1; ; page++) {
		const created = await zohoCall(
			ctx,
			client,
			{ method: 'POST', path: READ_PATH, url: `${client.apiDomain}${READ_PATH}`, body: jobBody(query, pageToken), idempotent: true },
			itemIndex,
		);
		const createdBody = expectBulkOk(ctx, created, where);
		const detail = ((createdBody.data as IDataObject[] | undefined) ?? [])[0]?.details as IDataObject | undefined;
		const jobId = typeof detail?.id === 'string' ? detail.id : undefined;
		if (!jobId) {
			throw new NodeApiError(ctx.getNode(), { code: 'NO_JOB_ID' } as JsonObject, {
				message: `Zoho CRM accepted the Bulk Read of ${query.module} but named no job id`,
				itemIndex,
			});
		}
		const statusPath = `${READ_PATH}/${encodeURIComponent(jobId)}`;
		const result = await waitForJob<JobResult>(ctx.getNode(), {
			kind: 'Bulk Read',
			id: jobId,
			check: async () => {
				const answer = await zohoCall(ctx, client, { method: 'GET', path: statusPath, url: `${client.apiDomain}${statusPath}` }, itemIndex);
				const body = expectBulkOk(ctx, answer, { ...where, action: `bulk read status of job ${jobId}` });
				const job = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
				return { state: String(job.state ?? 'UNKNOWN'), value: (job.result ?? {}) as JobResult };
			},
			doneStates: ['COMPLETED'],
			failedStates: ['FAILURE', 'FAILED'],
			...wait,
		});
		const count = result.count ?? 0;
		const zip = await downloadJobFile(ctx, client, result.download_url ?? `${statusPath}/result`, {
			...where,
			action: `download of bulk read job ${jobId}`,
		});
		yield { jobId, page: result.page ?? page, count, zip };
		if (!result.more_records) return;
		if (!result.next_page_token) {
			throw new NodeApiError(ctx.getNode(), { code: 'NO_PAGE_TOKEN' } as JsonObject, {
				message: `Bulk Read job ${jobId} of ${query.module} says more records follow but gave no next_page_token: stopped after ${page} job pages rather than return part of the module silently`,
				itemIndex,
			});
		}
		pageToken = result.next_page_token;
	}
}
