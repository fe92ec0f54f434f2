import { z } from 'zod';
import type { SandboxServer } from '../../core/server';
import type { Reply, RequestContext } from '../../core/types';
import type { CrmAuth, ScopeNeed } from '../auth';
import { errorReply, invalidParam } from '../errors';
import type { ModuleDef } from '../fieldTypes';
import { chargeCredits } from '../routes';
import { parseBody } from '../schemas';
import type { ZohoStore } from '../store';
import { CUSTOM_VIEWS } from '../views';
import { BulkCriteriaError, compileBulkCriteria, type Predicate } from './criteria';
import type { BulkReadJob, BulkReadJobs } from './jobs';

/** Modules Bulk Read does not export (Zoho's docs: Notes, Attachments, Emails and a few others). */
const NOT_EXPORTABLE = new Set(['Notes', 'Attachments', 'Emails']);

const readBodySchema = z
	.object({
		callback: z.object({ url: z.string().url(), method: z.literal('post') }).strict().optional(),
		query: z
			.object({
				module: z.object({ api_name: z.string().min(1), id: z.string().optional() }).strict(),
				cvid: z.string().min(1).optional(),
				fields: z.array(z.string().min(1)).min(1).max(1000).optional(),
				page: z.number().int().min(1).optional(),
				page_token: z.string().min(1).optional(),
				criteria: z.record(z.unknown()).optional(),
			})
			.strict(),
		file_type: z.enum(['csv', 'ics']).optional(),
	})
	.strict();

const bulkRead: ScopeNeed = { group: 'bulk', ops: ['READ'] };

function checkFields(store: ZohoStore, module: ModuleDef, fields: string[]): Reply | undefined {
	for (const name of fields) {
		if (name === 'id') continue;
		const [head, sub, extra] = name.split('.');
		const field = store.field(module, head);
		const target = sub !== undefined && field?.data_type === 'lookup' && field.lookup_module ? store.module(field.lookup_module) : undefined;
		const ok = sub === undefined ? field !== undefined : extra === undefined && target !== undefined && (sub === 'id' || store.field(target, sub) !== undefined);
		if (!ok) return errorReply(400, 'INVALID_DATA', `the field ${name} is not available for Bulk Read of ${module.api_name}`, { api_name: name });
	}
	return undefined;
}

function jobDetails(jobs: BulkReadJobs, job: BulkReadJob): Record<string, unknown> {
	const state = jobs.state(job);
	return {
		id: job.id,
		operation: 'read',
		state,
		query: job.query.echo,
		created_by: jobs.createdBy(),
		created_time: new Date(job.createdAt).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
		file_type: 'csv',
		...(state === 'COMPLETED' && job.result ? { result: job.result } : {}),
	};
}

/**
 * `/crm/bulk/v8/read`: create a job, its status, its result (a ZIP holding one CSV). Definitions:
 * Zoho's SDK BulkReadOperations (createBulkReadJob, getBulkReadJobDetails, downloadResult), its
 * json_details models and crm-oas v8.0/bulk_read.json. Scope ZohoCRM.bulk.READ (or .ALL) and read on the module.
 */
