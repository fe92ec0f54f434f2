/**
 * Zoho CRM Bulk Write, modelled strictly: the org (`GET /crm/v8/org`, whose `zgid` the upload
 * names), the upload on the file host (bulkFiles.ts), jobs (`POST /crm/bulk/v8/write`, status
 * `GET /crm/bulk/v8/write/{id}`: ADDED -> IN PROGRESS -> COMPLETED, or FAILED) and the result: a ZIP
 * with one CSV, the uploaded columns plus STATUS (added / updated / skipped), RECORD_ID and ERRORS
 * (`CODE-api_name`, several joined by `:`), served from the file host. Rows go through the same
 * validation and store as the record API, 100 at a time. Jobs move on by elapsed time
 * (`queuedMs`, `runMs`), configurable so tests need not wait.
 */
import { zipSync } from 'fflate';
import { stringify } from 'csv-stringify/sync';
import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import type { CrmAuth, ScopeNeed } from './auth';
import { readCell, SUPPORTED_FORMATS } from './bulkCsv';
import { readUpload, type BulkLimits, type UploadedFile } from './bulkFiles';
import { bulkWriteBodySchema, type BulkWriteBody, type FieldMapping } from './bulkSchemas';
import type { Clock } from './clock';
import { ZOHO_FILE_HOST, ZOHO_MAX_RECORDS_PER_WRITE } from './constants';
import { errorReply } from './errors';
import type { FieldDef, ModuleDef } from './fieldTypes';
import { IdGenerator } from './ids';
import { chargeCredits } from './routes';
import { parseBody } from './schemas';
import type { ZohoStore } from './store';
import { findUser } from './users';
import { insertRecords, updateRecords, upsertRecords } from './writes';

export interface BulkWriteConfig extends BulkLimits {
	/** How long a new job stays ADDED (ms). */
	queuedMs: number;
	/** How long it then stays IN PROGRESS before COMPLETED (ms). */
	runMs: number;
}

/** Zoho's limits; the durations are of the order Zoho's jobs take for a small file. */
export const BULK_WRITE_DEFAULTS: BulkWriteConfig = { recordsPerFile: 25_000, maxFileBytes: 25 * 1024 * 1024, queuedMs: 2_000, runMs: 3_000 };

/** Modules Bulk Write refuses (Zoho's docs: not Notes, Attachments, Events, Calls ...). */
export const BULK_WRITE_UNSUPPORTED = new Set(['Notes', 'Attachments', 'Events', 'Calls', 'Emails', 'Activities']);

export const SANDBOX_ORG = { id: '5725767000000021001', zgid: '60012345678', company_name: 'Sandbox Org', time_zone: 'America/New_York' };

type RowOutcome = { status: 'added' | 'updated' | 'skipped'; recordId: string; errors: string };

interface Job {
	id: string;
	body: BulkWriteBody;
	module: ModuleDef;
	file: UploadedFile;
	createdAt: number;
	createdTime: string;
	fail: boolean;
	outcomes?: RowOutcome[];
	result?: Uint8Array;
}

const CREATOR = { id: '5725767000000235011', name: 'Sandbox Admin' };

function errorsOf(item: Record<string, unknown>): string {
	const details = (item.details ?? {}) as { api_name?: unknown };
	return `${String(item.code)}${typeof details.api_name === 'string' ? `-${details.api_name}` : ''}`;
}

export class BulkWrite {
	config: BulkWriteConfig = { ...BULK_WRITE_DEFAULTS };
	private readonly files = new Map<string, UploadedFile>();
	private readonly jobs = new Map<string, Job>();
	private readonly ids = new IdGenerator();
	private failNext = 0;
	/** Jobs created so far (the fault suite counts them: one file, one job). */
	created = 0;

	constructor(private readonly store: ZohoStore, private readonly clock: Clock, private readonly fileHostUrl: () => string) {}

	/** The next `count` jobs end FAILED without writing anything (fault injection). */
	failJobs(count = 1): void {
		this.failNext += count;
	}

	reset(): void {
		this.files.clear();
		this.jobs.clear();
		this.failNext = 0;
		this.created = 0;
		this.config = { ...BULK_WRITE_DEFAULTS };
	}

