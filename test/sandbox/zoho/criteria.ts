import { isValidDate, parseZohoTime } from './clock';
import type { FieldDef, ModuleDef } from './fieldTypes';
import type { ZRecord } from './store';

/** A criteria problem, answered as 400 `code` with `message` (INVALID_QUERY or LIMIT_EXCEEDED). */
export class CriteriaError extends Error {
	constructor(message: string, readonly code = 'INVALID_QUERY', readonly details: Record<string, unknown> = {}) {
		super(message);
	}
}

export type CriteriaNode =
	| { kind: 'cond'; field: string; op: string; values: string[] }
	| { kind: 'and' | 'or'; items: CriteriaNode[] };

const OPS = ['equals', 'not_equal', 'starts_with', 'in', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between'];
export const MAX_CONDITIONS = 10;
export const MAX_IN_VALUES = 100;

/**
 * Strict parser for `((Field:op:value)and(Field:op:value))`. Inside a value a backslash escapes the
 * next character, so `\(` `\)` `\,` `\\` are literal; an unescaped comma separates values.
 */
export function parseCriteria(text: string): CriteriaNode {
	let pos = 0;
	const fail = (what: string): never => {
		throw new CriteriaError(`invalid criteria: ${what} at position ${pos} (near "${text.slice(Math.max(0, pos - 10), pos + 10)}")`, 'INVALID_QUERY', {
			reason: what,
			position: pos,
		});
	};
	const expect = (ch: string): void => {
		if (text[pos] !== ch) fail(`expected "${ch}"`);
		pos++;
	};

	const parseCondition = (): CriteriaNode => {
		const m = /^([A-Za-z0-9_$.]+):([a-z_]+):/.exec(text.slice(pos));
		if (!m) fail('expected Field:operator:value');
		const [whole, field, op] = m!;
		if (!OPS.includes(op)) fail(`unknown operator "${op}"`);
		pos += whole.length;
		const values: string[] = [];
		let current = '';
		while (pos < text.length && text[pos] !== ')') {
			const ch = text[pos];
			if (ch === '\\') {
				if (pos + 1 >= text.length) fail('dangling backslash');
				current += text[pos + 1];
				pos += 2;
				continue;
			}
			if (ch === '(') fail('unescaped "(" in a value (escape it as \\()');
			if (ch === ',') {
				values.push(current);
				current = '';
			} else {
				current += ch;
			}
			pos++;
		}
		values.push(current);
		return { kind: 'cond', field, op, values };
	};

	const parseGroup = (): CriteriaNode => {
		expect('(');
		const node = text[pos] === '(' ? parseExpr() : parseCondition();
		expect(')');
		return node;
	};

	const parseExpr = (): CriteriaNode => {
		const items = [parseGroup()];
		let joiner: 'and' | 'or' | undefined;
		for (;;) {
			const m = /^(and|or)(?=\()/i.exec(text.slice(pos));
			if (!m) break;
			const word = m[1].toLowerCase() as 'and' | 'or';
			if (joiner && joiner !== word) fail('"and" and "or" mixed at one level: group them with parentheses');
			joiner = word;
			pos += m[1].length;
			items.push(parseGroup());
		}
		return items.length === 1 ? items[0] : { kind: joiner!, items };
	};

	if (text.trim() === '') fail('empty criteria');
	const root = parseExpr();
	if (pos !== text.length) fail('unexpected text after the criteria');
	return root;
}

function countConditions(node: CriteriaNode): number {
	return node.kind === 'cond' ? 1 : node.items.reduce((n, i) => n + countConditions(i), 0);
}

type Predicate = (record: ZRecord) => boolean;

const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'website', 'picklist']);
const NUMERIC = new Set(['integer', 'bigint', 'double', 'currency']);

function compare(op: string, actual: number | string, wanted: Array<number | string>): boolean {
	const [a, b] = wanted;
	switch (op) {
		case 'equals':
		case 'in':
			return wanted.includes(actual);
		case 'not_equal':
			return !wanted.includes(actual);
		case 'greater_than':
			return actual > a;
		case 'greater_equal':
			return actual >= a;
		case 'less_than':
			return actual < a;
		case 'less_equal':
			return actual <= a;
		case 'between':
			return actual >= a && actual <= b;
	}
	return false;
}

