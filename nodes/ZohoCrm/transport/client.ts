import { NodeOperationError } from 'n8n-workflow';
import type { HostContext, ServiceResponse } from '../../shared/authorizedRequest';
import { contextCache } from '../../shared/contextCache';
import { Semaphore } from '../../shared/pool';
import { DEFAULT_RETRY } from '../../shared/retry';
import type { ServiceProfile, ServiceRequest } from '../../shared/serviceClient';
import { isPricedStatus, zohoCredits } from './credits';
import { resolveApiDomain, resolveFileDomain, type ZohoConnectionSettings } from './dataCenters';
import type { ZohoErrorBody } from './errors';
import { startUsage } from './usage';

export const ZOHO_CREDENTIAL = 'zohoCrmConnectOAuth2Api';
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

function isExpiredToken(response: ServiceResponse): boolean {
	if (response.statusCode !== 401) return false;
	const code = (response.body as ZohoErrorBody | undefined)?.code;
	// A scope mismatch is a 401 too, but a refresh cannot fix it.
	return code !== 'OAUTH_SCOPE_MISMATCH' && code !== 'NO_PERMISSION';
}

const clients = contextCache<Promise<ZohoClient>>();

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
			const stats = startUsage(ctx);
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
