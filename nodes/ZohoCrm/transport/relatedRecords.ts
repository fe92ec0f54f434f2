import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk, mapWithConcurrency } from '../../shared/pool';
import { MAX_RECORDS_PER_WRITE, type RecordResult } from './batching';
import { expectOk, zohoCall, type ZohoAnswer, type ZohoClient, type ZohoErrorBody } from './index';

/** One related list of one record: `/{module}/{recordId}/{relatedList}`. */
export interface RelatedTarget {
	module: string;
	recordId: string;
	relatedList: string;
}

export interface PendingLink {
	itemIndex: number;
	/** `{id: <related record id>, ...fields of the relation, e.g. Member_Status}`. */
	link: IDataObject & { id: string };
}

export type RelatedResult = RecordResult | { itemIndex: number; ok: false; thrown: unknown };

function pathOf(target: RelatedTarget): string {
	return `/${encodeURIComponent(target.module)}/${target.recordId}/${encodeURIComponent(target.relatedList)}`;
}

const succeeded = (slot: ZohoErrorBody | undefined): boolean => slot !== undefined && (slot.status === 'success' || slot.code === 'SUCCESS');

/** Each related id's answer: its own slot (by `details.id`, else its position), else the whole call's error. */
function answerFor(answer: ZohoAnswer, slots: ZohoErrorBody[], byId: Map<string, ZohoErrorBody>, p: { itemIndex: number; id: string }, i: number): RecordResult {
	const slot = byId.get(p.id) ?? slots[i];
	if (slot && succeeded(slot)) {
		return { itemIndex: p.itemIndex, ok: true, details: (slot.details ?? { id: p.id }) as IDataObject, message: slot.message };
	}
	const whole = (answer.body ?? {}) as ZohoErrorBody;
	return {
		itemIndex: p.itemIndex,
		ok: false,
		status: answer.status >= 400 ? answer.status : 400,
		error: slot ?? (whole.code ? whole : { code: `HTTP_${answer.status}`, message: 'Zoho CRM returned no result for this related record' }),
	};
}

function slotsOf(answer: ZohoAnswer): { slots: ZohoErrorBody[]; byId: Map<string, ZohoErrorBody> } {
	const slots = ((answer.body?.data as ZohoErrorBody[] | undefined) ?? []) as ZohoErrorBody[];
	return { slots, byId: new Map(slots.map((s) => [String(s.details?.id ?? ''), s])) };
}

/**
 * Links records to a record's related list, or updates the relation's fields (e.g. a campaign
 * member's Member_Status): `PUT /{module}/{id}/{related}` with at most 100 related records per call,
 * each item answered from its own slot (200 all good, 207 mixed, 4xx all failed). Linking again is
 * harmless, so a dropped answer may be retried.
 */
export async function linkRelated(
	ctx: HostContext,
	client: ZohoClient,
	target: RelatedTarget,
	pending: PendingLink[],
	concurrency: number,
): Promise<RelatedResult[]> {
	const answered = await mapWithConcurrency(chunk(pending, MAX_RECORDS_PER_WRITE), concurrency, async (batch) => {
		try {
			const answer = await zohoCall(ctx, client, { method: 'PUT', path: pathOf(target), body: { data: batch.map((p) => p.link) }, idempotent: true });
			const { slots } = slotsOf(answer);
			// Zoho answers a PUT in input order; the same related id may appear twice in one call.
			return batch.map((p, i) => answerFor(answer, slots, new Map(), { itemIndex: p.itemIndex, id: p.link.id }, i));
		} catch (thrown) {
			return batch.map((p): RelatedResult => ({ itemIndex: p.itemIndex, ok: false, thrown }));
		}
	});
	return answered.flat();
}

/** Unlinks related records: `DELETE /{module}/{id}/{related}?ids=…`, at most 100 ids per call. */
export async function unlinkRelated(
	ctx: HostContext,
	client: ZohoClient,
	target: RelatedTarget,
	pending: Array<{ itemIndex: number; id: string }>,
	concurrency: number,
): Promise<RelatedResult[]> {
	const answered = await mapWithConcurrency(chunk(pending, MAX_RECORDS_PER_WRITE), concurrency, async (batch) => {
		try {
			const qs: IDataObject = { ids: batch.map((p) => p.id).join(',') };
			const answer = await zohoCall(ctx, client, { method: 'DELETE', path: pathOf(target), qs, idempotent: true });
			const { slots, byId } = slotsOf(answer);
			return batch.map((p, i) => answerFor(answer, slots, byId, p, i));
		} catch (thrown) {
			return batch.map((p): RelatedResult => ({ itemIndex: p.itemIndex, ok: false, thrown }));
		}
	});
	return answered.flat();
}

export interface ZohoRelatedList {
	api_name: string;
	display_label?: string;
	module?: { api_name?: string };
}

/** `GET /settings/related_lists?module=X`: the API names of a module's related lists. */
export async function listRelatedLists(ctx: HostContext, client: ZohoClient, module: string): Promise<ZohoRelatedList[]> {
	const answer = await zohoCall(ctx, client, { method: 'GET', path: '/settings/related_lists', qs: { module } });
	if (answer.status === 204) return [];
	const body = expectOk(ctx, answer, { module, action: 'list related lists' }) ?? {};
	return ((body.related_lists as IDataObject[] | undefined) ?? []) as unknown as ZohoRelatedList[];
}
