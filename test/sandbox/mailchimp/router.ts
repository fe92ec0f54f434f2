import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { authenticate } from './auth';
import { apiKeyInvalid, jsonParseError, tooManyRequests } from './problems';
import type { MailchimpStore } from './store';

/** What an API handler needs: the same for HTTP requests and for batch operations. */
export type ApiContext = Pick<RequestContext, 'method' | 'path' | 'params' | 'query' | 'body' | 'headers' | 'note'>;
export type ApiHandler = (ctx: ApiContext) => Reply;

interface ApiRoute {
	method: string;
	regex: RegExp;
	keys: string[];
	handler: ApiHandler;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			keys.push(part.slice(1));
			return '([^/]+)';
		})
		.join('/');
	return { regex: new RegExp(`^${source}/?$`), keys };
}

/**
 * Registers /3.0 routes on the sandbox server behind the account's connection limit and API auth,
 * and keeps them for in-process dispatch of batch operations.
 */
export class ApiRouter {
	private readonly routes: ApiRoute[] = [];

	constructor(
		private readonly server: SandboxServer,
		private readonly store: MailchimpStore,
		private readonly concurrencyLimit: () => number,
	) {}

	add(method: string, pattern: string, handler: ApiHandler): void {
		this.routes.push({ method, handler, ...compile(pattern) });
		this.server.route(method, `/3.0${pattern}`, (ctx) => this.handle(ctx, handler), { service: 'mailchimp-api' });
	}

	private handle(ctx: RequestContext, handler: ApiHandler): Reply {
		if (this.server.inflight('mailchimp-api') > this.concurrencyLimit()) {
			ctx.note({ rejected: 'concurrency', inflight: this.server.inflight('mailchimp-api') });
			return tooManyRequests();
		}
		const principal = authenticate(this.store, ctx.headers.authorization);
		if (!principal) {
			ctx.note({ auth: 'rejected' });
			return apiKeyInvalid();
		}
		ctx.note({ auth: principal.kind });
		if (typeof ctx.body === 'object' && ctx.body !== null && '__invalidJson' in ctx.body) return jsonParseError();
		return handler(ctx);
	}

	/** Run one batch operation in process (auth was checked when the batch was submitted). */
	dispatch(method: string, path: string, query: URLSearchParams, body: unknown): Reply | undefined {
		const clean = path.replace(/^\/3\.0(?=\/)/, '');
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const m = route.regex.exec(clean);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => {
				params[key] = decodeURIComponent(m[i + 1]);
			});
			return route.handler({ method, path: clean, params, query, body, headers: {}, note: () => undefined });
		}
		return undefined;
	}
}
