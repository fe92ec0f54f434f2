/**
 * Zoho's Bulk Write CSV conventions, read the way Zoho reads an imported file (the sandbox's own
 * reading, independent of the package's writer): dates `MM/dd/yyyy` and date-times
 * `MM/dd/yyyy HH:mm:ss` in the org's time zone unless the field mapping gives a `format`
 * (`yyyy-MM-dd`, `yyyy-MM-dd'T'HH:mm:ssXXX` are understood too), multi-select values joined by `;`,
 * booleans `true`/`false`, numbers as text, lookups by record id.
 */
import type { FieldDef } from './fieldTypes';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Offset (ms) of a time zone from UTC at the instant `utcMs`. */
function zoneOffset(utcMs: number, timeZone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(new Date(utcMs))
			.map((p) => [p.type, p.value]),
	);
	const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in `timeZone` as a UTC instant. */
export function zonedToUtc(wallUtcMs: number, timeZone: string): number {
	let utc = wallUtcMs - zoneOffset(wallUtcMs, timeZone);
	utc = wallUtcMs - zoneOffset(utc, timeZone);
	return utc;
}

function isoWithOffset(utcMs: number): string {
	return new Date(utcMs).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function readDate(text: string, format: string | undefined): string | undefined {
	const f = format ?? 'MM/dd/yyyy';
	let m: RegExpExecArray | null;
	if (f === 'MM/dd/yyyy' && (m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text))) return `${m[3]}-${m[1]}-${m[2]}`;
	if (f === 'yyyy-MM-dd' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
	return undefined;
}

function readDateTime(text: string, format: string | undefined, timeZone: string): string | undefined {
	const f = format ?? 'MM/dd/yyyy HH:mm:ss';
	if (f === 'MM/dd/yyyy HH:mm:ss') {
		const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
		if (!m) return undefined;
		const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
		return isoWithOffset(zonedToUtc(wall, timeZone));
	}
	if (f === "yyyy-MM-dd'T'HH:mm:ssXXX" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/.test(text)) {
		return isoWithOffset(Date.parse(text));
	}
	return undefined;
}

export const SUPPORTED_FORMATS = ['MM/dd/yyyy', 'yyyy-MM-dd', 'MM/dd/yyyy HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ssXXX"];

/**
 * One CSV cell as the JSON value the record API validates. A cell that cannot be read in the
 * field's format stays text, so the field's validation rejects the row (INVALID_DATA) as Zoho does.
 */
export function readCell(field: FieldDef, text: string, format: string | undefined, timeZone: string): unknown {
	if (text === '') return null;
	switch (field.data_type) {
		case 'multiselectpicklist':
			return text.split(';').map((v) => v.trim()).filter(Boolean);
		case 'boolean':
			return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : text;
		case 'integer':
		case 'double':
		case 'currency':
			return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
		case 'bigint':
			return text;
		case 'date':
			return readDate(text, format) ?? text;
		case 'datetime':
			return readDateTime(text, format, timeZone) ?? text;
		case 'lookup':
		case 'ownerlookup':
			return /^\d+$/.test(text) ? { id: text } : text;
		default:
			return text;
	}
}

/** `MM/dd/yyyy` for a `yyyy-MM-dd` date (tests write CSV by hand with it). */
export function zohoCsvDate(isoDate: string): string {
	const [y, m, d] = isoDate.split('-');
	return `${m}/${d}/${y}`;
}

export { pad };
