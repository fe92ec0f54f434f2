import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { LEADS } from '../helpers/zohoModules';

describe('Zoho CRM Connect node against the sandbox (real n8n-core context, real sockets)', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const credentials = () => ({ zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) });
	const calls = (pattern: RegExp, method?: string) =>
		sandbox.server.log.filter((e) => pattern.test(e.path) && (!method || e.method === method)).length;
	const run = (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false, creds = credentials()) =>
		runNode({ node, parameters: { module: LEADS, ...parameters }, items, credentials: creds, continueOnFail });

	const lead = (i: number): IDataObject => ({ Last_Name: `Lead ${i}`, Company: `Co ${i}`, Email: `lead${i}@example.com` });

	it('upserts 250 items in 3 calls, each output paired to its input with insert/update action', async () => {
		const items = Array.from({ length: 250 }, (_, i) => lead(i));
		sandbox.zoho.insertDirect('Leads', [lead(3), lead(7)]);
		const { output } = await run(
			{ resource: 'record', operation: 'upsert', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' },
			items,
		);
		expect(output[0]).toHaveLength(250);
		expect(output[0].map((o) => (o.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		expect(calls(/^\/crm\/v8\/Leads\/upsert$/, 'POST')).toBe(3);
		expect(output[0][3].json.action).toBe('update');
		expect(output[0][4].json.action).toBe('insert');
		expect(sandbox.zoho.records('Leads')).toHaveLength(250);
	});

	it('inserts with the resource mapper, typing values from field metadata', async () => {
		const { output } = await run(
			{
				resource: 'record',
				operation: 'create',
				fieldsToSend: 'mapper',
				columns: {
					mappingMode: 'defineBelow',
					value: { Last_Name: 'Typed', Company: 'Acme', No_of_Employees: '42', Email_Opt_Out: 'true', Interests: 'Webinars, Events' },
					matchingColumns: [],
					schema: [],
				},
			},
		);
		const id = String(output[0][0].json.id);
		const stored = sandbox.zoho.record('Leads', id) as IDataObject;
		expect(stored.No_of_Employees).toBe(42);
		expect(stored.Email_Opt_Out).toBe(true);
		expect(stored.Interests).toEqual(['Webinars', 'Events']);
	});

	it('marks only the failing items of a 207 and keeps the others (continue-on-fail)', async () => {
		const items = [lead(1), { Company: 'No last name' }, { ...lead(2), No_of_Employees: 'many' }, lead(3)];
		const { output } = await run(
			{ resource: 'record', operation: 'create', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' },
			items,
			true,
		);
		const json = output[0].map((o) => o.json);
		expect(json[0].status).toBe('success');
		expect(json[1].code).toBe('MANDATORY_NOT_FOUND');
		expect(String(json[1].error)).toMatch(/Item 1, module Leads, field Last_Name: Zoho CRM MANDATORY_NOT_FOUND/);
		expect(json[2].code).toBe('INVALID_DATA');
		expect(json[2].field).toBe('No_of_Employees');
		expect(json[3].status).toBe('success');
		expect(sandbox.zoho.records('Leads')).toHaveLength(2);
	});

	it('without continue-on-fail a failing record stops the node with an error naming item, field and code', async () => {
		await expect(
			run({ resource: 'record', operation: 'create', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' }, [
				lead(1),
				{ Company: 'x' },
			]),
		).rejects.toThrow(/Item 1, module Leads, field Last_Name: Zoho CRM MANDATORY_NOT_FOUND/);
	});

	it('updates and deletes 150 records in 2 calls each', async () => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 150, seed: 7 }).map(String);
		const items = ids.map((id) => ({ id, City: 'Zürich (HQ), CH' }));
		const updated = await run({ resource: 'record', operation: 'update', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify({ City: $json.City }) }}' }, items);
		expect(updated.output[0].every((o) => o.json.status === 'success')).toBe(true);
		expect(calls(/^\/crm\/v8\/Leads$/, 'PUT')).toBe(2);
		expect((sandbox.zoho.record('Leads', ids[149]) as IDataObject).City).toBe('Zürich (HQ), CH');
		const deleted = await run({ resource: 'record', operation: 'delete' }, items);
		expect(deleted.output[0]).toHaveLength(150);
		expect(calls(/^\/crm\/v8\/Leads$/, 'DELETE')).toBe(2);
		expect(sandbox.zoho.records('Leads')).toHaveLength(0);
	});

	it('gets many past 2,000 records with page_token, 200 per call, all fields split into sets of 50', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 2_300, seed: 11 });
		const { output } = await run({ resource: 'record', operation: 'getMany', returnAll: true });
		expect(output[0]).toHaveLength(2_300);
		expect(new Set(output[0].map((o) => o.json.id)).size).toBe(2_300);
		const listCalls = sandbox.server.log.filter((e) => e.path === '/crm/v8/Leads' && e.method === 'GET');
		expect(listCalls.some((e) => e.query.page_token)).toBe(true);
		expect(listCalls.every((e) => (e.query.fields ?? '').split(',').length <= 50)).toBe(true);
		const fieldSets = new Set(listCalls.map((e) => e.query.fields)).size;
		expect(fieldSets).toBeGreaterThan(1);
		expect(listCalls.length).toBe(fieldSets * Math.ceil(2_300 / 200));
		const anyLead = output[0][0].json;
		expect(anyLead).toHaveProperty('Last_Name');
		expect(anyLead).toHaveProperty('Budget');
	});

	it('reads the column sets of an all-fields Get Many side by side, not one after the other', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 1_000, seed: 12 });
		sandbox.server.latencyMs = 20;
		try {
			const { output } = await run({ resource: 'record', operation: 'getMany', returnAll: true });
			expect(output[0]).toHaveLength(1_000);
			expect(output[0].every((o) => 'Last_Name' in o.json && 'Budget' in o.json)).toBe(true);
		} finally {
			sandbox.server.latencyMs = 0;
		}
		const listCalls = sandbox.server.log.filter((e) => e.path === '/crm/v8/Leads' && e.method === 'GET');
		expect(listCalls).toHaveLength(2 * 5);
		// Two page chains in flight together: the read takes 5 rounds of latency, not 10.
		expect(sandbox.server.getStats().maxConcurrency['zoho-crm']).toBe(2);
	});

	it('stops the other column sets when one fails, and returns only after every call has ended', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 2_000, seed: 13 });
		sandbox.server.latencyMs = 10;
		sandbox.server.addFault({ service: 'zoho-crm', method: 'GET', path: '/crm/v8/Leads', kind: 'status', status: 400, after: 3, times: 1 });
		sandbox.server.resetStats();
		const before = sandbox.server.lastSeq;
		try {
			await expect(run({ resource: 'record', operation: 'getMany', returnAll: true })).rejects.toThrow();
			// The moment the node fails, every call the sandbox received has been answered (none still
			// running in another column set), and every request it received is in the log.
			expect(sandbox.server.inflight('zoho-crm')).toBe(0);
			expect(sandbox.server.log.length).toBe(sandbox.server.lastSeq - before);
			expect(sandbox.server.log.filter((e) => e.path === '/crm/v8/Leads').length).toBeLessThan(6);
		} finally {
			sandbox.server.latencyMs = 0;
		}
	});

	it('with a limit fetches no more pages than needed', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 1_000, seed: 3 });
		const { output } = await run({ resource: 'record', operation: 'getMany', returnAll: false, limit: 250, fields: ['Last_Name', 'Email'] });
		expect(output[0]).toHaveLength(250);
		expect(calls(/^\/crm\/v8\/Leads$/, 'GET')).toBe(2);
	});

	it('answers 204 (no records) and 304 (not modified) with no items, not an error', async () => {
		const empty = await run({ resource: 'record', operation: 'getMany', returnAll: true, fields: ['Last_Name'] });
		expect(empty.output[0]).toEqual([]);
		sandbox.zoho.seed({ module: 'Leads', count: 5, seed: 1 });
		const future = new Date(Date.now() + 3_600_000).toISOString();
		const since = await run({ resource: 'record', operation: 'getMany', returnAll: true, fields: ['Last_Name'], filters: { modifiedSince: future } });
		expect(since.output[0]).toEqual([]);
	});

	it('gets 120 records by id in 2 calls per field set', async () => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 120, seed: 5 }).map(String);
		const { output } = await run({ resource: 'record', operation: 'get', fields: ['Last_Name', 'Email'] }, ids.map((id) => ({ id })));
		expect(output[0]).toHaveLength(120);
		expect(output[0].map((o) => o.json.id)).toEqual(ids);
		expect(calls(/^\/crm\/v8\/Leads$/, 'GET')).toBe(2);
	});

	it('searches with conditions whose values contain ( ) , \\ and non-ASCII characters', async () => {
		sandbox.zoho.insertDirect('Leads', [
			{ Last_Name: 'Smith, J (Jr.)', Company: 'A\\B', City: 'Zürich' },
			{ Last_Name: 'Other', Company: 'X', City: 'Zürich' },
		]);
		const { output } = await run({
			resource: 'record',
			operation: 'search',
			searchBy: 'conditions',
			combine: 'and',
			conditions: { condition: [{ field: 'Last_Name', operator: 'equals', value: 'Smith, J (Jr.)' }, { field: 'City', operator: 'equals', value: 'Zürich' }] },
			returnAll: true,
		});
		expect(output[0].map((o) => o.json.Last_Name)).toEqual(['Smith, J (Jr.)']);
		const none = await run({ resource: 'record', operation: 'search', searchBy: 'email', term: 'nobody@nowhere.test', returnAll: true });
		expect(none.output[0]).toEqual([]);
	});

	it('runs COQL paged past 2,000 rows and respects the user LIMIT', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 2_100, seed: 9 });
		const all = await run({ resource: 'query', operation: 'coql', query: 'select Last_Name from Leads where Last_Name is not null' });
		expect(all.output[0]).toHaveLength(2_100);
		expect(calls(/^\/crm\/v8\/coql$/)).toBe(2);
		sandbox.server.resetStats();
		const limited = await run({ resource: 'query', operation: 'coql', query: 'select Last_Name from Leads where Last_Name is not null limit 10, 25' });
		expect(limited.output[0]).toHaveLength(25);
		expect(calls(/^\/crm\/v8\/coql$/)).toBe(1);
	});

	it('retries 429 bursts and 5xx without writing a record twice', async () => {
		sandbox.server.addFault({ service: 'zoho-crm', path: '/crm/v8/Leads/upsert', kind: 'status', status: 429, times: 3 });
		sandbox.server.addFault({ service: 'zoho-crm', path: '/crm/v8/Leads/upsert', kind: 'status', status: 500, times: 1 });
		const items = Array.from({ length: 120 }, (_, i) => lead(i));
		const { output } = await run({ resource: 'record', operation: 'upsert', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' }, items);
		expect(output[0].every((o) => o.json.status === 'success')).toBe(true);
		expect(sandbox.zoho.records('Leads')).toHaveLength(120);
		expect(new Set(sandbox.zoho.records('Leads').map((r: IDataObject) => r.Email)).size).toBe(120);
	});

	it('refreshes an expired token once for a parallel run, and asks for a reconnect when the refresh token is revoked', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 50, seed: 2 });
		const creds = credentials();
		sandbox.zoho.expireAccessTokens();
		const ok = await run({ resource: 'record', operation: 'getMany', returnAll: true, fields: ['Last_Name'] }, [{}, {}, {}], false, creds);
		expect(ok.output[0]).toHaveLength(150);
		expect(ok.tokenUpdates).toBe(1);
		expect(sandbox.server.log.filter((e) => e.path === '/oauth/v2/token')).toHaveLength(1);

		const data = creds.zohoCrmConnectOAuth2Api.oauthTokenData as { refresh_token: string; access_token: string };
		sandbox.zoho.expireAccessTokens();
		sandbox.zoho.revokeRefreshToken(data.refresh_token);
		const failure = await run({ resource: 'record', operation: 'getMany', returnAll: true, fields: ['Last_Name'] }, [{}], false, ok.credentials).catch(
			(e: Error) => e,
		);
		expect(String((failure as Error).message)).toMatch(/reconnect the Zoho CRM credential/);
		expect(String((failure as Error).message)).not.toContain(data.refresh_token);
	});

	it('refuses an unknown module name and a custom API path on another host', async () => {
		const bad = await run({ resource: 'record', operation: 'getMany', module: { __rl: true, mode: 'name', value: 'Leads; drop' }, returnAll: true }, [{}], true);
		expect(String(bad.output[0][0].json.error)).toMatch(/Item 0, field "Module"/);
		const unknown = await run({ resource: 'record', operation: 'getMany', module: { __rl: true, mode: 'name', value: 'Nope' }, returnAll: true, fields: ['id'] }, [{}], true);
		expect(unknown.output[0][0].json.error).toMatch(/Zoho CRM/);
		const evil = await run({ resource: 'customApiCall', operation: 'call', method: 'GET', path: 'https://evil.example.com/crm/v8/Leads' }, [{}], true);
		expect(String(evil.output[0][0].json.error)).toMatch(/Item 0, field "Path"/);
		const count = await run({ resource: 'customApiCall', operation: 'call', method: 'GET', path: '/crm/v8/Leads/actions/count' });
		expect(count.output[0][0].json.statusCode).toBe(200);
	});
});
