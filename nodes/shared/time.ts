/**
 * Times as Zoho and MailChimp write and read them: second precision, RFC 3339 with an explicit
 * offset (`2026-03-01T10:00:00+00:00`), never milliseconds (both reject or mis-read them).
 */

/** Epoch ms of an ISO time floored to the whole second; NaN when absent or unreadable. */
export function secondsMs(value: unknown): number {
	if (typeof value !== 'string' || !value) return Number.NaN;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? ms : Math.floor(ms / 1000) * 1000;
}

/** `2026-03-01T10:00:00+00:00` for an epoch ms (the second it falls in, in UTC). */
export function isoSeconds(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Whatever a dateTime parameter gives, as `isoSeconds`; unreadable text as it is, empty as undefined. */
export function isoSecondsOf(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value : String(value);
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? text : isoSeconds(ms);
}
