import { commitCursor, cursorRevision, pollExclusively } from '../../../nodes/shared/pollGuard';
import { singleFlight } from '../../../nodes/shared/singleFlight';

/** A promise the test settles by hand: polls "in flight" for exactly as long as the test says. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('pollExclusively', () => {
	it('runs one poll per activation at a time; a tick meanwhile returns null without running', async () => {
		const context = {};
		const staticData = {};
		const gate = deferred<string>();
		let runs = 0;
		const first = pollExclusively([context, staticData], async () => {
			runs++;
			return await gate.promise;
		});
		// Same context, or only the same static data: both are the same activation.
		expect(await pollExclusively([context, {}], async () => `ran ${++runs}`)).toBeNull();
		expect(await pollExclusively([{}, staticData], async () => `ran ${++runs}`)).toBeNull();
		// Another activation is not held up.
		expect(await pollExclusively([{}, {}], async () => 'other')).toBe('other');
		gate.resolve('first');
		expect(await first).toBe('first');
		expect(runs).toBe(1);
		expect(await pollExclusively([context, staticData], async () => 'next')).toBe('next');
	});

	it('a failed poll releases the activation', async () => {
		const keys = [{}, {}];
		await expect(pollExclusively(keys, async () => Promise.reject(new Error('429 storm')))).rejects.toThrow('429 storm');
		expect(await pollExclusively(keys, async () => 'after')).toBe('after');
	});
});

describe('cursor revisions', () => {
	it('reads 0 for no cursor or one without a revision', () => {
		expect(cursorRevision(undefined)).toBe(0);
		expect(cursorRevision({ v: 1, time: 5 })).toBe(0);
		expect(cursorRevision({ rev: 7 })).toBe(7);
		expect(cursorRevision({ rev: -1 })).toBe(0);
		expect(cursorRevision({ rev: '3' })).toBe(0);
	});

	it('writes over the revision it read, bumping it, with the extra entries', () => {
		const staticData: Record<string, unknown> = { cursor: { time: 1, rev: 2 } };
		expect(commitCursor(staticData, { time: 5 }, 2, { lastReportAt: 99 })).toBe(true);
		expect(staticData).toEqual({ cursor: { time: 5, rev: 3 }, lastReportAt: 99 });
	});

	it('refuses to write when another poll moved the cursor meanwhile, and changes nothing', () => {
		const staticData: Record<string, unknown> = { cursor: { time: 9, rev: 4 }, lastReportAt: 1 };
		expect(commitCursor(staticData, { time: 5 }, 3, { lastReportAt: 2 })).toBe(false);
		expect(staticData).toEqual({ cursor: { time: 9, rev: 4 }, lastReportAt: 1 });
	});
});

describe('singleFlight', () => {
	it('overlapping calls with one key share one run and its result; later calls run again', async () => {
		const gate = deferred<number>();
		let runs = 0;
		const run = async () => {
			runs++;
			return await gate.promise;
		};
		const a = singleFlight('channel:1', run);
		const b = singleFlight('channel:1', run);
		const other = singleFlight('channel:2', async () => -1);
		gate.resolve(42);
		expect(await Promise.all([a, b, other])).toEqual([42, 42, -1]);
		expect(runs).toBe(1);
		expect(await singleFlight('channel:1', async () => 43)).toBe(43);
	});

	it('a failure reaches every waiter and is not remembered', async () => {
		const gate = deferred<number>();
		const a = singleFlight('k', async () => await gate.promise);
		const b = singleFlight('k', async () => 0);
		gate.reject(new Error('renewal refused'));
		await expect(a).rejects.toThrow('renewal refused');
		await expect(b).rejects.toThrow('renewal refused');
		expect(await singleFlight('k', async () => 1)).toBe(1);
	});
});
