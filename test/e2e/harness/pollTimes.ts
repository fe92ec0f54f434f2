/**
 * Poll Times for tests that cannot wait a minute between polls. n8n >= 2.36 refuses a polling
 * trigger whose cron fires more than once a minute ("The polling interval is too short"), judging
 * each Poll Times entry on its own: an entry with one fixed second is minute-granular. So "every
 * two seconds" is thirty entries, one per even second, and runs on every n8n line we support.
 */
export function everyTwoSeconds(): { item: Array<{ mode: 'custom'; cronExpression: string }> } {
	return { item: Array.from({ length: 30 }, (_, i) => ({ mode: 'custom' as const, cronExpression: `${i * 2} * * * * *` })) };
}
