import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { lead, useZohoKit } from './testkit';

/** The ZIP's single CSV, parsed with csv-parse (independent of the package's archive module). */
function csvOf(zip: ArrayBuffer): { name: string; rows: Array<Record<string, string>> } {
	const entries = unzipSync(new Uint8Array(zip));
	const names = Object.keys(entries);
	expect(names).toHaveLength(1);
	return { name: names[0], rows: parse(strFromU8(entries[names[0]]), { columns: true }) as Array<Record<string, string>> };
}

describe('Zoho sandbox: Bulk Read jobs (/crm/bulk/v8/read)', () => {
	const kit = useZohoKit();
	let now = Date.parse('2026-12-01T10:00:00Z');
	const bulk = () => `${kit.url}/crm/bulk/v8/read`;
	const auth = () => ({ headers: { Authorization: `Zoho-oauthtoken ${kit.accessToken}` } });
	const create = (query: Record<string, unknown>, token = kit.accessToken) =>
		kit.http.post(bulk(), { query }, { headers: { Authorization: `Zoho-oauthtoken ${token}` } });
	const status = (id: string) => kit.http.get(`${bulk()}/${id}`, auth());
	const download = (id: string) => kit.http.get(`${bulk()}/${id}/result`, { ...auth(), responseType: 'arraybuffer' });

	beforeEach(() => {
		now = Date.parse('2026-12-01T10:00:00Z');
		kit.zoho.setClock(() => now);
		kit.relogin();
	});

	it('moves a job through ADDED, QUEUED, IN PROGRESS to COMPLETED on the clock, then serves a ZIP with one CSV', async () => {
		kit.zoho.bulkRead.configure({ addedMs: 1000, queuedMs: 1000, inProgressMs: 1000 });
		const ids = kit.zoho.seed({ module: 'Leads', count: 30, seed: 7 });
		const created = await create({ module: { api_name: 'Leads' }, fields: ['Last_Name', 'Email', 'Owner', 'Annual_Revenue'] });
		expect(created.status).toBe(201);
		expect(created.data.data[0]).toMatchObject({ status: 'success', code: 'ADDED_SUCCESSFULLY', details: { operation: 'read', state: 'ADDED' } });
		const id = created.data.data[0].details.id as string;
		const states: string[] = [];
		for (let step = 0; step < 4; step++) {
			states.push((await status(id)).data.data[0].state);
			now += 1000;
		}
		expect(states).toEqual(['ADDED', 'QUEUED', 'IN PROGRESS', 'COMPLETED']);
		const done = (await status(id)).data.data[0];
		expect(done.result).toEqual({ page: 1, per_page: 200_000, count: 30, download_url: `/crm/bulk/v8/read/${id}/result`, more_records: false, next_page_token: null });
		const file = await download(id);
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('application/zip');
		const { name, rows } = csvOf(file.data as ArrayBuffer);
		expect(name).toBe(`${id}.csv`);
		expect(Object.keys(rows[0])).toEqual(['id', 'Last_Name', 'Email', 'Owner', 'Annual_Revenue']);
		expect(rows.map((r) => r.id)).toEqual(ids);
		const first = kit.zoho.record('Leads', ids[0])!;
		expect(rows[0].Email).toBe(first.Email);
		expect(rows[0].Owner).toBe((first.Owner as { id: string }).id);
		expect(rows[0].Annual_Revenue).toBe(first.Annual_Revenue === undefined || first.Annual_Revenue === null ? '' : String(first.Annual_Revenue));
	});

	it('downloads before completion are refused; a status call of an unknown job is an error', async () => {
		kit.zoho.bulkRead.configure({ addedMs: 5000 });
		const id = (await create({ module: { api_name: 'Leads' } })).data.data[0].details.id as string;
		expect((await download(id)).status).toBe(400);
		expect((await status('5725767000009999999')).data).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
	});

	it('chains jobs with next_page_token: page size records per job, every record once, more_records false at the end', async () => {
		kit.zoho.bulkRead.configure({ pageSize: 40, addedMs: 0, queuedMs: 0, inProgressMs: 0 });
		const ids = kit.zoho.seed({ module: 'Leads', count: 100, seed: 3 });
		const seen: string[] = [];
		let token: string | undefined;
		const pages: number[] = [];
		for (;;) {
			const res = await create({ module: { api_name: 'Leads' }, fields: ['Last_Name'], ...(token ? { page_token: token } : {}) });
			expect(res.status).toBe(201);
			const id = res.data.data[0].details.id as string;
			const { result } = (await status(id)).data.data[0];
			pages.push(result.count);
			seen.push(...csvOf((await download(id)).data as ArrayBuffer).rows.map((r) => r.id));
			if (!result.more_records) {
				expect(result.next_page_token).toBeNull();
				break;
			}
			token = result.next_page_token as string;
		}
		expect(pages).toEqual([40, 40, 20]);
		expect(seen).toEqual(ids);
	});

	it('filters by JSON criteria: groups, comparators and ${EMPTY}', async () => {
		kit.zoho.bulkRead.configure({ addedMs: 0, queuedMs: 0, inProgressMs: 0 });
		const made = await kit.v8.post('/Leads', {
			data: [lead(1, { Lead_Source: 'Web', Annual_Revenue: 500 }), lead(2, { Lead_Source: 'Web', Annual_Revenue: 5000 }), lead(3, { Annual_Revenue: 5000 }), lead(4, { Lead_Source: 'Web' })],
		});
		const [a, b, c, d] = made.data.data.map((x: { details: { id: string } }) => x.details.id);
		const run = async (criteria: unknown): Promise<string[]> => {
			const res = await create({ module: { api_name: 'Leads' }, fields: ['Last_Name'], criteria });
			expect(res.status).toBe(201);
			const id = res.data.data[0].details.id as string;
			await status(id);
			return csvOf((await download(id)).data as ArrayBuffer).rows.map((r) => r.id);
		};
		const web = { field: { api_name: 'Lead_Source' }, comparator: 'equal', value: 'Web' };
		expect(await run(web)).toEqual([a, b, d]);
		expect(await run({ group_operator: 'and', group: [web, { field: { api_name: 'Annual_Revenue' }, comparator: 'greater_equal', value: 1000 }] })).toEqual([b]);
		expect(await run({ field: { api_name: 'Lead_Source' }, comparator: 'equal', value: '${EMPTY}' })).toEqual([c]);
		expect(await run({ group_operator: 'or', group: [{ field: { api_name: 'Annual_Revenue' }, comparator: 'equal', value: '${EMPTY}' }, { field: { api_name: 'Email' }, comparator: 'ends_with', value: '1@example.com' }] })).toEqual([a, d]);
		const bad = await create({ module: { api_name: 'Leads' }, criteria: { field: { api_name: 'Lead_Source' }, comparator: 'greater_than', value: 'Web' } });
		expect(bad.status).toBe(400);
		expect(bad.data.code).toBe('FIELD_COMPARATOR_IN_CRITERIA_NOT_SUPPORTED');
	});

	it('is strict about the body: unknown keys, unknown fields, page with page_token, modules it cannot export', async () => {
		expect((await kit.http.post(bulk(), { query: { module: { api_name: 'Leads' } }, extra: 1 }, auth())).status).toBe(400);
		expect((await create({ module: { api_name: 'Leads' }, fields: ['No_Such_Field'] })).data).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'No_Such_Field' } });
		expect((await create({ module: { api_name: 'Leads' }, page: 2, page_token: 'x' })).status).toBe(400);
		expect((await create({ module: { api_name: 'Notes' } })).data.code).toBe('MODULE_NOT_SUPPORTED');
		expect((await create({ module: { api_name: 'Leads' }, page_token: 'not-a-token' })).data.code).toBe('INVALID_DATA');
	});

	it('needs ZohoCRM.bulk.READ (or .ALL) and read on the module', async () => {
		const noBulk = kit.zoho.issueTokens({ scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL' }).access_token;
		const res = await create({ module: { api_name: 'Leads' } }, noBulk);
		expect(res.status).toBe(401);
		expect(res.data.code).toBe('OAUTH_SCOPE_MISMATCH');
		const bulkOnly = kit.zoho.issueTokens({ scope: 'ZohoCRM.bulk.read' }).access_token;
		expect((await create({ module: { api_name: 'Leads' } }, bulkOnly)).status).toBe(401);
		const both = kit.zoho.issueTokens({ scope: 'ZohoCRM.bulk.read,ZohoCRM.modules.leads.READ' }).access_token;
		expect((await create({ module: { api_name: 'Leads' } }, both)).status).toBe(201);
	});

	it('throttles downloads at 10 per minute (429), and a result expires', async () => {
		kit.zoho.bulkRead.configure({ addedMs: 0, queuedMs: 0, inProgressMs: 0, resultLifetimeMs: 3_600_000 });
		kit.zoho.seed({ module: 'Leads', count: 3 });
		const id = (await create({ module: { api_name: 'Leads' } })).data.data[0].details.id as string;
		await status(id);
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) statuses.push((await download(id)).status);
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
		now += 60_001;
		expect((await download(id)).status).toBe(200);
		now += 3_600_000;
		kit.relogin();
		const gone = await download(id);
		expect(gone.status).toBe(400);
	});

	it('fails jobs on demand (FAILURE, no result) and bills 50 credits per job, 1 per status or download', async () => {
		kit.zoho.bulkRead.configure({ addedMs: 0, queuedMs: 0, inProgressMs: 0, failNextJobs: 1 });
		kit.zoho.seed({ module: 'Leads', count: 3 });
		kit.sandbox.server.resetStats();
		const failed = (await create({ module: { api_name: 'Leads' } })).data.data[0].details.id as string;
		const detail = (await status(failed)).data.data[0];
		expect(detail.state).toBe('FAILURE');
		expect(detail.result).toBeUndefined();
		const ok = (await create({ module: { api_name: 'Leads' } })).data.data[0].details.id as string;
		expect((await status(ok)).data.data[0].state).toBe('COMPLETED');
		expect((await download(ok)).status).toBe(200);
		expect(kit.zoho.credits().total).toBe(50 + 1 + 50 + 1 + 1);
	});
});
