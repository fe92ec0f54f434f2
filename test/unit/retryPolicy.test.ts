import { DEFAULT_RETRY, nextRetry } from '../../nodes/shared/retry';

describe('retry policy: 429 gets a longer, tighter budget than 5xx and lost answers', () => {
	const attemptsUntilGiveUp = (throttled: boolean): number => {
		let attempt = 1;
		while (nextRetry(attempt, DEFAULT_RETRY, throttled, undefined).retry) attempt++;
		return attempt;
	};

	it('a storm of 20 consecutive 429 answers on one call is outlasted (24 attempts), 5xx stops at 6', () => {
		expect(attemptsUntilGiveUp(true)).toBe(24);
		expect(attemptsUntilGiveUp(true)).toBeGreaterThan(20);
		expect(attemptsUntilGiveUp(false)).toBe(6);
	});

	it('429 waits are jittered and at most 2 s apart; 5xx waits grow to 20 s', () => {
		for (let attempt = 1; attempt < 24; attempt++) {
			const next = nextRetry(attempt, DEFAULT_RETRY, true, undefined);
			if (!next.retry) throw new Error('expected a retry');
			expect(next.delayMs).toBeLessThanOrEqual(2_000);
			expect(next.delayMs).toBeGreaterThanOrEqual(Math.min(1_000, 250 * 2 ** (attempt - 1)));
		}
		const late = nextRetry(5, DEFAULT_RETRY, false, undefined);
		expect(late.retry && late.delayMs).toBeGreaterThanOrEqual(4_000);
	});

	it('Retry-After wins (capped at maxDelayMs) for both kinds', () => {
		expect(nextRetry(1, DEFAULT_RETRY, true, 7_000)).toEqual({ retry: true, delayMs: 7_000 });
		expect(nextRetry(1, DEFAULT_RETRY, false, 90_000)).toEqual({ retry: true, delayMs: 20_000 });
	});

	it('a policy without throttled settings treats 429 like any other retryable answer', () => {
		const plain = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
		expect(nextRetry(2, plain, true, undefined).retry).toBe(true);
		expect(nextRetry(3, plain, true, undefined).retry).toBe(false);
	});
});
