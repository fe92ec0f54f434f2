const LIMIT_CLAUSE = /\s+limit\s+(\d+)(?:\s*,\s*(\d+)|\s+offset\s+(\d+))?\s*;?\s*$/i;

/**
 * Splits a COQL statement into its body and its LIMIT/OFFSET, if any (`limit n`, `limit offset, n`,
 * `limit n offset m`). The COQL paging (paging.ts) and the price of a COQL call both read it here.
 */
export function splitCoqlLimit(query: string): { body: string; offset: number; limit?: number } {
	const trimmed = query.trim().replace(/;\s*$/, '');
	const match = LIMIT_CLAUSE.exec(trimmed);
	if (!match) return { body: trimmed, offset: 0 };
	const body = trimmed.slice(0, match.index);
	if (match[2] !== undefined) return { body, offset: Number(match[1]), limit: Number(match[2]) };
	return { body, offset: Number(match[3] ?? 0), limit: Number(match[1]) };
}

/** The row count a COQL statement asks for; Zoho's default LIMIT is 200. */
export function coqlLimit(query: string): number {
	return splitCoqlLimit(query).limit ?? 200;
}
