/**
 * Zoho CRM reads under faults: Get Many (return all) of SIZES.zohoRead leads, 200 per call, page
 * numbers to 2,000 and page_token beyond, through every fault scenario plus a page_token that
 * expires mid-read. The output is compared with the sandbox's Leads: 0 lost, 0 duplicated.
 */
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { startSandbox, type Sandbox } from '../sandbox';
import { apiCalls, BOUND, commonScenarios, flushRows, pairedIndex, record, retryBound, SIZES, scale, type Scenario } from './kit';
import { LEADS } from '../helpers/zohoModules';

jest.setTimeout(600_000);

const N = SIZES[scale()].zohoRead;
const IDEAL = Math.ceil(N / 200);
/** The 11th list call is the first with a page_token (page numbers stop at 2,000 records). */
const FIRST_TOKEN_CALL = 11;

let sandbox: Sandbox;
let seeded: string[];
const ledger = new SecretLedger({ clientSecret: ZOHO_CLIENT.clientSecret });
const node = new ZohoCrmConnect();

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	flushRows('zoho-reads');
	await sandbox?.close();
});

const scenarios: Scenario[] = [
	...commonScenarios('zoho-crm'),
	{
		name: 'access token expires mid-run',
		arm: (s, ideal) => {
			s.zoho.expireAccessTokensAfter(Math.floor(ideal / 2));
		},
		extraRetries: () => 1,
	},
	{
		name: 'page_token expires mid-read',
		arm: (s, ideal) => {
			s.zoho.expirePageTokensAfter(Math.max(FIRST_TOKEN_CALL, Math.floor(ideal / 2)));
		},
		// The listing starts over once: the pages read so far again, plus the call that met the expiry.
		extraRetries: (ideal) => Math.max(FIRST_TOKEN_CALL, Math.floor(ideal / 2)) + 1,
	},
];

describe(`Zoho CRM read: get all of ${N.toLocaleString('en-US')} leads under faults`, () => {
	beforeEach(() => {
		sandbox.reset();
		seeded = sandbox.zoho.seed({ module: 'Leads', count: N, seed: 9 }).map(String);
	});

	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const rules = scenario.faults?.(IDEAL) ?? [];
		for (const rule of rules) sandbox.server.addFault(rule);
		scenario.arm?.(sandbox, IDEAL);
		const tokens = sandbox.zoho.issueTokens();
		ledger.add({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
		const started = Date.now();
		const result = await runNode({
			node,
			parameters: {
				resource: 'record',
				operation: 'getMany',
				module: LEADS,
				returnAll: true,
				fields: ['Last_Name', 'Email'],
				options: { concurrency: BOUND },
			},
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
			continueOnFail: true,
		});
		const wallMs = Date.now() - started;
		const refreshed = result.credentials.zohoCrmConnectOAuth2Api.oauthTokenData as { access_token?: string };
		if (refreshed.access_token !== tokens.access_token) ledger.add({ refreshedAccessToken: refreshed.access_token });
		ledger.scan('zoho read output', result.output);
		ledger.scanUrls(sandbox.server.log);

		const out = result.output[0];
		const errors = out.filter((o) => o.json.error !== undefined);
		const ids = out.filter((o) => o.json.error === undefined).map((o) => String(o.json.id));
		const unique = new Set(ids);
		const lost = seeded.filter((id) => !unique.has(id)).length;
		const duplicated = ids.length - unique.size;
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'zoho-crm').length;
		const refreshes = sandbox.zoho.tokenStats().refreshGrants;
		record({
			workload: 'Zoho CRM read',
			scenario: scenario.name,
			items: N,
			calls,
			retries: calls - IDEAL,
			faults: stats.faultsFired,
			errors: errors.length,
			lost,
			duplicated,
			maxConcurrency: stats.maxConcurrency['zoho-crm'] ?? 0,
			refreshes,
			wallMs,
		});
		expect(errors.map((e) => e.json.error)).toEqual([]);
		expect(out.every((o) => pairedIndex(o) === 0)).toBe(true);
		expect(lost).toBe(0);
		expect(duplicated).toBe(0);
		expect(ids).toHaveLength(N);
		expect(stats.maxConcurrency['zoho-crm']).toBeLessThanOrEqual(BOUND);
		if (rules.length) expect(stats.faultsFired).toBeGreaterThan(0);
		expect(calls - IDEAL).toBeLessThanOrEqual(retryBound(rules, stats.faultsFired) + (scenario.extraRetries?.(IDEAL) ?? 0));
		expect(refreshes).toBe(scenario.name.startsWith('access token') ? 1 : 0);
		if (scenario.name.startsWith('page_token')) {
			expect(stats.byStatus['400']).toBe(1);
			expect(sandbox.server.log.some((e) => e.query.page_token)).toBe(true);
		}
		if (!rules.length && !scenario.arm) expect(calls).toBe(IDEAL);
	});

	it('no token or client secret in any output, error or URL of the runs above', () => {
		expect(ledger.strings).toBeGreaterThan(N);
		expect(ledger.hits).toEqual([]);
	});
});
