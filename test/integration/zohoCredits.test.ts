import type { IDataObject, INodeParameters, NodeExecutionHint } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { ZohoCrmConnectTrigger } from '../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import { zohoUsage } from '../../nodes/ZohoCrm/transport';
import { CREDIT_RULES, DEFAULT_CREDITS, creditRuleFor, zohoCredits } from '../../nodes/ZohoCrm/transport/credits';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { pollSession } from '../helpers/pollRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';
import { LEADS } from '../helpers/zohoModules';

const ALL_LEADS_VIEW = '5725767000000087501';

interface Operation {
	method: string;
	oauth_scope: string;
	min_credits: number;
	max_credits: number;
}

/** "Zoho CRM: 25 API calls, 36 API credits" -> numbers. */
function reported(hints: NodeExecutionHint[]): { calls: number; credits: number } {
	const zoho = hints.filter((h) => h.message.startsWith('Zoho CRM:'));
	expect(zoho).toHaveLength(1);
	expect(zoho[0]).toMatchObject({ type: 'info', location: 'outputPane' });
	const m = /^Zoho CRM: ([\d,]+) API calls?(?: \([\d,]+ retr(?:y|ies) included\))?, ([\d,]+) API credits?$/.exec(zoho[0].message);
	expect(m).not.toBeNull();
	const num = (s: string): number => Number(s.replace(/,/g, ''));
	return { calls: num(m![1]), credits: num(m![2]) };
}

