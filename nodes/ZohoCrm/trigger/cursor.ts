import type { IDataObject } from 'n8n-workflow';
import { secondsMs } from '../../shared/time';

/**
 * The polling trigger's cursor: pure functions over what Zoho returned, no I/O, so the exactly-once
 * logic is testable on its own. Times are the server's (record fields), never the local clock.
 */

export type ZohoTriggerEvent = 'created' | 'updated' | 'createdOrUpdated';
export type CursorField = 'Created_Time' | 'Modified_Time';

export interface ZohoCursorState {
	v: 1;
	/** module|event|cvid: a changed configuration starts over instead of reusing a foreign cursor. */
	key: string;
	/**
	 * Value (epoch ms, whole seconds) of the cursor field on the newest record passed so far; null when
	 * the module (view) was empty at activation: everything that shows up later is new.
	 */
	time: number | null;
	/**
	 * `id@epochSeconds` of each record passed at the cursor's second (or within the overlap window):
	 * Zoho times have second precision, so several records share a second; the next poll re-reads
	 * that second and skips exactly these.
	 */
	seen: string[];
	/**
	 * New-record mode only: the Modified_Time up to which every record was scanned, sent as
	 * If-Modified-Since (a record created later was also modified later). Advanced only after a scan
	 * that reached the end.
	 */
	watermark: number | null;
	/**
	 * Modified_Time mode: set to `time` once a poll read everything up to it and Zoho's clock (Date
	 * header) had moved past that second, so no record can still get it. The next polls then ask for
	 * records strictly newer than it, instead of re-reading a second that may hold thousands of records
	 * of one mass update.
	 */
	closedThrough?: number | null;
	/** Bumped on every write; a poll writes only over the revision it read (shared/pollGuard.ts). */
	rev?: number;
}

export function cursorFieldOf(event: ZohoTriggerEvent): CursorField {
	return event === 'created' ? 'Created_Time' : 'Modified_Time';
}

export function cursorKey(module: string, event: ZohoTriggerEvent, cvid: string): string {
	return `${module}|${event}|${cvid}`;
}

export function isCursorState(value: unknown): value is ZohoCursorState {
	const s = value as ZohoCursorState | undefined;
	return !!s && s.v === 1 && typeof s.key === 'string' && Array.isArray(s.seen) && (s.time === null || typeof s.time === 'number');
}

function seenKey(id: string, timeMs: number): string {
	return `${id}@${timeMs / 1000}`;
}

function seenTime(key: string): number {
	return Number(key.slice(key.lastIndexOf('@') + 1)) * 1000;
}

export interface AdvanceOptions {
	field: CursorField;
	event: ZohoTriggerEvent;
	/** Extra seconds re-read before the cursor (ms), for writes that land with an older timestamp. */
	overlapMs: number;
	/**
	 * The server's current second (HTTP Date header), Modified_Time cursors only: records stamped in
	 * it are left for the next poll, since a record edited again within the same second would keep
	 * its Modified_Time and look already seen.
	 */
	openFrom?: number;
}

export interface PageOutcome {
	/** Records to emit, in the order read. */
	emit: IDataObject[];
	/** Records that moved the cursor (emitted or not: an "updated" trigger passes over creations). */
	passed: number;
	/** Newest Modified_Time on the page (new-record mode moves its watermark with it). */
	maxModified: number | null;
	/** Reading stopped at a record of the still-open second: the rest waits for the next poll. */
	held: boolean;
}

/**
 * Applies one page (sorted ascending by `field`) to the cursor, in place. A record is new when it is
 * newer than the cursor's window, or inside it and not yet seen at that exact time; an edited
 * record has a new Modified_Time, hence a new `id@time`, and is emitted again.
 */
export function advanceCursor(state: ZohoCursorState, records: IDataObject[], options: AdvanceOptions): PageOutcome {
	const seen = new Set(state.seen);
	const timeBefore = state.time;
	const emit: IDataObject[] = [];
	let passed = 0;
	let maxModified: number | null = null;
	let held = false;
	for (const record of records) {
		const modified = secondsMs(record.Modified_Time);
		const id = String(record.id ?? '');
		const t = secondsMs(record[options.field]);
		if (options.openFrom !== undefined && t >= options.openFrom) {
			held = true;
			break;
		}
		if (!Number.isNaN(modified) && (maxModified === null || modified > maxModified)) maxModified = modified;
		if (!id || Number.isNaN(t)) continue;
		if (state.time !== null && t < state.time - options.overlapMs) continue;
		const key = seenKey(id, t);
		if (seen.has(key)) continue;
		seen.add(key);
		passed++;
		if (state.time === null || t > state.time) state.time = t;
		if (options.event === 'updated' && secondsMs(record.Created_Time) === modified) continue;
		emit.push(record);
	}
	// Keys fall out of the window only when the cursor moved; a page of a wide second (100,000 keys) is not re-filtered.
	if (state.time !== timeBefore) {
		const floor = (state.time ?? 0) - options.overlapMs;
		state.seen = [...seen].filter((k) => seenTime(k) >= floor);
	} else if (passed > 0) {
		state.seen = [...seen];
	}
	return { emit, passed, maxModified, held };
}

/** The If-Modified-Since to read from: one second before the cursor (Zoho's boundary is exclusive) minus the overlap. */
export function readSince(state: ZohoCursorState, field: CursorField, overlapMs: number): number | undefined {
	const base = field === 'Modified_Time' ? state.time : state.watermark;
	if (base === null) return undefined;
	if (field === 'Modified_Time' && overlapMs === 0 && state.closedThrough === base) return base;
	return base - 1000 - overlapMs;
}
