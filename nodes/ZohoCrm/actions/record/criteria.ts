/** Zoho search criteria: `((Field:op:value)and(Field:op:value))`, values escaped per the API docs. */

export const CRITERIA_OPERATORS = [
	'equals',
	'not_equal',
	'starts_with',
	'in',
	'greater_than',
	'greater_equal',
	'less_than',
	'less_equal',
	'between',
] as const;

export type CriteriaOperator = (typeof CRITERIA_OPERATORS)[number];

export interface Condition {
	field: string;
	operator: CriteriaOperator;
	value: string;
}

/** Backslash-escapes the characters that structure a criteria string: `\` first, then `(`, `)`, `,`. */
export function escapeCriteriaValue(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/([(),])/g, '\\$1');
}

/**
 * For `in` and `between` the comma separates values, so each value is escaped on its own
 * (split on unescaped commas the user typed, trimmed).
 */
function formatValue(condition: Condition): string {
	if (condition.operator === 'in' || condition.operator === 'between') {
		return condition.value
			.split(',')
			.map((v) => escapeCriteriaValue(v.trim()))
			.join(',');
	}
	return escapeCriteriaValue(condition.value);
}

export function buildCriteria(conditions: Condition[], combine: 'and' | 'or'): string {
	const parts = conditions.map((c) => `(${c.field}:${c.operator}:${formatValue(c)})`);
	if (parts.length === 1) return parts[0];
	return `(${parts.join(combine)})`;
}

export const MAX_CONDITIONS = 10;
export const MAX_IN_VALUES = 100;
