import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { asNodeError } from '../../../shared/items';
import { readZippedCsv, zipOneFile } from '../../../shared/bulk/archive';
import type { BatchAnswer, PendingRecord, WriteAction } from '../batching';
import { expectOk, zohoCall, type ZohoClient } from '../index';
import type { ZohoField } from '../metadata';
import { downloadJobFile } from './download';
import { zohoOrg } from './org';
import { uploadBulkFile } from './upload';
import { waitForJob } from './waitForJob';
import { bulkWriteFiles, type BulkWriteFile } from './writeFiles';
import { mapResultRows } from './writeResult';

export interface BulkWriteOptions {
	module: string;
	action: WriteAction;
	/** Required for update (`id`) and upsert (a unique field). */
	findBy?: string;
	fields: ReadonlyMap<string, ZohoField>;
	maxRecordsPerJob: number;
	maxWaitMs: number;
}

export interface BulkWriteOutcome {
	results: BatchAnswer[];
	jobs: string[];
}

/** A Zoho answer refusing the credential's scopes (no refresh can fix it). */
export function isScopeError(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '401' && /OAUTH_SCOPE_MISMATCH|NO_PERMISSION/.test(error.message);
}

/** The call went out and its answer was lost (zohoCall's OUTCOME_UNKNOWN). */
function answerLost(error: unknown): boolean {
	return error instanceof NodeApiError && /OUTCOME_UNKNOWN/.test(error.message);
}

const bulkUrl = (client: ZohoClient, suffix = ''): string => `${client.apiDomain}/crm/bulk/v8/write${suffix}`;

function jobBody(file: BulkWriteFile, fileId: string, options: BulkWriteOptions): IDataObject {
	return {
		operation: options.action,
		ignore_empty: false,
		resource: [
			{
				type: 'data',
				module: { api_name: options.module },
				file_id: fileId,
				...(options.findBy ? { find_by: options.findBy } : {}),
				field_mappings: file.header.map((api_name, index) => ({ api_name, index })),
			},
		],
	};
}

/** Uploads a file again when the upload's answer was lost: a file no job names writes nothing. */
async function upload(ctx: HostContext, client: ZohoClient, zgid: string, name: string, zip: Uint8Array): Promise<string> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await uploadBulkFile(ctx, client, zgid, name, zip).then(
			(fileId) => ({ fileId }),
			(error: unknown) => ({ error }),
		);
		if ('fileId' in outcome) return outcome.fileId;
		if (!answerLost(outcome.error) || attempt >= 3) throw asNodeError(ctx, outcome.error);
	}
}

type Created = { jobId: string } | { alreadyUsed: true };

/**
 * Creates the job. When the answer is lost the same request is sent again: a file feeds one job
 * only, so Zoho either creates it now (the first never arrived) or answers ALREADY_USED (it did):
 * no second job from one file, ever.
 */
async function createJob(ctx: HostContext, client: ZohoClient, body: IDataObject): Promise<Created> {
	const send = async () => await zohoCall(ctx, client, { method: 'POST', path: '/bulk/write', url: bulkUrl(client), body, idempotent: false });
	const first = await send().then(
		(answer) => ({ answer }),
		(error: unknown) => ({ error }),
	);
	let answer;
	if ('answer' in first) {
		answer = first.answer;
	} else {
		if (!answerLost(first.error)) throw asNodeError(ctx, first.error);
		answer = await send();
		if (answer.status === 400 && (answer.body as { code?: string } | undefined)?.code === 'ALREADY_USED') return { alreadyUsed: true };
	}
	const ok = expectOk(ctx, answer, { action: 'create the Bulk Write job' }) ?? {};
	const id = (ok.details as IDataObject | undefined)?.id;
	if (typeof id !== 'string' && typeof id !== 'number') throw new NodeOperationError(ctx.getNode(), 'Zoho CRM answered the Bulk Write job without an id');
	return { jobId: String(id) };
}

