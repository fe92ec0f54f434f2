/**
 * Runs `worker` over `items` with at most `limit` in flight; results keep the input order. After a
 * failure no new item starts, and the first failure is thrown only once every started item has
 * finished: no request of this node is still running after it returned or failed.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const lanes = Math.max(1, Math.min(limit, items.length));
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			while (next < items.length && !failure) {
				const index = next++;
				try {
					results[index] = await worker(items[index], index);
				} catch (error) {
					failure ??= { error };
				}
			}
		}),
	);
	if (failure) throw failure.error;
	return results;
}

/** A counting semaphore: bounds concurrent API calls across everything one execution does. */
export class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.limit) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.active++;
		try {
			return await task();
		} finally {
			this.active--;
			this.waiting.shift()?.();
		}
	}
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
	return chunks;
}
