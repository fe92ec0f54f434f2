import { z } from 'zod';
import { describeZodError } from '../core/control';
import { badBody } from './errors';
import type { Reply } from '../core/types';

const recordObject = z.record(z.unknown());

export const writeBodySchema = z
	.object({
		data: z.array(recordObject, { required_error: 'the "data" array is required' }).min(1, 'data must hold at least one record'),
		trigger: z.array(z.enum(['workflow', 'approval', 'blueprint', 'pathfinder', 'orchestration'])).optional(),
		duplicate_check_fields: z.array(z.string().min(1)).optional(),
		apply_feature_execution: z.array(z.object({ name: z.string() })).optional(),
		skip_feature_execution: z.array(z.object({ name: z.string() })).optional(),
		lar_id: z.string().optional(),
	})
	.strict();
export type WriteBody = z.infer<typeof writeBodySchema>;

export const coqlBodySchema = z.object({ select_query: z.string({ required_error: 'select_query is required' }).min(1) }).strict();

export const tagsBodySchema = z
	.object({
		tags: z.array(z.object({ name: z.string().min(1).max(25), id: z.string().optional(), color_code: z.string().optional() })).min(1).max(10),
		over_write: z.boolean().optional(),
	})
	.strict();

export const convertBodySchema = z
	.object({
		data: z
			.array(
				z
					.object({
						overwrite: z.boolean().optional(),
						notify_lead_owner: z.boolean().optional(),
						notify_new_entity_owner: z.boolean().optional(),
						move_attachments_to: z.unknown().optional(),
						Accounts: z.object({ id: z.string() }).optional(),
						Contacts: z.object({ id: z.string() }).optional(),
						assign_to: z.object({ id: z.string() }).optional(),
						Deals: recordObject.optional(),
					})
					.strict(),
			)
			.length(1, 'convert takes exactly one entry in data'),
	})
	.strict();

export const relatedUpdateSchema = z
	.object({ data: z.array(z.object({ id: z.string().min(1) }).catchall(z.unknown())).min(1, 'data must hold at least one record') })
	.strict();

const channelId = z.union([z.string().min(1), z.number().int()]);
const watchEntry = z
	.object({
		channel_id: channelId,
		events: z.array(z.string().regex(/^[A-Za-z0-9_]+\.(create|edit|delete|all)$/, 'events look like "Leads.create"')).min(1),
		notify_url: z.string().url().optional(),
		token: z.string().max(50).optional(),
		channel_expiry: z.string().optional(),
		notify_on_related_action: z.boolean().optional(),
		return_affected_field_values: z.boolean().optional(),
		_delete_events: z.boolean().optional(),
	})
	.strict();
export type WatchEntry = z.infer<typeof watchEntry>;
export const watchBodySchema = z.object({ watch: z.array(watchEntry).min(1).max(100) }).strict();

export const seedBodySchema = z
	.object({
		module: z.string().min(1),
		count: z.number().int().min(0).max(200_000),
		seed: z.number().int().optional(),
		overrides: recordObject.optional(),
		fields: z.array(z.string().min(1)).optional(),
	})
	.strict();

export const touchBodySchema = z.object({ module: z.string(), id: z.string(), fields: recordObject.optional() }).strict();
export const clientBodySchema = z
	.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), redirectUris: z.array(z.string()).optional() })
	.strict();
export const revokeBodySchema = z.object({ token: z.string().min(1) }).strict();
export const issueBodySchema = z.object({ scope: z.string().optional(), clientId: z.string().optional() }).strict();

/** Parse or answer 400 INVALID_DATA naming the part of the body that was wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; data: T } | { ok: false; reply: Reply } {
	if (body === undefined) return { ok: false, reply: badBody('the request body is empty (JSON expected)') };
	if (typeof body === 'object' && body !== null && '__invalidJson' in body) {
		return { ok: false, reply: badBody('the body is not valid JSON') };
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) return { ok: false, reply: badBody(describeZodError(parsed.error)) };
	return { ok: true, data: parsed.data };
}

/** POST /__sandbox/zoho/bulk-read: Bulk Read page size, state durations, throttle and faults (bulk/jobs.ts). */
export const bulkReadConfigSchema = z
	.object({
		pageSize: z.number().int().min(1).optional(),
		addedMs: z.number().int().min(0).optional(),
		queuedMs: z.number().int().min(0).optional(),
		inProgressMs: z.number().int().min(0).optional(),
		resultLifetimeMs: z.number().int().min(0).optional(),
		downloadsPerMinute: z.number().int().min(0).optional(),
		failNextJobs: z.number().int().min(0).optional(),
		pageTokenLifetimeMs: z.number().int().min(0).optional(),
	})
	.strict();
