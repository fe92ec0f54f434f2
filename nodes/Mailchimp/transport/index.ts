import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { lostCallError, parseBody } from '../../shared/answers';
import type { HostContext } from '../../shared/authorizedRequest';
import { callService } from '../../shared/serviceClient';
import { resolveAllowedUrl } from '../../shared/urls';
import { problemError, reconnectError, siteMessage } from './errors';
import type { CallSite, MailchimpAnswer, MailchimpClient, MailchimpRequest } from './types';

/**
 * MailChimp's transport, the node's only HTTP: credentials.ts (which credential, its secrets),
 * baseUrl.ts (data center), client.ts (one client per execution), errors.ts (MailChimp's wording),
 * paging.ts (count/offset at 1,000); the call itself is here.
 */
export { apiBaseFromEndpoint, baseUrlFromApiKey } from './baseUrl';
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, mailchimpClient } from './client';
export { credentialTypeFor, type Authentication } from './credentials';
export { problemError } from './errors';
export type { CallSite, MailchimpAnswer, MailchimpClient, MailchimpRequest } from './types';

/** Largest `count` MailChimp accepts on list endpoints. */
export const PAGE_SIZE = 1000;
/** Largest batch subscribe MailChimp accepts (POST /lists/{id}). */
export const BATCH_SUBSCRIBE_SIZE = 500;

/**
 * One MailChimp call, retried on 429/5xx by callService. Returns every HTTP answer for the caller
 * to judge; throws only when the whole call is hopeless: credential rejected, host refused,
 * network gone.
 */
export async function mailchimpCall(ctx: HostContext, client: MailchimpClient, request: MailchimpRequest, site: CallSite): Promise<MailchimpAnswer> {
	const base = await client.baseUrl();
	const checked = resolveAllowedUrl(base, request.path);
	if (!checked.ok) {
		throw new NodeOperationError(ctx.getNode(), siteMessage(site, checked.reason), {
			itemIndex: site.itemIndex,
			description: 'Use a path below the API endpoint, e.g. /campaigns or /lists/{list_id}/members.',
		});
	}
	const idempotent = request.idempotent ?? (request.method !== 'POST' && request.method !== 'PATCH');
	const outcome = await callService(ctx, client.profile, {
		method: request.method,
		url: checked.url.href,
		qs: request.qs,
		body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
		idempotent,
	});
	if (outcome.kind === 'reconnect') throw reconnectError(ctx, client, outcome.status, site.itemIndex);
	if (outcome.kind === 'network') {
		throw lostCallError(
			ctx.getNode(),
			{ message: outcome.message, idempotent, secrets: client.secrets, where: { itemIndex: site.itemIndex, subject: site.subject } },
			{
				outcomeUnknown: (reason) => ({
					body: { title: 'OUTCOME_UNKNOWN', detail: reason } as JsonObject,
					message: `MailChimp OUTCOME_UNKNOWN (${site.action}): the connection dropped before MailChimp's answer arrived (${reason}), so the change may or may not have been applied`,
					description: 'Not retried, so nothing is applied twice. Check the audience or campaign before running it again.',
				}),
				networkError: (reason) => ({
					body: { title: 'NETWORK_ERROR', detail: reason } as JsonObject,
					message: `MailChimp NETWORK_ERROR: MailChimp could not be reached (${site.action}): ${reason}`,
				}),
			},
		);
	}
	const { response } = outcome;
	if (response.statusCode === 401 && client.authentication === 'apiKey') throw reconnectError(ctx, client, 401, site.itemIndex);
	return { status: response.statusCode, body: parseBody(response.body, { textKey: 'detail', arrayKey: 'data' }), headers: response.headers ?? {} };
}

/** The body of a successful answer; a NodeApiError worded from the problem otherwise. */
export async function mailchimpRequest(
	ctx: HostContext,
	client: MailchimpClient,
	request: MailchimpRequest,
	site: CallSite,
): Promise<IDataObject | undefined> {
	const answer = await mailchimpCall(ctx, client, request, site);
	if (answer.status >= 400) throw problemError(ctx, client, answer, site);
	return answer.body;
}
