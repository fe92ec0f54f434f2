import { isValidDate, parseZohoTime } from '../clock';
import type { FieldDef, ModuleDef } from '../fieldTypes';
import type { ZRecord } from '../store';

/**
 * Bulk Read's JSON criteria: a leaf `{field: {api_name}, comparator, value}` or a group
 * `{group_operator: "and"|"or", group: [...]}`; `${EMPTY}` stands for an empty value. Comparators
 * per field type as Zoho's Bulk Read docs list them; what Zoho refuses is refused here with its codes
 * (SDK api_exception / crm-oas bulk_read.json: INVALID_CRITERIA, FIELD_IN_CRITERIA_NOT_SUPPORTED,
 * COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE, CRITERIA_LIMIT_EXCEEDED).
 */
export class BulkCriteriaError extends Error {
	constructor(readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
		super(message);
	}
}

export type Predicate = (record: ZRecord) => boolean;

export const EMPTY = '${EMPTY}';
/** Conditions one criteria may hold (unverified for v8; Zoho's docs name 25 for Bulk Read). */
export const MAX_BULK_CONDITIONS = 25;

const TEXT = ['equal', 'not_equal', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'ends_with'];
const ORDERED = ['equal', 'not_equal', 'in', 'not_in', 'less_than', 'less_equal', 'greater_than', 'greater_equal', 'between', 'not_between'];
const BY_TYPE: Record<string, string[]> = {
	text: TEXT,
	email: TEXT,
	phone: TEXT,
	website: TEXT,
	textarea: TEXT,
	picklist: ['equal', 'not_equal', 'in', 'not_in'],
	multiselectpicklist: ['equal', 'not_equal', 'in', 'not_in', 'contains', 'not_contains'],
	integer: ORDERED,
	bigint: ORDERED,
	double: ORDERED,
	currency: ORDERED,
	date: ORDERED,
	datetime: ORDERED,
	boolean: ['equal'],
	lookup: ['equal', 'not_equal', 'in', 'not_in'],
	ownerlookup: ['equal', 'not_equal', 'in', 'not_in'],
	id: ['equal', 'not_equal', 'in', 'not_in', 'greater_than', 'greater_equal', 'less_than', 'less_equal'],
};

interface Leaf {
	field?: { api_name?: unknown };
	comparator?: unknown;
	value?: unknown;
}
interface Group {
	group_operator?: unknown;
	group?: unknown;
}

