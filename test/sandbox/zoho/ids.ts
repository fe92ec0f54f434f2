/** 19-digit numeric ids that only grow, like real Zoho record ids (e.g. 5725767000000412001). */
export class IdGenerator {
	private next = 5725767000000400001n;

	take(): string {
		const id = this.next.toString();
		this.next += 1n;
		return id;
	}

	reset(): void {
		this.next = 5725767000000400001n;
	}
}

export function isZohoId(value: unknown): value is string {
	return typeof value === 'string' && /^\d{19}$/.test(value);
}
