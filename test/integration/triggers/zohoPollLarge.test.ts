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