	upload(ctx: RequestContext): Reply {
		if (ctx.headers.feature !== 'bulk-write') {
			return errorReply(400, 'INVALID_REQUEST', 'check if headers [feature, X-CRM-ORG] are present and valid', { header_name: 'feature' });
		}
		if (ctx.headers['x-crm-org'] !== SANDBOX_ORG.zgid) {
			return errorReply(400, 'INVALID_REQUEST', 'check if headers [feature, X-CRM-ORG] are present and valid', { header_name: 'X-CRM-ORG' });
		}
		const file = readUpload(ctx, this.config, () => this.ids.take());
		if ('status' in file) return file;
		this.files.set(file.id, file);
		ctx.note({ file_id: file.id, rows: file.rows.length });
		return {
			status: 200,
			body: { status: 'success', code: 'FILE_UPLOAD_SUCCESS', message: 'file uploaded.', details: { file_id: file.id, created_time: this.clock.iso() } },
		};
	}

	create(ctx: RequestContext): Reply {
		const parsed = parseBody(bulkWriteBodySchema, ctx.body);
		if (!parsed.ok) return parsed.reply;
		const body = parsed.data;
		const resource = body.resource[0];
		const module = this.store.module(resource.module.api_name);
		if (!module || !module.api_supported) {
			return errorReply(400, 'INVALID_DATA', 'the module name given seems to be invalid', { api_name: 'module', json_path: '$.resource[0].module' });
		}
		if (BULK_WRITE_UNSUPPORTED.has(module.api_name)) {
			return errorReply(400, 'NOT_SUPPORTED', `bulk write is not supported for ${module.api_name}`, { api_name: 'module', json_path: '$.resource[0].module' });
		}
		const file = this.files.get(resource.file_id);
		if (!file) return errorReply(400, 'INVALID_FILE_ID', 'the file id given seems to be invalid', { api_name: 'file_id', json_path: '$.resource[0].file_id' });
		if (file.usedBy) return errorReply(400, 'ALREADY_USED', 'the file has already been used for a bulk write job', { api_name: 'file_id', json_path: '$.resource[0].file_id' });
		const mappings: FieldMapping[] = resource.field_mappings ?? file.header.map((api_name, index) => ({ api_name, index }));
		for (const [i, mapping] of mappings.entries()) {
			const where = { api_name: mapping.api_name, json_path: `$.resource[0].field_mappings[${i}]` };
			if (mapping.api_name === 'id') {
				if (body.operation === 'insert') return errorReply(400, 'INVALID_DATA', 'id cannot be mapped for insert', where);
			} else {
				const field = this.store.field(module, mapping.api_name);
				if (!field) return errorReply(400, 'INVALID_FIELD', `the field ${mapping.api_name} does not exist in ${module.api_name}`, where);
				if (field.read_only || field.tag) return errorReply(400, 'INVALID_FIELD', `the field ${mapping.api_name} cannot be written by bulk write`, where);
			}
			if (mapping.index === undefined || mapping.index >= file.header.length) {
				return errorReply(400, 'COLUMN_INDEX_NOT_FOUND', `no column ${String(mapping.index)} in the file`, where);
			}
			if (mapping.format !== undefined && !SUPPORTED_FORMATS.includes(mapping.format)) return errorReply(400, 'INVALID_FORMAT', `unknown format ${mapping.format}`, where);
		}
		const findBy = resource.find_by;
		if (body.operation !== 'insert') {
			if (!findBy) return errorReply(400, 'MANDATORY_NOT_FOUND', 'find_by is required for update and upsert', { api_name: 'find_by', json_path: '$.resource[0].find_by' });
			const field = findBy === 'id' ? undefined : this.store.field(module, findBy);
			if (findBy !== 'id' && (!field || !field.unique) && !(module.duplicate_check_default ?? []).includes(findBy)) {
				return errorReply(400, 'INVALID_DATA', `find_by must be id or a unique field: ${findBy}`, { api_name: 'find_by', json_path: '$.resource[0].find_by' });
			}
			if (findBy === 'id' && body.operation === 'upsert') return errorReply(400, 'INVALID_DATA', 'find_by id is for update only', { api_name: 'find_by' });
			if (!mappings.some((m) => m.api_name === findBy)) return errorReply(400, 'MANDATORY_FIELDS_NOT_MAPPED', `the find_by field ${findBy} is not mapped`, { api_name: findBy });
		} else if (findBy) {
			return errorReply(400, 'INVALID_DATA', 'find_by is not allowed for insert', { api_name: 'find_by' });
		}
		if (body.operation !== 'update') {
			for (const field of module.fields) {
				if (field.system_mandatory && !mappings.some((m) => m.api_name === field.api_name)) {
					return errorReply(400, 'MANDATORY_FIELDS_NOT_MAPPED', `the mandatory field ${field.api_name} is not mapped`, { api_name: field.api_name });
				}
			}
		}
		const id = this.ids.take();
		file.usedBy = id;
		const fail = this.failNext > 0;
		if (fail) this.failNext--;
		this.jobs.set(id, { id, body: { ...body, resource: [{ ...resource, field_mappings: mappings }] }, module, file, createdAt: Date.now(), createdTime: this.clock.iso(), fail });
		this.created++;
		ctx.note({ job: id, rows: file.rows.length, operation: body.operation });
		return { status: 201, body: { status: 'success', code: 'SUCCESS', message: 'success', details: { id, created_by: CREATOR } } };
	}