function scalar(record: ZRecord, field: FieldDef | 'id'): unknown {
	if (field === 'id') return record.id;
	const value = record[field.api_name];
	if (value && typeof value === 'object' && !Array.isArray(value)) return String((value as { id?: unknown }).id ?? '');
	return value;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

function comparable(field: FieldDef | 'id', raw: unknown, leaf: Record<string, unknown>): number | string | boolean {
	const type = field === 'id' ? 'id' : field.data_type;
	const bad = (): never => {
		throw new BulkCriteriaError('COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE', `the value ${JSON.stringify(raw)} does not fit the field's type ${type}`, leaf);
	};
	if (['integer', 'bigint', 'double', 'currency'].includes(type)) {
		const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : bad();
		return n;
	}
	if (type === 'boolean') return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : bad();
	if (typeof raw !== 'string') return bad();
	if (type === 'date' && !isValidDate(raw)) bad();
	if (type === 'datetime') return parseZohoTime(raw) ?? bad();
	return raw;
}

function leafPredicate(module: ModuleDef, leaf: Leaf): Predicate {
	const details = { api_name: leaf.field?.api_name, comparator: leaf.comparator };
	const name = leaf.field?.api_name;
	if (typeof name !== 'string' || typeof leaf.comparator !== 'string' || !('value' in leaf)) {
		throw new BulkCriteriaError('INVALID_CRITERIA', 'each condition needs field.api_name, comparator and value', details);
	}
	const field: FieldDef | 'id' | undefined = name === 'id' ? 'id' : module.fields.find((f) => f.api_name === name);
	if (!field) throw new BulkCriteriaError('FIELD_IN_CRITERIA_NOT_SUPPORTED', `the field ${name} is not available in the module`, details);
	const comparator = leaf.comparator;
	const allowed = BY_TYPE[field === 'id' ? 'id' : field.data_type] ?? [];
	if (!allowed.includes(comparator)) {
		throw new BulkCriteriaError('FIELD_COMPARATOR_IN_CRITERIA_NOT_SUPPORTED', `the comparator ${comparator} is not supported for ${name}`, {
			...details,
			supported: allowed,
		});
	}
	const leafInfo = { ...details, value: leaf.value };
	if (leaf.value === EMPTY) {
		if (comparator !== 'equal' && comparator !== 'not_equal') {
			throw new BulkCriteriaError('COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE', `${EMPTY} only goes with equal and not_equal`, leafInfo);
		}
		return comparator === 'equal' ? (r) => isEmpty(scalar(r, field)) : (r) => !isEmpty(scalar(r, field));
	}
	const list = ['in', 'not_in', 'between', 'not_between'].includes(comparator);
	if (list !== Array.isArray(leaf.value)) {
		throw new BulkCriteriaError('COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE', `${comparator} takes ${list ? 'a list of values' : 'one value'}`, leafInfo);
	}
	const values = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).map((v) => comparable(field, v, leafInfo));
	if (comparator.endsWith('between') && values.length !== 2) {
		throw new BulkCriteriaError('COMPARATOR_AND_VALUE_IN_CRITERIA_NOT_COMPATIBLE', `${comparator} takes two values`, leafInfo);
	}
	const isTime = field !== 'id' && field.data_type === 'datetime';
	const read = (r: ZRecord): unknown => {
		const v = scalar(r, field);
		return isTime && typeof v === 'string' ? parseZohoTime(v) : v;
	};
	const [first, second] = values;
	if (field !== 'id' && field.data_type === 'multiselectpicklist') {
		const has = (r: ZRecord): boolean => {
			const v = r[field.api_name];
			return Array.isArray(v) && values.some((x) => v.includes(x));
		};
		return comparator.startsWith('not') ? (r) => !has(r) : has;
	}
	const text = (r: ZRecord): string => String(read(r) ?? '').toLowerCase();
	const needle = String(first).toLowerCase();
	switch (comparator) {
		case 'equal':
			return (r) => read(r) === first;
		case 'not_equal':
			return (r) => read(r) !== first;
		case 'in':
			return (r) => values.includes(read(r) as never);
		case 'not_in':
			return (r) => !values.includes(read(r) as never);
		case 'contains':
			return (r) => text(r).includes(needle);
		case 'not_contains':
			return (r) => !text(r).includes(needle);
		case 'starts_with':
			return (r) => text(r).startsWith(needle);
		case 'ends_with':
			return (r) => text(r).endsWith(needle);
	}
	const cmp = (r: ZRecord, to: unknown): number | undefined => {
		const v = read(r);
		if (isEmpty(v)) return undefined;
		if (field === 'id') return BigInt(String(v)) < BigInt(String(to)) ? -1 : BigInt(String(v)) > BigInt(String(to)) ? 1 : 0;
		return (v as number | string) < (to as number | string) ? -1 : (v as number | string) > (to as number | string) ? 1 : 0;
	};
	const test = (r: ZRecord, ok: (c: number) => boolean, to: unknown = first): boolean => {
		const c = cmp(r, to);
		return c !== undefined && ok(c);
	};
	switch (comparator) {
		case 'less_than':
			return (r) => test(r, (c) => c < 0);
		case 'less_equal':
			return (r) => test(r, (c) => c <= 0);
		case 'greater_than':
			return (r) => test(r, (c) => c > 0);
		case 'greater_equal':
			return (r) => test(r, (c) => c >= 0);
		case 'between':
			return (r) => test(r, (c) => c >= 0) && test(r, (c) => c <= 0, second);
		default:
			return (r) => !(test(r, (c) => c >= 0) && test(r, (c) => c <= 0, second));
	}
}

/** Checks a criteria object against the module and compiles it. Throws BulkCriteriaError. */
export function compileBulkCriteria(module: ModuleDef, criteria: unknown): Predicate {
	let conditions = 0;
	const build = (node: unknown): Predicate => {
		if (!node || typeof node !== 'object' || Array.isArray(node)) throw new BulkCriteriaError('INVALID_CRITERIA', 'a criteria node must be an object');
		const group = node as Group;
		if ('group' in group || 'group_operator' in group) {
			if ((group.group_operator !== 'and' && group.group_operator !== 'or') || !Array.isArray(group.group) || group.group.length < 2) {
				throw new BulkCriteriaError('INVALID_CRITERIA', 'a group needs group_operator "and" or "or" and at least two conditions in group');
			}
			const parts = group.group.map(build);
			return group.group_operator === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
		}
		conditions++;
		return leafPredicate(module, node as Leaf);
	};
	const predicate = build(criteria);
	if (conditions > MAX_BULK_CONDITIONS) {
		throw new BulkCriteriaError('CRITERIA_LIMIT_EXCEEDED', `criteria can hold at most ${MAX_BULK_CONDITIONS} conditions (got ${conditions})`, { max_limit: MAX_BULK_CONDITIONS });
	}
	return predicate;
}
