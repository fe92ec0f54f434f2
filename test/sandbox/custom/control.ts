import { z } from 'zod';
import { badRequest, describeZodError } from '../core/control';
import type { SandboxServer } from '../core/server';
import type { CustomServiceSandbox } from './index';

const configSchema = z.object({
	strict: z.boolean().optional(),
	autoApprove: z.boolean().optional(),
	accessTokenTtlSeconds: z.number().int().min(0).optional(),
	rotateRefreshTokens: z.boolean().optional(),
	acceptedSchemes: z.array(z.string()).optional(),
	acceptQueryToken: z.boolean().optional(),
	redirectHost: z.string().optional(),
});

/** /__sandbox/custom/*: drive the custom provider from another process (e2e). */
export function registerCustomControl(server: SandboxServer, sandbox: CustomServiceSandbox): void {
	const opts = { service: 'control' as const };
	const base = '/__sandbox/custom';
	server.route('POST', `${base}/expire-access-tokens`, () => ({ status: 200, body: { expired: sandbox.expireAccessTokens() } }), opts);
	server.route('POST', `${base}/revoke`, (ctx) => {
		const parsed = z.object({ token: z.string() }).safeParse(ctx.body);
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		return { status: 200, body: { revoked: sandbox.revokeToken(parsed.data.token) } };
	}, opts);
	server.route('GET', `${base}/refresh-count`, () => ({ status: 200, body: { count: sandbox.refreshCount() } }), opts);
	server.route('POST', `${base}/clients`, (ctx) => {
		const parsed = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).safeParse(ctx.body);
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		sandbox.registerClient(parsed.data);
		return { status: 201, body: { clientId: parsed.data.clientId } };
	}, opts);
	server.route('POST', `${base}/tokens`, (ctx) => {
		const parsed = z.object({ clientId: z.string().optional(), scope: z.string().optional() }).safeParse(ctx.body ?? {});
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		return { status: 201, body: sandbox.issueTokens(parsed.data) };
	}, opts);
	server.route('POST', `${base}/config`, (ctx) => {
		const parsed = configSchema.safeParse(ctx.body);
		if (!parsed.success) return badRequest(describeZodError(parsed.error));
		Object.assign(sandbox.options, parsed.data);
		return { status: 200, body: sandbox.options };
	}, opts);
}
