import type { Reply, RequestContext } from '../core/types';
import type { Item } from './store';

const MAX_PAGE = 100;
const DEFAULT_PAGE = 10;

type Style = 'page' | 'cursor' | 'offset';

function invalid(description: string): Reply {
	return { status: 400, body: { error: 'invalid_request', error_description: description } };
}

function int(value: string | null, fallback: number): number {
	if (value === null || value === '') return fallback;
	return /^\d+$/.test(value) ? Number(value) : NaN;
}

/** Explicit `paging=` wins; otherwise the parameter present picks the style; default page numbers. */
function styleOf(q: URLSearchParams): Style | undefined {
	const explicit = q.get('paging');
	if (explicit !== null) return (['page', 'cursor', 'offset'] as const).find((s) => s === explicit);
	if (q.has('cursor')) return 'cursor';
	if (q.has('page')) return 'page';
	if (q.has('offset') || q.has('limit')) return 'offset';
	return 'page';
}

export function encodeCursor(offset: number): string {
	return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
	if (cursor === '') return 0;
	const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
	return match ? Number(match[1]) : NaN;
}

/**
 * Three common paging conventions over the same items: page numbers with an RFC 8288 Link header
 * (body is a bare array), an opaque cursor (`next_cursor`, null at the end), offset/limit with total.
 */
export function pageItems(ctx: RequestContext, items: Item[], origin: string): Reply {
	const q = ctx.query;
	const style = styleOf(q);
	if (!style) return invalid('paging must be page, cursor or offset');
	ctx.note({ paging: style });
	if (style === 'page') {
		const page = int(q.get('page'), 1);
		const perPage = int(q.get('per_page'), DEFAULT_PAGE);
		if (!(page >= 1) || !(perPage >= 1 && perPage <= MAX_PAGE)) return invalid(`page >= 1 and 1 <= per_page <= ${MAX_PAGE}`);
		const last = Math.max(1, Math.ceil(items.length / perPage));
		const link = (p: number, rel: string): string => {
			const params = new URLSearchParams(q);
			params.set('page', String(p));
			params.set('per_page', String(perPage));
			return `<${origin}${ctx.path}?${params.toString()}>; rel="${rel}"`;
		};
		const links = [link(1, 'first'), link(last, 'last')];
		if (page < last) links.unshift(link(page + 1, 'next'));
		if (page > 1) links.unshift(link(Math.min(page - 1, last), 'prev'));
		return {
			status: 200,
			headers: { link: links.join(', '), 'x-total-count': String(items.length) },
			body: items.slice((page - 1) * perPage, page * perPage),
		};
	}
	const limit = int(q.get('limit'), DEFAULT_PAGE);
	if (!(limit >= 1 && limit <= MAX_PAGE)) return invalid(`1 <= limit <= ${MAX_PAGE}`);
	if (style === 'cursor') {
		const offset = decodeCursor(q.get('cursor') ?? '');
		if (Number.isNaN(offset)) return invalid('cursor is not valid');
		const end = offset + limit;
		return { status: 200, body: { items: items.slice(offset, end), next_cursor: end < items.length ? encodeCursor(end) : null } };
	}
	const offset = int(q.get('offset'), 0);
	if (Number.isNaN(offset)) return invalid('offset must be a non-negative integer');
	return { status: 200, body: { items: items.slice(offset, offset + limit), total: items.length, offset, limit } };
}
