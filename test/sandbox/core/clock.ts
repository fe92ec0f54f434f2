/**
 * "Now" of a fake service. Real time by default; tests set it (`set(() => t)`, then move `t`) to
 * make ties in one second or to be in the next second at once, instead of waiting for the wall
 * clock to get there.
 */
export type ClockFn = () => number | Date;

export class Clock {
	private fn: ClockFn = () => Date.now();

	/** Replace "now"; undefined restores real time. */
	set(fn: ClockFn | undefined): void {
		this.fn = fn ?? (() => Date.now());
	}

	now(): number {
		const value = this.fn();
		return value instanceof Date ? value.getTime() : value;
	}
}
