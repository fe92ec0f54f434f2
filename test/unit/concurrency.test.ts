import { RefreshGate } from '../../nodes/shared/authorizedRequest';
import { Semaphore, chunk, mapWithConcurrency } from '../../nodes/shared/pool';
import { backoffDelay, parseRetryAfter } from '../../nodes/shared/retry';

describe('concurrency and retry building blocks', () => {
	it('mapWithConcurrency keeps order and never exceeds the bound', async () => {
		let active = 0;
		let peak = 0;
		const out = await mapWithConcurrency([...Array(40).keys()], 3, async (n) => {
			active++;
			peak = Math.max(peak, active);
			await new Promise((r) => setImmediate(r));
			active--;
			return n * 2;
		});
		expect(out).toEqual([...Array(40).keys()].map((n) => n * 2));
		expect(peak).toBe(3);
	});

	it('Semaphore bounds concurrent tasks', async () => {
		const gate = new Semaphore(2);
		let active = 0;
		let peak = 0;
		await Promise.all(
			[...Array(10)].map(async () =>
				gate.run(async () => {
					active++;
					peak = Math.max(peak, active);
					await new Promise((r) => setImmediate(r)); // still running while the others ask
					active--;
				}),
			),
		);
		expect(peak).toBe(2);
	});

	it('chunk splits at the API maximum', () => {
		expect(chunk([...Array(250).keys()], 100).map((c) => c.length)).toEqual([100, 100, 50]);
	});

	it('RefreshGate refreshes once for many concurrent expiries of one generation', async () => {
		const gate = new RefreshGate();
		let refreshes = 0;
		const seen = gate.generation;
		const results = await Promise.all(
			[...Array(20)].map(async () =>
				gate.refresh(seen, async () => {
					refreshes++;
					await new Promise((r) => setImmediate(r)); // in flight while the other 19 ask
					return true;
				}),
			),
		);
		expect(refreshes).toBe(1);
		expect(results.every(Boolean)).toBe(true);
		expect(gate.generation).toBe(1);
		// A request sent with the old token after the refresh just retries.
		expect(await gate.refresh(seen, async () => { refreshes++; return true; })).toBe(true);
		expect(refreshes).toBe(1);
	});

	it('RefreshGate stops refreshing after a failed refresh', async () => {
		const gate = new RefreshGate();
		let calls = 0;
		expect(await gate.refresh(0, async () => { calls++; return false; })).toBe(false);
		expect(await gate.refresh(0, async () => { calls++; return true; })).toBe(false);
		expect(calls).toBe(1);
	});

	it('backoff grows, is jittered within bounds and capped', () => {
		const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
	});

	it('parses Retry-After seconds and dates', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(new Date(Date.now() + 2000).toUTCString(), Date.now())).toBeGreaterThan(500);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});
