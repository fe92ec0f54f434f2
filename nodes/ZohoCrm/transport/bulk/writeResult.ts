import type { RecordResult, WriteAction } from '../batching';

/** `CODE-api_name`, several joined by `:` (Zoho's ERRORS column): the first names the item's error. */
function firstError(errors: string, status: string): { code: string; message: string; details: { api_name?: string } } {
	const first = errors.split(':').map((e) => e.trim()).find(Boolean);
	if (!first) return { code: status.toUpperCase() || 'SKIPPED', message: `Bulk Write ${status || 'skipped'} this row without naming an error`, details: {} };
	const dash = first.indexOf('-');
	const code = dash > 0 ? first.slice(0, dash) : first;
	const column = dash > 0 ? first.slice(dash + 1) : undefined;
	return { code, message: `Bulk Write skipped this row (${errors})`, details: column ? { api_name: column } : {} };
}

function cell(row: Record<string, string>, name: string): string {
	if (name in row) return row[name];
	const key = Object.keys(row).find((k) => k.toUpperCase() === name);
	return key ? row[key] : '';
}

/**
 * Zoho's result CSV, in the order of the uploaded rows, back onto the input items: STATUS added /
 * updated answers the record id (and, for upserts, the action as the Records API words it),
 * anything else the row's error; an item the result has no row for is answered as such.
 */
export function mapResultRows(batches: Iterable<Array<Record<string, string>>>, items: readonly number[], action: WriteAction): RecordResult[] {
	const results: RecordResult[] = [];
	let i = 0;
	for (const batch of batches) {
		for (const row of batch) {
			if (i >= items.length) break;
			const itemIndex = items[i++];
			const status = cell(row, 'STATUS').trim().toLowerCase();
			const id = cell(row, 'RECORD_ID').trim();
			if ((status === 'added' || status === 'updated') && id) {
				const added = status === 'added';
				results.push({
					itemIndex,
					ok: true,
					details: { id },
					message: added ? 'record added' : 'record updated',
					...(action === 'upsert' ? { action: added ? 'insert' : 'update' } : {}),
				});
			} else {
				results.push({ itemIndex, ok: false, status: 400, error: { ...firstError(cell(row, 'ERRORS'), status), status: 'error' } });
			}
		}
	}
	for (; i < items.length; i++) {
		results.push({ itemIndex: items[i], ok: false, status: 500, error: { code: 'NO_RESULT', message: 'the Bulk Write result has no row for this record', status: 'error' } });
	}
	return results;
}
