import type { Reply } from '../core/types';
import { parseZohoTime } from './clock';
import { ZOHO_COQL_MAX_LIMIT, ZOHO_MAX_FIELDS_PER_GET, ZOHO_PAGE_TOKEN_LIMIT } from './constants';
import { CoqlError, parseCoql, type CoqlCond, type CoqlValue } from './coqlParser';
import { errorReply, noContent } from './errors';
import type { FieldDef, ModuleDef } from './fieldTypes';
import type { ZohoStore, ZRecord } from './store';
import { findUser } from './users';

const DEFAULT_LIMIT = 200;
const USER_PATHS = new Set(['id', 'name', 'full_name', 'first_name', 'last_name', 'email']);

interface Column {
	path: string;
	field: FieldDef;
	read: (record: ZRecord) => unknown;
}

const ID_FIELD: FieldDef = { api_name: 'id', field_label: 'Id', data_type: 'bigint' };
const invalidColumn = (path: string): CoqlError =>
	new CoqlError(`invalid column given: ${path}`, 'INVALID_QUERY', { column_name: path, reason: 'invalid column' });

function column(store: ZohoStore, module: ModuleDef, path: string): Column {
	if (path === 'id') return { path, field: ID_FIELD, read: (r) => r.id };
	const [base, sub, ...rest] = path.split('.');
	const field = module.fields.find((x) => x.api_name === base);
	if (!field || rest.length > 0) throw invalidColumn(path);
	if (sub === undefined) return { path, field, read: (r) => r[base] };
	if (field.data_type === 'ownerlookup') {
		if (!USER_PATHS.has(sub)) throw invalidColumn(path);
		const subField: FieldDef = sub === 'id' ? ID_FIELD : { api_name: sub, field_label: sub, data_type: sub === 'email' ? 'email' : 'text' };
		return {
			path,
			field: subField,
			read: (r) => {
				const ref = r[base] as { id?: string } | undefined;
				const u = ref?.id ? findUser(ref.id) : undefined;
				if (!u) return null;
				return sub === 'name' ? u.full_name : (u as unknown as Record<string, unknown>)[sub];
			},
		};
	}
	if (field.data_type !== 'lookup' || !field.lookup_module) throw invalidColumn(path);
	const target = store.module(field.lookup_module)!;
	const targetColumn = column(store, target, sub);
	return {
		path,
		field: targetColumn.field,
		read: (r) => {
			const ref = r[base] as { id?: string } | undefined;
			const linked = ref?.id ? store.get(target.api_name, ref.id) : undefined;
			return linked ? targetColumn.read(linked) : null;
		},
	};
}

type Comparable = string | number | boolean;

function normalise(col: Column, value: unknown): Comparable | null {
	if (value === null || value === undefined || value === '') return null;
	const t = col.field.data_type;
	if (typeof value === 'object') return String((value as { id?: unknown }).id ?? '');
	if (col.field === ID_FIELD) return String(value);
	if (t === 'integer' || t === 'bigint' || t === 'double' || t === 'currency') {
		const n = typeof value === 'number' ? value : Number(value);
		if (Number.isNaN(n)) throw new CoqlError(`a number is expected for ${col.path}`, 'INVALID_QUERY', { column_name: col.path, reason: 'data type mismatch' });
		return n;
	}
	if (t === 'datetime') {
		const ms = typeof value === 'string' ? parseZohoTime(value) : undefined;
		if (ms === undefined) throw new CoqlError(`a datetime like '2026-01-31T10:00:00+00:00' is expected for ${col.path}`, 'INVALID_QUERY', { column_name: col.path, reason: 'data type mismatch' });
		return ms;
	}
	if (t === 'boolean') return value === true || value === 'true';
	return typeof value === 'string' ? value.toLowerCase() : (value as Comparable);
}

type Pred = (r: ZRecord) => boolean;