	private stateOf(job: Job): 'ADDED' | 'IN PROGRESS' | 'COMPLETED' | 'FAILED' {
		const age = Date.now() - job.createdAt;
		if (age < this.config.queuedMs) return 'ADDED';
		if (age < this.config.queuedMs + this.config.runMs) return 'IN PROGRESS';
		if (job.fail) return 'FAILED';
		if (!job.outcomes) this.run(job);
		return 'COMPLETED';
	}

	status(ctx: RequestContext): Reply {
		const job = this.jobs.get(ctx.params.id);
		if (!job) return errorReply(400, 'RESOURCE_NOT_FOUND', 'the job id given seems to be invalid', { api_name: 'job_id' });
		const state = this.stateOf(job);
		const resource = job.body.resource[0];
		const counts = job.outcomes
			? {
					added_count: job.outcomes.filter((o) => o.status === 'added').length,
					updated_count: job.outcomes.filter((o) => o.status === 'updated').length,
					skipped_count: job.outcomes.filter((o) => o.status === 'skipped').length,
					total_count: job.outcomes.length,
				}
			: { added_count: 0, updated_count: 0, skipped_count: 0, total_count: job.file.rows.length };
		return {
			status: 200,
			body: {
				status: state,
				character_encoding: 'UTF-8',
				resource: [
					{
						status: state === 'FAILED' ? 'FAILED' : state,
						type: 'data',
						module: { api_name: job.module.api_name, id: job.module.id },
						code: state === 'FAILED' ? 'INTERNAL_ERROR' : undefined,
						file_id: job.file.id,
						find_by: resource.find_by,
						field_mappings: resource.field_mappings,
						file: { status: state, name: job.file.name, ...counts },
					},
				],
				id: job.id,
				...(state === 'COMPLETED' ? { result: { download_url: `${this.fileHostUrl()}/v2/crm/${SANDBOX_ORG.zgid}/bulk-write/${job.id}/${job.id}.zip` } } : {}),
				created_by: CREATOR,
				operation: job.body.operation,
				created_time: job.createdTime,
			},
		};
	}

