import { ZohoCrmConnectTrigger } from '../../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import { pollSession } from '../../helpers/pollRunner';
import { zohoCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
const TOTAL = 120_000;
/** Hundreds of calls per poll: generous, not a speed claim. */
const LONG = 600_000;

describe('Zoho CRM Connect Trigger (polling): first activation from a date over a module past 100,000 records', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	}, LONG);
	afterAll(async () => sandbox.close());

	it('pages through every record once across polls, past the REST listing limit of 100,000', async () => {
		const now = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
		sandbox.zoho.setClock(() => now);
		const ids = sandbox.zoho.seed({ module: 'Leads', count: TOTAL, seed: 11, fields: ['Last_Name', 'Company', 'Email'] });
		const s = pollSession({
			node: new ZohoCrmConnectTrigger(),
			parameters: { module: LEADS, event: 'createdOrUpdated', fields: ['Last_Name', 'Email'], startFrom: 'date', startDate: '2000-01-01T00:00:00Z', options: { maxPages: 500 } },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
		const seen: string[] = [];
		const polls: number[] = [];
		for (let poll = 0; poll < 5; poll++) {
			const json = await s.pollJson();
			if (json.length === 0) break;
			polls.push(json.length);
			seen.push(...json.map((r) => String(r.id)));
		}
		expect(polls).toEqual([100_000, 20_000]);
		expect(new Set(seen).size).toBe(TOTAL);
		expect(new Set(seen)).toEqual(new Set(ids));
		expect(await s.poll()).toBeNull();
		sandbox.zoho.setClock(undefined);
	}, LONG);
});

describe('Zoho CRM Connect Trigger (polling): a mass update of more than 100,000 records stamped with one second', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ zoho: { bulkRead: { addedMs: 0, queuedMs: 0, inProgressMs: 0 } } });
	}, LONG);
	afterAll(async () => sandbox.close());

	it('reads the second the listing cannot page through by Bulk Read, emits each record once, then lists strictly after it', async () => {
		const second = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
		let now = second + 10_000;
		sandbox.zoho.setClock(() => now);
		const stamp = new Date(second).toISOString().replace(/\.\d{3}Z$/, '+00:00');
		const count = 100_150;
		const ids = sandbox.zoho.seed({ module: 'Leads', count, seed: 12, fields: ['Last_Name', 'Company'], overrides: { Modified_Time: stamp } });
		const s = pollSession({
			node: new ZohoCrmConnectTrigger(),
			parameters: { module: LEADS, event: 'createdOrUpdated', fields: ['Last_Name'], startFrom: 'date', startDate: new Date(second - 60_000).toISOString(), options: { maxPages: 500 } },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
		const seen: string[] = [];
		const first = await s.pollJson();
		expect(first).toHaveLength(100_000);
		seen.push(...first.map((r) => String(r.id)));
		sandbox.server.resetStats();
		const second2 = await s.pollJson();
		expect(second2).toHaveLength(150);
		expect(second2[0]).toMatchObject({ Last_Name: expect.any(String), Modified_Time: stamp });
		seen.push(...second2.map((r) => String(r.id)));
		expect(sandbox.server.getStats().byEndpoint['POST /crm/bulk/v8/read']).toBe(1);
		expect(new Set(seen).size).toBe(count);
		expect(new Set(seen)).toEqual(new Set(ids));

		sandbox.server.resetStats();
		expect(await s.poll()).toBeNull();
		// The second is closed: one listing call strictly after it, no job.
		expect(sandbox.server.getStats().byEndpoint['GET /crm/v8/:module']).toBe(1);
		expect(sandbox.server.getStats().byEndpoint['POST /crm/bulk/v8/read']).toBeUndefined();
		now += 2_000;
		sandbox.zoho.touch('Leads', ids[7], { Description: 'after the mass update' });
		expect((await s.pollJson()).map((r) => String(r.id))).toEqual([ids[7]]);
		sandbox.zoho.setClock(undefined);
	}, LONG);
});
