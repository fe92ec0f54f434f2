/** COQL: `select a, b from Module where ... order by x desc limit O, L` (or `limit L offset O`). */

export class CoqlError extends Error {
	constructor(message: string, readonly code: string, readonly details: Record<string, unknown>) {
		super(message);
	}
}

export type CoqlValue = string | number | boolean | null;
export type CoqlCond =
	| { kind: 'cmp'; field: string; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: CoqlValue }
	| { kind: 'like'; field: string; not: boolean; pattern: string }
	| { kind: 'in'; field: string; not: boolean; values: CoqlValue[] }
	| { kind: 'null'; field: string; not: boolean }
	| { kind: 'between'; field: string; not: boolean; low: CoqlValue; high: CoqlValue }
	| { kind: 'and'; items: CoqlCond[] }
	| { kind: 'or'; items: CoqlCond[] };

export interface CoqlQuery {
	fields: string[];
	module: string;
	where?: CoqlCond;
	orderBy: Array<{ field: string; dir: 'asc' | 'desc' }>;
	limit?: number;
	offset: number;
}

interface Token {
	type: 'ident' | 'string' | 'number' | 'op' | 'punct' | 'eof';
	value: string;
	pos: number;
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			i++;
			continue;
		}
		const start = i;
		if (ch === "'") {
			let value = '';
			i++;
			for (;;) {
				if (i >= text.length) throw syntax('select', text.slice(start, start + 20), 'unterminated string literal');
				if (text[i] === '\\' && i + 1 < text.length) {
					value += text[i + 1];
					i += 2;
				} else if (text[i] === "'" && text[i + 1] === "'") {
					value += "'";
					i += 2;
				} else if (text[i] === "'") {
					i++;
					break;
				} else {
					value += text[i++];
				}
			}
			tokens.push({ type: 'string', value, pos: start });
			continue;
		}
		const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
		if (num && (ch !== '-' || tokens.length === 0 || tokens[tokens.length - 1].type === 'op' || tokens[tokens.length - 1].value === '(')) {
			tokens.push({ type: 'number', value: num[0], pos: start });
			i += num[0].length;
			continue;
		}
		const ident = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(i));
		if (ident) {
			tokens.push({ type: 'ident', value: ident[0], pos: start });
			i += ident[0].length;
			continue;
		}
		const op = /^(<=|>=|!=|<>|=|<|>)/.exec(text.slice(i));
		if (op) {
			tokens.push({ type: 'op', value: op[0] === '<>' ? '!=' : op[0], pos: start });
			i += op[0].length;
			continue;
		}
		if ('(),*'.includes(ch)) {
			tokens.push({ type: 'punct', value: ch, pos: start });
			i++;
			continue;
		}
		throw syntax('select', text.slice(i, i + 20), `unexpected character "${ch}"`);
	}
	tokens.push({ type: 'eof', value: '', pos: text.length });
	return tokens;
}

function syntax(clause: string, near: string, why: string): CoqlError {
	return new CoqlError(`error occurred in the ${clause} clause near "${near}": ${why}`, 'SYNTAX_ERROR', { clause, near });
}

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'not', 'like', 'in', 'is', 'null', 'order', 'by', 'asc', 'desc', 'limit', 'offset', 'between', 'true', 'false']);

