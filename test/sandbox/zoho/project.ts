import type { ModuleDef } from './fieldTypes';
import type { ZRecord } from './store';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** What the API shows of a record: the asked-for fields (missing ones as null) plus id, or everything. */
export function projectRecord(module: ModuleDef, record: ZRecord, fields?: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (fields) {
		for (const name of fields) out[name] = clone(record[name]) ?? null;
		out.id = record.id;
		return out;
	}
	for (const field of module.fields) out[field.api_name] = clone(record[field.api_name]) ?? (field.tag ? [] : null);
	out.id = record.id;
	out.$approved = record.$approved ?? true;
	out.$editable = true;
	if (module.api_name === 'Leads') out.$converted = record.$converted ?? false;
	return out;
}
