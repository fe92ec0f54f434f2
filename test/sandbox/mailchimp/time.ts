/** MailChimp's timestamp format: ISO 8601 with an explicit +00:00 offset, no milliseconds. */
export function iso(ms: number | undefined): string {
	if (ms === undefined) return '';
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export const DAY = 86_400_000;
