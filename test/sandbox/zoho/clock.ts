import { Clock as ServiceClock } from '../core/clock';

export type { ClockFn } from '../core/clock';

/** "Now" for the whole fake (tokens, Modified_Time, page tokens, channels): tests replace it to make ties. */
export class Clock extends ServiceClock {
	/** Zoho's datetime shape: second precision with an explicit offset, e.g. 2026-11-23T10:00:00+00:00. */
	iso(ms = this.now()): string {
		return toZohoTime(ms);
	}
}

export function toZohoTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const ZOHO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z)$/;

/** Parse a Zoho datetime (offset required, no milliseconds); undefined when the shape is wrong. */
export function parseZohoTime(value: string): number | undefined {
	if (!ZOHO_DATETIME.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export function isValidDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
