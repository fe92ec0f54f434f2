import type { MailchimpStore } from './store';

export interface Principal {
	kind: 'oauth' | 'api-key';
	scheme: string;
}

const API_KEY = /^[0-9a-f]{32}-[a-z]+\d+$/;

function apiKey(store: MailchimpStore, value: string): boolean {
	return API_KEY.test(value) && store.apiKeys.has(value);
}

function oauthToken(store: MailchimpStore, value: string): boolean {
	const token = store.tokens.get(value);
	return !!token && !token.revoked;
}

/**
 * Marketing API auth: Bearer (OAuth token or API key), OAuth <token>, or Basic with any user and
 * the API key as password. Undefined means 401.
 */
export function authenticate(store: MailchimpStore, header: string | undefined): Principal | undefined {
	if (!header) return undefined;
	const space = header.indexOf(' ');
	if (space <= 0) return undefined;
	const scheme = header.slice(0, space);
	const value = header.slice(space + 1).trim();
	switch (scheme.toLowerCase()) {
		case 'bearer':
			if (oauthToken(store, value)) return { kind: 'oauth', scheme };
			return apiKey(store, value) ? { kind: 'api-key', scheme } : undefined;
		case 'oauth':
			return oauthToken(store, value) ? { kind: 'oauth', scheme } : undefined;
		case 'basic': {
			const decoded = Buffer.from(value, 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0) return undefined;
			return apiKey(store, decoded.slice(colon + 1)) ? { kind: 'api-key', scheme } : undefined;
		}
		default:
			return undefined;
	}
}
