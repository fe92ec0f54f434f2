import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';
import type { FieldDef, ModuleDef } from '../fieldTypes';
import type { ZohoStore, ZRecord } from '../store';

/**
 * Zoho's Bulk Read file: one CSV in a ZIP. Header = the field API names asked for (`id` always
 * first); lookups and owners hold the related record's id, `Lookup.Field` columns the related
 * record's field; multi-select values joined by `;`; booleans `true`/`false`; date-times ISO 8601
 * with offset; empty values empty. Written with csv-stringify and fflate (not the package's own
 * archive module), so the sandbox is an independent oracle for it.
 */

/** Rows per deflate push: the CSV text is never held whole, only one slice at a time. */
const SLICE = 2_000;

export interface ExportColumn {
	name: string;
	read: (record: ZRecord) => string;
}

function cell(field: FieldDef | undefined, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) {
		if (field?.tag) return value.map((t) => (t && typeof t === 'object' ? String((t as { name?: unknown }).name ?? '') : String(t))).join(';');
		return value.map(String).join(';');
	}
	if (typeof value === 'object') return String((value as { id?: unknown }).id ?? '');
	return String(value);
}

/** The columns of an export; `fields` already validated (see bulkRead.ts). */
export function exportColumns(store: ZohoStore, module: ModuleDef, fields: string[]): ExportColumn[] {
	const names = ['id', ...fields.filter((f) => f !== 'id')];
	return names.map((name) => {
		if (name === 'id') return { name, read: (r) => r.id };
		const dot = name.indexOf('.');
		if (dot < 0) {
			const field = store.field(module, name);
			return { name, read: (r) => cell(field, r[name]) };
		}
		const lookupName = name.slice(0, dot);
		const sub = name.slice(dot + 1);
		const lookup = store.field(module, lookupName);
		const target = lookup?.lookup_module ? store.module(lookup.lookup_module) : undefined;
		const subField = target ? store.field(target, sub) : undefined;
		return {
			name,
			read: (r) => {
				const ref = r[lookupName] as { id?: unknown } | undefined;
				if (!target || !ref || ref.id === undefined) return '';
				const related = store.get(target.api_name, String(ref.id));
				if (!related) return '';
				return sub === 'id' ? related.id : cell(subField, related[sub]);
			},
		};
	});
}

/** A deflated ZIP holding `<fileName>` = the CSV of `records` in these columns. */
export function zipCsv(fileName: string, columns: ExportColumn[], records: ZRecord[]): Buffer {
	const parts: Uint8Array[] = [];
	let failure: Error | undefined;
	const zip = new Zip((error, chunk) => {
		if (error) failure = error;
		else parts.push(chunk);
	});
	const entry = new ZipDeflate(fileName, { level: 6 });
	zip.add(entry);
	const encoder = new TextEncoder();
	entry.push(encoder.encode(stringify([columns.map((c) => c.name)], { record_delimiter: '\r\n' })), records.length === 0);
	for (let start = 0; start < records.length; start += SLICE) {
		const slice = records.slice(start, start + SLICE).map((r) => columns.map((c) => c.read(r)));
		entry.push(encoder.encode(stringify(slice, { record_delimiter: '\r\n' })), start + SLICE >= records.length);
	}
	zip.end();
	if (failure) throw failure;
	return Buffer.concat(parts);
}
