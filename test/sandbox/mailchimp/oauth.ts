import { randomBytes } from 'node:crypto';
import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import type { MailchimpStore } from './store';

export interface OAuthSettings {
	autoApprove: boolean;
	dc: string;
	/** Where the metadata says the API lives; default: the origin the client used to reach the sandbox. */
	apiEndpoint?: string;
	/** Authorization schemes the metadata endpoint accepts. */
	metadataSchemes: string[];
}

const CODE_TTL_MS = 10 * 60_000;

function html(status: number, body: string): Reply {
	return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><html><body>${body}</body></html>` };
}

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function redirect(target: string, params: Record<string, string | null>): Reply {
	const url = new URL(target);
	for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
	return { status: 302, headers: { location: url.toString() } };
}

function form(ctx: RequestContext): Record<string, string> {
	const body = ctx.body;
	if (typeof body !== 'object' || body === null) return {};
	return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** Client credentials from the form body or from HTTP Basic (n8n sends either, per credential setting). */
function clientCredentials(ctx: RequestContext, body: Record<string, string>): { id?: string; secret?: string; via: string } {
	const header = ctx.headers.authorization;
	if (header?.toLowerCase().startsWith('basic ')) {
		const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)), via: 'basic' };
	}
	return { id: body.client_id, secret: body.client_secret, via: 'body' };
}

export function origin(ctx: RequestContext, server: SandboxServer): string {
	const host = ctx.headers.host;
	return host ? `http://${host}` : server.baseUrl;
}

/** login.mailchimp.com: authorize (consent page), token (code grant only, no refresh token), metadata. */
export function registerOAuthRoutes(server: SandboxServer, store: MailchimpStore, settings: () => OAuthSettings): void {
	const opts = { service: 'mailchimp-login' as const };

	server.route('GET', '/oauth2/authorize', (ctx) => {
		const q = ctx.query;
		const clientId = q.get('client_id') ?? '';
		const redirectUri = q.get('redirect_uri') ?? '';
		const client = store.clients.get(clientId);
		if (q.get('response_type') !== 'code' || !client || !/^https?:\/\//.test(redirectUri)) {
			ctx.note({ authorize: 'rejected' });
			return html(400, '<h1>Invalid Request</h1><p>Unknown client_id, missing redirect_uri or response_type is not "code".</p>');
		}
		if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
			return html(400, '<h1>Invalid Request</h1><p>redirect_uri does not match the registered one.</p>');
		}
		if (q.get('deny') === '1') {
			ctx.note({ authorize: 'denied' });
			return redirect(redirectUri, { error: 'access_denied', state: q.get('state') });
		}
		if (q.get('auto_approve') === '1' || settings().autoApprove) {
			const code = randomBytes(16).toString('hex');
			store.codes.set(code, { clientId, redirectUri, expiresAt: store.clock.now() + CODE_TTL_MS });
			ctx.note({ authorize: 'approved' });
			return redirect(redirectUri, { code, state: q.get('state') });
		}
		const accept = new URLSearchParams(q);
		accept.set('auto_approve', '1');
		const deny = new URLSearchParams(q);
		deny.set('deny', '1');
		ctx.note({ authorize: 'consent page' });
		return html(
			200,
			`<h1>MailChimp sandbox</h1><p>Allow <b>${escape(clientId)}</b> to access the account "Sandbox Marketing"?</p>` +
				`<a id="accept" href="/oauth2/authorize?${escape(accept.toString())}">Allow</a> ` +
				`<a id="deny" href="/oauth2/authorize?${escape(deny.toString())}">Deny</a>`,
		);
	}, opts);

	server.route('POST', '/oauth2/token', (ctx) => {
		const body = form(ctx);
		const client = clientCredentials(ctx, body);
		const grant = body.grant_type;
		ctx.note({ grant_type: grant, client_auth: client.via });
		if (grant !== 'authorization_code') {
			return { status: 400, body: { error: 'unsupported_grant_type' } };
		}
		const known = client.id ? store.clients.get(client.id) : undefined;
		const code = body.code ? store.codes.get(body.code) : undefined;
		if (!known || known.secret !== client.secret || !code || code.clientId !== client.id) {
			ctx.note({ outcome: !known || known.secret !== client.secret ? 'bad client' : 'bad code' });
			return { status: 400, body: { error: 'invalid_grant' } };
		}
		store.codes.delete(body.code);
		if (code.expiresAt < store.clock.now() || (body.redirect_uri && body.redirect_uri !== code.redirectUri)) {
			ctx.note({ outcome: 'expired code or redirect_uri mismatch' });
			return { status: 400, body: { error: 'invalid_grant' } };
		}
		const accessToken = randomBytes(16).toString('hex');
		store.tokens.set(accessToken, { clientId: client.id!, revoked: false });
		ctx.note({ outcome: 'token issued' });
		return { status: 200, body: { access_token: accessToken, expires_in: 0, scope: null } };
	}, opts);

	server.route('GET', '/oauth2/metadata', (ctx) => {
		const header = ctx.headers.authorization ?? '';
		const space = header.indexOf(' ');
		const scheme = space > 0 ? header.slice(0, space) : '';
		const token = store.tokens.get(header.slice(space + 1).trim());
		const s = settings();
		if (!s.metadataSchemes.some((x) => x.toLowerCase() === scheme.toLowerCase()) || !token || token.revoked) {
			ctx.note({ metadata: 'rejected', scheme });
			return { status: 401, body: { error: 'invalid_token', error_description: 'Invalid or revoked access token' } };
		}
		ctx.note({ metadata: 'ok', scheme });
		return {
			status: 200,
			body: {
				dc: s.dc,
				role: 'owner',
				accountname: 'Sandbox Marketing',
				user_id: 31415926,
				login: {
					email: 'owner@sandbox-marketing.test',
					avatar: null,
					login_id: 27182818,
					login_name: 'sandbox_owner',
					login_email: 'owner@sandbox-marketing.test',
				},
				login_url: 'https://login.mailchimp.com',
				api_endpoint: s.apiEndpoint ?? origin(ctx, server),
			},
		};
	}, opts);
}
