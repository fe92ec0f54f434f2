/**
 * The bulk archive module (nodes/shared/bulk/archive.ts): ZIP + CSV for Zoho's Bulk Read and Bulk
 * Write, through the bundled libraries. Also run on the compiled dist/ copy, where esbuild has
 * inlined the libraries (npm test builds before jest), to prove the package needs none at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Zip, ZipDeflate, zipSync } from 'fflate';
import * as source from '../../nodes/shared/bulk/archive';
import { CsvRecords } from '../../nodes/shared/bulk/csvRecords';

const DIST = join(__dirname, '..', '..', 'dist', 'nodes', 'shared', 'bulk');
type Archive = typeof source;

function loadDist(): Archive {
	if (!existsSync(join(DIST, 'archive.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
	return require(join(DIST, 'archive.js')) as Archive;
}

/** Deterministic text that deflate cannot shrink much, so archives span many inflate slices. */
function noisyText(seed: number, length: number): string {
	let state = seed;
	let text = '';
	for (let index = 0; index < length; index += 1) {
		state = (state * 1103515245 + 12345) % 2147483648;
		text += String.fromCharCode(33 + (state % 90));
	}
	return text;
}

function collect(archive: Archive, zip: Uint8Array, batchSize?: number): { batches: number[]; rows: Array<Record<string, string>> } {
	const batches: number[] = [];
	const rows: Array<Record<string, string>> = [];
	for (const batch of archive.readZippedCsv(zip, batchSize)) {
		batches.push(batch.length);
		rows.push(...batch);
	}
	return { batches, rows };
}

/** A ZIP as streaming writers (Java's ZipOutputStream, fflate's Zip) make it: sizes in a data descriptor after the data. */
function streamedZip(name: string, text: string): Uint8Array {
	const parts: Uint8Array[] = [];
	const zip = new Zip((error, chunk) => {
		if (error) throw error;
		parts.push(chunk);
	});
	const entry = new ZipDeflate(name, { level: 6 });
	zip.add(entry);
	entry.push(new TextEncoder().encode(text), true);
	zip.end();
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

describe.each([
	['source', (): Archive => source],
	['dist bundle', loadDist],
])('bulk archive (%s)', (_label, load) => {
	const awkward = [
		['1', 'O"Brien, Jr.', 'line one\r\nline two', ''],
		['2', 'Zoë 😀 Ünïcode', '"quoted"', 'a;b;c'],
		['3', '', ',,,', '\n'],
	];

	it('round-trips awkward values through CSV and ZIP', () => {
		const archive = load();
		const csv = archive.csvText(['id', 'Last_Name', 'Description', 'Tags'], awkward);
		expect(csv.startsWith('id,Last_Name,Description,Tags\r\n')).toBe(true);
		const { rows } = collect(archive, archive.zipOneFile('Leads.csv', csv));
		expect(rows).toEqual(awkward.map(([id, Last_Name, Description, Tags]) => ({ id, Last_Name, Description, Tags })));
	});

	it('streams 60,000 rows in batches across many inflate slices', () => {
		const archive = load();
		const header = ['id', 'Email', 'Notes'];
		const rows = Array.from({ length: 60_000 }, (_, index) => [String(index + 1), `p${index}@example.com`, noisyText(index, 24)]);
		// Quoted line breaks all through the file, so some inflate slices end inside one.
		for (let index = 0; index < rows.length; index += 7) rows[index][2] = `${rows[index][2]} "quoted"\r\nline ${index}`;
		const zip = archive.zipOneFile('Leads.csv', archive.csvText(header, rows));
		expect(zip.length).toBeGreaterThan(4 * 256 * 1024);
		const read = collect(archive, zip, 5000);
		expect(read.batches).toEqual(Array(12).fill(5000));
		expect(read.rows.map((row) => [row.id, row.Email, row.Notes])).toEqual(rows);
	});

	it('reads archives written with data descriptors and with a byte-order mark', () => {
		const archive = load();
		const text = '\ufeffid,Name\r\n10,"A, B"\r\n11,C\r\n';
		expect(collect(archive, streamedZip('x.csv', text)).rows).toEqual([
			{ id: '10', Name: 'A, B' },
			{ id: '11', Name: 'C' },
		]);
	});

	it('yields nothing for a header-only CSV', () => {
		const archive = load();
		expect(collect(archive, archive.zipOneFile('empty.csv', 'id,Name\r\n')).rows).toEqual([]);
	});

	it('refuses an archive with no file, with two files, or with a row of the wrong width', () => {
		const archive = load();
		expect(() => collect(archive, zipSync({}))).toThrow(/no file/);
		const two = zipSync({ 'a.csv': new TextEncoder().encode('id\r\n1\r\n'), 'b.csv': new TextEncoder().encode('id\r\n2\r\n') });
		expect(() => collect(archive, two)).toThrow(/more than one file \(b\.csv\)/);
		expect(() => collect(archive, archive.zipOneFile('bad.csv', 'id,Name\r\n1,A,extra\r\n'))).toThrow();
	});
});

it('the compiled libraries are inlined: dist requires none of the bulk libraries at run time', () => {
	loadDist();
	const compiled = readFileSync(join(DIST, 'libraries.js'), 'utf8');
	expect(compiled).not.toMatch(/require\(["'](fflate|csv-parse|csv-stringify)/);
	expect(compiled).not.toMatch(/worker_threads/);
	expect(compiled).toMatch(/inflate/i);
});

describe('CSV records arriving in pieces', () => {
	const header = ['id', 'Notes'];
	const rows = Array.from({ length: 300 }, (_, index) => [String(index), index % 3 === 0 ? `say "hi"\r\nthen, ${index}` : `plain ${index}`]);
	const text = source.csvText(header, rows);

	it.each([1, 2, 3, 7, 64])('parses the same rows whatever the piece size (%i chars)', (size) => {
		const records = new CsvRecords();
		const read: Array<Record<string, string>> = [];
		for (let offset = 0; offset < text.length; offset += size) {
			read.push(...records.take(text.slice(offset, offset + size), offset + size >= text.length));
		}
		expect(read).toEqual(rows.map(([id, Notes]) => ({ id, Notes })));
	});
});