async function awaitResult(ctx: HostContext, client: ZohoClient, jobId: string, maxWaitMs: number): Promise<string> {
	return await waitForJob(ctx.getNode(), {
		kind: 'Bulk Write',
		id: jobId,
		maxWaitMs,
		doneStates: ['COMPLETED'],
		failedStates: ['FAILED'],
		check: async () => {
			const answer = await zohoCall(ctx, client, { method: 'GET', path: `/bulk/write/${jobId}`, url: bulkUrl(client, `/${encodeURIComponent(jobId)}`) });
			const body = expectOk(ctx, answer, { action: `read Bulk Write job ${jobId}` }) ?? {};
			const url = (body.result as IDataObject | undefined)?.download_url;
			return { state: String(body.status ?? ''), value: typeof url === 'string' ? url : '' };
		},
	});
}

/**
 * One file through Zoho: upload, job, wait, result. An update or upsert whose job creation answer
 * was lost is sent again as a new file and job (it converges: rows find their records by
 * `find_by`); an insert is not (its rows would be added twice), its items say so.
 */
async function writeFile(ctx: HostContext, client: ZohoClient, zgid: string, file: BulkWriteFile, options: BulkWriteOptions, jobs: string[]): Promise<BatchAnswer[]> {
	const zip = zipOneFile(`${options.module}.csv`, file.csv);
	for (let attempt = 1; ; attempt++) {
		const fileId = await upload(ctx, client, zgid, `${options.module}.zip`, zip);
		const created = await createJob(ctx, client, jobBody(file, fileId, options));
		if ('jobId' in created) {
			jobs.push(created.jobId);
			const url = await awaitResult(ctx, client, created.jobId, options.maxWaitMs);
			const zipped = await downloadJobFile(ctx, client, url, { action: `download the result of Bulk Write job ${created.jobId}` });
			return mapResultRows(readZippedCsv(zipped, 1000), file.items, options.action);
		}
		if (options.action === 'insert' || attempt >= 2) {
			const error = new NodeApiError(ctx.getNode(), { code: 'OUTCOME_UNKNOWN' }, {
				message: `Zoho CRM OUTCOME_UNKNOWN on Bulk Write: the job for file ${fileId} was created but its answer was lost, so its id is unknown and its rows may or may not have been written`,
				description: 'Not sent again, so no record is written twice. Check the module for these records, or write with Create or Update: it is safe to repeat.',
			});
			return file.items.map((itemIndex) => ({ itemIndex, ok: false as const, thrown: error }));
		}
	}
}

/**
 * Writes records through Zoho's Bulk Write API: CSV files of at most `maxRecordsPerJob` rows and
 * 25 MB, one job each, one after the other; every input item answered from its row of the job's
 * result. A job that fails as a whole fails its own items only. Scope refusals are thrown (the
 * caller may fall back to the Records API: nothing was written).
 */
export async function bulkWriteRecords(ctx: HostContext, client: ZohoClient, pending: PendingRecord[], options: BulkWriteOptions): Promise<BulkWriteOutcome> {
	const org = await zohoOrg(ctx, client);
	const files = bulkWriteFiles(pending, options.fields, org.timeZone, options.maxRecordsPerJob);
	const jobs: string[] = [];
	const results: BatchAnswer[] = [];
	for (const file of files) {
		const outcome = await writeFile(ctx, client, org.zgid, file, options, jobs).then(
			(answers) => ({ answers }),
			(thrown: unknown) => ({ thrown }),
		);
		if ('answers' in outcome) {
			results.push(...outcome.answers);
			continue;
		}
		// Refused scopes before any job: nothing written, the caller may use the Records API instead.
		if (isScopeError(outcome.thrown) && jobs.length === 0) throw asNodeError(ctx, outcome.thrown);
		results.push(...file.items.map((itemIndex) => ({ itemIndex, ok: false as const, thrown: outcome.thrown })));
	}
	return { results, jobs };
}
