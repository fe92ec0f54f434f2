import type { IDataObject } from 'n8n-workflow';
import type { CustomResponse } from './transport';

export type PaginationMode = 'off' | 'linkHeader' | 'cursor' | 'offset';

export interface PaginationSettings {
	mode: PaginationMode;
	itemsPath: string;
	cursorParameter: string;
	nextCursorPath: string;
	offsetParameter: string;
	limitParameter: string;
	pageSize: number;
	/** Optional dot path of the total count, so offset paging stops without a trailing empty call. */
	totalPath: string;
	maxPages: number;
}

/** Reads a dot path ("data.items", "meta.next") from a response body; "" means the body itself. */
export function readPath(body: unknown, path: string): unknown {
	if (!path) return body;
	let current: unknown = body;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** RFC 8288 `Link: <url>; rel="next"` */
export function nextLink(headers: IDataObject): string | undefined {
	const raw = headers.link ?? headers.Link;
	if (typeof raw !== 'string') return undefined;
	for (const part of raw.split(',')) {
		const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
		if (match && /rel="?next"?/i.test(match[2])) return match[1];
	}
	return undefined;
}

export function pageItems(response: CustomResponse, itemsPath: string): unknown[] {
	const items = readPath(response.body, itemsPath);
	if (Array.isArray(items)) return items;
	return items === undefined || items === null ? [] : [items];
}

export interface NextPage {
	url?: string;
	qs?: IDataObject;
}

/** Decides the next request from the last page, or undefined when the listing is complete. */
export function nextPage(
	settings: PaginationSettings,
	response: CustomResponse,
	currentQs: IDataObject,
	itemsOnPage: number,
	totalSoFar: number,
): NextPage | undefined {
	switch (settings.mode) {
		case 'linkHeader': {
			const url = nextLink(response.headers);
			return url ? { url, qs: {} } : undefined;
		}
		case 'cursor': {
			const cursor = readPath(response.body, settings.nextCursorPath);
			if (cursor === undefined || cursor === null || cursor === '' || itemsOnPage === 0) return undefined;
			return { qs: { ...currentQs, [settings.cursorParameter]: cursor as string } };
		}
		case 'offset': {
			if (itemsOnPage < settings.pageSize) return undefined;
			const total = Number(readPath(response.body, settings.totalPath));
			if (settings.totalPath && Number.isFinite(total) && totalSoFar >= total) return undefined;
			return {
				qs: { ...currentQs, [settings.offsetParameter]: totalSoFar, [settings.limitParameter]: settings.pageSize },
			};
		}
		default:
			return undefined;
	}
}
