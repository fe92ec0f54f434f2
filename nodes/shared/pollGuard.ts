import type { IDataObject } from 'n8n-workflow';

/**
 * n8n starts a poll on every cron tick without waiting for the previous poll of the same activation
 * (n8n-core `createPollExecuteFn` + `ScheduledTaskManager`, in 1.x and 2.x alike), and each Poll
 * Times entry is a cron job of its own. A poll that reads its cursor, awaits a few API calls and
 * writes the cursor back would, if another poll started meanwhile, emit the same records twice, and
 * the one finishing last could move the cursor backwards. Two guards stop that:
 *
 * - `pollExclusively`: at most one poll per activation and node runs at a time in a process. A tick
 *   that finds one in flight returns at once: no API call, cursor untouched. An activation is known
 *   by its poll context (n8n builds one per activation and node and calls poll() on it at every
 *   tick: 1.x, 2.8, 2.40) and by the node's static data object (created once per activation by
 *   `workflow.getStaticData('node')`); either being busy is enough to skip.
 * - The cursor carries a revision (`rev`): a poll writes it only if static data still holds the
 *   revision the poll read (`commitCursor`), so a stale poll (another activation of the same
 *   workflow in this process, a reloaded static data object) can never overwrite a newer cursor;
 *   it emits nothing, and what it read is read again from the newer cursor.
 */

const inFlight = new WeakSet<object>();

/** Runs `poll` unless a poll of the same activation (same context or static data) is still running; then null. */
export async function pollExclusively<T>(activation: object[], poll: () => Promise<T | null>): Promise<T | null> {
	if (activation.some((key) => inFlight.has(key))) return null;
	for (const key of activation) inFlight.add(key);
	try {
		return await poll();
	} finally {
		for (const key of activation) inFlight.delete(key);
	}
}

/** The revision of a stored cursor; 0 for none (or one written before revisions existed). */
export function cursorRevision(value: unknown): number {
	const rev = (value as { rev?: unknown } | null | undefined)?.rev;
	return typeof rev === 'number' && Number.isSafeInteger(rev) && rev >= 0 ? rev : 0;
}

/**
 * Stores `cursor` (and the `extra` static-data entries) as revision `readRevision + 1`, only if the
 * stored cursor is still at `readRevision`. Returns false, and writes nothing, when another poll
 * moved the cursor meanwhile: the caller must then emit nothing.
 */
export function commitCursor(staticData: IDataObject, cursor: object, readRevision: number, extra: IDataObject = {}): boolean {
	if (cursorRevision(staticData.cursor) !== readRevision) return false;
	staticData.cursor = { ...cursor, rev: readRevision + 1 } as IDataObject;
	for (const [key, value] of Object.entries(extra)) staticData[key] = value;
	return true;
}