export function registerBulkReadRoutes(server: SandboxServer, store: ZohoStore, auth: CrmAuth, jobs: BulkReadJobs): void {
	const base = '/crm/bulk/v8/read';
	const route = (method: string, path: string, needs: (ctx: RequestContext) => ScopeNeed[], handler: (ctx: RequestContext) => Reply): void => {
		server.route(
			method,
			`${base}${path}`,
			(ctx) => {
				ctx.note({ api: 'bulk-v8' });
				const reply = auth.check(ctx, needs(ctx)) ?? handler(ctx);
				chargeCredits(server, ctx, `${method} ${base}${path}`, reply.status);
				return reply;
			},
			{ service: 'zoho-crm' },
		);
	};

	const moduleNeed = (ctx: RequestContext): ScopeNeed[] => {
		const name = (ctx.body as { query?: { module?: { api_name?: unknown } } } | undefined)?.query?.module?.api_name;
		return [bulkRead, { group: 'modules', sub: typeof name === 'string' ? name : undefined, ops: ['READ'] }];
	};

	route('POST', '', moduleNeed, (ctx) => {
		const body = parseBody(readBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		const { query, file_type: fileType } = body.data;
		const module = store.module(query.module.api_name);
		if (!module || !module.api_supported) return errorReply(400, 'INVALID_MODULE', `the module name given seems to be invalid: ${query.module.api_name}`, { api_name: query.module.api_name });
		if (NOT_EXPORTABLE.has(module.api_name)) return errorReply(400, 'MODULE_NOT_SUPPORTED', `Bulk Read does not support the module ${module.api_name}`, { api_name: module.api_name });
		if (fileType === 'ics' && module.api_name !== 'Events') return errorReply(400, 'INVALID_DATA', 'file_type ics is only for Events', { api_name: 'file_type', supported_values: ['csv'] });
		if (query.page !== undefined && query.page_token !== undefined) return invalidParam('page', 'page and page_token cannot be used together');
		const fields = query.fields ?? module.fields.map((f) => f.api_name);
		const badField = checkFields(store, module, fields);
		if (badField) return badField;
		let view: ((r: Record<string, unknown>) => boolean) | undefined;
		if (query.cvid !== undefined) {
			const found = CUSTOM_VIEWS.find((v) => v.id === query.cvid && v.module === module.api_name);
			if (!found) return errorReply(400, 'INVALID_DATA', 'the custom view id given seems to be invalid', { api_name: 'cvid' });
			view = found.matches as (r: Record<string, unknown>) => boolean;
		}
		let criteria: Predicate = () => true;
		if (query.criteria !== undefined) {
			try {
				criteria = compileBulkCriteria(module, query.criteria);
			} catch (error) {
				if (error instanceof BulkCriteriaError) return errorReply(400, error.code, error.message, error.details);
				throw error;
			}
		}
		let afterId: string | undefined;
		let page = query.page ?? 1;
		if (query.page_token !== undefined) {
			const cursor = jobs.lookupToken(query.page_token);
			if (cursor === 'expired') return errorReply(400, 'EXPIRED_VALUE', 'the page_token given has expired', {});
			if (!cursor || cursor.module !== module.api_name) return invalidParam('page_token', 'the page_token given is invalid');
			afterId = cursor.afterId;
			page = cursor.page;
		}
		const filter: Predicate = view ? (r) => view(r) && criteria(r) : criteria;
		const echo: Record<string, unknown> = { module: { api_name: module.api_name, id: module.id }, page, fields };
		if (query.cvid) echo.cvid = query.cvid;
		if (query.criteria) echo.criteria = query.criteria;
		const job = jobs.create({ module, fields, echo, filter, afterId, page });
		return {
			status: 201,
			body: {
				data: [
					{
						status: 'success',
						code: 'ADDED_SUCCESSFULLY',
						message: 'Added successfully.',
						details: { id: job.id, operation: 'read', state: 'ADDED', created_by: jobs.createdBy(), created_time: jobDetails(jobs, job).created_time },
					},
				],
				info: {},
			},
		};
	});

	const unknownJob = (id: string): Reply => errorReply(400, 'RESOURCE_NOT_FOUND', 'the requested resource is not found', { resource: id });

	route('GET', '/:id', () => [bulkRead], (ctx) => {
		const job = jobs.get(ctx.params.id);
		if (!job) return unknownJob(ctx.params.id);
		return { status: 200, body: { data: [jobDetails(jobs, job)] } };
	});

	route('GET', '/:id/result', () => [bulkRead], (ctx) => {
		const job = jobs.get(ctx.params.id);
		if (!job) return unknownJob(ctx.params.id);
		const state = jobs.state(job);
		if (state !== 'COMPLETED' || !job.zip) return errorReply(400, 'INVALID_REQUEST', `the job is ${state}: its result cannot be downloaded`, { state });
		if (jobs.expired(job)) return errorReply(400, 'RESOURCE_NOT_FOUND', 'the result of this job has expired', { resource: job.id });
		if (!jobs.takeDownload()) {
			ctx.note({ rejected: 'download throttle' });
			return { ...errorReply(429, 'TOO_MANY_REQUESTS', 'the download limit of 10 per minute was exceeded'), headers: { 'retry-after': String(jobs.secondsUntilDownload()) } };
		}
		ctx.note({ bytes: job.zip.length, records: job.result?.count });
		return {
			status: 200,
			headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${job.id}.zip"` },
			body: job.zip,
		};
	});
}
