import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { HostContext, ServiceResponse } from '../../shared/authorizedRequest';
import { readHttpFailure } from '../../shared/httpError';
import { contextCache } from '../../shared/contextCache';
import { itemMessage } from '../../shared/items';
import { Semaphore } from '../../shared/pool';
import { redactSecrets, redactValue } from '../../shared/redact';
import { DEFAULT_RETRY, nextRetry, parseRetryAfter } from '../../shared/retry';
import { callService, NOT_SENT, type ServiceProfile } from '../../shared/serviceClient';
import { resolveAllowedUrl } from '../../shared/urls';

/** The credential type name for an authentication option. */
export function credentialTypeFor(authentication: Authentication): string {
	return authentication === 'apiKey' ? 'mailchimpConnectApi' : 'mailchimpConnectOAuth2Api';
}
/** MailChimp allows 10 simultaneous connections per user; leave room for the account's other apps. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 10;
/** Largest `count` MailChimp accepts on list endpoints. */
export const PAGE_SIZE = 1000;
/** Largest batch subscribe MailChimp accepts (POST /lists/{id}). */
export const BATCH_SUBSCRIBE_SIZE = 500;

export type Authentication = 'oAuth2' | 'apiKey';

interface MailchimpCredentials {
	apiKey?: string;
	apiBaseUrl?: string;
	loginServerUrl?: string;
	clientSecret?: string;
	oauthTokenData?: { access_token?: string };
}

export interface MailchimpClient {
	authentication: Authentication;
	credentialType: string;
	profile: ServiceProfile;
	/** Values never to appear in messages or outputs. */
	secrets: string[];
	/** `https://<dc>.api.mailchimp.com/3.0` (no trailing slash), resolved once per execution. */
	baseUrl: () => Promise<string>;
	/** How many metadata calls this execution made (0 or 1). */
	metadataCalls: number;
}

export interface MailchimpRequest {
	method: IHttpRequestMethods;
	/** Path below /3.0, e.g. `/campaigns`, or (Custom API Call) a full URL on the API host. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Defaults: GET, PUT, DELETE are; POST and PATCH are not. */
	idempotent?: boolean;
}

export interface MailchimpAnswer {
	status: number;
	body: IDataObject | undefined;
	headers: IDataObject;
}

/** Where a call was made for: named in error messages. */
export interface CallSite {
	itemIndex?: number;
	/** "Get Many campaigns", "Upsert member" ... */
	action: string;
	/** Extra words naming the subject, e.g. `email "a@b.c"`. */
	subject?: string;
}

const clients = contextCache<Promise<MailchimpClient>>();

function trimSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** `https://us6.api.mailchimp.com/3.0` from a key `<hex>-us6`; undefined when the key has no data center. */
export function baseUrlFromApiKey(apiKey: string): string | undefined {
	const dc = apiKey.trim().split('-').pop() ?? '';
	if (!/^[a-z]+\d+$/i.test(dc) || !apiKey.includes('-')) return undefined;
	return `https://${dc.toLowerCase()}.api.mailchimp.com/3.0`;
}

/** Appends /3.0 to an `api_endpoint` from the metadata unless it already ends with it. */
export function apiBaseFromEndpoint(endpoint: string): string {
	const clean = trimSlash(endpoint);
	return /\/3\.0$/.test(clean) ? clean : `${clean}/3.0`;
}

function isProblem(body: unknown): body is IDataObject {
	return !!body && typeof body === 'object' && !Array.isArray(body);
}

/**
 * GET {loginServerUrl}/oauth2/metadata with `Authorization: OAuth <token>` (n8n's OAuth2 signer
 * can only write `Bearer`), through the host's HTTP helper. Retries 429/5xx like the API calls.
 * A 401 means the token was revoked.
 */
