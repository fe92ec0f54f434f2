import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IOAuth2Options, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ServiceResponse } from '../../shared/authorizedRequest';
import { Semaphore } from '../../shared/pool';
import { redactSecrets, redactValue } from '../../shared/redact';
import { DEFAULT_RETRY } from '../../shared/retry';
import { callService, type ServiceProfile } from '../../shared/serviceClient';
import { effectivePresetValue } from '../../../credentials/customServicePresets';
import { resolveAllowedUrl, splitHosts } from '../../shared/urls';

export const CREDENTIAL = 'customServiceOAuth2Api';

export interface CustomServiceCredentials {
	serviceName?: string;
	preset?: string;
	apiBaseUrl?: string;
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

export type CustomResponse = ServiceResponse;

export async function loadCredentials(ctx: IExecuteFunctions, itemIndex: number): Promise<CustomServiceCredentials> {
	return (await ctx.getCredentials(CREDENTIAL, itemIndex)) as unknown as CustomServiceCredentials;
}

function oauthOptions(creds: CustomServiceCredentials): IOAuth2Options {
	if (creds.sendAs === 'customHeader') return { keyToIncludeInAccessTokenHeader: creds.headerName || 'X-Access-Token' };
	return creds.authorizationPrefix === '' ? { keepBearer: false } : {};
}

function expiredStatuses(creds: CustomServiceCredentials): Set<number> {
	const codes = (creds.expiredStatusCodes || '401')
		.split(',')
		.map((s) => Number(s.trim()))
		.filter((n) => Number.isInteger(n) && n >= 400);
	return new Set([401, ...codes]);
}

const profiles = new WeakMap<IExecuteFunctions, ServiceProfile>();

/** One profile (concurrency bound, refresh gate, counters) per execution of the node. */
export function profileFor(ctx: IExecuteFunctions, creds: CustomServiceCredentials, concurrency: number): ServiceProfile {
	let profile = profiles.get(ctx);
	if (!profile) {
		const expired = expiredStatuses(creds);
		profile = {
			auth: {
				credentialType: CREDENTIAL,
				oauth2: oauthOptions(creds),
				isExpired: (response) => expired.has(response.statusCode),
				refreshable: true,
			},
			limiter: new Semaphore(concurrency),
			retry: DEFAULT_RETRY,
		};
		profiles.set(ctx, profile);
	}
	return profile;
}

function secretsOf(creds: CustomServiceCredentials): string[] {
	return [creds.oauthTokenData?.access_token, creds.oauthTokenData?.refresh_token, creds.clientSecret].filter(
		(s): s is string => typeof s === 'string',
	);
}

/**
 * One call to the custom service through the host's OAuth2 signer. The URL must stay on the
 * credential's API host(s), so a crafted URL cannot carry the token elsewhere.
 */
export async function customServiceRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	creds: CustomServiceCredentials,
	profile: ServiceProfile,
	request: CustomRequest,
): Promise<CustomResponse> {
	const apiBaseUrl = effectivePresetValue(creds.preset, creds.apiBaseUrl, 'apiBaseUrl');
	if (!apiBaseUrl) {
		throw new NodeOperationError(ctx.getNode(), 'The Custom Service credential has no API Base URL: set it in the credential', {
			itemIndex,
		});
	}
	const checked = resolveAllowedUrl(apiBaseUrl, request.url, splitHosts(creds.allowedHosts));
	if (!checked.ok) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "URL": ${checked.reason}`, {
			itemIndex,
			description: 'Change the URL parameter, or add the host to "Additional Allowed Hosts" in the credential.',
		});
	}
	const outcome = await callService(ctx, profile, {
		method: request.method,
		url: checked.url.href,
		qs: request.qs,
		headers: request.headers,
		body: request.method === 'GET' ? undefined : request.body,
		form: request.form,
		timeoutMs: request.timeoutMs,
		idempotent: request.method !== 'POST' && request.method !== 'PATCH',
	});
	const service = creds.serviceName || 'The custom service';
	const secrets = secretsOf(creds);
	if (outcome.kind === 'reconnect') {
		throw new NodeApiError(ctx.getNode(), { status: outcome.status ?? null } as JsonObject, {
			message: `${service} rejected the access token and n8n could not refresh it: reconnect the credential`,
			description: 'Open the credential and click "Reconnect". The refresh token may have been revoked or expired.',
			httpCode: outcome.status ? String(outcome.status) : undefined,
			itemIndex,
		});
	}
	if (outcome.kind === 'network') {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: `${service} could not be reached: ${redactSecrets(outcome.message, secrets)}`,
			itemIndex,
		});
	}
	const { response } = outcome;
	if (response.statusCode >= 400) {
		const body = redactValue(response.body, secrets);
		const detail = typeof body === 'string' ? body.slice(0, 1000) : JSON.stringify(body ?? null).slice(0, 1000);
		throw new NodeApiError(ctx.getNode(), { status: response.statusCode, body: (body ?? null) as JsonObject } as JsonObject, {
			message: `${service} answered HTTP ${response.statusCode} to ${request.method} ${request.url}`,
			description: detail,
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
	return response;
}
