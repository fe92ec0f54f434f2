import type { Reply } from '../core/types';
import { ZOHO_MAX_FIELDS_PER_GET } from './constants';
import { errorReply, invalidParam, requiredParamMissing } from './errors';
import type { ModuleDef } from './fieldTypes';

export function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number | Reply {
	const raw = query.get(name);
	if (raw === null) return fallback;
	if (!/^\d+$/.test(raw)) return invalidParam(name, `${name} must be a whole number`, { expected_data_type: 'integer' });
	const value = Number(raw);
	if (value < min || value > max) {
		return invalidParam(name, `${name} must be between ${min} and ${max}`, { minimum: min, maximum: max });
	}
	return value;
}

/** `fields=a,b`: required on v8 list calls, at most 50, each must be a field of the module. */
export function fieldsParam(query: URLSearchParams, module: ModuleDef, required: boolean): string[] | undefined | Reply {
	const raw = query.get('fields');
	if (raw === null || raw.trim() === '') return required ? requiredParamMissing('fields') : undefined;
	const names = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
	if (names.length > ZOHO_MAX_FIELDS_PER_GET) {
		return errorReply(400, 'LIMIT_EXCEEDED', `at most ${ZOHO_MAX_FIELDS_PER_GET} fields can be asked for in one call`, {
			limit: ZOHO_MAX_FIELDS_PER_GET,
			param_name: 'fields',
		});
	}
	for (const name of names) {
		if (name !== 'id' && !module.fields.some((x) => x.api_name === name)) {
			return invalidParam('fields', `the field ${name} does not exist in module ${module.api_name}`, { api_name: name });
		}
	}
	return names.filter((n) => n !== 'id');
}

export function enumParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T | Reply {
	const raw = query.get(name);
	if (raw === null) return fallback;
	if (!(allowed as readonly string[]).includes(raw)) {
		return invalidParam(name, `${name} must be one of ${allowed.join(', ')}`, { supported_values: allowed });
	}
	return raw as T;
}

export const isReply = (value: unknown): value is Reply =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Reply).status === 'number' && 'body' in value;
