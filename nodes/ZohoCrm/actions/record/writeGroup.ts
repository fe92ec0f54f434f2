import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { writeRecords, type BatchAnswer, type PendingRecord, type WriteAction } from '../../transport/batching';
import { bulkWriteRecords, isScopeError } from '../../transport/bulk/bulkWrite';
import { BULK_WRITE_MAX_RECORDS } from '../../transport/bulk/writeFiles';
import type { ZohoClient } from '../../transport';
import { moduleFields } from '../../transport/metadata';
import { bulkWaitOf } from '../common';
import { bulkWriteCredits, planBulkWrite, recordsApiCredits } from './bulkWritePlan';
import type { WriteMethod } from './writeMethod';

export interface WriteGroup {
	module: string;
	duplicateCheckFields?: string[];
	pending: PendingRecord[];
}

const BULK_SCOPES = 'ZohoCRM.bulk.ALL, ZohoCRM.org.READ and ZohoFiles.files.ALL';
const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Says in the editor (an execution hint above the output) which method wrote a module's records, and why. */
function tell(ctx: IExecuteFunctions, message: string): void {
	if (typeof ctx.addExecutionHints === 'function') ctx.addExecutionHints({ message: `Write method: ${message}`, type: 'info', location: 'outputPane' });
}

/**
 * Writes one module's records by the chosen method. Automatic takes Bulk Write when it can and it
 * costs fewer credits, else the Records API; a credential without the bulk scopes falls back to the
 * Records API before anything is written. The answers have one shape whichever method wrote them.
 */
export async function writeGroup(ctx: IExecuteFunctions, client: ZohoClient, group: WriteGroup, action: WriteAction, trigger: string[] | undefined, concurrency: number): Promise<BatchAnswer[]> {
	const method = ctx.getNodeParameter('writeMethod', 0, 'auto') as WriteMethod;
	const records = count(group.pending.length, 'record');
	const recordsApi = async (why?: string): Promise<BatchAnswer[]> => {
		if (why) tell(ctx, `${group.module}: ${records} written with the Records API (${why})`);
		return await writeRecords(ctx, client, group.pending, { module: group.module, action, trigger, duplicateCheckFields: group.duplicateCheckFields }, concurrency);
	};
	if (method === 'records' || group.pending.length === 0) return await recordsApi();
	const jobSize = Math.min(BULK_WRITE_MAX_RECORDS, Math.max(1, Number(ctx.getNodeParameter('bulkJobSize', 0, BULK_WRITE_MAX_RECORDS))));
	const { maxWaitMs } = bulkWaitOf(ctx, 0);
	const rest = recordsApiCredits(group.pending.length);
	// Before any metadata call: even one job per 25,000 records would not be cheaper.
	const fewestJobs = Math.ceil(group.pending.length / jobSize);
	if (method === 'auto' && bulkWriteCredits(fewestJobs) >= rest) {
		return await recordsApi(`about ${count(rest, 'credit')}, fewer than the ${count(bulkWriteCredits(fewestJobs), 'credit')} of Bulk Write`);
	}
	const metadata = await moduleFields(ctx, client, group.module).then(
		(list) => ({ list }),
		(error: unknown) => ({ error }),
	);
	if ('error' in metadata) {
		if (method === 'auto') return await recordsApi('the field metadata Bulk Write converts values by could not be read');
		return group.pending.map((p) => ({ itemIndex: p.itemIndex, ok: false as const, thrown: metadata.error }));
	}
	const fields = new Map(metadata.list.map((f) => [f.api_name, f]));
	const plan = planBulkWrite({ module: group.module, action, pending: group.pending, duplicateCheckFields: group.duplicateCheckFields, trigger, fields, jobSize });
	if (!plan.ok) {
		if (method === 'auto') return await recordsApi(plan.reason);
		const error = new NodeOperationError(ctx.getNode(), `Write Method "Bulk Write": ${plan.reason} (module ${group.module})`, {
			description: 'Choose Write Method "Records API" or "Automatic" for this write.',
		});
		return group.pending.map((p) => ({ itemIndex: p.itemIndex, ok: false as const, thrown: error }));
	}
	if (method === 'auto') {
		const bulk = bulkWriteCredits(plan.jobs);
		if (bulk >= rest) return await recordsApi(`about ${count(rest, 'credit')}, fewer than the ${count(bulk, 'credit')} of Bulk Write`);
	}
	try {
		const { results, jobs } = await bulkWriteRecords(ctx, client, group.pending, { module: group.module, action, findBy: plan.findBy, fields, maxRecordsPerJob: jobSize, maxWaitMs });
		tell(ctx, `${group.module}: ${records} written with Bulk Write in ${count(jobs.length, 'job')}${plan.findBy ? `, matched by ${plan.findBy}` : ''}`);
		return results;
	} catch (error) {
		if (method === 'auto' && isScopeError(error)) return await recordsApi(`the credential lacks the Bulk Write scopes ${BULK_SCOPES}`);
		const wrapped = isScopeError(error)
			? new NodeOperationError(ctx.getNode(), `Zoho CRM OAUTH_SCOPE_MISMATCH on Bulk Write: the credential needs ${BULK_SCOPES}`, {
					description: 'Add these scopes to the Zoho CRM credential and reconnect it, or choose Write Method "Records API".',
				})
			: error;
		return group.pending.map((p) => ({ itemIndex: p.itemIndex, ok: false as const, thrown: wrapped }));
	}
}
