import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import type { ZohoClient } from '../transport';
import { moduleFields } from '../transport/metadata';
import { MAX_FIELDS_PER_CALL } from '../transport/pages';
import { readById } from '../transport/readById';

/** Fields every read carries: the cursor needs them whatever the user picked. */
export const KEY_FIELDS = ['id', 'Created_Time', 'Modified_Time'];

/** What one GET of the module lists, with the fields split as the plan says. */
export interface FieldPlan {
	/** Fields read with every page (50 at most, the key fields first). */
	pageFields: string[];
	/** Every field wanted when they do not fit in one call, or undefined ("all") to be read from metadata. */
	rest: string[] | undefined;
}

/**
 * User fields that fit beside the key fields are read with the page itself (one call per 200
 * records). More fields, or "all fields", are read afterwards by id for the records to emit only, so
 * a poll with nothing new costs a single call.
 */
export function planFields(fields: string[]): FieldPlan {
	const wanted = [...new Set(fields.map((f) => f.trim()).filter((f) => f && !KEY_FIELDS.includes(f)))];
	if (fields.length === 0) return { pageFields: KEY_FIELDS, rest: undefined };
	if (KEY_FIELDS.length + wanted.length <= MAX_FIELDS_PER_CALL) return { pageFields: [...KEY_FIELDS, ...wanted], rest: [] };
	return { pageFields: KEY_FIELDS, rest: wanted };
}

/**
 * Reads `fields` (undefined: every field of the module, from metadata) by id for `records`: 100 ids
 * and 49 fields per call. A record deleted meanwhile keeps what it had.
 */
export async function fetchFields(
	ctx: HostContext,
	client: ZohoClient,
	module: string,
	records: IDataObject[],
	fields: string[] | undefined,
): Promise<IDataObject[]> {
	if (records.length === 0) return records;
	const all = fields ?? (await moduleFields(ctx, client, module)).map((f) => f.api_name);
	const wanted = [...new Set(all.filter((f) => f && f !== 'id'))];
	if (wanted.length === 0) return records;
	const byId = new Map(records.map((r) => [String(r.id), { ...r }]));
	const fetched = await readById(ctx, client, [...byId.keys()], wanted, { module, action: 'read changed records' });
	for (const [id, full] of fetched) {
		const target = byId.get(id);
		if (target) Object.assign(target, full);
	}
	return records.map((r) => byId.get(String(r.id)) ?? r);
}
