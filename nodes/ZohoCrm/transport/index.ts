import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { HostContext, ServiceResponse } from '../../shared/authorizedRequest';
import { lostCallError, parseBody } from '../../shared/answers';
import { contextCache } from '../../shared/contextCache';
import { itemMessage } from '../../shared/items';
import { Semaphore } from '../../shared/pool';
import { DEFAULT_RETRY } from '../../shared/retry';
import { callService, type ServiceProfile, type ServiceRequest, type ServiceStats } from '../../shared/serviceClient';
import { isPricedStatus, zohoCredits } from './credits';
import { resolveApiDomain, resolveFileDomain, type ZohoConnectionSettings } from './dataCenters';

export const ZOHO_CREDENTIAL = 'zohoCrmConnectOAuth2Api';
export const API_VERSION = 'v8';
/** Zoho Standard edition allows 10 concurrent calls; keep headroom for the org's other integrations. */
export const DEFAULT_CONCURRENCY = 5;

interface ZohoCredentials extends ZohoConnectionSettings {
	clientSecret?: string;
	oauthTokenData?: { api_domain?: string; access_token?: string; refresh_token?: string };
}

export interface ZohoClient {
	apiDomain: string;
	/** Zoho's file host (Bulk Write uploads and results). */
	fileDomain: string;
	profile: ServiceProfile;
	secrets: string[];
}

export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path below /crm/v8, e.g. `/Leads/search`. */
	path: string;
	/** A full URL on the API domain instead (Custom API Call), already host-checked. */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	idempotent?: boolean;
	/** A body sent as these bytes (a multipart upload), with its Content-Type in `headers`. */
	rawBody?: Buffer;
	/** A file download: a 2xx answer's body comes back as `bytes`, an error's is read as JSON. */
	bytes?: boolean;
}

export interface ZohoAnswer {
	status: number;
	body: IDataObject | undefined;
	headers: IDataObject;
	/** The downloaded file of a `bytes` request answered with 2xx. */
	bytes?: Uint8Array;
}

/** Zoho's error envelope: `{code, message, status: "error", details}` (alone or per record in `data`). */
export interface ZohoErrorBody {
	code?: string;
	message?: string;
	status?: string;
	details?: IDataObject;
}

function isExpiredToken(response: ServiceResponse): boolean {
	if (response.statusCode !== 401) return false;
	const code = (response.body as ZohoErrorBody | undefined)?.code;
	// A scope mismatch is a 401 too, but a refresh cannot fix it.
	return code !== 'OAUTH_SCOPE_MISMATCH' && code !== 'NO_PERMISSION';
}

const clients = contextCache<Promise<ZohoClient>>();
/** The calls and credits an execution (or one poll) spent: one tally per context, shared by every operation. */
const usage = contextCache<ServiceStats>();

/** Prices one answered attempt from the cost table (./credits.ts); unanswered or rejected attempts cost nothing. */
function priceAttempt(request: ServiceRequest, status: number): number {
	if (!isPricedStatus(status)) return 0;
	return zohoCredits({ method: request.method, path: new URL(request.url).pathname, query: request.qs, body: request.body });
}

/** Credentials read and API domain resolved once per execution; one concurrency bound and refresh gate for all calls. */
export async function zohoClient(ctx: HostContext, concurrency = DEFAULT_CONCURRENCY): Promise<ZohoClient> {
	let pending = clients.get(ctx);
	if (!pending) {
		pending = (async () => {
			const creds = (await ctx.getCredentials(ZOHO_CREDENTIAL)) as unknown as ZohoCredentials;
			const apiDomain = resolveApiDomain(creds);
			if (!apiDomain) {
				throw new NodeOperationError(
					ctx.getNode(),
					'The Zoho CRM credential has no API domain: connect it (the token answer names it) or set a custom API domain',
				);
			}
			const stats: ServiceStats = { calls: 0, retries: 0, credits: 0 };
			usage.set(ctx, stats);
			return {
				apiDomain,
				fileDomain: resolveFileDomain(creds, apiDomain),
				secrets: [creds.oauthTokenData?.access_token, creds.oauthTokenData?.refresh_token, creds.clientSecret].filter(
					(s): s is string => typeof s === 'string',
				),
				profile: {
					auth: { credentialType: ZOHO_CREDENTIAL, oauth2: {}, isExpired: isExpiredToken, refreshable: true },
					limiter: new Semaphore(Math.max(1, Math.min(25, concurrency))),
					retry: DEFAULT_RETRY,
					stats,
					price: priceAttempt,
				},
			};
		})();
		clients.set(ctx, pending);
	}
	return await pending;
}

/** Calls and credits this context has spent so far (undefined before its first Zoho call). */
export function zohoUsage(ctx: HostContext): Readonly<ServiceStats> | undefined {
	return usage.get(ctx);
}

export function usageSummary(stats: Readonly<ServiceStats>): string {
	const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
	const retries = stats.retries ? ` (${count(stats.retries, 'retry', 'retries')} included)` : '';
	return `${count(stats.calls, 'API call', 'API calls')}${retries}, ${count(stats.credits, 'API credit', 'API credits')}`;
}

/**
 * Shows what this execution spent in the editor: an execution hint above the node's output
 * (n8n stores it with the run data, so past executions show it too). Items are not touched.
 */
