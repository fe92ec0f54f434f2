/**
 * Calls of `run` under the same key that overlap in time share one promise: the first starts the
 * work, the others wait for its result. For idempotent upkeep (a notification channel's renewal)
 * that several concurrent executions may find due at once: one API call instead of one each.
 */
const running = new Map<string, Promise<unknown>>();

export async function singleFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
	const current = running.get(key) as Promise<T> | undefined;
	if (current) return await current;
	const started = run().finally(() => running.delete(key));
	running.set(key, started);
	return await started;
}
