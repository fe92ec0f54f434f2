import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { parse } from 'csv-parse/sync';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };

describe('Zoho CRM Connect: Bulk Read > Read Module against the sandbox', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox({ zoho: { bulkRead: { addedMs: 0, queuedMs: 0, inProgressMs: 0 } } });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.zoho.setClock(undefined);
	});

	const run = (parameters: INodeParameters, options: { scope?: string; continueOnFail?: boolean } = {}) =>
		runNode({
			node,
			parameters: { resource: 'bulkRead', operation: 'read', module: LEADS, ...parameters },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens(options.scope ? { scope: options.scope } : {})) },
			continueOnFail: options.continueOnFail,
		});
	const endpoint = (e: string): number => sandbox.server.getStats().byEndpoint[e] ?? 0;

	it('outputs one item per record with typed values: numbers, booleans, date-times, multi-selects, lookups with their name', async () => {
		const campaign = sandbox.zoho.insertDirect('Campaigns', [{ Campaign_Name: 'Spring Launch' }])[0];
		const [typed, empty] = sandbox.zoho.insertDirect('Leads', [
			{
				Last_Name: 'Typed, "quoted"\nline',
				Company: 'Acme',
				No_of_Employees: 42,
				Annual_Revenue: 1234.5,
				Email_Opt_Out: true,
				Next_Follow_Up: '2026-12-24T09:30:00+00:00',
				Date_of_Birth: '1990-02-03',
				Interests: ['Webinars', 'Offers'],
				Visitor_Count: 9007199254740993,
				Related_Campaign: { id: campaign.id, name: 'Spring Launch' },
			},
			{ Last_Name: 'Empty', Company: 'Acme' },
		]);
		sandbox.server.resetStats();
		const fields = ['Last_Name', 'No_of_Employees', 'Annual_Revenue', 'Email_Opt_Out', 'Next_Follow_Up', 'Date_of_Birth', 'Interests', 'Related_Campaign', 'Related_Campaign.Campaign_Name', 'Owner'];
		const { output, hints } = await run({ bulkFields: fields });
		const records = output[0].map((i) => i.json);
		expect(records).toHaveLength(2);
		const first = records.find((r) => r.id === typed.id)!;
		expect(first).toEqual({
			id: typed.id,
			Last_Name: 'Typed, "quoted"\nline',
			No_of_Employees: 42,
			Annual_Revenue: 1234.5,
			Email_Opt_Out: true,
			Next_Follow_Up: '2026-12-24T09:30:00+00:00',
			Date_of_Birth: '1990-02-03',
			Interests: ['Webinars', 'Offers'],
			Related_Campaign: { id: campaign.id, name: 'Spring Launch' },
			Owner: { id: (typed.Owner as { id: string }).id },
		});
		const second = records.find((r) => r.id === empty.id)!;
		expect(second).toMatchObject({ No_of_Employees: null, Email_Opt_Out: null, Interests: [], Related_Campaign: null });
		// 1 field metadata + 1 job + 1 status (done at once) + 1 download; the job costs 50 credits.
		expect(endpoint('POST /crm/bulk/v8/read')).toBe(1);
		expect(endpoint('GET /crm/bulk/v8/read/:id/result')).toBe(1);
		expect(hints.map((h) => h.message)).toContain(`Zoho CRM: 4 API calls, ${sandbox.zoho.credits().total} API credits`);
		expect(sandbox.zoho.credits().total).toBe(53);
		expect(output[0].every((i, index) => i.pairedItem && (i.pairedItem as { item: number }).item === 0 && index >= 0)).toBe(true);
	});

	it('translates the conditions into Bulk Read criteria: groups, lists, numbers and "is empty" (${EMPTY})', async () => {
		const made = sandbox.zoho.insertDirect('Leads', [
			{ Last_Name: 'A', Company: 'X', Lead_Source: 'Web', Annual_Revenue: 500 },
			{ Last_Name: 'B', Company: 'X', Lead_Source: 'Web', Annual_Revenue: 5000 },
			{ Last_Name: 'C', Company: 'X', Annual_Revenue: 7000 },
			{ Last_Name: 'D', Company: 'X', Lead_Source: 'Partner' },
		]);
		const ids = (...names: string[]) => made.filter((r) => names.includes(String(r.Last_Name))).map((r) => r.id);
		const read = async (conditions: IDataObject[], combine = 'and'): Promise<string[]> => {
			const { output } = await run({ bulkFields: ['Last_Name'], bulkConditions: { condition: conditions }, bulkCombine: combine });
			return output[0].map((i) => String(i.json.id)).sort();
		};
		expect(await read([{ field: 'Lead_Source', operator: 'in', value: 'Web, Partner' }, { field: 'Annual_Revenue', operator: 'greater_equal', value: '1000' }])).toEqual(ids('B'));
		expect(await read([{ field: 'Lead_Source', operator: 'is_empty' }])).toEqual(ids('C'));
		expect(await read([{ field: 'Annual_Revenue', operator: 'is_empty' }, { field: 'Last_Name', operator: 'equal', value: 'A' }], 'or')).toEqual(ids('A', 'D').sort());
		expect(await read([{ field: 'Annual_Revenue', operator: 'between', value: '400,6000' }])).toEqual(ids('A', 'B').sort());
		const body = sandbox.server.log.filter((e) => e.path === '/crm/bulk/v8/read' && e.method === 'POST').map((e) => e.request?.body);
		expect(body[0]).toEqual({
			query: {
				module: { api_name: 'Leads' },
				fields: ['Last_Name'],
				criteria: {
					group_operator: 'and',
					group: [
						{ field: { api_name: 'Lead_Source' }, comparator: 'in', value: ['Web', 'Partner'] },
						{ field: { api_name: 'Annual_Revenue' }, comparator: 'greater_equal', value: 1000 },
					],
				},
			},
		});
	});

	it('chains jobs with page_token past one job page: every record once, one job per page', async () => {
		sandbox.zoho.bulkRead.configure({ pageSize: 300 });
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 700, seed: 5 });
		sandbox.server.resetStats();
		const { output } = await run({ bulkFields: ['Email'] });
		const got = output[0].map((i) => String(i.json.id));
		expect(got).toHaveLength(700);
		expect(new Set(got).size).toBe(700);
		expect([...got].sort()).toEqual([...ids].sort());
		expect(endpoint('POST /crm/bulk/v8/read')).toBe(3);
		const tokens = sandbox.server.log.filter((e) => e.method === 'POST' && e.path === '/crm/bulk/v8/read').map((e) => (e.request?.body as { query: IDataObject }).query.page_token);
		expect(tokens[0]).toBeUndefined();
		expect(typeof tokens[1]).toBe('string');
		expect(typeof tokens[2]).toBe('string');
	});

	it('outputs the CSV or the ZIP as binary data, one item per job', async () => {
		sandbox.zoho.bulkRead.configure({ pageSize: 4 });
		sandbox.zoho.seed({ module: 'Leads', count: 6, seed: 2 });
		const csv = await run({ bulkFields: ['Last_Name', 'Email'], bulkOutput: 'csv' });
		expect(csv.output[0]).toHaveLength(2);
		expect(csv.output[0].map((i) => i.json.count)).toEqual([4, 2]);
		const file = csv.output[0][0].binary!.data;
		expect(file.mimeType).toBe('text/csv');
		const rows = parse(Buffer.from(file.data, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;
		expect(Object.keys(rows[0])).toEqual(['id', 'Last_Name', 'Email']);
		expect(rows).toHaveLength(4);
		const zip = await run({ bulkFields: ['Last_Name'], bulkOutput: 'zip', binaryPropertyName: 'export' });
		expect(zip.output[0][0].binary!.export.mimeType).toBe('application/zip');
		expect(Buffer.from(zip.output[0][0].binary!.export.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
	});

	it('a CSV longer than one parse batch comes out whole: one header, every row once, quoting intact', async () => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 5_100, seed: 4, fields: ['Last_Name', 'Company', 'Email'], overrides: { Company: 'Comma, "Quote" & Co' } });
		const { output } = await run({ bulkFields: ['Company', 'Email'], bulkOutput: 'csv' });
		const text = Buffer.from(output[0][0].binary!.data.data, 'base64').toString('utf8');
		expect(text.split('\r\n')[0]).toBe('id,Company,Email');
		const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
		expect(rows.map((r) => r.id)).toEqual(ids);
		expect(rows.every((r) => r.Company === 'Comma, "Quote" & Co')).toBe(true);
	});

	it('a failed job ends in an error naming the job id and state', async () => {
		sandbox.zoho.bulkRead.configure({ failNextJobs: 1 });
		sandbox.zoho.seed({ module: 'Leads', count: 3 });
		await expect(run({})).rejects.toThrow(/Bulk Read job \d{19} ended in state FAILURE/);
		const { output } = await run({}, { continueOnFail: false });
		expect(output[0]).toHaveLength(3);
	});

	it('a job slower than Max Wait ends in an error naming the job and its last state', async () => {
		sandbox.zoho.bulkRead.configure({ addedMs: 0, queuedMs: 60 * 60_000 });
		sandbox.zoho.seed({ module: 'Leads', count: 3 });
		await expect(run({ bulkMaxWaitMinutes: 0 })).rejects.toThrow(/Bulk Read job \d{19} is still QUEUED after \d+ s/);
		expect(endpoint('GET /crm/bulk/v8/read/:id/result')).toBe(0);
	});

	it('a 429 and a connection dropped mid-file on the download are retried: the records arrive once', async () => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 50, seed: 9 });
		sandbox.server.addFault({ service: 'zoho-crm', method: 'GET', path: /\/result$/, kind: 'status', status: 429, times: 1 });
		sandbox.server.addFault({ service: 'zoho-crm', method: 'GET', path: /\/result$/, kind: 'drop', when: 'mid', times: 1 });
		const { output, hints } = await run({ bulkFields: ['Last_Name'] });
		expect(output[0].map((i) => String(i.json.id)).sort()).toEqual([...ids].sort());
		expect(endpoint('GET /crm/bulk/v8/read/:id/result')).toBe(3);
		expect(hints[0].message).toMatch(/\(2 retries included\)/);
	});

	it('without the bulk scope: the reconnect-with-scope error, nothing exported', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 3 });
		await expect(run({}, { scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL' })).rejects.toThrow(
			/OAUTH_SCOPE_MISMATCH on bulk read: the credential lacks the scope ZohoCRM\.bulk\.READ: add it and reconnect/,
		);
		const { output } = await run({}, { scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL', continueOnFail: true });
		expect(output[0][0].json).toMatchObject({ code: 'OAUTH_SCOPE_MISMATCH' });
	});
});