function likeRegex(pattern: string): RegExp {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${escaped}$`, 'i');
}

function compile(store: ZohoStore, module: ModuleDef, cond: CoqlCond): Pred {
	if (cond.kind === 'and' || cond.kind === 'or') {
		const parts = cond.items.map((c) => compile(store, module, c));
		return cond.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
	}
	return compileLeaf(store, module, cond);
}

function compileLeaf(store: ZohoStore, module: ModuleDef, cond: Exclude<CoqlCond, { kind: 'and' | 'or' }>): Pred {
	const col = column(store, module, cond.field);
	const get = (r: ZRecord): Comparable | null => {
		const raw = col.read(r);
		if (Array.isArray(raw)) return raw.length ? JSON.stringify(raw) : null;
		return normalise(col, raw);
	};
	const norm = (v: CoqlValue): Comparable | null => normalise(col, v);
	switch (cond.kind) {
		case 'null':
			return (r) => (get(r) === null) !== cond.not;
		case 'like': {
			const re = likeRegex(cond.pattern);
			return (r) => {
				const v = col.read(r);
				return (typeof v === 'string' && re.test(v)) !== cond.not;
			};
		}
		case 'in': {
			const wanted = cond.values.map(norm);
			return (r) => wanted.includes(get(r)) !== cond.not;
		}
		case 'between': {
			const low = norm(cond.low)!;
			const high = norm(cond.high)!;
			return (r) => {
				const v = get(r);
				return (v !== null && v >= low && v <= high) !== cond.not;
			};
		}
		case 'cmp': {
			const want = norm(cond.value);
			return (r) => {
				const v = get(r);
				switch (cond.op) {
					case '=':
						return v === want;
					case '!=':
						return v !== want;
				}
				if (v === null || want === null) return false;
				if (cond.op === '<') return v < want;
				if (cond.op === '>') return v > want;
				if (cond.op === '<=') return v <= want;
				return v >= want;
			};
		}
	}
}

function outputValue(value: unknown): unknown {
	if (value === undefined) return null;
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value) return { id: (value as { id: unknown }).id };
	return value;
}

/** POST /coql. */
export function runCoql(store: ZohoStore, selectQuery: string): Reply {
	try {
		const q = parseCoql(selectQuery);
		const module = store.module(q.module);
		if (!module || !module.api_supported) {
			return errorReply(400, 'INVALID_QUERY', `invalid module given: ${q.module}`, { reason: 'invalid module', module: q.module });
		}
		if (q.fields.length > ZOHO_MAX_FIELDS_PER_GET) {
			return errorReply(400, 'LIMIT_EXCEEDED', `at most ${ZOHO_MAX_FIELDS_PER_GET} fields can be selected`, { limit: ZOHO_MAX_FIELDS_PER_GET, clause: 'select' });
		}
		const limit = q.limit ?? DEFAULT_LIMIT;
		if (limit < 1 || limit > ZOHO_COQL_MAX_LIMIT) {
			return errorReply(400, 'LIMIT_EXCEEDED', `limit must be between 1 and ${ZOHO_COQL_MAX_LIMIT}`, { limit: ZOHO_COQL_MAX_LIMIT, clause: 'limit' });
		}
		if (q.offset + limit > ZOHO_PAGE_TOKEN_LIMIT) {
			return errorReply(400, 'LIMIT_EXCEEDED', `offset + limit cannot exceed ${ZOHO_PAGE_TOKEN_LIMIT}`, { limit: ZOHO_PAGE_TOKEN_LIMIT, clause: 'offset' });
		}
		const columns = q.fields.map((p) => column(store, module, p));
		const where = q.where ? compile(store, module, q.where) : () => true;
		const order = q.orderBy.map((o) => ({ col: column(store, module, o.field), sign: o.dir === 'asc' ? 1 : -1 }));
		const rows = store.all(module.api_name).filter(where);
		rows.sort((a, b) => {
			for (const { col, sign } of order) {
				const va = normalise(col, col.read(a));
				const vb = normalise(col, col.read(b));
				if (va === vb) continue;
				if (va === null) return -sign;
				if (vb === null) return sign;
				return va < vb ? -sign : sign;
			}
			return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
		});
		const slice = rows.slice(q.offset, q.offset + limit);
		if (slice.length === 0) return noContent();
		const data = slice.map((r) => {
			const out: Record<string, unknown> = {};
			for (const col of columns) out[col.path] = outputValue(col.read(r));
			out.id = r.id;
			return out;
		});
		return { status: 200, body: { data, info: { count: data.length, more_records: q.offset + slice.length < rows.length } } };
	} catch (error) {
		if (error instanceof CoqlError) return errorReply(400, error.code, error.message, error.details);
		throw error;
	}
}
