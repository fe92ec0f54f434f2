import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk, mapWithConcurrency } from '../../shared/pool';
import { zohoCall, type ZohoAnswer } from './call';
import type { ZohoClient } from './client';
import type { ZohoErrorBody } from './errors';

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

/** An item whose call failed as a whole (network, token): what was thrown. */
export interface ThrownResult {
	itemIndex: number;
	ok: false;
	thrown: unknown;
}

/** One input item's answer from a batched call. */
export type BatchAnswer = RecordResult | ThrownResult;

/**
 * The one batching of Zoho's per-record calls: `pending` in calls of at most 100 (in order), at most
 * `concurrency` calls at a time. A call that throws fails its own items only. With
 * `stopAfterFailure`, no call starts after one with a failed item (what was not sent has no answer).
 */
export async function sendInBatches<P extends { itemIndex: number }, A extends BatchAnswer>(
	pending: readonly P[],
	concurrency: number,
	send: (batch: P[]) => Promise<A[]>,
	stopAfterFailure = false,
): Promise<Array<A | ThrownResult>> {
	let stopped = false;
	const answered = await mapWithConcurrency(chunk(pending, MAX_RECORDS_PER_WRITE), concurrency, async (batch): Promise<Array<A | ThrownResult>> => {
		if (stopped) return [];
		let answers: Array<A | ThrownResult>;
		try {
			answers = await send(batch);
		} catch (thrown) {
			answers = batch.map((p) => ({ itemIndex: p.itemIndex, ok: false, thrown }));
		}
		if (stopAfterFailure && answers.some((a) => !a.ok)) stopped = true;
		return answers;
	});
	return answered.flat();
}

/** Zoho's per-record slot says the record was written. */
export const succeeded = (slot: ZohoErrorBody | undefined): boolean => slot !== undefined && (slot.status === 'success' || slot.code === 'SUCCESS');

/** The per-record slots of an answer's `data`, and the same slots by `details.id`. */
export function slotsOf(answer: ZohoAnswer): { slots: ZohoErrorBody[]; byId: Map<string, ZohoErrorBody> } {
	const slots = ((answer.body?.data as ZohoErrorBody[] | undefined) ?? []) as ZohoErrorBody[];
	return { slots, byId: new Map(slots.map((s) => [String(s.details?.id ?? ''), s])) };
}

/**
 * An id's answer in a call by ids: its own slot (by `details.id`, else its position), else the
 * whole call's error, else `missing` (Zoho answered nothing for it).
 */
export function answerForId(answer: ZohoAnswer, slot: ZohoErrorBody | undefined, p: { itemIndex: number; id: string }, missing: string): RecordResult {
	if (slot && succeeded(slot)) {
		return { itemIndex: p.itemIndex, ok: true, details: (slot.details ?? { id: p.id }) as IDataObject, message: slot.message };
	}
	const whole = (answer.body ?? {}) as ZohoErrorBody;
	return {
		itemIndex: p.itemIndex,
		ok: false,
		status: answer.status >= 400 ? answer.status : 400,
		error: slot ?? (whole.code ? whole : { code: `HTTP_${answer.status}`, message: missing }),
	};
}

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
): Promise<BatchAnswer[]> {
	return await sendInBatches(pending, concurrency, async (batch) => {
		const request = requestFor(options, batch.map((p) => p.record));
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
			if (succeeded(slot)) {
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
	});
}

/** Deletes by id, 100 ids per call; each id answered from Zoho's per-record result. */
export async function deleteRecords(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	pending: Array<{ itemIndex: number; id: string }>,
	concurrency: number,
	trigger?: string[],
): Promise<BatchAnswer[]> {
	return await sendInBatches(pending, concurrency, async (batch) => {
		const qs: IDataObject = { ids: batch.map((p) => p.id).join(',') };
		if (trigger !== undefined) qs.wf_trigger = trigger.includes('workflow') ? 'true' : 'false';
		const answer = await zohoCall(ctx, client, { method: 'DELETE', path: `/${encodeURIComponent(module)}`, qs, idempotent: true });
		const { slots, byId } = slotsOf(answer);
		return batch.map((p, i) => answerForId(answer, byId.get(p.id) ?? slots[i], p, 'no result for this id'));
	});
}
