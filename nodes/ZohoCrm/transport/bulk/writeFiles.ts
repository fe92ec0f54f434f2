import type { IDataObject } from 'n8n-workflow';
import { csvText } from '../../../shared/bulk/archive';
import type { PendingRecord } from '../batching';
import type { ZohoField } from '../metadata';
import { csvCell } from './writeValues';

/** Zoho's Bulk Write limits per uploaded file (one file per job). */
export const BULK_WRITE_MAX_RECORDS = 25_000;
export const BULK_WRITE_MAX_BYTES = 25 * 1024 * 1024;
/** Kept below the 25 MB limit: the CSV text is measured, the ZIP of it is what Zoho measures (never larger in practice, plus its headers). */
const SAFE_BYTES = BULK_WRITE_MAX_BYTES - 64 * 1024;

export interface BulkWriteFile {
	/** Column API names, in order (`field_mappings` index = position). */
	header: string[];
	csv: string;
	/** The input items of the rows, in row order. */
	items: number[];
}

/**
 * Records with the same fields, as CSV files of at most `maxRecords` rows and 25 MB each. A record
 * is written with exactly its own fields: records naming different fields go to different files,
 * so a field one record leaves out is never cleared by an empty cell.
 */
export function columnGroups(pending: PendingRecord[]): PendingRecord[][] {
	const groups = new Map<string, PendingRecord[]>();
	for (const p of pending) {
		const key = Object.keys(p.record).sort().join('\u0000');
		let group = groups.get(key);
		if (!group) groups.set(key, (group = []));
		group.push(p);
	}
	return [...groups.values()];
}

export function bulkWriteFiles(
	pending: PendingRecord[],
	fields: ReadonlyMap<string, ZohoField>,
	timeZone: string,
	maxRecords = BULK_WRITE_MAX_RECORDS,
): BulkWriteFile[] {
	const files: BulkWriteFile[] = [];
	for (const group of columnGroups(pending)) {
		const header = Object.keys(group[0].record);
		let rows: string[][] = [];
		let items: number[] = [];
		let bytes = 0;
		const flush = (): void => {
			if (rows.length === 0) return;
			files.push({ header, csv: csvText(header, rows), items });
			rows = [];
			items = [];
			bytes = 0;
		};
		for (const p of group) {
			const row = header.map((name) => csvCell(fields.get(name), (p.record as IDataObject)[name], timeZone));
			// Quoting can at most double a cell and add two quotes and a comma.
			const rowBytes = row.reduce((sum, cell) => sum + Buffer.byteLength(cell) * 2 + 3, 2);
			if (rows.length >= maxRecords || bytes + rowBytes > SAFE_BYTES) flush();
			rows.push(row);
			items.push(p.itemIndex);
			bytes += rowBytes;
		}
		flush();
	}
	return files;
}
