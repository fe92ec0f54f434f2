import type { SandboxServer } from '../core/server';
import type { Reply } from '../core/types';
import type { ZohoSandbox } from './index';
import { bulkReadConfigSchema, clientBodySchema, issueBodySchema, parseBody, revokeBodySchema, seedBodySchema, touchBodySchema } from './schemas';

const ok = (body: Record<string, unknown> = { ok: true }): Reply => ({ status: 200, body });
const fail = (message: string): Reply => ({ status: 400, body: { code: 'SANDBOX_BAD_REQUEST', message, status: 'error' } });

/** /__sandbox/zoho/*: the test helpers of ZohoSandbox, for tests running in another process. */
export function registerZohoControlRoutes(server: SandboxServer, zoho: ZohoSandbox): void {
	const opts = { service: 'control' as const };
	const base = '/__sandbox/zoho';
	server.route('POST', `${base}/seed`, (ctx) => {
		const body = parseBody(seedBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		if (!zoho.store.module(body.data.module)) return fail(`unknown module ${body.data.module}`);
		const ids = zoho.seed(body.data);
		return ok({ ok: true, count: ids.length, firstId: ids[0] ?? null, lastId: ids[ids.length - 1] ?? null });
	}, opts);
	server.route('POST', `${base}/expire-access-tokens`, () => {
		zoho.expireAccessTokens();
		return ok();
	}, opts);
	server.route('POST', `${base}/expire-page-tokens`, () => {
		zoho.expirePageTokens();
		return ok();
	}, opts);
	server.route('POST', `${base}/revoke`, (ctx) => {
		const body = parseBody(revokeBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		return ok({ ok: true, revoked: zoho.revokeRefreshToken(body.data.token) });
	}, opts);
	server.route('POST', `${base}/issue-tokens`, (ctx) => {
		const body = parseBody(issueBodySchema, ctx.body ?? {});
		return body.ok ? ok({ ...zoho.issueTokens(body.data) }) : body.reply;
	}, opts);
	server.route('GET', `${base}/records/:module`, (ctx) => {
		if (!zoho.store.module(ctx.params.module)) return fail(`unknown module ${ctx.params.module}`);
		return ok({ records: zoho.records(ctx.params.module) });
	}, opts);
	server.route('POST', `${base}/touch`, (ctx) => {
		const body = parseBody(touchBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		try {
			return ok({ record: zoho.touch(body.data.module, body.data.id, body.data.fields ?? {}) });
		} catch (error) {
			return fail(error instanceof Error ? error.message : String(error));
		}
	}, opts);
	server.route('POST', `${base}/clients`, (ctx) => {
		const body = parseBody(clientBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		zoho.registerClient(body.data);
		return { status: 201, body: { ok: true } };
	}, opts);
	server.route('POST', `${base}/bulk-read`, (ctx) => {
		const body = parseBody(bulkReadConfigSchema, ctx.body);
		if (!body.ok) return body.reply;
		zoho.bulkRead.configure(body.data);
		return ok({ ok: true, options: zoho.bulkRead.options });
	}, opts);
	server.route('GET', `${base}/credits`, () => ok({ ...zoho.credits() }), opts);
	server.route('GET', `${base}/token-stats`, () => ok({ ...zoho.tokenStats() }), opts);
	server.route('GET', `${base}/notifications`, () => ok({ deliveries: zoho.notificationDeliveries }), opts);
	server.route('POST', `${base}/reset`, () => {
		zoho.reset();
		return ok();
	}, opts);
}
