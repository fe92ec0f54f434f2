import { isValidDate, parseZohoTime } from './clock';
import { zohoError, type ZohoErrorBody } from './errors';
import { defaultLength, type FieldDef, type ModuleDef } from './fieldTypes';
import type { ZohoStore } from './store';
import { findUser } from './users';

export type WriteMode = 'insert' | 'update';

export type Validated = { ok: true; values: Record<string, unknown> } | { ok: false; error: ZohoErrorBody };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Keys a client may send that are not fields: identifiers and Zoho's `$` flags. */
const IGNORED_KEYS = new Set(['id']);

const invalid = (field: FieldDef, index: number, extra: Record<string, unknown> = {}): Validated => ({
	ok: false,
	error: zohoError('INVALID_DATA', 'invalid data', {
		expected_data_type: field.data_type,
		api_name: field.api_name,
		json_path: `$.data[${index}].${field.api_name}`,
		...extra,
	}),
});

const isEmpty = (value: unknown): boolean =>
	value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Check one input record against the module's field metadata, the way Zoho does per record:
 * the first problem wins and becomes that record's entry in the response `data` array.
 */
export function validateRecord(store: ZohoStore, module: ModuleDef, input: Record<string, unknown>, mode: WriteMode, index: number): Validated {
	const values: Record<string, unknown> = {};
	for (const [key, raw] of Object.entries(input)) {
		if (IGNORED_KEYS.has(key) || key.startsWith('$')) continue;
		const field = store.field(module, key);
		if (!field) {
			return {
				ok: false,
				error: zohoError('INVALID_DATA', 'invalid data', {
					api_name: key,
					json_path: `$.data[${index}].${key}`,
					reason: `the field ${key} does not exist in module ${module.api_name}`,
				}),
			};
		}
		// Zoho silently drops values sent for read-only fields.
		if (field.read_only) continue;
		if (isEmpty(raw)) {
			if (field.system_mandatory) return mandatoryMissing(field, index);
			values[key] = field.tag || field.data_type === 'multiselectpicklist' ? [] : null;
			continue;
		}
		const checked = checkValue(store, field, raw, index);
		if (!checked.ok) return checked;
		values[key] = checked.values.value;
	}
	if (mode === 'insert') {
		for (const field of module.fields) {
			if (field.system_mandatory && isEmpty(values[field.api_name])) return mandatoryMissing(field, index);
		}
	}
	return { ok: true, values };
}

function mandatoryMissing(field: FieldDef, index: number): Validated {
	return {
		ok: false,
		error: zohoError('MANDATORY_NOT_FOUND', 'required field not found', {
			api_name: field.api_name,
			json_path: `$.data[${index}].${field.api_name}`,
		}),
	};
}

const ok = (value: unknown): Validated => ({ ok: true, values: { value } });

function checkValue(store: ZohoStore, field: FieldDef, raw: unknown, index: number): Validated {
	const max = field.length ?? defaultLength(field.data_type);
	if (field.tag) {
		if (!Array.isArray(raw) || !raw.every((t) => typeof t === 'object' && t !== null && typeof (t as { name?: unknown }).name === 'string')) {
			return invalid(field, index, { expected_data_type: 'jsonarray' });
		}
		return ok(raw.map((t) => ({ name: (t as { name: string }).name })));
	}
	switch (field.data_type) {
		case 'text':
		case 'textarea':
		case 'phone':
		case 'website':
		case 'email': {
			if (typeof raw !== 'string') return invalid(field, index);
			if (max !== undefined && raw.length > max) return invalid(field, index, { maximum_length: max });
			if (field.data_type === 'email' && !EMAIL.test(raw)) return invalid(field, index);
			return ok(raw);
		}
		case 'picklist': {
			if (typeof raw !== 'string' || !(field.pick_list_values ?? []).includes(raw)) return invalid(field, index);
			return ok(raw);
		}
		case 'multiselectpicklist': {
			if (!Array.isArray(raw) || !raw.every((v) => typeof v === 'string' && (field.pick_list_values ?? []).includes(v))) {
				return invalid(field, index);
			}
			return ok(raw);
		}
		case 'integer': {
			if (typeof raw !== 'number' || !Number.isInteger(raw) || Math.abs(raw) > 2_147_483_647) return invalid(field, index);
			return ok(raw);
		}
		case 'bigint': {
			const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
			if (typeof text !== 'string' || !/^-?\d{1,18}$/.test(text)) return invalid(field, index);
			return ok(Number(text));
		}
		case 'double':
		case 'currency': {
			if (typeof raw !== 'number' || !Number.isFinite(raw)) return invalid(field, index);
			return ok(raw);
		}
		case 'boolean':
			return typeof raw === 'boolean' ? ok(raw) : invalid(field, index);
		case 'date':
			return typeof raw === 'string' && isValidDate(raw) ? ok(raw) : invalid(field, index);
		case 'datetime': {
			if (typeof raw !== 'string' || parseZohoTime(raw) === undefined) return invalid(field, index);
			return ok(raw);
		}
		case 'ownerlookup': {
			const id = refId(raw);
			const user = id ? findUser(id) : undefined;
			if (!user) return invalid(field, index);
			return ok({ id: user.id, name: user.full_name, email: user.email });
		}
		case 'lookup': {
			const id = refId(raw);
			if (!id) return invalid(field, index);
			if (field.lookup_module) {
				const target = store.module(field.lookup_module)!;
				const record = store.get(target.api_name, id);
				if (!record) return invalid(field, index, { expected_data_type: 'jsonobject', reason: 'the related id given seems to be invalid' });
				return ok({ id, name: store.displayName(target, record) });
			}
			const found = store.locate(id);
			if (!found) return invalid(field, index, { reason: 'the related id given seems to be invalid' });
			const target = store.module(found.module)!;
			return ok({ id, name: store.displayName(target, found.record), module: { api_name: target.api_name, id: target.id } });
		}
	}
	return invalid(field, index);
}

/** Lookups accept `{id}` or the bare id string. */
function refId(raw: unknown): string | undefined {
	if (typeof raw === 'string' && /^\d+$/.test(raw)) return raw;
	if (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string') return (raw as { id: string }).id;
	return undefined;
}
