import { z } from 'zod';
import type { Sandbox } from '../index';
import type { FaultRule, Reply } from './types';

const faultSchema = z
	.object({
		service: z.enum(['zoho-accounts', 'zoho-crm', 'mailchimp-login', 'mailchimp-api', 'custom']).optional(),
		method: z.string().optional(),
		path: z.string().optional(),
		pathRegex: z.string().optional(),
		kind: z.enum(['status', 'latency', 'drop', 'redirect']),
		status: z.number().int().min(100).max(599).optional(),
		latencyMs: z.number().int().min(0).optional(),
		every: z.number().int().min(1).optional(),
		times: z.number().int().min(1).optional(),
		when: z.enum(['before', 'mid', 'after']).optional(),
		after: z.number().int().min(0).optional(),
		location: z.string().url().optional(),
	})
	.strict();

export function badRequest(message: string): Reply {
	return { status: 400, body: { code: 'SANDBOX_BAD_REQUEST', message, status: 'error' } };
}

/** Describe a zod failure so a developer sees which part of the body was wrong. */
export function describeZodError(error: z.ZodError): string {
	return error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

/**
 * Control endpoints under /__sandbox for tests and tools running in another process
 * (the e2e suite drives a sandbox that n8n calls; `npm run demo` starts one standalone).
 */
export function registerControlRoutes(sandbox: Sandbox): void {
	const { server } = sandbox;
	const opts = { service: 'control' as const };
	server.route('GET', '/__sandbox/health', () => ({ status: 200, body: { ok: true, url: sandbox.url } }), opts);
	server.route('GET', '/__sandbox/stats', () => ({ status: 200, body: server.getStats() }), opts);
	server.route(
		'GET',
		'/__sandbox/log',
		(ctx) => {
			const service = ctx.query.get('service');
			const since = Number(ctx.query.get('sinceSeq') ?? '0');
			const entries = server.log.filter((e) => e.seq > since && (!service || e.service === service));
			return { status: 200, body: { entries } };
		},
		opts,
	);
	server.route('POST', '/__sandbox/reset', () => {
		sandbox.reset();
		return { status: 200, body: { ok: true } };
	}, opts);
	server.route('POST', '/__sandbox/stats/reset', () => {
		server.resetStats();
		return { status: 200, body: { ok: true } };
	}, opts);
	server.route('POST', '/__sandbox/latency', (ctx) => {
		const parsed = z.object({ ms: z.number().int().min(0) }).safeParse(ctx.body);
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		server.latencyMs = parsed.data.ms;
		return { status: 200, body: { ok: true } };
	}, opts);
	server.route('POST', '/__sandbox/faults', (ctx) => {
		const parsed = faultSchema.safeParse(ctx.body);
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		const { pathRegex, ...rest } = parsed.data;
		const rule: FaultRule = { ...rest, path: pathRegex ? new RegExp(pathRegex) : rest.path };
		return { status: 201, body: { id: server.addFault(rule) } };
	}, opts);
	server.route('DELETE', '/__sandbox/faults', () => {
		server.clearFaults();
		return { status: 200, body: { ok: true } };
	}, opts);
}
