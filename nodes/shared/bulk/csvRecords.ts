import { parseCsv } from './libraries';

/**
 * Cuts text arriving in pieces at record boundaries (a line break outside quotes; RFC 4180 escapes
 * a quote by doubling it, which keeps the count even) and parses whole records with csv-parse.
 */
export class CsvRecords {
	private carry = '';
	private header: string[] | undefined;

	take(piece: string, final: boolean): Array<Record<string, string>> {
		const textSoFar = this.carry + piece;
		const cut = final ? textSoFar.length : lastRecordEnd(textSoFar);
		this.carry = textSoFar.slice(cut);
		const whole = textSoFar.slice(0, cut);
		if (whole.trim() === '') return [];
		const rows = parseCsv(whole, { bom: true, relax_column_count: false }) as string[][];
		if (!this.header) this.header = rows.shift();
		const header = this.header ?? [];
		return rows.map((cells) => {
			const row: Record<string, string> = {};
			header.forEach((name, index) => {
				row[name] = cells[index] ?? '';
			});
			return row;
		});
	}
}

/** Index just past the last line break that ends a record, or 0 when none does yet. */
function lastRecordEnd(text: string): number {
	let quoted = false;
	let end = 0;
	for (let index = 0; index < text.length; index += 1) {
		const char = text.charCodeAt(index);
		if (char === 34) quoted = !quoted;
		else if (char === 10 && !quoted) end = index + 1;
	}
	return end;
}
