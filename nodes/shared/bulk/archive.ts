import { CsvRecords } from './csvRecords';
import { DecodeUTF8, Unzip, UnzipInflate, stringifyCsv, zipSync } from './libraries';

/** Compressed bytes fed to the inflater per step: what bounds the text held between two batches. */
const ZIP_SLICE_BYTES = 256 * 1024;

/** A deflated ZIP holding one file, as Zoho's Bulk Write upload takes it. */
export function zipOneFile(fileName: string, content: string | Uint8Array): Uint8Array {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return zipSync({ [fileName]: [bytes, { level: 6 }] });
}

/** RFC 4180 text (CRLF, fields quoted when they need it) with the header row first. */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
	return stringifyCsv([header, ...rows], { record_delimiter: '\r\n' });
}

/**
 * The rows of the one CSV inside `zip`, keyed by its header, in batches of `batchSize`. The ZIP is
 * inflated a slice at a time and only whole records are parsed, so what is held besides the ZIP is
 * one slice of text and one batch of rows.
 */
export function* readZippedCsv(
	zip: Uint8Array,
	batchSize = 1000,
): Generator<Array<Record<string, string>>> {
	const text: string[] = [];
	let entries = 0;
	let failure: Error | undefined;
	const decoder = new DecodeUTF8((piece) => text.push(piece));
	const unzip = new Unzip((file) => {
		entries += 1;
		if (entries > 1) {
			failure = new Error(`the archive holds more than one file (${file.name})`);
			return;
		}
		file.ondata = (error, data, final) => {
			if (error) failure = error;
			else decoder.push(data, final);
		};
		file.start();
	});
	unzip.register(UnzipInflate);

	const records = new CsvRecords();
	let batch: Array<Record<string, string>> = [];
	for (let offset = 0; offset < zip.length || offset === 0; offset += ZIP_SLICE_BYTES) {
		const end = Math.min(offset + ZIP_SLICE_BYTES, zip.length);
		unzip.push(zip.subarray(offset, end), end >= zip.length);
		if (failure) throw failure;
		const final = end >= zip.length;
		for (const row of records.take(text.splice(0).join(''), final)) {
			batch.push(row);
			if (batch.length >= batchSize) {
				yield batch;
				batch = [];
			}
		}
		if (final) break;
	}
	if (entries === 0) throw new Error('the archive holds no file');
	if (batch.length > 0) yield batch;
}
