/**
 * Tests wait for the condition they need, never for a fixed time: `waitFor` polls `condition` until
 * it holds (a value other than undefined, null or false) and returns that value, or throws after
 * `timeoutMs` naming what it waited for and, with `describe`, what it saw last. The pause between
 * two checks starts at `intervalMs` and doubles up to `maxIntervalMs`: it only paces the checks,
 * it never stands for "something probably happened by now".
 */
export interface WaitOptions {
	/** What is awaited, for the error message ("the activation poll", "3 executions of w1"). */
	what: string;
	/** Give up after this long. Default 30 s. */
	timeoutMs?: number;
	/** First pause between checks. Default 50 ms. */
	intervalMs?: number;
	/** Longest pause between checks. Default 500 ms. */
	maxIntervalMs?: number;
	/** What was seen instead, added to the timeout error. */
	describe?: () => string | Promise<string>;
}

export type Held<T> = Exclude<T, undefined | null | false>;

export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<Held<T>> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	const deadline = Date.now() + timeoutMs;
	let pause = options.intervalMs ?? 50;
	const maxPause = Math.max(pause, options.maxIntervalMs ?? 500);
	for (;;) {
		const value = await condition();
		if (value !== undefined && value !== null && value !== false) return value as Held<T>;
		const left = deadline - Date.now();
		if (left <= 0) {
			const seen = options.describe ? `; ${await options.describe()}` : '';
			throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(1)} s waiting for ${options.what}${seen}`);
		}
		await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
		pause = Math.min(pause * 2, maxPause);
	}
}
