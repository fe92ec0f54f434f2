import { z } from 'zod';
import { badRequest, describeZodError } from '../core/control';
import type { SandboxServer } from '../core/server';
import type { Reply } from '../core/types';
import type { MailchimpSandbox } from './index';

const seedSchema = z.object({
	campaigns: z.number().int().min(0).max(100_000),
	listMembers: z.number().int().min(2).max(200_000).optional(),
	seed: z.number().int().optional(),
	sentRatio: z.number().min(0).max(1).optional(),
	now: z.number().int().optional(),
});

const campaignSchema = z.object({
	title: z.string().optional(),
	subjectLine: z.string().optional(),
	previewText: z.string().optional(),
	listId: z.string().optional(),
	type: z.enum(['regular', 'plaintext', 'absplit', 'rss', 'variate']).optional(),
	status: z.enum(['save', 'sent']).optional(),
	sendTime: z.string().optional(),
	activity: z.boolean().optional(),
});

const configSchema = z.object({
	autoApprove: z.boolean().optional(),
	concurrencyLimit: z.number().int().min(1).optional(),
	apiEndpoint: z.string().optional(),
	metadataSchemes: z.array(z.string()).optional(),
	batchPollsToFinish: z.number().int().min(1).optional(),
	batchFinishAfterMs: z.number().int().min(0).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, then: (value: T) => Reply): Reply {
	const parsed = schema.safeParse(body ?? {});
	return parsed.success ? then(parsed.data) : badRequest(describeZodError(parsed.error));
}

function attempt(fn: () => unknown): Reply {
	try {
		return { status: 200, body: fn() };
	} catch (error) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
}

/** /__sandbox/mailchimp/*: drive the fake from another process (e2e, demo). */
export function registerMailchimpControl(server: SandboxServer, sandbox: MailchimpSandbox): void {
	const opts = { service: 'control' as const };
	const base = '/__sandbox/mailchimp';
	server.route('POST', `${base}/seed`, (ctx) => parse(seedSchema, ctx.body, (o) => attempt(() => sandbox.seed(o))), opts);
	server.route('POST', `${base}/revoke`, (ctx) =>
		parse(z.object({ token: z.string() }), ctx.body, ({ token }) => ({ status: 200, body: { revoked: sandbox.revokeToken(token) } })), opts);
	server.route('POST', `${base}/api-keys`, () => ({ status: 201, body: { apiKey: sandbox.createApiKey() } }), opts);
	server.route('POST', `${base}/tokens`, () => ({ status: 201, body: { access_token: sandbox.issueToken() } }), opts);
	server.route('GET', `${base}/lists`, () => ({ status: 200, body: { lists: sandbox.lists() } }), opts);
	server.route('GET', `${base}/members/:listId`, (ctx) => attempt(() => ({ members: sandbox.members(ctx.params.listId) })), opts);
	server.route('GET', `${base}/campaigns`, () => ({ status: 200, body: { campaigns: sandbox.campaigns() } }), opts);
	server.route('POST', `${base}/campaigns`, (ctx) =>
		parse(campaignSchema, ctx.body, (input) =>
			attempt(() => sandbox.addCampaign({ ...input, sendTime: input.sendTime ? Date.parse(input.sendTime) : undefined })),
		), opts);
	server.route('POST', `${base}/campaigns/:id/send`, (ctx) => attempt(() => sandbox.sendCampaign(ctx.params.id)), opts);
	server.route('POST', `${base}/unsubscribe`, (ctx) =>
		parse(z.object({ listId: z.string(), email: z.string() }), ctx.body, ({ listId, email }) => attempt(() => sandbox.unsubscribe(listId, email))), opts);
	server.route('POST', `${base}/config`, (ctx) =>
		parse(configSchema, ctx.body, (patch) => {
			Object.assign(sandbox.options, patch);
			return { status: 200, body: sandbox.options };
		}), opts);
}
