import type { IDataObject } from 'n8n-workflow';
import { BULK_NUMBER_FIELD_TYPES } from '../fieldTypes';
import type { ZohoField } from '../metadata';

/**
 * Bulk Read's CSV cells as the REST API would give them: numbers and booleans typed, empty cells
 * null, multi-selects as arrays (Zoho joins them with `;`), date-times as Zoho writes them (ISO 8601
 * with offset), lookups and owners as `{id}` plus `name` when a `Lookup.Field` column was read
 * (the first such column; further ones are added under their field name), tags as `[{name}]`.
 */
const LOOKUP = new Set(['lookup', 'ownerlookup', 'userlookup']);

function cellValue(raw: string, field: ZohoField | undefined): IDataObject[string] {
	if (raw === '') return field?.data_type === 'multiselectpicklist' ? [] : null;
	switch (field?.data_type) {
		case 'boolean':
			return raw === 'true';
		case 'multiselectpicklist':
			return raw.split(';');
		default:
			break;
	}
	if (field?.api_name === 'Tag') return raw.split(';').map((name) => ({ name }));
	if (field && BULK_NUMBER_FIELD_TYPES.has(field.data_type ?? '')) {
		const n = Number(raw);
		return Number.isFinite(n) ? n : raw;
	}
	return raw;
}

export interface RowReader {
	(row: Record<string, string>): IDataObject;
}

/** A reader for rows of one header: types each column once from the module's field metadata. */
export function rowReader(header: readonly string[], fields: readonly ZohoField[]): RowReader {
	const byName = new Map(fields.map((f) => [f.api_name, f]));
	const plain = header.filter((c) => !c.includes('.'));
	const related = header.filter((c) => c.includes('.')).map((c) => ({ column: c, lookup: c.slice(0, c.indexOf('.')), sub: c.slice(c.indexOf('.') + 1) }));
	return (row) => {
		const out: IDataObject = {};
		for (const column of plain) {
			const field = byName.get(column);
			const raw = row[column] ?? '';
			if (field && LOOKUP.has(field.data_type ?? '')) out[column] = raw === '' ? null : { id: raw };
			else out[column] = cellValue(raw, field);
		}
		for (const { column, lookup, sub } of related) {
			const raw = row[column] ?? '';
			const target = out[lookup];
			if (target === null || target === undefined || typeof target !== 'object') {
				if (!(lookup in out)) out[column] = raw === '' ? null : raw;
				continue;
			}
			const ref = target as IDataObject;
			if (!('name' in ref)) ref.name = raw === '' ? null : raw;
			else ref[sub] = raw === '' ? null : raw;
		}
		if (typeof row.id === 'string') out.id = row.id;
		return out;
	};
}
