import type { Reply } from '../core/types';
import { MAX_COUNT } from './constants';
import { invalidResource, type FieldError } from './problems';

export interface Page {
	count: number;
	offset: number;
}

/** `count` (default 10, at most 1000) and `offset`; anything else is a 400 like MailChimp's. */
export function parsePage(query: URLSearchParams): Page | Reply {
	const errors: FieldError[] = [];
	const count = query.get('count') ?? '10';
	const offset = query.get('offset') ?? '0';
	if (!/^\d+$/.test(count) || Number(count) > MAX_COUNT) {
		errors.push({ field: 'count', message: `Must be an integer between 0 and ${MAX_COUNT}.` });
	}
	if (!/^\d+$/.test(offset)) errors.push({ field: 'offset', message: 'Must be a non-negative integer.' });
	if (errors.length) return invalidResource(errors);
	return { count: Number(count), offset: Number(offset) };
}

export function isReply(value: unknown): value is Reply {
	return typeof value === 'object' && value !== null && 'status' in value && typeof (value as Reply).status === 'number';
}

/** ISO 8601 time filters (since_send_time ...), each answered as ms or a 400. */
export function parseTimes(query: URLSearchParams, names: string[]): Record<string, number> | Reply {
	const out: Record<string, number> = {};
	const errors: FieldError[] = [];
	for (const name of names) {
		const raw = query.get(name);
		if (raw === null || raw === '') continue;
		const ms = Date.parse(raw);
		if (Number.isNaN(ms)) errors.push({ field: name, message: 'This value is not a valid datetime.' });
		else out[name] = ms;
	}
	return errors.length ? invalidResource(errors) : out;
}

export function parseEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined | Reply {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!(allowed as readonly string[]).includes(raw)) {
		return invalidResource([{ field: name, message: `Value must be one of: ${allowed.join(', ')}.` }]);
	}
	return raw as T;
}

type PathTree = Map<string, PathTree>;

function tree(spec: string): PathTree {
	const root: PathTree = new Map();
	for (const path of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
		let node = root;
		for (const part of path.split('.')) {
			let next = node.get(part);
			if (!next) {
				next = new Map();
				node.set(part, next);
			}
			node = next;
		}
	}
	return root;
}

function pick(value: unknown, node: PathTree): unknown {
	if (Array.isArray(value)) return value.map((v) => pick(v, node));
	if (typeof value !== 'object' || value === null) return value;
	const source = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const [key, child] of node) {
		if (!(key in source)) continue;
		out[key] = child.size === 0 ? source[key] : pick(source[key], child);
	}
	return out;
}

function omit(value: unknown, node: PathTree): unknown {
	if (Array.isArray(value)) return value.map((v) => omit(v, node));
	if (typeof value !== 'object' || value === null) return value;
	const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
	for (const [key, child] of node) {
		if (!(key in out)) continue;
		if (child.size === 0) delete out[key];
		else out[key] = omit(out[key], child);
	}
	return out;
}

/** `fields` / `exclude_fields`: comma-separated dot paths, arrays are walked element by element. */
export function project(body: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
	let out: unknown = body;
	const fields = query.get('fields');
	const exclude = query.get('exclude_fields');
	if (fields) out = pick(out, tree(fields));
	if (exclude) out = omit(out, tree(exclude));
	return out as Record<string, unknown>;
}
