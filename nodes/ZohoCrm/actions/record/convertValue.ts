import type { ZohoField } from '../../transport/metadata';
import { NUMBER_FIELD_TYPES } from '../../transport/fieldTypes';

export function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Converts a mapped value to what Zoho expects for the field's data type. */
export function convertValue(field: ZohoField | undefined, value: unknown): unknown {
	if (!field || isEmptyValue(value)) return value;
	if (NUMBER_FIELD_TYPES.has(field.data_type ?? '')) {
		return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
	}
	switch (field.data_type) {
		case 'lookup':
		case 'ownerlookup':
			return typeof value === 'string' || typeof value === 'number' ? { id: String(value) } : value;
		case 'multiselectpicklist':
			return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
		case 'boolean':
			return value === 'true' ? true : value === 'false' ? false : value;
		case 'date':
			return typeof value === 'string' && value.length > 10 && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
		case 'datetime':
			// Zoho takes whole seconds: drop any fraction before the offset (or Z), then spell Z as +00:00.
			return typeof value === 'string' ? value.replace(/\.\d+(?=(Z|[+-]\d{2}:?\d{2})$)/, '').replace(/Z$/, '+00:00') : value;
		default:
			return value;
	}
}