describe('Zoho API credits: what the node reports equals what the sandbox billed', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const run = (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) =>
		runNode({
			node,
			parameters: { module: LEADS, ...parameters },
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
			continueOnFail,
		});

	/** Seed, then forget the seeding in the counters: only the node's calls are counted. */
	const seed = (count: number, seedNo: number): string[] => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count, seed: seedNo }).map(String);
		sandbox.server.resetStats();
		return ids;
	};
	const billed = () => ({ calls: sandbox.server.getStats().byService['zoho-crm'] ?? 0, credits: sandbox.zoho.credits().total });
	const creditsOn = (endpoint: string): number => sandbox.zoho.credits().byEndpoint[endpoint] ?? 0;

	it('upsert 250 records: 3 calls of 100, 100 and 50 records = 10 + 10 + 5 credits', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({ Last_Name: `Lead ${i}`, Company: `Co ${i}`, Email: `lead${i}@example.com` }));
		const { output, hints } = await run({ resource: 'record', operation: 'upsert', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' }, items);
		expect(output[0]).toHaveLength(250);
		const spent = reported(hints);
		expect(spent).toEqual(billed());
		expect(creditsOn('POST /crm/v8/:module/upsert')).toBe(25);
		expect(spent).toEqual({ calls: 3, credits: 25 });
	});

	it('get many 2,300 leads, all fields (2 field sets): 1 metadata call + 2 x 12 pages, 1 credit each', async () => {
		seed(2_300, 11);
		const { output, hints } = await run({ resource: 'record', operation: 'getMany', returnAll: true });
		expect(output[0]).toHaveLength(2_300);
		const pages = sandbox.server.log.filter((e) => e.method === 'GET' && e.path === '/crm/v8/Leads');
		expect(new Set(pages.map((e) => e.query.fields)).size).toBe(2);
		const spent = reported(hints);
		expect(spent).toEqual(billed());
		expect(spent).toEqual({ calls: 25, credits: 25 });
	});

	it('get many 2,300 leads of a custom view (cvid), 2 fields: 12 pages at 3 credits', async () => {
		seed(2_300, 12);
		const { output, hints } = await run({
			resource: 'record',
			operation: 'getMany',
			returnAll: true,
			fields: ['Last_Name', 'Email'],
			filters: { cvid: ALL_LEADS_VIEW },
		});
		expect(output[0]).toHaveLength(2_300);
		const spent = reported(hints);
		expect(spent).toEqual(billed());
		expect(creditsOn('GET /crm/v8/:module')).toBe(36);
		expect(spent.credits - spent.calls).toBe(24);
	});

	it('COQL 2,100 rows: 2 calls at LIMIT 2000 = 3 + 3 credits; a LIMIT of 25 costs 1', async () => {
		seed(2_100, 9);
		const all = await run({ resource: 'query', operation: 'coql', query: 'select Last_Name from Leads where Last_Name is not null' });
		expect(all.output[0]).toHaveLength(2_100);
		expect(reported(all.hints)).toEqual(billed());
		expect(reported(all.hints)).toEqual({ calls: 2, credits: 6 });

		sandbox.server.resetStats();
		const limited = await run({ resource: 'query', operation: 'coql', query: 'select Last_Name from Leads where Last_Name is not null limit 10, 25' });
		expect(limited.output[0]).toHaveLength(25);
		expect(reported(limited.hints)).toEqual(billed());
		expect(reported(limited.hints)).toEqual({ calls: 1, credits: 1 });
	});

	it('convert 2 leads: 5 credits each', async () => {
		const ids = seed(2, 3);
		const { output, hints } = await run({ resource: 'lead', operation: 'convert' }, ids.map((id) => ({ id })));
		expect(output[0]).toHaveLength(2);
		expect(reported(hints)).toEqual(billed());
		expect(reported(hints)).toEqual({ calls: 2, credits: 10 });
	});

	it('add tags to 3 records: 1 call and 1 credit per record', async () => {
		const ids = seed(3, 5);
		const { hints } = await run({ resource: 'tag', operation: 'add', tags: 'vip, newsletter' }, ids.map((id) => ({ id })));
		expect(reported(hints)).toEqual(billed());
		expect(reported(hints)).toEqual({ calls: 3, credits: 3 });
	});

	it('an item Zoho answers with an error is reported and billed alike (continue-on-fail)', async () => {
		const [id] = seed(1, 6);
		const { output, hints } = await run({ resource: 'lead', operation: 'convert' }, [{ id }, { id: '123' }], true);
		expect(output[0][1].json.error).toBeDefined();
		expect(reported(hints)).toEqual(billed());
		// The unknown id is answered with an error, priced like any answered convert.
		expect(reported(hints)).toEqual({ calls: 2, credits: 10 });
	});

	it('retried 429s count as calls, not as credits', async () => {
		seed(0, 1);
		sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', path: '/crm/v8/coql', kind: 'status', status: 429, times: 2 });
		const { hints } = await run({ resource: 'query', operation: 'coql', query: 'select Last_Name from Leads limit 10' });
		const message = hints.map((h) => h.message).join(' ');
		expect(message).toMatch(/3 API calls \(2 retries included\), 1 API credit$/);
		expect(reported(hints)).toEqual(billed());
	});

	it('each poll of the Zoho trigger tallies its own calls and credits (what it logs; polls have no hints)', async () => {
		seed(0, 1);
		const session = pollSession({
			node: new ZohoCrmConnectTrigger(),
			parameters: { module: LEADS, event: 'createdOrUpdated', fields: ['Last_Name', 'Email'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
		const context = session.contextOf('trigger');
		await session.poll();
		const first = { ...zohoUsage(context) };
		expect({ calls: first.calls, credits: first.credits }).toEqual(billed());
		sandbox.zoho.insertDirect('Leads', [{ Last_Name: 'New', Company: 'Co' }]);
		sandbox.server.resetStats();
		await session.poll();
		// A fresh tally per poll (n8n reuses one context for the activation).
		expect({ calls: zohoUsage(context)?.calls, credits: zohoUsage(context)?.credits }).toEqual(billed());
		expect(billed().calls).toBeGreaterThan(0);
	});

	it('GET /crm/v8/__apis answers the credits per endpoint and method, and our cost table agrees with it', async () => {
		const { access_token } = sandbox.zoho.issueTokens();
		const get = async (qs = '') => await fetch(`${sandbox.url}/crm/v8/__apis${qs}`, { headers: { Authorization: `Zoho-oauthtoken ${access_token}` } });
		const answer = await get();
		expect(answer.status).toBe(200);
		const { __apis: apis } = (await answer.json()) as { __apis: Array<{ path: string; operation_types: Operation[] }> };
		const listed = new Map(apis.flatMap((api) => api.operation_types.map((o) => [`${o.method} ${api.path}`, o] as const)));

		// Every rule of the table is an endpoint Zoho lists, with the same min and max credits.
		for (const rule of CREDIT_RULES) {
			const operation = listed.get(`${rule.method} ${rule.apiPath}`);
			expect({ rule: rule.name, min: operation?.min_credits, max: operation?.max_credits }).toEqual({
				rule: rule.name,
				min: rule.minCredits,
				max: rule.maxCredits,
			});
		}
		// Every other listed endpoint costs what our table charges a call of it without a rule (1).
		for (const api of apis) {
			for (const operation of api.operation_types) {
				const own = CREDIT_RULES.find((r) => r.method === operation.method && r.apiPath === api.path);
				if (own) continue;
				const concrete = api.path.replace('{module_api_name}', 'Leads').replace(/\{[^}]+\}/g, '42');
				const price = zohoCredits({ method: operation.method, path: concrete, query: {}, body: { data: [{}] } });
				const entry = `${operation.method} ${api.path}`;
				if (creditRuleFor(operation.method, concrete)) {
					// A fixed path of a generic shape (GET /crm/v8/users looks like Get Records): within Zoho's range.
					expect({ entry, inRange: price >= operation.min_credits && price <= operation.max_credits }).toEqual({ entry, inRange: true });
				} else {
					expect({ entry, min: operation.min_credits, max: operation.max_credits, price }).toEqual({
						entry,
						min: DEFAULT_CREDITS,
						max: DEFAULT_CREDITS,
						price: DEFAULT_CREDITS,
					});
				}
			}
		}

		// Zoho's filters parameter narrows the list (here: POST endpoints only).
		const posts = await get(`?filters=${encodeURIComponent(JSON.stringify({ field: { api_name: 'operation_types.method' }, comparator: 'equals', value: 'POST' }))}`);
		const postBody = (await posts.json()) as { __apis: Array<{ operation_types: Operation[] }> };
		expect(postBody.__apis.flatMap((a) => a.operation_types).every((o) => o.method === 'POST')).toBe(true);
		expect((await get('?filters=nope')).status).toBe(400);
	});
});
