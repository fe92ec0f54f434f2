import { randomBytes } from 'node:crypto';
import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { accountsFaultBody } from './errors';
import { splitScopes, type TokenStore } from './tokens';

export interface AccountsOptions {
	autoApprove: boolean;
	location: string;
}

interface PendingConsent {
	clientId: string;
	redirectUri: string;
	scope: string[];
	state?: string;
	offline: boolean;
	promptConsent: boolean;
}

const html = (status: number, body: string): Reply => ({
	status,
	headers: { 'content-type': 'text/html; charset=utf-8' },
	body: `<!doctype html><html><head><title>Zoho Accounts (sandbox)</title></head><body>${body}</body></html>`,
});

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tokenError = (error: string, extra: Record<string, string> = {}): Reply => ({ status: 200, body: { error, ...extra } });

function stringParams(ctx: RequestContext): Record<string, string> {
	const out: Record<string, string> = Object.fromEntries(ctx.query);
	if (ctx.body && typeof ctx.body === 'object') {
		for (const [k, v] of Object.entries(ctx.body as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
	}
	return out;
}

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
	if (!header?.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** Fake accounts.zoho.com: consent page, code exchange, refresh with Zoho's limits, revoke. */
export class ZohoAccounts {
	private pending = new Map<string, PendingConsent>();

	constructor(private readonly server: SandboxServer, private readonly tokens: TokenStore, private readonly options: AccountsOptions) {
		const service = { service: 'zoho-accounts' as const };
		server.setFaultBody('zoho-accounts', accountsFaultBody);
		server.route('GET', '/oauth/v2/auth', (ctx) => this.authorize(ctx), service);
		server.route('GET', '/oauth/v2/auth/approve', (ctx) => this.decide(ctx, true), service);
		server.route('POST', '/oauth/v2/auth/approve', (ctx) => this.decide(ctx, true), service);
		server.route('GET', '/oauth/v2/auth/deny', (ctx) => this.decide(ctx, false), service);
		server.route('POST', '/oauth/v2/token', (ctx) => this.token(ctx), service);
		server.route('POST', '/oauth/v2/token/revoke', (ctx) => this.revoke(ctx), service);
	}

	reset(): void {
		this.pending.clear();
	}

	private authorize(ctx: RequestContext): Reply {
		const q = ctx.query;
		const clientId = q.get('client_id') ?? '';
		const client = this.tokens.clients.get(clientId);
		const redirectUri = q.get('redirect_uri');
		const scope = splitScopes(q.get('scope') ?? '');
		ctx.note({ client_id: clientId, access_type: q.get('access_type'), prompt: q.get('prompt'), scope: scope.join(',') });
		if (!client) return html(400, '<h1>Invalid Client</h1><p>error: invalid_client (no client registered with this client_id)</p>');
		if (q.get('response_type') !== 'code') return html(400, '<h1>Invalid Request</h1><p>error: unsupported_response_type (response_type must be "code")</p>');
		if (!redirectUri) return html(400, '<h1>Invalid Redirect Uri</h1><p>error: invalid_redirect_uri (redirect_uri is required)</p>');
		if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
			return html(400, '<h1>Invalid Redirect Uri</h1><p>error: invalid_redirect_uri (not registered for this client)</p>');
		}
		if (scope.length === 0) return html(400, '<h1>Invalid OAuth Scope</h1><p>error: invalid_scope (scope is required)</p>');
		const consent: PendingConsent = {
			clientId,
			redirectUri,
			scope,
			state: q.get('state') ?? undefined,
			offline: q.get('access_type') === 'offline',
			promptConsent: q.get('prompt') === 'consent',
		};
		if (this.options.autoApprove || q.get('auto_approve') === '1') return this.redirect(consent, true);
		const txn = randomBytes(12).toString('hex');
		this.pending.set(txn, consent);
		const scopes = scope.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
		return html(
			200,
			`<h1>Zoho CRM sandbox</h1><p>The application <b>${escapeHtml(clientId)}</b> would like to access:</p><ul>${scopes}</ul>` +
				`<form method="post" action="/oauth/v2/auth/approve"><input type="hidden" name="txn" value="${txn}"><button id="accept" type="submit">Accept</button></form>` +
				`<p><a id="accept-link" href="/oauth/v2/auth/approve?txn=${txn}">Accept</a> · <a id="deny-link" href="/oauth/v2/auth/deny?txn=${txn}">Reject</a></p>`,
		);
	}

	private decide(ctx: RequestContext, approved: boolean): Reply {
		const txn = stringParams(ctx).txn ?? '';
		const consent = this.pending.get(txn);
		this.pending.delete(txn);
		if (!consent) return html(400, '<h1>Request expired</h1><p>This consent request is unknown or was already answered.</p>');
		ctx.note({ client_id: consent.clientId, decision: approved ? 'accept' : 'deny' });
		return this.redirect(consent, approved);
	}

	private redirect(consent: PendingConsent, approved: boolean): Reply {
		const url = new URL(consent.redirectUri);
		if (approved) {
			// Zoho mints a refresh token on the first offline consent, and again only with prompt=consent.
			const issueRefresh = consent.offline && (consent.promptConsent || !this.tokens.consented.has(consent.clientId));
			if (consent.offline) this.tokens.consented.add(consent.clientId);
			const code = this.tokens.issueCode({ clientId: consent.clientId, redirectUri: consent.redirectUri, scope: consent.scope, offline: consent.offline, issueRefresh });
			url.searchParams.set('code', code);
		} else {
			url.searchParams.set('error', 'access_denied');
		}
		if (consent.state !== undefined) url.searchParams.set('state', consent.state);
		url.searchParams.set('location', this.options.location);
		url.searchParams.set('accounts-server', this.server.baseUrl);
		return { status: 302, headers: { location: url.toString() } };
	}

	private token(ctx: RequestContext): Reply {
		const p = stringParams(ctx);
		const basic = basicAuth(ctx.headers.authorization);
		const clientId = p.client_id ?? basic?.id ?? '';
		const secret = p.client_secret ?? basic?.secret ?? '';
		const grant = p.grant_type ?? '';
		ctx.note({ grant_type: grant || undefined, client_id: clientId || undefined, client_auth: p.client_secret ? 'body' : basic ? 'basic' : 'none' });
		const client = this.tokens.clients.get(clientId);
		const fail = (error: string): Reply => {
			ctx.note({ outcome: error });
			return tokenError(error);
		};
		if (grant !== 'authorization_code' && grant !== 'refresh_token') return fail('unsupported_grant_type');
		if (!client || client.clientSecret !== secret) return fail('invalid_client');
		const apiDomain = this.server.baseUrl;
		if (grant === 'authorization_code') {
			const code = this.tokens.takeCode(p.code ?? '');
			if (!code || code.clientId !== clientId) return fail('invalid_code');
			if (p.redirect_uri !== undefined && p.redirect_uri !== code.redirectUri) return fail('invalid_redirect_uri');
			this.tokens.counters.codeExchanges++;
			const refresh = code.issueRefresh ? this.tokens.mintRefresh(clientId, code.scope) : undefined;
			const access = this.tokens.mintAccess(clientId, code.scope, refresh);
			ctx.note({ outcome: 'ok', refresh_token_issued: Boolean(refresh) });
			return {
				status: 200,
				body: {
					access_token: access.token,
					...(refresh ? { refresh_token: refresh } : {}),
					scope: code.scope.join(' '),
					api_domain: apiDomain,
					token_type: 'Bearer',
					expires_in: access.expiresIn,
				},
			};
		}
		const result = this.tokens.refresh(p.refresh_token ?? '', clientId);
		if (result === 'throttled') {
			ctx.note({ outcome: 'throttled' });
			return tokenError('Access Denied', {
				error_description: 'You have made too many requests continuously. Please try again after some time.',
			});
		}
		if (!result) return fail('invalid_code');
		ctx.note({ outcome: 'ok' });
		return {
			status: 200,
			body: { access_token: result.token, scope: result.scope.join(' '), api_domain: apiDomain, token_type: 'Bearer', expires_in: result.expiresIn },
		};
	}

	private revoke(ctx: RequestContext): Reply {
		const value = stringParams(ctx).token ?? '';
		const done = this.tokens.revoke(value);
		ctx.note({ revoke: done ? 'ok' : 'unknown token' });
		return { status: 200, body: done ? { status: 'success' } : { error: 'invalid_token' } };
	}
}