	download(ctx: RequestContext): Reply {
		const job = this.jobs.get(ctx.params.job);
		if (!job || ctx.params.org !== SANDBOX_ORG.zgid || ctx.params.file !== `${job.id}.zip` || this.stateOf(job) !== 'COMPLETED') {
			return errorReply(404, 'RESOURCE_NOT_FOUND', 'the requested resource was not found');
		}
		if (!job.result) {
			const header = [...job.file.header, 'STATUS', 'RECORD_ID', 'ERRORS'];
			const rows = job.file.rows.map((row, i) => [...row, job.outcomes![i].status, job.outcomes![i].recordId, job.outcomes![i].errors]);
			const csv = stringify([header, ...rows], { record_delimiter: '\r\n' });
			job.result = zipSync({ [`${job.id}.csv`]: new TextEncoder().encode(csv) });
		}
		return { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${job.id}.zip"` }, body: Buffer.from(job.result) };
	}

	/** Applies the job's rows through the record API's validation and store, 100 at a time. */
	private run(job: Job): void {
		const resource = job.body.resource[0];
		const mappings = resource.field_mappings!;
		const ignoreEmpty = resource.ignore_empty ?? job.body.ignore_empty ?? false;
		const fieldOf = (name: string): FieldDef | undefined => this.store.field(job.module, name);
		const inputs = job.file.rows.map((row) => {
			const record: Record<string, unknown> = {};
			for (const mapping of mappings) {
				const text = row[mapping.index!] ?? '';
				if (text === '' && ignoreEmpty) continue;
				if (mapping.api_name === 'id') {
					record.id = text;
					continue;
				}
				const field = fieldOf(mapping.api_name)!;
				let value = readCell(field, text, mapping.format, SANDBOX_ORG.time_zone);
				if (mapping.find_by && text !== '' && (field.data_type === 'lookup' || field.data_type === 'ownerlookup')) value = this.lookupBy(field, mapping.find_by, text) ?? text;
				record[mapping.api_name] = value;
			}
			return record;
		});
		const outcomes: RowOutcome[] = [];
		for (let start = 0; start < inputs.length; start += ZOHO_MAX_RECORDS_PER_WRITE) {
			const slice = inputs.slice(start, start + ZOHO_MAX_RECORDS_PER_WRITE);
			outcomes.push(...this.write(job, slice));
		}
		job.outcomes = outcomes;
	}

	private lookupBy(field: FieldDef, findBy: string, text: string): { id: string } | undefined {
		if (field.data_type === 'ownerlookup') {
			const user = findUser(text) ?? (findBy === 'email' ? undefined : undefined);
			return user ? { id: user.id } : undefined;
		}
		const target = field.lookup_module ? this.store.module(field.lookup_module) : undefined;
		const found = target ? this.store.findBy(target.api_name, findBy, text) : undefined;
		return found ? { id: found.id } : undefined;
	}

	private write(job: Job, inputs: Array<Record<string, unknown>>): RowOutcome[] {
		const module = job.module;
		const findBy = job.body.resource[0].find_by;
		const answer = (reply: Reply, actionOf: (item: Record<string, unknown>) => 'added' | 'updated'): RowOutcome[] => {
			const items = (reply.body as { data?: Array<Record<string, unknown>> }).data;
			if (!items) return inputs.map(() => ({ status: 'skipped', recordId: '', errors: errorsOf(reply.body as Record<string, unknown>) }));
			return items.map((item) =>
				item.status === 'success'
					? { status: actionOf(item), recordId: String((item.details as { id: string }).id), errors: '' }
					: { status: 'skipped', recordId: '', errors: errorsOf(item) },
			);
		};
		if (job.body.operation === 'insert') return answer(insertRecords(this.store, module, { data: inputs }), () => 'added');
		if (job.body.operation === 'upsert') {
			return answer(upsertRecords(this.store, module, { data: inputs, duplicate_check_fields: [findBy!] }), (item) => (item.action === 'update' ? 'updated' : 'added'));
		}
		// update: rows find their record by id or by a unique field; a row that finds none is skipped.
		const outcomes: RowOutcome[] = new Array<RowOutcome>(inputs.length);
		const found: Array<{ index: number; input: Record<string, unknown> }> = [];
		inputs.forEach((input, index) => {
			const key = findBy === 'id' ? input.id : input[findBy!];
			const record = findBy === 'id' ? (typeof key === 'string' ? this.store.get(module.api_name, key) : undefined) : this.store.findBy(module.api_name, findBy!, key);
			if (!record) outcomes[index] = { status: 'skipped', recordId: '', errors: `RECORD_NOT_FOUND-${findBy!}` };
			else found.push({ index, input: { ...input, id: record.id } });
		});
		if (found.length > 0) {
			const results = answer(updateRecords(this.store, module, { data: found.map((f) => f.input) }), () => 'updated');
			found.forEach((f, i) => (outcomes[f.index] = results[i]));
		}
		return outcomes;
	}
}

const bulkNeed = (op: 'CREATE' | 'READ'): ScopeNeed[] => [{ group: 'bulk', ops: [op] }];

/** Org, upload (file host), jobs and result download (file host). */
export function registerBulkWriteRoutes(server: SandboxServer, auth: CrmAuth, bulk: BulkWrite): void {
	const route = (method: string, path: string, host: string | undefined, needs: (ctx: RequestContext) => ScopeNeed[], handler: (ctx: RequestContext) => Reply): void => {
		server.route(
			method,
			path,
			(ctx) => {
				const reply = auth.check(ctx, needs(ctx)) ?? handler(ctx);
				chargeCredits(server, ctx, `${method} ${path}`, reply.status);
				return reply;
			},
			{ service: 'zoho-crm', host },
		);
	};
	route('GET', '/crm/v8/org', undefined, () => [{ group: 'org', ops: ['READ'] }], () => ({
		status: 200,
		body: { org: [{ ...SANDBOX_ORG, country: 'United States', currency: 'US Dollar', iso_code: 'USD', currency_symbol: '$', primary_email: 'admin@sandbox-crm.example', type: 'production', edition: 'STANDARD' }] },
	}));
	route('POST', '/crm/v8/upload', ZOHO_FILE_HOST, () => [{ group: 'files', ops: ['CREATE'] }], (ctx) => bulk.upload(ctx));
	route('POST', '/crm/bulk/v8/write', undefined, () => bulkNeed('CREATE'), (ctx) => bulk.create(ctx));
	route('GET', '/crm/bulk/v8/write/:id', undefined, () => bulkNeed('READ'), (ctx) => bulk.status(ctx));
	route('GET', '/v2/crm/:org/bulk-write/:job/:file', ZOHO_FILE_HOST, () => bulkNeed('READ'), (ctx) => bulk.download(ctx));
}