async function fetchMetadataEndpoint(ctx: HostContext, client: MailchimpClient, creds: MailchimpCredentials): Promise<string> {
	const token = creds.oauthTokenData?.access_token;
	const node = ctx.getNode();
	if (!token) {
		throw new NodeOperationError(node, 'The MailChimp OAuth2 credential is not connected: open it and click "Connect my account"');
	}
	const login = trimSlash(creds.loginServerUrl || 'https://login.mailchimp.com');
	const url = `${login}/oauth2/metadata`;
	for (let attempt = 1; ; attempt++) {
		client.metadataCalls++;
		let status: number | undefined;
		let body: unknown;
		let headers: IDataObject = {};
		let networkMessage: string | undefined;
		try {
			const response = (await ctx.helpers.httpRequest({
				method: 'GET',
				url,
				headers: { Accept: 'application/json', Authorization: `OAuth ${token}` },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 60_000,
			})) as ServiceResponse;
			status = response.statusCode;
			body = response.body;
			headers = response.headers ?? {};
		} catch (error) {
			const failure = readHttpFailure(error);
			status = failure.status;
			body = failure.body;
			headers = failure.headers;
			if (status === undefined) networkMessage = failure.message;
		}
		if (status !== undefined && status < 300 && isProblem(body) && typeof body.api_endpoint === 'string' && body.api_endpoint) {
			return apiBaseFromEndpoint(body.api_endpoint);
		}
		if (status === 401 || status === 403) throw reconnectError(ctx, client, status);
		const retryable = status === undefined || status === 429 || status >= 500;
		const next = retryable ? nextRetry(attempt, DEFAULT_RETRY, status === 429, parseRetryAfter(headers['retry-after'])) : undefined;
		if (next?.retry) {
			client.profile.stats.retries++;
			await sleep(next.delayMs);
			continue;
		}
		const why = networkMessage
			? `could not be reached: ${redactSecrets(networkMessage, client.secrets)}`
			: `answered HTTP ${status ?? '?'} without an api_endpoint`;
		throw new NodeApiError(node, (redactValue(isProblem(body) ? body : {}, client.secrets) ?? {}) as JsonObject, {
			message: `The MailChimp metadata endpoint (${url}) ${why}`,
			description: 'The node asks it which data center serves the account. Set "API Base URL Override" in the credential to skip it.',
			httpCode: status ? String(status) : undefined,
		});
	}
}

function reconnectError(ctx: HostContext, client: MailchimpClient, status?: number, itemIndex?: number): NodeApiError {
	return new NodeApiError(ctx.getNode(), { status: status ?? 401 } as JsonObject, {
		message:
			client.authentication === 'oAuth2'
				? 'MailChimp rejected the access token: it was revoked or the app was disconnected. Reconnect the MailChimp Connect OAuth2 credential.'
				: 'MailChimp rejected the API key: it was disabled or deleted. Update the MailChimp Connect API credential.',
		description:
			client.authentication === 'oAuth2'
				? 'Open the credential and click "Reconnect". MailChimp tokens never expire and cannot be refreshed, so a rejected token only comes back by connecting again.'
				: 'Create a new key under Account > Extras > API keys and paste it into the credential.',
		httpCode: String(status ?? 401),
		itemIndex,
	});
}

/**
 * The execution's MailChimp client: credentials read once, one Semaphore bounding every call
 * (MailChimp answers 429 past 10 connections), the base URL resolved once (override, API key
 * suffix or the OAuth2 metadata) and shared by all items.
 */
export async function mailchimpClient(
	ctx: HostContext,
	authentication: Authentication,
	concurrency = DEFAULT_CONCURRENCY,
): Promise<MailchimpClient> {
	let pending = clients.get(ctx);
	if (!pending) {
		pending = (async () => {
			const credentialType = credentialTypeFor(authentication);
			const creds = (await ctx.getCredentials(credentialType)) as unknown as MailchimpCredentials;
			const secrets = [creds.apiKey, creds.oauthTokenData?.access_token, creds.clientSecret].filter(
				(s): s is string => typeof s === 'string' && s.length > 0,
			);
			let base: Promise<string> | undefined;
			const client: MailchimpClient = {
				authentication,
				credentialType,
				secrets,
				metadataCalls: 0,
				profile: {
					auth: {
						credentialType,
						...(authentication === 'oAuth2' ? { oauth2: {} } : {}),
						isExpired: (response) => response.statusCode === 401,
						refreshable: false,
					},
					limiter: new Semaphore(Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(concurrency) || DEFAULT_CONCURRENCY))),
					retry: DEFAULT_RETRY,
					stats: { calls: 0, retries: 0, credits: 0 },
				},
				baseUrl: async () => {
					if (!base) {
						base = (async () => {
							const override = trimSlash(creds.apiBaseUrl ?? '');
							if (override) return override;
							if (authentication === 'apiKey') {
								const fromKey = baseUrlFromApiKey(creds.apiKey ?? '');
								if (!fromKey) {
									throw new NodeOperationError(
										ctx.getNode(),
										'The MailChimp API key has no data center suffix (like "-us6"): copy the whole key into the credential',
									);
								}
								return fromKey;
							}
							return await fetchMetadataEndpoint(ctx, client, creds);
						})();
						// Cached either way: a failed resolution is reported to every item without calling again.
					}
					return await base;
				},
			};
			return client;
		})();
		clients.set(ctx, pending);
	}
	return await pending;
}

