export interface RetryPolicy {
	/** Total attempts including the first. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * 429 means the service did nothing and will take the call once its concurrency frees up
	 * (Zoho, MailChimp): such answers get this many attempts (default maxAttempts), at most
	 * `throttledMaxDelayMs` apart unless Retry-After asks for longer.
	 */
	throttledMaxAttempts?: number;
	throttledMaxDelayMs?: number;
}

/** 5xx and lost answers: 6 attempts over ~30 s; 429: up to 24 attempts at most 2 s apart (a storm of 20 passes). */
export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	throttledMaxAttempts: 24,
	throttledMaxDelayMs: 2_000,
};

/** Whether attempt number `attempt` (1-based) may be followed by another, and after how long. */
export function nextRetry(
	attempt: number,
	policy: RetryPolicy,
	throttled: boolean,
	retryAfterMs: number | undefined,
): { retry: false } | { retry: true; delayMs: number } {
	const limit = throttled ? (policy.throttledMaxAttempts ?? policy.maxAttempts) : policy.maxAttempts;
	if (attempt >= limit) return { retry: false };
	if (retryAfterMs !== undefined) return { retry: true, delayMs: Math.min(policy.maxDelayMs, retryAfterMs) };
	const ceiling = throttled ? Math.min(policy.maxDelayMs, policy.throttledMaxDelayMs ?? policy.maxDelayMs) : policy.maxDelayMs;
	return { retry: true, delayMs: backoffDelay(attempt, { ...policy, maxDelayMs: ceiling }) };
}

/** Exponential backoff with full jitter, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

