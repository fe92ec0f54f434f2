import type { IDataObject, INodeParameters, NodeExecutionHint } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };

// Two tests write 5,200 items (the smallest write where Bulk Write is cheaper), in-process.
jest.setTimeout(120_000);

const methodHints = (hints: NodeExecutionHint[]): string[] => hints.filter((h) => h.message.startsWith('Write method:')).map((h) => h.message);

describe('Zoho CRM Connect: Bulk Write (create, update, create or update through jobs)', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.zoho.bulkWrite.config.queuedMs = 0;
		sandbox.zoho.bulkWrite.config.runMs = 0;
	});

	const run = (parameters: INodeParameters, items: IDataObject[], options: { continueOnFail?: boolean; scope?: string } = {}) =>
		runNode({
			node,
			parameters: { module: LEADS, resource: 'record', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}', ...parameters },
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens(options.scope ? { scope: options.scope } : {})) },
			continueOnFail: options.continueOnFail ?? false,
		});
	const lead = (i: number, extra: IDataObject = {}): IDataObject => ({ Last_Name: `Bulk ${i}`, Company: `Co ${i}`, Email: `bulk.${i}@example.com`, ...extra });
	const endpointCalls = (endpoint: string): number => sandbox.server.getStats().byEndpoint[endpoint] ?? 0;

	it('upserts in jobs of the configured size; every item answered with its id and action, or its row error (continue on fail, paired items)', async () => {
		sandbox.zoho.insertDirect('Leads', [{ Last_Name: 'Existing', Company: 'Old', Email: 'bulk.2@example.com' }]);
		const existing = sandbox.zoho.records('Leads')[0].id;
		const items = [lead(0), lead(1), lead(2, { Company: 'Renamed' }), lead(3, { Email: 'not-an-email' }), lead(4), lead(5), lead(6)];
		const { output, hints } = await run({ operation: 'upsert', writeMethod: 'bulk', bulkJobSize: 3, duplicateCheckFields: ['Email'] }, items, { continueOnFail: true });
		const out = output[0];
		expect(out).toHaveLength(7);
		expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out[2].json).toMatchObject({ id: existing, status: 'success', action: 'update', message: 'record updated' });
		expect(out[3].json).toMatchObject({ code: 'INVALID_DATA', field: 'Email' });
		for (const i of [0, 1, 4, 5, 6]) expect(out[i].json).toMatchObject({ id: expect.stringMatching(/^\d+$/), status: 'success', action: 'insert' });
		expect(endpointCalls('POST /crm/bulk/v8/write')).toBe(3);
		expect(endpointCalls('POST /crm/v8/upsert')).toBe(0);
		const stored = sandbox.zoho.records('Leads');
		expect(stored).toHaveLength(6);
		expect(new Set(stored.map((r) => r.id))).toEqual(new Set([existing, ...[0, 1, 4, 5, 6].map((i) => String(out[i].json.id))]));
		expect(sandbox.zoho.record('Leads', existing)).toMatchObject({ Company: 'Renamed' });
		expect(methodHints(hints)).toEqual(['Write method: Leads: 7 records written with Bulk Write in 3 jobs, matched by Email']);
	});

	it('writes every field type as the Records API does (dates, date-times in the org time zone, multi-select, booleans, numbers, lookups)', async () => {
		const campaign = sandbox.zoho.insertDirect('Campaigns', [{ Campaign_Name: 'Spring' }])[0].id;
		const values = {
			Date_of_Birth: '1990-12-31',
			Next_Follow_Up: '2026-07-01T09:30:00+02:00',
			Interests: ['Webinars', 'Offers'],
			Email_Opt_Out: true,
			Related_Campaign: { id: campaign },
			Description: 'Line one, "quoted"\nline two',
		};
		const rest = await run({ operation: 'create', writeMethod: 'records' }, [lead(1, values)]);
		const bulk = await run({ operation: 'create', writeMethod: 'bulk' }, [lead(2, values)]);
		const viaRest = sandbox.zoho.record('Leads', String(rest.output[0][0].json.id))!;
		const viaBulk = sandbox.zoho.record('Leads', String(bulk.output[0][0].json.id))!;
		// Date-times: the same instant (Bulk Write reads them in the org's time zone, America/New_York in the sandbox).
		const same = (key: string, v: unknown): unknown => (key === 'Next_Follow_Up' ? Date.parse(String(v)) : v);
		for (const key of Object.keys(values)) expect({ key, value: same(key, viaBulk[key]) }).toEqual({ key, value: same(key, viaRest[key]) });
		expect(viaBulk.Next_Follow_Up).toBe('2026-07-01T07:30:00+00:00');
	});

	it('Automatic writes 5,200 items with one Bulk Write job (at most 510 credits, not 520) and answers every item', async () => {
		const items = Array.from({ length: 5_200 }, (_, i) => lead(i));
		const { output, hints } = await run({ operation: 'upsert', duplicateCheckFields: [] }, items);
		expect(output[0]).toHaveLength(5_200);
		expect(output[0].every((o, i) => o.json.status === 'success' && o.json.action === 'insert' && o.pairedItem && (o.pairedItem as { item: number }).item === i)).toBe(true);
		expect(new Set(output[0].map((o) => o.json.id)).size).toBe(5_200);
		expect(sandbox.zoho.records('Leads')).toHaveLength(5_200);
		expect(endpointCalls('POST /crm/bulk/v8/write')).toBe(1);
		expect(sandbox.zoho.credits().total).toBeLessThanOrEqual(510);
		expect(methodHints(hints)).toEqual(['Write method: Leads: 5,200 records written with Bulk Write in 1 job, matched by Email']);
	});

	it('Automatic keeps the Records API where it is cheaper or Bulk Write cannot do the write, and says why', async () => {
		const small = await run({ operation: 'create' }, [lead(1), lead(2)]);
		expect(methodHints(small.hints)[0]).toMatch(/^Write method: Leads: 2 records written with the Records API \(about 1 credit, fewer than the 509 credits of Bulk Write\)$/);
		const notes = await run({ operation: 'create', module: { __rl: true, mode: 'name', value: 'Notes' }, writeMethod: 'bulk' }, [{ Note_Content: 'x' }], { continueOnFail: true });
		expect(notes.output[0][0].json.error).toMatch(/Bulk Write does not support the module Notes/);
		expect(endpointCalls('POST /crm/bulk/v8/write')).toBe(0);
	});

	it('a credential without the bulk scopes: Automatic falls back to the Records API, Bulk Write names the scopes', async () => {
		const scope = 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL';
		const items = Array.from({ length: 5_200 }, (_, i) => lead(i));
		const auto = await run({ operation: 'create' }, items, { scope });
		expect(auto.output[0].every((o) => o.json.status === 'success')).toBe(true);
		expect(methodHints(auto.hints)[0]).toMatch(/Records API \(the credential lacks the Bulk Write scopes ZohoCRM.bulk.ALL, ZohoCRM.org.READ and ZohoFiles.files.ALL\)/);
		expect(sandbox.zoho.records('Leads')).toHaveLength(5_200);
		sandbox.reset();
		const bulk = await run({ operation: 'create', writeMethod: 'bulk' }, [lead(1)], { scope, continueOnFail: true });
		expect(bulk.output[0][0].json.error).toMatch(/OAUTH_SCOPE_MISMATCH on Bulk Write: the credential needs ZohoCRM.bulk.ALL/);
		expect(sandbox.zoho.records('Leads')).toHaveLength(0);
	});

	it('without Continue On Fail a skipped row stops the node naming the item, the code and the field', async () => {
		await expect(run({ operation: 'create', writeMethod: 'bulk' }, [lead(0), lead(1, { Email: 'bad' })])).rejects.toThrow(/Item 1.*field Email.*INVALID_DATA/);
	});

	it('update by id through Bulk Write; an id that matches nothing is that item’s error', async () => {
		const ids = sandbox.zoho.insertDirect('Leads', [lead(1), lead(2)]).map((r) => r.id);
		const { output } = await run(
			{ operation: 'update', writeMethod: 'bulk', recordId: '={{ $json.id }}', jsonFields: '={{ JSON.stringify({ Company: $json.Company }) }}' },
			[{ id: ids[0], Company: 'A2' }, { id: '5725767000000999999', Company: 'X' }, { id: ids[1], Company: 'B2' }],
			{ continueOnFail: true },
		);
		expect(output[0].map((o) => o.json.id ?? o.json.code)).toEqual([ids[0], 'RECORD_NOT_FOUND', ids[1]]);
		expect(sandbox.zoho.records('Leads').map((r) => r.Company)).toEqual(['A2', 'B2']);
	});

	it('an upload whose answer is lost after Zoho stored it is uploaded again: one job, nothing written twice', async () => {
		sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', path: '/crm/v8/upload', kind: 'drop', when: 'after', times: 1 });
		const { output } = await run({ operation: 'create', writeMethod: 'bulk' }, [lead(1), lead(2)]);
		expect(output[0].map((o) => o.json.status)).toEqual(['success', 'success']);
		expect(endpointCalls('POST /crm/v8/upload')).toBe(2);
		expect(sandbox.zoho.bulkWrite.created).toBe(1);
		expect(sandbox.zoho.records('Leads')).toHaveLength(2);
	});

	it('a job whose creation answer is lost is never created twice: an upsert is sent again as a new file, an insert answers OUTCOME_UNKNOWN', async () => {
		sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', path: '/crm/bulk/v8/write', kind: 'drop', when: 'after', times: 1 });
		const upsert = await run({ operation: 'upsert', writeMethod: 'bulk', duplicateCheckFields: ['Email'] }, [lead(1), lead(2)]);
		expect(upsert.output[0].map((o) => o.json.status)).toEqual(['success', 'success']);
		expect(sandbox.zoho.records('Leads')).toHaveLength(2);
		expect(sandbox.zoho.bulkWrite.created).toBe(2);
		sandbox.reset();
		sandbox.zoho.bulkWrite.config.queuedMs = 0;
		sandbox.zoho.bulkWrite.config.runMs = 0;
		sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', path: '/crm/bulk/v8/write', kind: 'drop', when: 'after', times: 1 });
		const insert = await run({ operation: 'create', writeMethod: 'bulk' }, [lead(1), lead(2)], { continueOnFail: true });
		expect(insert.output[0].map((o) => o.json.code)).toEqual(['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);
		expect(sandbox.zoho.bulkWrite.created).toBe(1);
	});

	it('a job Zoho fails fails its own items only; the other jobs are answered', async () => {
		sandbox.zoho.bulkWrite.failJobs(1);
		const { output } = await run({ operation: 'create', writeMethod: 'bulk', bulkJobSize: 2 }, [lead(1), lead(2), lead(3)], { continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/Bulk Write job \d+ ended in state FAILED/);
		expect(output[0][1].json.error).toMatch(/FAILED/);
		expect(output[0][2].json).toMatchObject({ status: 'success' });
		expect(sandbox.zoho.records('Leads')).toHaveLength(1);
	});
});
