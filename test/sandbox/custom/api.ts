import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { CUSTOM_API_PATH } from './constants';
import { pageItems } from './paging';
import type { AccessToken, CustomStore } from './store';

export interface ApiSettings {
	/** Authorization schemes accepted in front of the token (case-insensitive). */
	acceptedSchemes: string[];
	/** Also accept `?access_token=`. */
	acceptQueryToken: boolean;
	/** Host the cross-host redirect points at; default the other spelling of loopback. */
	redirectHost?: string;
}

function unauthorized(description: string): Reply {
	return {
		status: 401,
		headers: { 'www-authenticate': `Bearer realm="custom-sandbox", error="invalid_token", error_description="${description}"` },
		body: { error: 'invalid_token', error_description: description },
	};
}

function origin(ctx: RequestContext, server: SandboxServer): string {
	return ctx.headers.host ? `http://${ctx.headers.host}` : server.baseUrl;
}

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export function registerCustomApi(server: SandboxServer, store: CustomStore, settings: () => ApiSettings): void {
	const opts = { service: 'custom' as const };

	const check = (ctx: RequestContext): { token: AccessToken } | Reply => {
		const s = settings();
		const header = ctx.headers.authorization;
		let value: string | undefined;
		let via: string | undefined;
		if (header) {
			const space = header.indexOf(' ');
			const scheme = space > 0 ? header.slice(0, space) : header;
			if (!s.acceptedSchemes.some((x) => x.toLowerCase() === scheme.toLowerCase())) {
				ctx.note({ auth: 'rejected', scheme });
				return unauthorized(`Authorization scheme "${scheme}" is not accepted`);
			}
			value = header.slice(space + 1).trim();
			via = scheme;
		} else if (s.acceptQueryToken && ctx.query.get('access_token')) {
			value = ctx.query.get('access_token')!;
			via = 'query';
		}
		if (!value) {
			ctx.note({ auth: 'missing' });
			return unauthorized('No access token');
		}
		const token = store.accessTokens.get(value);
		if (!token || token.revoked) {
			ctx.note({ auth: 'unknown token', via });
			return unauthorized('The access token is invalid');
		}
		if (token.expiresAt <= Date.now()) {
			ctx.note({ auth: 'expired', via });
			return unauthorized('The access token expired');
		}
		ctx.note({ auth: 'ok', via });
		return { token };
	};

	const authed = (handler: (ctx: RequestContext, token: AccessToken) => Reply) => (ctx: RequestContext): Reply => {
		const result = check(ctx);
		return 'token' in result ? handler(ctx, result.token) : result;
	};

	server.route('GET', `${CUSTOM_API_PATH}/me`, authed((_ctx, token) => ({
		status: 200,
		body: { id: 'user-1', name: 'Sandbox User', email: 'user@custom-sandbox.test', client_id: token.clientId, scope: token.scope },
	})), opts);

	server.route('GET', `${CUSTOM_API_PATH}/items`, authed((ctx) => pageItems(ctx, store.items, origin(ctx, server))), opts);

	const echo = authed((ctx) => ({
		status: 200,
		body: {
			method: ctx.method,
			path: ctx.path,
			query: Object.fromEntries(ctx.query),
			headers: Object.fromEntries(Object.entries(ctx.headers).filter(([k]) => !HIDDEN_HEADERS.has(k))),
			contentType: ctx.headers['content-type'] ?? null,
			body: ctx.body ?? null,
		},
	}));
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) server.route(method, `${CUSTOM_API_PATH}/echo`, echo, opts);

	server.route('GET', `${CUSTOM_API_PATH}/redirect-elsewhere`, authed((ctx) => {
		const here = new URL(origin(ctx, server));
		const host = settings().redirectHost ?? (here.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1');
		const target = `http://${host}:${here.port}${ctx.query.get('path') ?? `${CUSTOM_API_PATH}/me`}`;
		ctx.note({ redirect: host });
		return { status: 302, headers: { location: target }, body: { redirect: target } };
	}), opts);

	server.route('GET', `${CUSTOM_API_PATH}/status/:code`, authed((ctx) => {
		const code = Number(ctx.params.code);
		if (!Number.isInteger(code) || code < 200 || code > 599) {
			return { status: 400, body: { error: 'invalid_request', error_description: 'status must be 200..599' } };
		}
		const headers: Record<string, string> = code === 429 || code === 503 ? { 'retry-after': '1' } : {};
		return { status: code, headers, body: { status: code } };
	}), opts);
}
