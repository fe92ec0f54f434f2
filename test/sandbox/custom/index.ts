import type { SandboxServer } from '../core/server';
import { registerCustomApi } from './api';
import { CUSTOM_SANDBOX_CLIENT_ID } from './constants';
import { registerCustomControl } from './control';
import { registerCustomOAuth } from './oauth';
import { CustomStore, type TokenResponse } from './store';

export * from './constants';
export type { TokenResponse } from './store';

export interface CustomServiceOptions {
	/** Token URL refuses refresh_token, refresh URL refuses authorization_code. Default true. */
	strict?: boolean;
	/** Skip the consent page. Default false (`auto_approve=1` per request also works). */
	autoApprove?: boolean;
	/** Default 3600. */
	accessTokenTtlSeconds?: number;
	/** Each refresh returns a new refresh token and revokes the old one. Default false. */
	rotateRefreshTokens?: boolean;
	/** Default ['Bearer', 'Zoho-oauthtoken', 'OAuth']. */
	acceptedSchemes?: string[];
	/** Accept `?access_token=` on API calls. Default true. */
	acceptQueryToken?: boolean;
	/** Items behind GET /custom/api/items. Default 95 (not a multiple of common page sizes). */
	items?: number;
	/** Host for /custom/api/redirect-elsewhere; default "localhost" when called on 127.0.0.1, else 127.0.0.1. */
	redirectHost?: string;
}

type Settings = Required<Omit<CustomServiceOptions, 'redirectHost'>> & Pick<CustomServiceOptions, 'redirectHost'>;

/**
 * A generic OAuth2 provider with a DISTINCT refresh URL, plus a small API: proves that a client
 * (n8n with our credential) exchanges codes at the token URL and refreshes at the refresh URL.
 */
export class CustomServiceSandbox {
	readonly options: Settings;
	private readonly store = new CustomStore();

	constructor(server: SandboxServer, options: CustomServiceOptions = {}) {
		this.options = {
			strict: options.strict ?? true,
			autoApprove: options.autoApprove ?? false,
			accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
			rotateRefreshTokens: options.rotateRefreshTokens ?? false,
			acceptedSchemes: options.acceptedSchemes ?? ['Bearer', 'Zoho-oauthtoken', 'OAuth'],
			acceptQueryToken: options.acceptQueryToken ?? true,
			items: options.items ?? 95,
			redirectHost: options.redirectHost,
		};
		this.store.seedItems(this.options.items);
		registerCustomOAuth(server, this.store, () => this.options);
		registerCustomApi(server, this.store, () => this.options);
		registerCustomControl(server, this);
		server.setFaultBody('custom', (status) => ({
			status,
			headers: status === 429 ? { 'retry-after': '1' } : undefined,
			body: { error: status === 429 ? 'rate_limited' : 'server_error', error_description: 'Injected fault.' },
		}));
	}

	/** Forget clients (except the default), codes, tokens and the refresh count; re-seed items. */
	reset(): void {
		Object.assign(this.store, new CustomStore());
		this.store.seedItems(this.options.items);
	}

	registerClient(client: { clientId: string; clientSecret: string }): void {
		this.store.clients.set(client.clientId, client.clientSecret);
	}

	/** Tokens as if the authorization-code dance had happened. */
	issueTokens(options: { clientId?: string; scope?: string } = {}): TokenResponse {
		return this.store.issue(options.clientId ?? CUSTOM_SANDBOX_CLIENT_ID, options.scope ?? '', this.options.accessTokenTtlSeconds);
	}

	/** Every access token issued so far answers 401 from now on; refresh tokens stay valid. */
	expireAccessTokens(): number {
		const now = Date.now();
		let n = 0;
		for (const token of this.store.accessTokens.values()) {
			if (token.expiresAt > now) n++;
			token.expiresAt = Math.min(token.expiresAt, now - 1);
		}
		return n;
	}

	revokeRefreshToken(token: string): boolean {
		const t = this.store.refreshTokens.get(token);
		if (!t) return false;
		t.revoked = true;
		return true;
	}

	/** Revoke a refresh token or an access token, whichever `token` is. */
	revokeToken(token: string): boolean {
		const access = this.store.accessTokens.get(token);
		if (access) access.revoked = true;
		return this.revokeRefreshToken(token) || !!access;
	}

	/** Successful refresh_token grants since the last reset. */
	refreshCount(): number {
		return this.store.refreshes;
	}

	setItems(n: number): void {
		this.options.items = n;
		this.store.seedItems(n);
	}
}
