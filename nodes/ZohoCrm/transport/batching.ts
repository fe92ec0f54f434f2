import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk, mapWithConcurrency } from '../../shared/pool';
import { zohoCall, type ZohoClient, type ZohoErrorBody } from './index';

/** Zoho takes at most 100 records per insert/update/upsert/delete call. */
export const MAX_RECORDS_PER_WRITE = 100;

export type WriteAction = 'insert' | 'update' | 'upsert';

export interface PendingRecord {
	itemIndex: number;
	record: IDataObject;
}

export type RecordResult =
	| { itemIndex: number; ok: true; details: IDataObject; action?: string; duplicateField?: string; message?: string }
	| { itemIndex: number; ok: false; status: number; error: ZohoErrorBody };

export interface WriteOptions {
	module: string;
	action: WriteAction;
	/** Zoho `trigger`: undefined = Zoho's default automation, [] = none. */
	trigger?: string[];
	duplicateCheckFields?: string[];
}

interface RecordAnswer extends ZohoErrorBody {
	action?: string;
	duplicate_field?: string;
}

function requestFor(options: WriteOptions, records: IDataObject[]): { method: 'POST' | 'PUT'; path: string; body: IDataObject } {
	const body: IDataObject = { data: records };
	if (options.trigger !== undefined) body.trigger = options.trigger;
	const path = `/${encodeURIComponent(options.module)}`;
	switch (options.action) {
		case 'insert':
			return { method: 'POST', path, body };
		case 'update':
			return { method: 'PUT', path, body };
		case 'upsert':
			if (options.duplicateCheckFields?.length) body.duplicate_check_fields = options.duplicateCheckFields;
			return { method: 'POST', path: `${path}/upsert`, body };
	}
}

/**
 * Writes every pending record in calls of 100 and answers each input item from its own slot of
 * Zoho's `data` array (201/200 all good, 207 mixed, 4xx all failed). A call that fails as a whole
 * (network, token) fails its items only. Inserts are not retried after a dropped response (the
 * serviceClient guarantees it), so no record is written twice.
 */
export async function writeRecords(
	ctx: HostContext,
	client: ZohoClient,
	pending: PendingRecord[],
	options: WriteOptions,
	concurrency: number,
): Promise<Array<RecordResult | { itemIndex: number; ok: false; thrown: unknown }>> {
	const batches = chunk(pending, MAX_RECORDS_PER_WRITE);
	const answered = await mapWithConcurrency(batches, concurrency, async (batch) => {
		const request = requestFor(options, batch.map((p) => p.record));
		try {
			const answer = await zohoCall(ctx, client, {
				...request,
				// An upsert by duplicate-check field converges when repeated; an update by id too.
				idempotent: options.action !== 'insert',
			});
			const slots = ((answer.body?.data as RecordAnswer[] | undefined) ?? []) as RecordAnswer[];
			return batch.map((p, i): RecordResult => {
				const slot = slots[i];
				if (!slot) {
					const whole = (answer.body ?? {}) as ZohoErrorBody;
					return {
						itemIndex: p.itemIndex,
						ok: false,
						status: answer.status,
						error: whole.code ? whole : { code: `HTTP_${answer.status}`, message: 'Zoho CRM returned no result for this record' },
					};
				}
				if (slot.status === 'success' || slot.code === 'SUCCESS') {
					return {
						itemIndex: p.itemIndex,
						ok: true,
						details: (slot.details ?? {}) as IDataObject,
						action: slot.action,
						duplicateField: slot.duplicate_field,
						message: slot.message,
					};
				}
				return { itemIndex: p.itemIndex, ok: false, status: answer.status >= 400 ? answer.status : 400, error: slot };
			});
		} catch (thrown) {
			return batch.map((p) => ({ itemIndex: p.itemIndex, ok: false as const, thrown }));
		}
	});
	return answered.flat();
}

export type DeleteResult = RecordResult;

/** Deletes by id, 100 ids per call; each id answered from Zoho's per-record result. */
export async function deleteRecords(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	pending: Array<{ itemIndex: number; id: string }>,
	concurrency: number,
	trigger?: string[],
): Promise<Array<RecordResult | { itemIndex: number; ok: false; thrown: unknown }>> {
	const batches = chunk(pending, MAX_RECORDS_PER_WRITE);
	const answered = await mapWithConcurrency(batches, concurrency, async (batch) => {
		try {
			const qs: IDataObject = { ids: batch.map((p) => p.id).join(',') };
			if (trigger !== undefined) qs.wf_trigger = trigger.includes('workflow') ? 'true' : 'false';
			const answer = await zohoCall(ctx, client, { method: 'DELETE', path: `/${encodeURIComponent(module)}`, qs, idempotent: true });
			const slots = ((answer.body?.data as RecordAnswer[] | undefined) ?? []) as RecordAnswer[];
			const byId = new Map(slots.map((s) => [String((s.details as IDataObject | undefined)?.id ?? ''), s]));
			return batch.map((p, i): RecordResult => {
				const slot = byId.get(p.id) ?? slots[i];
				if (slot && (slot.status === 'success' || slot.code === 'SUCCESS')) {
					return { itemIndex: p.itemIndex, ok: true, details: (slot.details ?? { id: p.id }) as IDataObject, message: slot.message };
				}
				const whole = (answer.body ?? {}) as ZohoErrorBody;
				return {
					itemIndex: p.itemIndex,
					ok: false,
					status: answer.status >= 400 ? answer.status : 400,
					error: slot ?? (whole.code ? whole : { code: `HTTP_${answer.status}`, message: 'no result for this id' }),
				};
			});
		} catch (thrown) {
			return batch.map((p) => ({ itemIndex: p.itemIndex, ok: false as const, thrown }));
		}
	});
	return answered.flat();
}
