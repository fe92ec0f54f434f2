// Module-level copies: global lookups are slow inside jest's vm sandbox, and these run in hot loops.
const { floor, imul } = Math;

/** Seeded PRNG (mulberry32): the same seed gives the same sandbox, run after run. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	hex(length: number): string {
		let out = '';
		while (out.length < length) out += floor(this.next() * 0x100000000).toString(16).padStart(8, '0');
		return out.slice(0, length);
	}
}

/** Stateless 32-bit hash of a few integers: lets activity be derived on demand instead of stored. */
export function mix(...values: number[]): number {
	let h = 0x811c9dc5;
	for (const v of values) {
		h = imul(h ^ (v >>> 0), 0x01000193);
		h ^= h >>> 13;
		h = imul(h, 0x5bd1e995);
		h ^= h >>> 15;
	}
	return h >>> 0;
}

/** mix() scaled to [0, 1). */
export function unit(...values: number[]): number {
	return mix(...values) / 4294967296;
}
