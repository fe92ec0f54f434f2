import { randomBytes } from 'node:crypto';
import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { CUSTOM_AUTHORIZE_PATH, CUSTOM_REFRESH_PATH, CUSTOM_TOKEN_PATH } from './constants';
import type { CustomStore } from './store';

export interface OAuthSettings {
	strict: boolean;
	autoApprove: boolean;
	accessTokenTtlSeconds: number;
	rotateRefreshTokens: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

function oauthError(status: number, error: string, description: string): Reply {
	return { status, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}

function fields(ctx: RequestContext): Record<string, string> {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null) return {};
	return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** Client authentication: HTTP Basic (client_secret_basic) or form fields (client_secret_post). */
function authenticateClient(ctx: RequestContext, store: CustomStore, body: Record<string, string>): { clientId?: string; via: string } {
	const header = ctx.headers.authorization;
	let id = body.client_id;
	let secretValue = body.client_secret;
	let via = 'body';
	if (header?.toLowerCase().startsWith('basic ')) {
		const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		id = decodeURIComponent(decoded.slice(0, colon));
		secretValue = decodeURIComponent(decoded.slice(colon + 1));
		via = 'basic';
	}
	const ok = id !== undefined && secretValue !== undefined && store.clients.get(id) === secretValue;
	return { clientId: ok ? id : undefined, via };
}

function html(status: number, body: string): Reply {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><html><body>${body}</body></html>` };
}

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A provider that exchanges codes at one URL and refreshes at another. In strict mode each URL
 * refuses the other's grant, so a client that posts a refresh to the token URL fails loudly.
 */
export function registerCustomOAuth(server: SandboxServer, store: CustomStore, settings: () => OAuthSettings): void {
	const opts = { service: 'custom' as const };

	server.route('GET', CUSTOM_AUTHORIZE_PATH, (ctx) => {
		const q = ctx.query;
		const clientId = q.get('client_id') ?? '';
		const redirectUri = q.get('redirect_uri') ?? '';
		if (q.get('response_type') !== 'code' || !store.clients.has(clientId) || !/^https?:\/\//.test(redirectUri)) {
			ctx.note({ authorize: 'rejected' });
			return html(400, '<h1>invalid_request</h1><p>Unknown client_id, missing redirect_uri or response_type is not "code".</p>');
		}
		const target = new URL(redirectUri);
		const state = q.get('state');
		if (state !== null) target.searchParams.set('state', state);
		if (q.get('deny') === '1') {
			target.searchParams.set('error', 'access_denied');
			ctx.note({ authorize: 'denied' });
			return { status: 302, headers: { location: target.toString() } };
		}
		if (q.get('auto_approve') === '1' || settings().autoApprove) {
			const code = randomBytes(16).toString('hex');
			store.codes.set(code, { clientId, redirectUri, scope: q.get('scope') ?? '', expiresAt: Date.now() + CODE_TTL_MS });
			target.searchParams.set('code', code);
			ctx.note({ authorize: 'approved' });
			return { status: 302, headers: { location: target.toString() } };
		}
		const accept = new URLSearchParams(q);
		accept.set('auto_approve', '1');
		const deny = new URLSearchParams(q);
		deny.set('deny', '1');
		ctx.note({ authorize: 'consent page' });
		return html(
			200,
			`<h1>Custom service sandbox</h1><p>Allow <b>${escape(clientId)}</b> access to: ${escape(q.get('scope') ?? '(no scope)')}?</p>` +
				`<a id="accept" href="${CUSTOM_AUTHORIZE_PATH}?${escape(accept.toString())}">Allow</a> ` +
				`<a id="deny" href="${CUSTOM_AUTHORIZE_PATH}?${escape(deny.toString())}">Deny</a>`,
		);
	}, opts);

	const exchangeCode = (ctx: RequestContext, body: Record<string, string>, clientId: string): Reply => {
		const code = body.code ? store.codes.get(body.code) : undefined;
		if (body.code) store.codes.delete(body.code);
		if (!code || code.clientId !== clientId || code.expiresAt < Date.now()) {
			ctx.note({ outcome: 'invalid code' });
			return oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired or was already used.');
		}
		if (body.redirect_uri !== code.redirectUri) {
			ctx.note({ outcome: 'redirect_uri mismatch' });
			return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
		}
		ctx.note({ outcome: 'tokens issued' });
		return { status: 200, headers: { 'cache-control': 'no-store' }, body: store.issue(clientId, code.scope, settings().accessTokenTtlSeconds) };
	};

	const refresh = (ctx: RequestContext, body: Record<string, string>, clientId: string): Reply => {
		const token = body.refresh_token ? store.refreshTokens.get(body.refresh_token) : undefined;
		if (!token || token.revoked || token.clientId !== clientId) {
			ctx.note({ outcome: token?.revoked ? 'revoked refresh token' : 'unknown refresh token' });
			return oauthError(400, 'invalid_grant', 'The refresh token is invalid or was revoked.');
		}
		const s = settings();
		if (s.rotateRefreshTokens) token.revoked = true;
		store.refreshes++;
		ctx.note({ outcome: s.rotateRefreshTokens ? 'refreshed, refresh token rotated' : 'refreshed' });
		const response = store.issue(clientId, token.scope, s.accessTokenTtlSeconds, s.rotateRefreshTokens ? undefined : body.refresh_token);
		return { status: 200, headers: { 'cache-control': 'no-store' }, body: response };
	};

	const tokenEndpoint = (endpoint: 'token' | 'refresh') => (ctx: RequestContext): Reply => {
		const body = fields(ctx);
		const grant = body.grant_type ?? '';
		const client = authenticateClient(ctx, store, body);
		ctx.note({ endpoint, path: ctx.path, grant_type: grant, client_auth: client.via });
		const strict = settings().strict;
		if (grant === 'refresh_token' && endpoint === 'token' && strict) {
			return oauthError(400, 'unsupported_grant_type', `refresh at ${CUSTOM_REFRESH_PATH}`);
		}
		if (grant === 'authorization_code' && endpoint === 'refresh' && strict) {
			return oauthError(400, 'unsupported_grant_type', `exchange authorization codes at ${CUSTOM_TOKEN_PATH}`);
		}
		if (grant !== 'refresh_token' && grant !== 'authorization_code') {
			return oauthError(400, 'unsupported_grant_type', `grant_type "${grant}" is not supported`);
		}
		if (!client.clientId) return oauthError(401, 'invalid_client', 'Client authentication failed.');
		return grant === 'authorization_code' ? exchangeCode(ctx, body, client.clientId) : refresh(ctx, body, client.clientId);
	};

	server.route('POST', CUSTOM_TOKEN_PATH, tokenEndpoint('token'), opts);
	server.route('POST', CUSTOM_REFRESH_PATH, tokenEndpoint('refresh'), opts);
}
