import { BULK_NUMBER_FIELD_TYPES } from '../fieldTypes';
import type { ZohoField } from '../metadata';

/** Bulk Read's comparators (Zoho's SDK bulk_read/criteria model). */
export const BULK_COMPARATORS = [
	'equal',
	'not_equal',
	'in',
	'not_in',
	'less_than',
	'less_equal',
	'greater_than',
	'greater_equal',
	'contains',
	'not_contains',
	'starts_with',
	'ends_with',
	'between',
	'not_between',
] as const;

export type BulkComparator = (typeof BULK_COMPARATORS)[number];
/** What the node's condition builder offers: the comparators, plus "is empty" / "is not empty" (`${EMPTY}`). */
export type BulkOperator = BulkComparator | 'is_empty' | 'is_not_empty';

export type BulkValue = string | number | boolean | Array<string | number>;

export type BulkCriterion =
	| { field: { api_name: string }; comparator: BulkComparator; value: BulkValue }
	| { group_operator: 'and' | 'or'; group: BulkCriterion[] };

export interface BulkCondition {
	field: string;
	operator: BulkOperator;
	value: string;
}

/** Zoho's placeholder for an empty value in Bulk Read criteria. */
export const EMPTY_VALUE = '${EMPTY}';
const LISTS = new Set<BulkOperator>(['in', 'not_in', 'between', 'not_between']);

/** Splits on commas not escaped with a backslash (`\,` keeps a comma inside a value). */
function splitValues(value: string): string[] {
	const out: string[] = [];
	let current = '';
	for (let i = 0; i < value.length; i++) {
		const ch = value[i];
		if (ch === '\\' && value[i + 1] === ',') {
			current += ',';
			i++;
		} else if (ch === ',') {
			out.push(current.trim());
			current = '';
		} else {
			current += ch;
		}
	}
	out.push(current.trim());
	return out.filter((v) => v !== '');
}

/** A value as the field's type wants it: numbers for number fields, true/false for checkboxes, text otherwise. */
function typed(raw: string, field: ZohoField | undefined): string | number | boolean {
	const type = field?.data_type ?? '';
	if (BULK_NUMBER_FIELD_TYPES.has(type) && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
	if (type === 'boolean' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
	return raw;
}

/** One condition as Bulk Read's JSON; throws an Error worded for the user when a list is empty or a range is not two values. */
export function bulkCondition(condition: BulkCondition, field: ZohoField | undefined): BulkCriterion {
	const target = { api_name: condition.field };
	if (condition.operator === 'is_empty') return { field: target, comparator: 'equal', value: EMPTY_VALUE };
	if (condition.operator === 'is_not_empty') return { field: target, comparator: 'not_equal', value: EMPTY_VALUE };
	if (LISTS.has(condition.operator)) {
		const values = splitValues(condition.value).map((v) => typed(v, field)) as Array<string | number>;
		if (values.length === 0) throw new Error(`"${condition.operator}" on ${condition.field} needs at least one value (comma-separated)`);
		if (condition.operator.endsWith('between') && values.length !== 2) {
			throw new Error(`"${condition.operator}" on ${condition.field} needs two values: from,to`);
		}
		return { field: target, comparator: condition.operator as BulkComparator, value: values };
	}
	return { field: target, comparator: condition.operator as BulkComparator, value: typed(condition.value, field) };
}

/** The conditions as one criteria: a single leaf, or a group joined by `combine`. */
export function bulkCriteria(conditions: BulkCondition[], combine: 'and' | 'or', fields: readonly ZohoField[]): BulkCriterion | undefined {
	const byName = new Map(fields.map((f) => [f.api_name, f]));
	const leaves = conditions.map((c) => bulkCondition(c, byName.get(c.field)));
	if (leaves.length === 0) return undefined;
	if (leaves.length === 1) return leaves[0];
	return { group_operator: combine, group: leaves };
}