export function parseCoql(text: string): CoqlQuery {
	const tokens = tokenize(text);
	let i = 0;
	let clause = 'select';
	const peek = (): Token => tokens[i];
	const isKw = (word: string, t = peek()): boolean => t.type === 'ident' && t.value.toLowerCase() === word;
	const fail = (why: string): never => {
		throw syntax(clause, text.slice(peek().pos, peek().pos + 20) || '<end of query>', why);
	};
	const kw = (word: string): void => {
		if (!isKw(word)) fail(`expected "${word}"`);
		i++;
	};
	const ident = (what: string): string => {
		const t = peek();
		if (t.type !== 'ident' || KEYWORDS.has(t.value.toLowerCase())) fail(`expected ${what}`);
		i++;
		return t.value;
	};
	const punct = (ch: string): boolean => {
		if (peek().type === 'punct' && peek().value === ch) {
			i++;
			return true;
		}
		return false;
	};
	const value = (): CoqlValue => {
		const t = peek();
		if (t.type === 'string') {
			i++;
			return t.value;
		}
		if (t.type === 'number') {
			i++;
			return Number(t.value);
		}
		if (isKw('true') || isKw('false')) {
			i++;
			return t.value.toLowerCase() === 'true';
		}
		if (isKw('null')) {
			i++;
			return null;
		}
		return fail('expected a value (quote text and dates: \'value\')');
	};

	const condition = (): CoqlCond => {
		if (punct('(')) {
			const inner = orExpr();
			if (!punct(')')) fail('expected ")"');
			return inner;
		}
		const field = ident('a field name');
		if (isKw('is')) {
			i++;
			const not = isKw('not') ? (i++, true) : false;
			kw('null');
			return { kind: 'null', field, not };
		}
		const not = isKw('not') ? (i++, true) : false;
		if (isKw('like')) {
			i++;
			const t = peek();
			if (t.type !== 'string') fail('like needs a quoted pattern');
			i++;
			return { kind: 'like', field, not, pattern: t.value };
		}
		if (isKw('in')) {
			i++;
			if (!punct('(')) fail('expected "(" after in');
			const values = [value()];
			while (punct(',')) values.push(value());
			if (!punct(')')) fail('expected ")" to close the in list');
			return { kind: 'in', field, not, values };
		}
		if (isKw('between')) {
			i++;
			const low = value();
			kw('and');
			return { kind: 'between', field, not, low, high: value() };
		}
		if (not) fail('expected like, in or between after not');
		const t = peek();
		if (t.type !== 'op') fail('expected a comparison operator');
		i++;
		return { kind: 'cmp', field, op: t.value as '=', value: value() };
	};
	const andExpr = (): CoqlCond => {
		const items = [condition()];
		while (isKw('and')) {
			i++;
			items.push(condition());
		}
		return items.length === 1 ? items[0] : { kind: 'and', items };
	};
	const orExpr = (): CoqlCond => {
		const items = [andExpr()];
		while (isKw('or')) {
			i++;
			items.push(andExpr());
		}
		return items.length === 1 ? items[0] : { kind: 'or', items };
	};
	const integer = (what: string): number => {
		const t = peek();
		if (t.type !== 'number' || !/^\d+$/.test(t.value)) fail(`expected a whole number for ${what}`);
		i++;
		return Number(t.value);
	};

	kw('select');
	if (peek().type === 'punct' && peek().value === '*') fail('select * is not supported: list the fields');
	const fields = [ident('a field name')];
	while (punct(',')) fields.push(ident('a field name'));
	clause = 'from';
	kw('from');
	const module = ident('a module name');
	const query: CoqlQuery = { fields, module, orderBy: [], offset: 0 };
	if (isKw('where')) {
		clause = 'where';
		i++;
		query.where = orExpr();
	}
	if (isKw('order')) {
		clause = 'order by';
		i++;
		kw('by');
		do {
			const field = ident('a field name');
			let dir: 'asc' | 'desc' = 'asc';
			if (isKw('asc') || isKw('desc')) dir = tokens[i++].value.toLowerCase() as 'asc' | 'desc';
			query.orderBy.push({ field, dir });
		} while (punct(','));
	}
	if (isKw('limit')) {
		clause = 'limit';
		i++;
		const first = integer('limit');
		if (punct(',')) {
			query.offset = first;
			query.limit = integer('limit');
		} else {
			query.limit = first;
			if (isKw('offset')) {
				i++;
				query.offset = integer('offset');
			}
		}
	}
	if (peek().type !== 'eof') fail('unexpected text');
	return query;
}
