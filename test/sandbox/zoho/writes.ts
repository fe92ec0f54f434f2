import type { Reply } from '../core/types';
import { ZOHO_MAX_RECORDS_PER_WRITE } from './constants';
import { errorReply, zohoError, type ZohoErrorBody } from './errors';
import type { ModuleDef } from './fieldTypes';
import type { WriteBody } from './schemas';
import type { ZohoStore, ZRecord } from './store';
import { validateRecord, type Validated } from './validate';

type Item = Record<string, unknown>;

function success(record: ZRecord, message: string, extra: Item = {}): Item {
	const by = (v: unknown): Item => {
		const ref = v as { id: string; name: string };
		return { id: ref.id, name: ref.name };
	};
	return {
		code: 'SUCCESS',
		...extra,
		details: {
			Modified_Time: record.Modified_Time,
			Modified_By: by(record.Modified_By),
			Created_Time: record.Created_Time,
			id: record.id,
			Created_By: by(record.Created_By),
		},
		message,
		status: 'success',
	};
}

/** 201 (all inserted) / 200 / 207 (mixed) / 400 (all failed), body `{data}` in input order. */
function multiStatus(items: Item[], allOkStatus: number): Reply {
	const failed = items.filter((i) => i.status === 'error').length;
	const status = failed === 0 ? allOkStatus : failed === items.length ? 400 : 207;
	return { status, body: { data: items } };
}

export function tooManyRecords(count: number): Reply | undefined {
	if (count <= ZOHO_MAX_RECORDS_PER_WRITE) return undefined;
	return errorReply(400, 'LIMIT_EXCEEDED', `the number of records in data exceeds the limit of ${ZOHO_MAX_RECORDS_PER_WRITE}`, {
		limit: ZOHO_MAX_RECORDS_PER_WRITE,
		api_name: 'data',
		json_path: '$.data',
	});
}

function uniqueConflict(store: ZohoStore, module: ModuleDef, values: Item, index: number, exceptId?: string): ZohoErrorBody | undefined {
	for (const field of module.fields) {
		if (!field.unique) continue;
		const existing = store.findBy(module.api_name, field.api_name, values[field.api_name], exceptId);
		if (existing) {
			return zohoError('DUPLICATE_DATA', 'duplicate data', {
				api_name: field.api_name,
				json_path: `$.data[${index}].${field.api_name}`,
				duplicate_record: { module: { api_name: module.api_name, id: module.id }, id: existing.id, Owner: existing.Owner },
			});
		}
	}
	return undefined;
}

class ChangeBatch {
	inserted: string[] = [];
	updated: string[] = [];
	affected: Record<string, string[]> = {};

	constructor(private readonly store: ZohoStore, private readonly module: ModuleDef) {}

	flush(): void {
		this.store.emit({ module: this.module.api_name, operation: 'insert', ids: this.inserted, affected: {} });
		this.store.emit({ module: this.module.api_name, operation: 'update', ids: this.updated, affected: this.affected });
	}
}

function validationError(result: Validated): ZohoErrorBody | undefined {
	return result.ok ? undefined : result.error;
}

export function insertRecords(store: ZohoStore, module: ModuleDef, body: WriteBody): Reply {
	const limit = tooManyRecords(body.data.length);
	if (limit) return limit;
	const batch = new ChangeBatch(store, module);
	const items = body.data.map((input, index): Item => {
		const result = validateRecord(store, module, input, 'insert', index);
		if (!result.ok) return { ...result.error };
		const dup = uniqueConflict(store, module, result.values, index);
		if (dup) return { ...dup };
		const record = store.insert(module, result.values);
		batch.inserted.push(record.id);
		return success(record, 'record added');
	});
	batch.flush();
	return multiStatus(items, 201);
}

function applyUpdate(store: ZohoStore, module: ModuleDef, id: string, values: Item, index: number, batch: ChangeBatch): Item {
	const dup = uniqueConflict(store, module, values, index, id);
	if (dup) return { ...dup };
	const { record, changed } = store.update(module, id, values);
	batch.updated.push(id);
	batch.affected[id] = changed;
	return success(record, 'record updated');
}

