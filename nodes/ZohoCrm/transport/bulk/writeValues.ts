import { BULK_UNWRITABLE_FIELD_TYPES } from '../fieldTypes';
import type { ZohoField } from '../metadata';

/**
 * Zoho's Bulk Write CSV conventions (its docs: date `MM/dd/yyyy`, date-time `MM/dd/yyyy HH:mm:ss`
 * unless a mapping gives a format; multi-select values joined by `;`; lookups by record id),
 * applied to the values the Records API writes take (ids or `{id}`, arrays, ISO dates).
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** Why a field cannot be sent through Bulk Write, or undefined when it can. */
export function bulkUnwritable(field: ZohoField | undefined, apiName: string): string | undefined {
	if (apiName === 'id') return undefined;
	if (!field) return `${apiName} is not a field of the module`;
	if (field.read_only) return `${apiName} is read-only`;
	if (field.data_type && BULK_UNWRITABLE_FIELD_TYPES.has(field.data_type)) return `${apiName} is a ${field.data_type} field`;
	if (field.api_name === 'Tag') return 'Tag cannot be written by Bulk Write';
	return undefined;
}

/** The wall-clock time of an instant in a time zone, as Zoho's default `MM/dd/yyyy HH:mm:ss`. */
export function zonedDateTime(instantMs: number, timeZone: string): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(instantMs))
			.map((p) => [p.type, p.value]),
	);
	return `${parts.month}/${parts.day}/${parts.year} ${pad(Number(parts.hour))}:${parts.minute}:${parts.second}`;
}

function idOf(value: unknown): string | undefined {
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (value && typeof value === 'object' && 'id' in value) {
		const id = (value as { id?: unknown }).id;
		if (typeof id === 'string' || typeof id === 'number') return String(id);
	}
	return undefined;
}

function plain(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}

/**
 * One value as its CSV cell. Empty values are empty cells (the job is sent with ignore_empty off,
 * so an empty cell clears the field, as `null` does in a Records API write). A value that does
 * not have the field's shape is written as it is: Zoho then skips that row with the field's error.
 */
export function csvCell(field: ZohoField | undefined, value: unknown, timeZone: string): string {
	if (value === null || value === undefined || value === '') return '';
	switch (field?.data_type) {
		case 'lookup':
		case 'ownerlookup':
			return idOf(value) ?? plain(value);
		case 'multiselectpicklist':
			return Array.isArray(value) ? value.map(plain).join(';') : plain(value);
		case 'date': {
			const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
			return m ? `${m[2]}/${m[3]}/${m[1]}` : plain(value);
		}
		case 'datetime': {
			const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
			return Number.isNaN(ms) ? plain(value) : zonedDateTime(ms, timeZone);
		}
		default:
			return plain(value);
	}
}
