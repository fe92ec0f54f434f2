import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

export interface ListFilters {
	cvid?: string;
	ids?: string[];
	converted: 'true' | 'false' | 'both';
	approved: 'true' | 'false' | 'both';
	modifiedSince?: number;
}

export interface PageCursor {
	module: string;
	sortBy: string;
	sortOrder: 'asc' | 'desc';
	filters: ListFilters;
	/** Sort key of the last record handed out: the next page starts after it (stable under inserts). */
	last: { value: string; id: string };
	/** Records handed out so far by this chain (page_token reads stop at 100,000). */
	fetched: number;
	expiresAt: number;
}

/** page_token state: tokens expire after a set time or when a test says so. */
export class PageTokens {
	private tokens = new Map<string, PageCursor>();
	lifetimeSec: number;

	constructor(private readonly clock: Clock, lifetimeSec: number) {
		this.lifetimeSec = lifetimeSec;
	}

	create(cursor: Omit<PageCursor, 'expiresAt'>): { token: string; expiresAt: number } {
		const token = randomBytes(36).toString('base64url');
		const expiresAt = this.clock.now() + this.lifetimeSec * 1000;
		this.tokens.set(token, { ...cursor, expiresAt });
		return { token, expiresAt };
	}

	/** undefined: unknown token; 'expired': known but past its expiry. */
	lookup(token: string): PageCursor | 'expired' | undefined {
		const cursor = this.tokens.get(token);
		if (!cursor) return undefined;
		return cursor.expiresAt <= this.clock.now() ? 'expired' : cursor;
	}

	expireAll(): void {
		for (const cursor of this.tokens.values()) cursor.expiresAt = 0;
	}

	reset(): void {
		this.tokens.clear();
	}
}
