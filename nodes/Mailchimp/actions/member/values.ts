import type { IDataObject } from 'n8n-workflow';

/** Merge fields from name/value pairs: empty names dropped, later names win. */
export function mergeFieldsFrom(pairs: ReadonlyArray<{ name?: string; value?: unknown }> | undefined): IDataObject {
	const out: IDataObject = {};
	for (const pair of pairs ?? []) {
		const name = String(pair.name ?? '').trim();
		if (name) out[name.toUpperCase()] = pair.value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** Tags from a comma-separated string or an array, trimmed, empties and duplicates dropped. */
export function tagList(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map((t) => String(t)) : String(raw ?? '').split(',');
	return [...new Set(parts.map((t) => t.trim()).filter(Boolean))];
}
