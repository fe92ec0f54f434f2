import { randomBytes } from 'node:crypto';
import { CUSTOM_SANDBOX_CLIENT_ID, CUSTOM_SANDBOX_CLIENT_SECRET } from './constants';

export interface AccessToken {
	clientId: string;
	scope: string;
	expiresAt: number;
	revoked: boolean;
}

export interface RefreshToken {
	clientId: string;
	scope: string;
	revoked: boolean;
}

export interface Item {
	id: number;
	name: string;
	created_at: string;
}

export interface TokenResponse {
	access_token: string;
	refresh_token?: string;
	expires_in: number;
	token_type: 'Bearer';
	scope: string;
}

export function secret(prefix: string): string {
	return `${prefix}.${randomBytes(18).toString('base64url')}`;
}

/** State of the generic OAuth2 provider and its API. */
export class CustomStore {
	clients = new Map<string, string>([[CUSTOM_SANDBOX_CLIENT_ID, CUSTOM_SANDBOX_CLIENT_SECRET]]);
	codes = new Map<string, { clientId: string; redirectUri: string; scope: string; expiresAt: number }>();
	accessTokens = new Map<string, AccessToken>();
	refreshTokens = new Map<string, RefreshToken>();
	refreshes = 0;
	items: Item[] = [];

	seedItems(n: number): void {
		const start = Date.UTC(2025, 0, 1);
		this.items = Array.from({ length: n }, (_, i) => ({
			id: i + 1,
			name: `Item ${String(i + 1).padStart(4, '0')}`,
			created_at: new Date(start + i * 3_600_000).toISOString(),
		}));
	}

	/** New access token (and refresh token unless `refreshToken` is given to keep). */
	issue(clientId: string, scope: string, ttlSeconds: number, refreshToken?: string): TokenResponse {
		const accessToken = secret('at');
		this.accessTokens.set(accessToken, { clientId, scope, expiresAt: Date.now() + ttlSeconds * 1000, revoked: false });
		const response: TokenResponse = { access_token: accessToken, expires_in: ttlSeconds, token_type: 'Bearer', scope };
		if (refreshToken === undefined) {
			const fresh = secret('rt');
			this.refreshTokens.set(fresh, { clientId, scope, revoked: false });
			response.refresh_token = fresh;
		}
		return response;
	}
}
