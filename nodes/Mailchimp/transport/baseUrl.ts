import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { redactSecrets, redactValue } from '../../shared/redact';
import { callService } from '../../shared/serviceClient';
import type { MailchimpCredentials } from './credentials';
import { reconnectError } from './errors';
import type { MailchimpClient } from './types';

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

function isObject(body: unknown): body is IDataObject {
	return !!body && typeof body === 'object' && !Array.isArray(body);
}

/**
 * GET {loginServerUrl}/oauth2/metadata with `Authorization: OAuth <token>` (n8n's OAuth2 signer
 * can only write `Bearer`), sent unsigned through the shared client: retried on 429/5xx and lost
 * answers like the API calls. A 401 means the token was revoked.
 */
async function fetchMetadataEndpoint(ctx: HostContext, client: MailchimpClient, creds: MailchimpCredentials): Promise<string> {
	const token = creds.oauthTokenData?.access_token;
	if (!token) {
		throw new NodeOperationError(ctx.getNode(), 'The MailChimp OAuth2 credential is not connected: open it and click "Connect my account"');
	}
	const url = `${trimSlash(creds.loginServerUrl || 'https://login.mailchimp.com')}/oauth2/metadata`;
	const outcome = await callService(ctx, client.profile, {
		method: 'GET',
		url,
		headers: { Authorization: `OAuth ${token}` },
		timeoutMs: 60_000,
		idempotent: true,
		unsigned: true,
	});
	const status = outcome.kind === 'response' ? outcome.response.statusCode : undefined;
	const body = outcome.kind === 'response' ? outcome.response.body : undefined;
	if (status !== undefined && status < 300 && isObject(body) && typeof body.api_endpoint === 'string' && body.api_endpoint) {
		return apiBaseFromEndpoint(body.api_endpoint);
	}
	if (status === 401 || status === 403) throw reconnectError(ctx, client, status);
	const why =
		outcome.kind === 'network'
			? `could not be reached: ${redactSecrets(outcome.message, client.secrets)}`
			: `answered HTTP ${status ?? '?'} without an api_endpoint`;
	throw new NodeApiError(ctx.getNode(), (redactValue(isObject(body) ? body : {}, client.secrets) ?? {}) as JsonObject, {
		message: `The MailChimp metadata endpoint (${url}) ${why}`,
		description: 'The node asks it which data center serves the account. Set "API Base URL Override" in the credential to skip it.',
		httpCode: status ? String(status) : undefined,
	});
}

/** The account's API base: the credential's override, the API key's data center, or the OAuth2 metadata. */
export async function resolveBaseUrl(ctx: HostContext, client: MailchimpClient, creds: MailchimpCredentials): Promise<string> {
	const override = trimSlash(creds.apiBaseUrl ?? '');
	if (override) return override;
	if (client.authentication === 'apiKey') {
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
}