function invalidId(index: number, id: unknown): Item {
	return { ...zohoError('INVALID_DATA', 'the related id given seems to be invalid', { api_name: 'id', json_path: `$.data[${index}].id`, id }) };
}

/** PUT /{module} (every record names its id) or PUT /{module}/{id} (fixedId). */
export function updateRecords(store: ZohoStore, module: ModuleDef, body: WriteBody, fixedId?: string): Reply {
	const limit = tooManyRecords(body.data.length);
	if (limit) return limit;
	const batch = new ChangeBatch(store, module);
	const items = body.data.map((input, index): Item => {
		const id = fixedId ?? input.id;
		if (id === undefined || id === null || id === '') {
			return { ...zohoError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `$.data[${index}].id` }) };
		}
		if (typeof id !== 'string' || !store.get(module.api_name, id)) return invalidId(index, id);
		const result = validateRecord(store, module, input, 'update', index);
		if (!result.ok) return { ...result.error };
		return applyUpdate(store, module, id, result.values, index, batch);
	});
	batch.flush();
	return multiStatus(items, 200);
}

export function duplicateCheckFields(store: ZohoStore, module: ModuleDef, requested?: string[]): string[] | Reply {
	if (requested) {
		for (const name of requested) {
			const field = store.field(module, name);
			if (!field || field.read_only || field.data_type === 'multiselectpicklist' || field.tag) {
				return errorReply(400, 'INVALID_DATA', `the field ${name} cannot be used in duplicate_check_fields`, {
					api_name: name,
					json_path: '$.duplicate_check_fields',
				});
			}
		}
		return requested;
	}
	const unique = module.fields.filter((x) => x.unique).map((x) => x.api_name);
	return [...new Set([...(module.duplicate_check_default ?? []), ...unique])];
}

export function upsertRecords(store: ZohoStore, module: ModuleDef, body: WriteBody): Reply {
	const limit = tooManyRecords(body.data.length);
	if (limit) return limit;
	const checkFields = duplicateCheckFields(store, module, body.duplicate_check_fields);
	if (!Array.isArray(checkFields)) return checkFields;
	const batch = new ChangeBatch(store, module);
	const items = body.data.map((input, index): Item => {
		const partial = validateRecord(store, module, input, 'update', index);
		if (!partial.ok) return { ...partial.error };
		let match: ZRecord | undefined;
		let matchedField: string | null = null;
		for (const name of checkFields) {
			match = store.findBy(module.api_name, name, partial.values[name]);
			if (match) {
				matchedField = name;
				break;
			}
		}
		if (match) {
			const item = applyUpdate(store, module, match.id, partial.values, index, batch);
			return item.status === 'success' ? { ...success(store.get(module.api_name, match.id)!, 'record updated', { duplicate_field: matchedField, action: 'update' }) } : item;
		}
		const full = validateRecord(store, module, input, 'insert', index);
		const error = validationError(full);
		if (error || !full.ok) return { ...error! };
		const dup = uniqueConflict(store, module, full.values, index);
		if (dup) return { ...dup };
		const record = store.insert(module, full.values);
		batch.inserted.push(record.id);
		return success(record, 'record added', { duplicate_field: null, action: 'insert' });
	});
	batch.flush();
	return multiStatus(items, 200);
}

export function deleteRecords(store: ZohoStore, module: ModuleDef, ids: string[]): Reply {
	if (ids.length > ZOHO_MAX_RECORDS_PER_WRITE) {
		return errorReply(400, 'LIMIT_EXCEEDED', `you can delete at most ${ZOHO_MAX_RECORDS_PER_WRITE} records per call`, {
			limit: ZOHO_MAX_RECORDS_PER_WRITE,
			param_name: 'ids',
		});
	}
	const deleted: string[] = [];
	const items = ids.map((id): Item => {
		if (!store.remove(module, id)) {
			return { ...zohoError('INVALID_DATA', 'the related id given seems to be invalid', { id }) };
		}
		deleted.push(id);
		return { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' };
	});
	store.emit({ module: module.api_name, operation: 'delete', ids: deleted, affected: {} });
	return multiStatus(items, 200);
}