function parseBody(body: unknown): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { detail: body.slice(0, 500) };
		}
	}
	if (Array.isArray(body)) return { data: body as IDataObject[] };
	return body as IDataObject;
}

/**
 * One MailChimp call, retried on 429/5xx by callService. Returns every HTTP answer for the caller
 * to judge; throws only when the whole call is hopeless: credential rejected, host refused,
 * network gone.
 */
export async function mailchimpCall(ctx: HostContext, client: MailchimpClient, request: MailchimpRequest, site: CallSite): Promise<MailchimpAnswer> {
	const base = await client.baseUrl();
	const checked = resolveAllowedUrl(base, request.path);
	if (!checked.ok) {
		throw new NodeOperationError(ctx.getNode(), `${where(site)}${checked.reason}`, {
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
		const reason = redactSecrets(outcome.message, client.secrets);
		if (!idempotent && !NOT_SENT.test(outcome.message)) {
			throw new NodeApiError(ctx.getNode(), { title: 'OUTCOME_UNKNOWN', detail: reason } as JsonObject, {
				message: `${where(site)}MailChimp OUTCOME_UNKNOWN (${site.action}): the connection dropped before MailChimp's answer arrived (${reason}), so the change may or may not have been applied`,
				description: 'Not retried, so nothing is applied twice. Check the audience or campaign before running it again.',
				itemIndex: site.itemIndex,
			});
		}
		throw new NodeApiError(ctx.getNode(), { title: 'NETWORK_ERROR', detail: reason } as JsonObject, {
			message: `${where(site)}MailChimp NETWORK_ERROR: MailChimp could not be reached (${site.action}): ${reason}`,
			itemIndex: site.itemIndex,
		});
	}
	const { response } = outcome;
	if (response.statusCode === 401 && client.authentication === 'apiKey') throw reconnectError(ctx, client, 401, site.itemIndex);
	return { status: response.statusCode, body: parseBody(response.body), headers: response.headers ?? {} };
}

function where(site: CallSite): string {
	return itemMessage({ itemIndex: site.itemIndex, subject: site.subject }, '');
}

/** MailChimp's problem+json (`type, title, status, detail, instance, errors[]`) as a NodeApiError naming the item. */
export function problemError(ctx: HostContext, client: MailchimpClient, answer: MailchimpAnswer, site: CallSite): NodeApiError {
	const body = redactValue(answer.body ?? {}, client.secrets);
	const title = typeof body.title === 'string' ? body.title : `HTTP ${answer.status}`;
	const detail = typeof body.detail === 'string' ? body.detail : undefined;
	const fieldErrors = Array.isArray(body.errors)
		? (body.errors as IDataObject[]).map((e) => `${String(e.field ?? '') || '(no field)'}: ${String(e.message ?? '')}`)
		: [];
	const fields = fieldErrors.length ? ` [${fieldErrors.join('; ')}]` : '';
	return new NodeApiError(ctx.getNode(), body as JsonObject, {
		message: `${where(site)}MailChimp ${title} on ${site.action}${detail ? `: ${detail}` : ''}${fields}`,
		description: [detail, ...fieldErrors].filter(Boolean).join('\n') || undefined,
		httpCode: String(answer.status),
		itemIndex: site.itemIndex,
	});
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