function conditionPredicate(module: ModuleDef, node: Extract<CriteriaNode, { kind: 'cond' }>): Predicate {
	const { op, values } = node;
	const field: FieldDef | undefined =
		node.field === 'id' ? { api_name: 'id', field_label: 'Id', data_type: 'bigint' } : module.fields.find((x) => x.api_name === node.field);
	if (!field) throw new CriteriaError(`the field ${node.field} is not available for search in ${module.api_name}`, 'INVALID_QUERY', { api_name: node.field });
	if (op === 'in' && values.length > MAX_IN_VALUES) {
		throw new CriteriaError(`the in operator takes at most ${MAX_IN_VALUES} values`, 'LIMIT_EXCEEDED', { limit: MAX_IN_VALUES, api_name: field.api_name });
	}
	if (op === 'between' && values.length !== 2) throw new CriteriaError('between takes exactly two values: (Field:between:low,high)', 'INVALID_QUERY', { api_name: field.api_name });
	const single = !['in', 'between', 'equals', 'not_equal'].includes(op);
	if (single && values.length !== 1) throw new CriteriaError(`${op} takes one value (escape commas in values as \\,)`, 'INVALID_QUERY', { api_name: field.api_name });
	const bad = (why: string): never => {
		throw new CriteriaError(`${why} for ${field.api_name} (${field.data_type})`, 'INVALID_QUERY', { api_name: field.api_name, operator: op });
	};
	const get = (r: ZRecord): unknown => (field.api_name === 'id' ? r.id : r[field.api_name]);
	const type = field.api_name === 'id' ? 'id' : field.data_type;

	if (TEXTUAL.has(type)) {
		if (!['equals', 'not_equal', 'starts_with', 'in'].includes(op)) bad(`operator ${op} is not supported`);
		const wanted = values.map((v) => v.toLowerCase());
		if (op === 'starts_with') return (r) => typeof get(r) === 'string' && (get(r) as string).toLowerCase().startsWith(wanted[0]);
		return (r) => compare(op, typeof get(r) === 'string' ? (get(r) as string).toLowerCase() : '\u0000null', wanted);
	}
	if (type === 'multiselectpicklist') {
		if (!['equals', 'not_equal', 'in'].includes(op)) bad(`operator ${op} is not supported`);
		const hit = (r: ZRecord): boolean => Array.isArray(get(r)) && (get(r) as string[]).some((v) => values.includes(v));
		return op === 'not_equal' ? (r) => !hit(r) : hit;
	}
	if (type === 'id' || type === 'lookup' || type === 'ownerlookup') {
		if (!['equals', 'not_equal', 'in'].includes(op)) bad(`operator ${op} is not supported`);
		const idOf = (r: ZRecord): string => {
			const v = get(r);
			return typeof v === 'object' && v !== null ? String((v as { id: unknown }).id) : String(v ?? '');
		};
		return (r) => compare(op, idOf(r), values);
	}
	if (type === 'boolean') {
		if (!['equals', 'not_equal'].includes(op)) bad(`operator ${op} is not supported`);
		if (values.length !== 1 || !['true', 'false'].includes(values[0])) bad('the value must be true or false');
		const want = values[0] === 'true';
		return (r) => compare(op, String(get(r) === true), [String(want)]);
	}
	if (op === 'starts_with') bad('starts_with is only for text fields');
	if (NUMERIC.has(type)) {
		const nums = values.map((v) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : bad(`"${v}" is not a number`)));
		return (r) => typeof get(r) === 'number' && compare(op, get(r) as number, nums);
	}
	if (type === 'date') {
		for (const v of values) if (!isValidDate(v)) bad(`"${v}" is not a date (yyyy-MM-dd)`);
		return (r) => typeof get(r) === 'string' && compare(op, get(r) as string, values);
	}
	if (type === 'datetime') {
		const times = values.map((v) => {
			const ms = parseZohoTime(v);
			if (ms === undefined) {
				bad(`"${v}" is not a datetime like 2026-01-31T10:00:00+01:00${v.includes(' ') ? ' (was a "+" sent unencoded? encode it as %2B)' : ''}`);
			}
			return ms!;
		});
		return (r) => typeof get(r) === 'string' && compare(op, Date.parse(get(r) as string), times);
	}
	return bad('this field cannot be searched');
}

/** Parse, check against the module's fields and compile to a record predicate. Throws CriteriaError. */
export function compileCriteria(module: ModuleDef, text: string): Predicate {
	const root = parseCriteria(text);
	const n = countConditions(root);
	if (n > MAX_CONDITIONS) {
		throw new CriteriaError(`criteria can hold at most ${MAX_CONDITIONS} conditions (got ${n})`, 'LIMIT_EXCEEDED', { limit: MAX_CONDITIONS, param_name: 'criteria' });
	}
	const build = (node: CriteriaNode): Predicate => {
		if (node.kind === 'cond') return conditionPredicate(module, node);
		const parts = node.items.map(build);
		return node.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
	};
	return build(root);
}
