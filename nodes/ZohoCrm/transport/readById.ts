import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { chunk } from '../../shared/pool';
import { expectOk, zohoCall, type ZohoClient } from './index';
import { MAX_FIELDS_PER_CALL } from './pages';

const IDS_PER_CALL = 100;

/**
 * Reads `fields` of the records with `ids`: 100 ids per GET, in column sets of `id` + 49 fields
 * (each column set for every id before the next set), merged by id. An id Zoho does not answer
 * for (unknown, deleted; 204 for a whole call) is missing from the map.
 */
export async function readById(
	ctx: HostContext,
	client: ZohoClient,
	ids: readonly string[],
	fields: readonly string[],
	where: { module: string; action: string; itemIndex?: number },
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const columnSets = chunk(
		fields.filter((f) => f !== 'id'),
		MAX_FIELDS_PER_CALL - 1,
	).map((c) => ['id', ...c]);
	for (const columns of columnSets.length ? columnSets : [['id']]) {
		for (const batch of chunk(ids, IDS_PER_CALL)) {
			const answer = await zohoCall(
				ctx,
				client,
				{ method: 'GET', path: `/${encodeURIComponent(where.module)}`, qs: { ids: batch.join(','), fields: columns.join(',') } },
				where.itemIndex,
			);
			if (answer.status === 204) continue;
			const body = expectOk(ctx, answer, where) ?? {};
			for (const record of (body.data as IDataObject[] | undefined) ?? []) {
				const id = String(record.id);
				const known = found.get(id);
				found.set(id, known ? Object.assign(known, record) : { ...record });
			}
		}
	}
	return found;
}