export function reportZohoUsage(ctx: IExecuteFunctions): void {
	const stats = usage.get(ctx);
	// n8n added execution hints in 1.x; an older host simply shows none.
	if (!stats || stats.calls === 0 || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({ message: `Zoho CRM: ${usageSummary(stats)}`, type: 'info', location: 'outputPane' });
}

/**
 * Polls, webhook deliveries and channel registration have no execution hints in n8n (their
 * contexts lack addExecutionHints), so what they spent goes to n8n's log at debug level.
 */
export function logZohoUsage(ctx: HostContext, what: string): void {
	const stats = usage.get(ctx);
	if (!stats || stats.calls === 0) return;
	ctx.logger.debug(`${ctx.getNode().name}: ${what} spent ${usageSummary(stats)}`);
}

function toBytes(body: unknown): Uint8Array {
	if (body instanceof Uint8Array) return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (typeof body === 'string') return new TextEncoder().encode(body);
	return new Uint8Array(0);
}

/** Zoho's answers are JSON; a text body (a proxy's error page) is kept as `message`. */
const ZOHO_BODY = { textKey: 'message' };

/**
 * One Zoho CRM call. Returns every HTTP answer (204, 207, 4xx ...) for the caller to map per item;
 * throws a NodeApiError only when the whole call failed: token unusable or the network gave out.
 */
export async function zohoCall(ctx: HostContext, client: ZohoClient, request: ZohoRequest, itemIndex?: number): Promise<ZohoAnswer> {
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const outcome = await callService(ctx, client.profile, {
		method: request.method,
		url: request.url ?? `${client.apiDomain}/crm/${API_VERSION}${request.path}`,
		qs: request.qs,
		body: request.rawBody ?? request.body,
		raw: request.rawBody !== undefined,
		headers: request.headers,
		idempotent,
		bytes: request.bytes,
	});
	if (outcome.kind === 'reconnect') {
		const code = (parseBody(outcome.body, ZOHO_BODY) as ZohoErrorBody | undefined)?.code ?? 'INVALID_TOKEN';
		throw new NodeApiError(ctx.getNode(), { code } as JsonObject, {
			message: `Zoho CRM rejected the access token and n8n could not refresh it (${code}): reconnect the Zoho CRM credential`,
			description:
				'Open the credential and click "Reconnect". Zoho revokes a refresh token when it is deleted in the API console or when more than 20 are issued for one client.',
			httpCode: '401',
			itemIndex,
		});
	}
	if (outcome.kind === 'network') {
		throw lostCallError(
			ctx.getNode(),
			{ message: outcome.message, idempotent, secrets: client.secrets, where: { itemIndex } },
			{
				outcomeUnknown: (reason) => ({
					body: { code: 'OUTCOME_UNKNOWN', message: reason } as JsonObject,
					message: `Zoho CRM OUTCOME_UNKNOWN on ${request.method} ${request.path}: the connection dropped before Zoho's answer arrived (${reason}), so the records of this call may or may not have been written`,
					description:
						'Not retried, so no record is written twice. Check the module for these records, or write with Upsert and a duplicate check field: an upsert is safe to retry and is retried automatically.',
				}),
				networkError: (reason) => ({
					body: { code: 'NETWORK_ERROR', message: reason } as JsonObject,
					message: `Zoho CRM NETWORK_ERROR: Zoho CRM could not be reached for ${request.method} ${request.path}: ${reason}`,
				}),
			},
		);
	}
	const { response } = outcome;
	if (request.bytes) {
		const bytes = toBytes(response.body);
		if (response.statusCode < 300) return { status: response.statusCode, body: undefined, headers: response.headers, bytes };
		return { status: response.statusCode, body: parseBody(new TextDecoder().decode(bytes), ZOHO_BODY), headers: response.headers };
	}
	// A raw (multipart) upload is sent without json mode, so its answer can come back as bytes.
	const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
	return { status: response.statusCode, body: parseBody(body, ZOHO_BODY), headers: response.headers };
}

/** A NodeApiError worded from Zoho's `{code, message, details}`, naming item, module and field. */
export function zohoError(
	ctx: HostContext,
	answer: { status: number; error: ZohoErrorBody },
	where: { itemIndex?: number; module?: string; action: string },
): NodeApiError {
	const { code = 'UNKNOWN', message = 'no message', details } = answer.error;
	const field = typeof details?.api_name === 'string' ? details.api_name : undefined;
	const expected = typeof details?.expected_data_type === 'string' ? ` (expected ${details.expected_data_type})` : '';
	return new NodeApiError(ctx.getNode(), { code, message, details: (details ?? {}) as JsonObject } as JsonObject, {
		message: itemMessage({ ...where, field }, `Zoho CRM ${code} on ${where.action}: ${message}${expected}`),
		description: details && Object.keys(details).length ? JSON.stringify(details) : undefined,
		httpCode: String(answer.status),
		itemIndex: where.itemIndex,
	});
}

/** Throws the answer's error when it is one; returns the body otherwise. */
export function expectOk(
	ctx: HostContext,
	answer: ZohoAnswer,
	where: { itemIndex?: number; module?: string; action: string },
): IDataObject | undefined {
	if (answer.status < 400) return answer.body;
	const body = (answer.body ?? {}) as ZohoErrorBody & { data?: ZohoErrorBody[] };
	const error = body.code ? body : (body.data?.[0] ?? { code: `HTTP_${answer.status}`, message: JSON.stringify(answer.body ?? null).slice(0, 300) });
	throw zohoError(ctx, { status: answer.status, error }, where);
}
