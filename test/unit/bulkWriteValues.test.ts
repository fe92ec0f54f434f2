import { readZippedCsv, zipOneFile, csvText } from '../../nodes/shared/bulk/archive';
import { bulkUnwritable, csvCell, zonedDateTime } from '../../nodes/ZohoCrm/transport/bulk/writeValues';
import { bulkWriteFiles } from '../../nodes/ZohoCrm/transport/bulk/writeFiles';
import { mapResultRows } from '../../nodes/ZohoCrm/transport/bulk/writeResult';
import { bulkWriteCredits, planBulkWrite, recordsApiCredits } from '../../nodes/ZohoCrm/actions/record/bulkWritePlan';
import type { ZohoField } from '../../nodes/ZohoCrm/transport/metadata';

const field = (api_name: string, data_type: string, extra: Partial<ZohoField> = {}): ZohoField => ({ api_name, data_type, ...extra });

describe('Bulk Write CSV values', () => {
	it('writes each field type in Zoho’s CSV convention', () => {
		const tz = 'America/New_York';
		expect(csvCell(field('D', 'date'), '1990-12-31', tz)).toBe('12/31/1990');
		expect(csvCell(field('T', 'datetime'), '2026-01-15T12:00:00+00:00', tz)).toBe('01/15/2026 07:00:00');
		expect(csvCell(field('T', 'datetime'), '2026-07-01T12:00:00Z', tz)).toBe('07/01/2026 08:00:00');
		expect(csvCell(field('M', 'multiselectpicklist'), ['a', 'b c'], tz)).toBe('a;b c');
		expect(csvCell(field('L', 'lookup'), { id: '42', name: 'x' }, tz)).toBe('42');
		expect(csvCell(field('O', 'ownerlookup'), '43', tz)).toBe('43');
		expect(csvCell(field('B', 'boolean'), false, tz)).toBe('false');
		expect(csvCell(field('N', 'currency'), 12.5, tz)).toBe('12.5');
		expect(csvCell(field('X', 'text'), null, tz)).toBe('');
		expect(csvCell(field('D', 'date'), 'yesterday', tz)).toBe('yesterday');
		expect(zonedDateTime(Date.parse('2026-03-08T07:30:00Z'), tz)).toBe('03/08/2026 03:30:00');
	});

	it('refuses what Bulk Write cannot write', () => {
		expect(bulkUnwritable(field('F', 'fileupload'), 'F')).toMatch(/fileupload/);
		expect(bulkUnwritable(field('C', 'datetime', { read_only: true }), 'C')).toMatch(/read-only/);
		expect(bulkUnwritable(undefined, 'Nope')).toMatch(/not a field/);
		expect(bulkUnwritable(field('Email', 'email'), 'Email')).toBeUndefined();
	});

	it('splits files at the job size and by field set, keeping each item’s row', () => {
		const fields = new Map([['A', field('A', 'text')], ['B', field('B', 'text')]]);
		const pending = [0, 1, 2, 3, 4].map((i) => ({ itemIndex: i, record: i === 2 ? { A: `a${i}`, B: 'b' } : { A: `a${i}` } }));
		const files = bulkWriteFiles(pending, fields, 'UTC', 2);
		expect(files.map((f) => [f.header, f.items])).toEqual([
			[['A'], [0, 1]],
			[['A'], [3, 4]],
			[['A', 'B'], [2]],
		]);
		expect(files[2].csv).toBe('A,B\r\na2,b\r\n');
	});

	it('maps a result CSV back to the items: ids and actions, row errors, missing rows', () => {
		const zip = zipOneFile('r.csv', csvText(['Email', 'STATUS', 'RECORD_ID', 'ERRORS'], [
			['a@x', 'ADDED', '11', ''],
			['b@x', 'updated', '12', ''],
			['c', 'skipped', '', 'INVALID_DATA-Email:MANDATORY_NOT_FOUND-Last_Name'],
		]));
		const results = mapResultRows(readZippedCsv(zip, 2), [7, 8, 9, 10], 'upsert');
		expect(results).toEqual([
			{ itemIndex: 7, ok: true, details: { id: '11' }, message: 'record added', action: 'insert' },
			{ itemIndex: 8, ok: true, details: { id: '12' }, message: 'record updated', action: 'update' },
			{ itemIndex: 9, ok: false, status: 400, error: { code: 'INVALID_DATA', message: expect.stringContaining('MANDATORY_NOT_FOUND-Last_Name'), details: { api_name: 'Email' }, status: 'error' } },
			{ itemIndex: 10, ok: false, status: 500, error: expect.objectContaining({ code: 'NO_RESULT' }) },
		]);
	});

	it('prices both methods: 100,000 records cost 10,000 credits by the Records API, about 2,033 by 4 Bulk Write jobs', () => {
		expect(recordsApiCredits(100_000)).toBe(10_000);
		expect(recordsApiCredits(5_002)).toBe(501);
		expect(bulkWriteCredits(4)).toBe(2_033);
		const fields = new Map([['Email', field('Email', 'email')], ['Last_Name', field('Last_Name', 'text')]]);
		const pending = Array.from({ length: 3 }, (_, i) => ({ itemIndex: i, record: { Email: `${i}@x`, Last_Name: 'x' } }));
		expect(planBulkWrite({ module: 'Leads', action: 'upsert', pending, fields, jobSize: 2 })).toEqual({ ok: true, findBy: 'Email', jobs: 2 });
		expect(planBulkWrite({ module: 'Leads', action: 'upsert', pending, fields, jobSize: 2, duplicateCheckFields: ['Last_Name'] })).toMatchObject({ ok: false });
		expect(planBulkWrite({ module: 'Leads', action: 'insert', pending, fields, jobSize: 2, trigger: ['workflow'] })).toMatchObject({ ok: false, reason: /automation/ });
	});
});
