import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { answerForId, sendInBatches, slotsOf, type BatchAnswer } from './batching';
import { zohoCall } from './call';
import type { ZohoClient } from './client';
import { expectOk } from './errors';

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

function pathOf(target: RelatedTarget): string {
	return `/${encodeURIComponent(target.module)}/${target.recordId}/${encodeURIComponent(target.relatedList)}`;
}

const MISSING = 'Zoho CRM returned no result for this related record';

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
): Promise<BatchAnswer[]> {
	return await sendInBatches(pending, concurrency, async (batch) => {
		const answer = await zohoCall(ctx, client, { method: 'PUT', path: pathOf(target), body: { data: batch.map((p) => p.link) }, idempotent: true });
		const { slots } = slotsOf(answer);
		// Zoho answers a PUT in input order; the same related id may appear twice in one call.
		return batch.map((p, i) => answerForId(answer, slots[i], { itemIndex: p.itemIndex, id: p.link.id }, MISSING));
	});
}

/** Unlinks related records: `DELETE /{module}/{id}/{related}?ids=…`, at most 100 ids per call. */
export async function unlinkRelated(
	ctx: HostContext,
	client: ZohoClient,
	target: RelatedTarget,
	pending: Array<{ itemIndex: number; id: string }>,
	concurrency: number,
): Promise<BatchAnswer[]> {
	return await sendInBatches(pending, concurrency, async (batch) => {
		const qs: IDataObject = { ids: batch.map((p) => p.id).join(',') };
		const answer = await zohoCall(ctx, client, { method: 'DELETE', path: pathOf(target), qs, idempotent: true });
		const { slots, byId } = slotsOf(answer);
		return batch.map((p, i) => answerForId(answer, byId.get(p.id) ?? slots[i], p, MISSING));
	});
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
