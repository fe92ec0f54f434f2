import type { INodeParameters } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
/** Past the REST listing's 100,000 and past one Bulk Read page (set to 60,000 here), cheaply seeded. */
const TOTAL = 130_000;
/** Hundreds of calls per read: generous, not a speed claim (the benchmark measures speed). */
const LONG = 600_000;

describe('Zoho CRM Connect: Get Many past the REST listing limit of 100,000 records', () => {
	let sandbox: Sandbox;
	let ids: string[];
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox({ zoho: { bulkRead: { addedMs: 0, queuedMs: 0, inProgressMs: 0, pageSize: 60_000 } } });
		ids = sandbox.zoho.seed({ module: 'Leads', count: TOTAL, seed: 18, fields: ['Last_Name', 'Company', 'Email', 'No_of_Employees'] });
	}, LONG);
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.server.resetStats());

	const run = (parameters: INodeParameters, scope?: string) =>
		runNode({
			node,
			parameters: { resource: 'record', operation: 'getMany', module: LEADS, ...parameters },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens(scope ? { scope } : {})) },
		});
	const endpoint = (e: string): number => sandbox.server.getStats().byEndpoint[e] ?? 0;

	it('Return All returns every record once: 100,000 by page_token, the rest by chained Bulk Read jobs, same typed shape', async () => {
		const { output, hints } = await run({ returnAll: true, fields: ['Last_Name', 'Email', 'No_of_Employees'] });
		const records = output[0].map((i) => i.json);
		expect(records).toHaveLength(TOTAL);
		const got = records.map((r) => String(r.id));
		expect(new Set(got).size).toBe(TOTAL);
		expect([...got].sort()).toEqual([...ids].sort());
		expect(endpoint('GET /crm/v8/:module')).toBe(500);
		// 130,000 records at 60,000 per job: 3 jobs; the first 100,000 are skipped as already listed.
		expect(endpoint('POST /crm/bulk/v8/read')).toBe(3);
		const restOne = records[0];
		const bulkOne = records[TOTAL - 1];
		expect(Object.keys(bulkOne).sort()).toEqual(Object.keys(restOne).sort());
		for (const record of [restOne, bulkOne]) {
			const stored = sandbox.zoho.record('Leads', String(record.id))!;
			expect(record).toEqual({ id: stored.id, Last_Name: stored.Last_Name, Email: stored.Email, No_of_Employees: stored.No_of_Employees ?? null });
		}
		const credits = sandbox.zoho.credits().total;
		expect(hints.map((h) => h.message)).toContain(`Zoho CRM: ${sandbox.server.getStats().byService['zoho-crm']} API calls, ${credits} API credits`);
		expect(credits).toBe(500 + 1 + 3 * 50 + 3 + 3 + 1);
		expect(endpoint('GET /crm/v8/:module/actions/count')).toBe(1);
	}, LONG);

	it('a limit past 100,000 stops at the limit', async () => {
		const { output } = await run({ returnAll: false, limit: 100_150, fields: ['Last_Name'] });
		expect(output[0]).toHaveLength(100_150);
		expect(new Set(output[0].map((i) => String(i.json.id))).size).toBe(100_150);
	}, LONG);

	it('with a custom view, the continuation exports the same view', async () => {
		const { output } = await run({ returnAll: true, fields: ['Last_Name'], filters: { cvid: '5725767000000087501' } });
		expect(new Set(output[0].map((i) => String(i.json.id))).size).toBe(TOTAL);
		const jobs = sandbox.server.log.filter((e) => e.method === 'POST' && e.path === '/crm/bulk/v8/read');
		expect(jobs.every((e) => (e.request?.body as { query: { cvid?: string } }).query.cvid === '5725767000000087501')).toBe(true);
	}, LONG);

	it('a filter Bulk Read cannot apply fails at the limit with an error saying where and why, instead of stopping silently', async () => {
		await expect(run({ returnAll: true, fields: ['Last_Name'], filters: { converted: 'both' } })).rejects.toThrow(
			/Get Many of Leads stopped at Zoho's REST listing limit of 100,000 records: the filter Converted is "both"/,
		);
	}, LONG);
});

describe('Zoho CRM Connect: Get Many of a module of exactly 100,000 records', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
		sandbox.zoho.seed({ module: 'Leads', count: 100_000, seed: 19, fields: ['Last_Name'] });
		sandbox.server.resetStats();
	}, LONG);
	afterAll(async () => sandbox.close());

	it('one count call says there are no more: no Bulk Read job', async () => {
		const { output } = await runNode({
			node: new ZohoCrmConnect(),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true, fields: ['Last_Name'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
		expect(output[0]).toHaveLength(100_000);
		const stats = sandbox.server.getStats().byEndpoint;
		expect(stats['GET /crm/v8/:module/actions/count']).toBe(1);
		expect(stats['POST /crm/bulk/v8/read']).toBeUndefined();
	}, LONG);
});
