import type { HostContext } from '../../shared/authorizedRequest';
import { contextCache } from '../../shared/contextCache';
import { Semaphore } from '../../shared/pool';
import { DEFAULT_RETRY } from '../../shared/retry';
import { resolveBaseUrl } from './baseUrl';
import { credentialTypeFor, readCredentials, secretsOf, type Authentication } from './credentials';
import type { MailchimpClient } from './types';

/** MailChimp allows 10 simultaneous connections per user; leave room for the account's other apps. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 10;

const clients = contextCache<Promise<MailchimpClient>>();

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
			const creds = await readCredentials(ctx, authentication);
			let base: Promise<string> | undefined;
			const client: MailchimpClient = {
				authentication,
				credentialType,
				secrets: secretsOf(creds),
				profile: {
					auth: {
						credentialType,
						...(authentication === 'oAuth2' ? { oauth2: {} } : {}),
						isExpired: (response) => response.statusCode === 401,
						refreshable: false,
					},
					limiter: new Semaphore(Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(concurrency) || DEFAULT_CONCURRENCY))),
					retry: DEFAULT_RETRY,
				},
				// Cached either way: a failed resolution is reported to every item without calling again.
				baseUrl: async () => await (base ??= resolveBaseUrl(ctx, client, creds)),
			};
			return client;
		})();
		clients.set(ctx, pending);
	}
	return await pending;
}
