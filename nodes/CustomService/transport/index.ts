import type { IDataObject, IExecuteFunctions, JsonObject, IHttpRequestMethods, IHttpRequestOptions, IOAuth2Options } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { readHttpFailure } from '../../shared/httpError';
import { redactSecrets, redactValue } from '../../shared/redact';
import { parseRetryAfter, withRetry } from '../../shared/retry';
import { resolveAllowedUrl, splitHosts } from '../../shared/urls';

export const CREDENTIAL = 'customServiceOAuth2Api';

export interface CustomServiceCredentials {
	serviceName?: string;
	apiBaseUrl: string;
	allowedHosts?: string;
	sendAs?: 'authorizationHeader' | 'customHeader';
	authorizationPrefix?: string;
	headerName?: string;
	expiredStatusCodes?: string;
	clientSecret?: string;
	oauthTokenData?: { access_token?: string; refresh_token?: string };
}

export interface CustomRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	headers?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	form?: boolean;
	timeoutMs?: number;
}

export interface CustomResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export async function loadCredentials(ctx: IExecuteFunctions, itemIndex: number): Promise<CustomServiceCredentials> {
	return (await ctx.getCredentials(CREDENTIAL, itemIndex)) as unknown as CustomServiceCredentials;
}

function oauthOptions(creds: CustomServiceCredentials): IOAuth2Options {
	if (creds.sendAs === 'customHeader') {
		return { keyToIncludeInAccessTokenHeader: creds.headerName || 'X-Access-Token' };
	}
	return creds.authorizationPrefix === '' ? { keepBearer: false } : {};
}

function secretsOf(creds: CustomServiceCredentials): string[] {
	return [creds.oauthTokenData?.access_token, creds.oauthTokenData?.refresh_token, creds.clientSecret].filter(
		(s): s is string => typeof s === 'string',
	);
}

function expiredStatuses(creds: CustomServiceCredentials): Set<number> {
	return new Set(
		(creds.expiredStatusCodes || '401')
			.split(',')
			.map((s) => Number(s.trim()))
			.filter((n) => Number.isInteger(n) && n !== 401),
	);
}

/**
 * One call to the custom service through the host's OAuth2 signer. The URL must stay on the
 * credential's API host(s); 429/5xx/network failures are retried with backoff (Retry-After wins);
 * a service-specific "token expired" status triggers one host refresh and one retry.
 */
export async function customServiceRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	creds: CustomServiceCredentials,
	request: CustomRequest,
): Promise<CustomResponse> {
	const checked = resolveAllowedUrl(creds.apiBaseUrl, request.url, splitHosts(creds.allowedHosts));
	if (!checked.ok) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "URL": ${checked.reason}`, {
			itemIndex,
			description: 'Change the URL parameter, or add the host to "Additional Allowed Hosts" in the credential.',
		});
	}
	const url = checked.url;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: url.href,
		qs: request.qs,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		returnFullResponse: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: request.timeoutMs ?? 120_000,
	};
	if (request.body !== undefined && request.method !== 'GET') {
		options.body = request.body;
		if (request.form) {
			options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		} else {
			options.json = true;
		}
	} else {
		options.json = true;
	}
	const expired = expiredStatuses(creds);
	let refreshed = false;
	const call = async (): Promise<CustomResponse> =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, { ...options, headers: { ...options.headers } }, {
			oauth2: oauthOptions(creds),
		})) as CustomResponse;
	// refreshOAuth2Token exists from n8n 2.x on; older hosts only refresh on 401.
	const canRefresh = typeof ctx.helpers.refreshOAuth2Token === 'function';
	return await withRetry(
		async () => {
			const first = await call().then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
			if ('response' in first) return first.response;
			const failure = readHttpFailure(first.error);
			if (canRefresh && failure.status !== undefined && expired.has(failure.status) && !refreshed) {
				refreshed = true;
				await ctx.helpers.refreshOAuth2Token.call(ctx, CREDENTIAL, oauthOptions(creds));
				return await call();
			}
			return await Promise.reject(first.error);
		},
		(error) => {
			const failure = readHttpFailure(error);
			const retryable =
				failure.network || failure.status === 429 || (failure.status !== undefined && failure.status >= 500);
			return { retry: retryable, afterMs: parseRetryAfter(failure.headers['retry-after']) };
		},
		(error) => toApiError(ctx, itemIndex, creds, request, error),
	);
}

function toApiError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	creds: CustomServiceCredentials,
	request: CustomRequest,
	error: unknown,
): NodeApiError {
	const failure = readHttpFailure(error);
	const secrets = secretsOf(creds);
	const service = creds.serviceName || 'The custom service';
	const body = redactValue(failure.body, secrets);
	const detail =
		typeof body === 'string' ? body.slice(0, 500) : body === undefined ? redactSecrets(failure.message, secrets) : JSON.stringify(body).slice(0, 1000);
	let message: string;
	if (failure.status === 401 || /refresh ?token|invalid_grant/i.test(failure.message)) {
		message = `${service} rejected the access token and it could not be refreshed: reconnect the credential`;
	} else if (failure.status !== undefined) {
		message = `${service} answered HTTP ${failure.status} to ${request.method} ${request.url}`;
	} else {
		message = `${service} could not be reached: ${redactSecrets(failure.message, secrets)}`;
	}
	return new NodeApiError(
		ctx.getNode(),
		{ status: failure.status ?? null, body: (body ?? null) as JsonObject } as JsonObject,
		{ message, description: detail, httpCode: failure.status ? String(failure.status) : undefined, itemIndex },
	);
}
