import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { ZOHO_ALL_SCOPES, ZOHO_SANDBOX_CLIENT_ID, ZOHO_SANDBOX_CLIENT_SECRET } from './constants';

export interface ZohoClient {
	clientId: string;
	clientSecret: string;
	/** When set, /oauth/v2/auth and the code exchange accept only these redirect URIs. */
	redirectUris?: string[];
}

export interface AuthCode {
	clientId: string;
	redirectUri: string;
	scope: string[];
	offline: boolean;
	/** Whether this consent mints a refresh token (offline and first consent or prompt=consent). */
	issueRefresh: boolean;
	expiresAt: number;
}

export interface RefreshTokenRecord {
	token: string;
	clientId: string;
	scope: string[];
	createdAt: number;
	revoked: boolean;
	/** Times of refresh grants, for the "10 access tokens per 10 minutes" rule. */
	refreshTimes: number[];
	refreshes: number;
	throttled: number;
}

export interface AccessTokenRecord {
	clientId: string;
	scope: string[];
	expiresAt: number;
	refreshToken?: string;
	revoked: boolean;
}

export interface TokenStats {
	codesIssued: number;
	codeExchanges: number;
	refreshGrants: number;
	throttled: number;
	accessTokensIssued: number;
	activeAccessTokens: number;
	refreshTokens: Array<{ tokenTail: string; clientId: string; refreshes: number; refreshesLast10Min: number; throttled: number; revoked: boolean; createdAt: number }>;
}

export interface TokenLimits {
	accessTokenLifetimeSec: number;
	authCodeLifetimeSec: number;
	refreshesPerWindow: number;
	refreshWindowSec: number;
	maxRefreshTokensPerClient: number;
}

const token = (): string => `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;

export const splitScopes = (scope: string): string[] =>
	scope
		.split(/[,\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);

/** Clients, codes, refresh and access tokens of the fake Zoho accounts server. */
export class TokenStore {
	clients = new Map<string, ZohoClient>();
	codes = new Map<string, AuthCode>();
	refreshTokens = new Map<string, RefreshTokenRecord>();
	accessTokens = new Map<string, AccessTokenRecord>();
	/** Clients the (single) sandbox user has consented to: a re-consent without prompt=consent mints no refresh token. */
	consented = new Set<string>();
	counters = { codesIssued: 0, codeExchanges: 0, refreshGrants: 0, throttled: 0, accessTokensIssued: 0 };

	constructor(private readonly clock: Clock, readonly limits: TokenLimits) {
		this.reset();
	}

	reset(): void {
		this.clients = new Map();
		this.registerClient({ clientId: ZOHO_SANDBOX_CLIENT_ID, clientSecret: ZOHO_SANDBOX_CLIENT_SECRET });
		this.codes = new Map();
		this.refreshTokens = new Map();
		this.accessTokens = new Map();
		this.consented = new Set();
		this.counters = { codesIssued: 0, codeExchanges: 0, refreshGrants: 0, throttled: 0, accessTokensIssued: 0 };
	}

	registerClient(client: ZohoClient): void {
		this.clients.set(client.clientId, { ...client });
	}

	issueCode(code: Omit<AuthCode, 'expiresAt'>): string {
		const value = token();
		this.codes.set(value, { ...code, expiresAt: this.clock.now() + this.limits.authCodeLifetimeSec * 1000 });
		this.counters.codesIssued++;
		return value;
	}

	/** Single use: a code is gone once tried. */
	takeCode(value: string): AuthCode | undefined {
		const code = this.codes.get(value);
		this.codes.delete(value);
		if (!code || code.expiresAt <= this.clock.now()) return undefined;
		return code;
	}

	mintAccess(clientId: string, scope: string[], refreshToken?: string): { token: string; expiresIn: number } {
		const value = token();
		const expiresIn = this.limits.accessTokenLifetimeSec;
		this.accessTokens.set(value, { clientId, scope, refreshToken, expiresAt: this.clock.now() + expiresIn * 1000, revoked: false });
		this.counters.accessTokensIssued++;
		return { token: value, expiresIn };
	}

	mintRefresh(clientId: string, scope: string[]): string {
		const value = token();
		const mine = [...this.refreshTokens.values()].filter((r) => r.clientId === clientId && !r.revoked);
		// Zoho keeps ~20 refresh tokens per user and client; a new one silently deletes the oldest.
		if (mine.length >= this.limits.maxRefreshTokensPerClient) this.revoke(mine[0].token);
		this.refreshTokens.set(value, { token: value, clientId, scope, createdAt: this.clock.now(), revoked: false, refreshTimes: [], refreshes: 0, throttled: 0 });
		return value;
	}

	/** A refresh grant: undefined if the token is unknown, 'throttled' past the per-window limit. */
	refresh(value: string, clientId: string): { token: string; expiresIn: number; scope: string[] } | 'throttled' | undefined {
		const record = this.refreshTokens.get(value);
		if (!record || record.revoked || record.clientId !== clientId) return undefined;
		const now = this.clock.now();
		const windowStart = now - this.limits.refreshWindowSec * 1000;
		record.refreshTimes = record.refreshTimes.filter((t) => t > windowStart);
		if (record.refreshTimes.length >= this.limits.refreshesPerWindow) {
			record.throttled++;
			this.counters.throttled++;
			return 'throttled';
		}
		record.refreshTimes.push(now);
		record.refreshes++;
		this.counters.refreshGrants++;
		return { ...this.mintAccess(clientId, record.scope, value), scope: record.scope };
	}

	/** Revoking a refresh token also kills the access tokens minted from it. */
	revoke(value: string): boolean {
		const refresh = this.refreshTokens.get(value);
		if (refresh) {
			refresh.revoked = true;
			for (const access of this.accessTokens.values()) if (access.refreshToken === value) access.revoked = true;
			return true;
		}
		const access = this.accessTokens.get(value);
		if (access) {
			access.revoked = true;
			return true;
		}
		return false;
	}

	validAccess(value: string): AccessTokenRecord | undefined {
		const record = this.accessTokens.get(value);
		if (!record || record.revoked || record.expiresAt <= this.clock.now()) return undefined;
		return record;
	}

	expireAccessTokens(): void {
		for (const record of this.accessTokens.values()) record.expiresAt = 0;
	}

	issueForTests(clientId = ZOHO_SANDBOX_CLIENT_ID, scope = ZOHO_ALL_SCOPES): { access_token: string; refresh_token: string; expires_in: number } {
		const scopes = splitScopes(scope);
		const refresh = this.mintRefresh(clientId, scopes);
		const access = this.mintAccess(clientId, scopes, refresh);
		return { access_token: access.token, refresh_token: refresh, expires_in: access.expiresIn };
	}

	refreshCount(value: string): number {
		return this.refreshTokens.get(value)?.refreshes ?? 0;
	}

	stats(): TokenStats {
		const now = this.clock.now();
		const windowStart = now - this.limits.refreshWindowSec * 1000;
		return {
			...this.counters,
			activeAccessTokens: [...this.accessTokens.values()].filter((a) => !a.revoked && a.expiresAt > now).length,
			refreshTokens: [...this.refreshTokens.values()].map((r) => ({
				tokenTail: r.token.slice(-6),
				clientId: r.clientId,
				refreshes: r.refreshes,
				refreshesLast10Min: r.refreshTimes.filter((t) => t > windowStart).length,
				throttled: r.throttled,
				revoked: r.revoked,
				createdAt: r.createdAt,
			})),
		};
	}
}
