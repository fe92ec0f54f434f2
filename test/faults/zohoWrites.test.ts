/**
 * Zoho CRM writes under faults: an upsert of SIZES.zohoWrite leads (by Email, 100 per call, the
 * nodes' concurrency bound) through every fault scenario, then the sandbox's Leads compared with
 * the input: every item answered, 0 lost, 0 duplicated, concurrency within the bound, retries
 * bounded by the faults that fired. A last run inserts (not upserts) under dropped answers to show
 * what a non-idempotent write does: OUTCOME_UNKNOWN on its items, nothing written twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { startSandbox, type Sandbox } from '../sandbox';
import { apiCalls, BOUND, commonScenarios, everyNth, flushRows, pairedIndex, record, retryBound, SIZES, scale, type Scenario } from './kit';
import { LEADS } from '../helpers/zohoModules';

jest.setTimeout(300_000);

const N = SIZES[scale()].zohoWrite;
const IDEAL = Math.ceil(N / 100);
/** Every 50th input is invalid (text in a number field): Zoho answers 207 for its call. */
const INVALID_EVERY = 50;

const email = (i: number): string => `fault.lead${i}@northwind.io`;
function inputs(withInvalid: boolean): IDataObject[] {
	return Array.from({ length: N }, (_, i) => ({
		Last_Name: `Fault ${i}`,
		Company: `Northwind ${i % 97}`,
		Email: email(i),
		...(withInvalid && i % INVALID_EVERY === 7 ? { No_of_Employees: 'many' } : {}),
	}));
}

let sandbox: Sandbox;
const ledger = new SecretLedger({ clientSecret: ZOHO_CLIENT.clientSecret });
const node = new ZohoCrmConnect();

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	flushRows('zoho-writes');
	await sandbox?.close();
});

interface Outcome {
	out: INodeExecutionData[];
	wallMs: number;
}

async function write(operation: 'upsert' | 'create', items: IDataObject[]): Promise<Outcome> {
	const tokens = sandbox.zoho.issueTokens();
	ledger.add({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
	const started = Date.now();
	const result = await runNode({
		node,
		parameters: {
			resource: 'record',
			operation,
			module: LEADS,
			fieldsToSend: 'json',
			jsonFields: '={{ JSON.stringify($json) }}',
			...(operation === 'upsert' ? { duplicateCheckFields: ['Email'] } : {}),
			options: { concurrency: BOUND },
		},
		items,
		credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
		continueOnFail: true,
	});
	const wallMs = Date.now() - started;
	const stored = result.credentials.zohoCrmConnectOAuth2Api.oauthTokenData as { access_token?: string } | undefined;
	ledger.add({ refreshedAccessToken: stored?.access_token !== tokens.access_token ? stored?.access_token : undefined });
	ledger.scan(`zoho ${operation} output`, result.output);
	ledger.scanUrls(sandbox.server.log);
	return { out: result.output[0], wallMs };
}

interface Tally {
	ok: number;
	errors: IDataObject[];
	errorIndexes: number[];
	lost: number;
	duplicated: number;
}

/** Compares the node's answers and the sandbox's Leads with the input. */
function tally(items: IDataObject[], out: INodeExecutionData[]): Tally {
	expect(out).toHaveLength(items.length);
	const byEmail = new Map<string, string[]>();
	for (const lead of sandbox.zoho.records('Leads')) {
		const key = String(lead.Email);
		byEmail.set(key, [...(byEmail.get(key) ?? []), lead.id]);
	}
	const t: Tally = { ok: 0, errors: [], errorIndexes: [], lost: 0, duplicated: 0 };
	out.forEach((item, i) => {
		expect(pairedIndex(item)).toBe(i);
		const json = item.json;
		const stored = byEmail.get(String(items[i].Email)) ?? [];
		if (json.status === 'success') {
			t.ok++;
			// An item answered success names the record that holds its data.
			expect(stored).toContain(String(json.id));
		} else {
			// An error names the item and carries Zoho's (or our) code.
			expect(String(json.error)).toMatch(new RegExp(`^Item ${i}[,:]`));
			expect(typeof json.code).toBe('string');
			t.errors.push(json);
			t.errorIndexes.push(i);
		}
		if (json.status === 'success' && stored.length === 0) t.lost++;
		if (stored.length > 1) t.duplicated += stored.length - 1;
	});
	return t;
}

const scenarios: Scenario[] = [
	...commonScenarios('zoho-crm'),
	{
		name: 'access token expires mid-run',
		arm: (s, ideal) => {
			s.zoho.expireAccessTokensAfter(Math.floor(ideal / 2));
		},
		// Calls in flight with the old token meet the 401 and are sent again after the one refresh.
		extraRetries: () => BOUND,
	},
];

describe(`Zoho CRM write: upsert ${N.toLocaleString('en-US')} leads under faults`, () => {
	beforeEach(() => sandbox.reset());

	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const rules = scenario.faults?.(IDEAL) ?? [];
		for (const rule of rules) sandbox.server.addFault(rule);
		scenario.arm?.(sandbox, IDEAL);
		const items = inputs(false);
		const { out, wallMs } = await write('upsert', items);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'zoho-crm').length;
		const t = tally(items, out);
		const refreshes = sandbox.zoho.tokenStats().refreshGrants;
		record({
			workload: 'Zoho CRM write',
			scenario: scenario.name,
			items: N,
			calls,
			retries: calls - IDEAL,
			faults: stats.faultsFired,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['zoho-crm'] ?? 0,
			refreshes,
			wallMs,
		});
		expect(t.errors).toEqual([]);
		expect(t.ok).toBe(N);
		expect(t.lost).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(sandbox.zoho.records('Leads')).toHaveLength(N);
		expect(stats.maxConcurrency['zoho-crm']).toBeLessThanOrEqual(BOUND);
		if (rules.length) expect(stats.faultsFired).toBeGreaterThan(0);
		expect(calls - IDEAL).toBeLessThanOrEqual(retryBound(rules, stats.faultsFired) + (scenario.extraRetries?.(IDEAL) ?? 0));
		expect(refreshes).toBe(scenario.arm ? 1 : 0);
		if (!rules.length && !scenario.arm) expect(calls).toBe(IDEAL);
	});

	it('207 partial failures: only the invalid records fail, each naming item, field and code', async () => {
		const items = inputs(true);
		const invalid = items.filter((i) => i.No_of_Employees !== undefined).length;
		const { out, wallMs } = await write('upsert', items);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'zoho-crm').length;
		const t = tally(items, out);
		record({
			workload: 'Zoho CRM write',
			scenario: '207 partial failures',
			items: N,
			calls,
			retries: calls - IDEAL,
			faults: 0,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['zoho-crm'] ?? 0,
			refreshes: 0,
			wallMs,
			note: `1 in ${INVALID_EVERY} records invalid`,
		});
		expect(stats.byStatus['207']).toBe(IDEAL);
		expect(t.errors).toHaveLength(invalid);
		t.errors.forEach((error, n) => {
			const i = t.errorIndexes[n];
			expect(items[i].No_of_Employees).toBe('many');
			expect(error).toMatchObject({ code: 'INVALID_DATA', field: 'No_of_Employees' });
			expect(String(error.error)).toMatch(new RegExp(`^Item ${i}, module Leads, field No_of_Employees: Zoho CRM INVALID_DATA`));
		});
		expect(t.lost).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(sandbox.zoho.records('Leads')).toHaveLength(N - invalid);
		expect(calls).toBe(IDEAL);
	});

	it('insert (not idempotent) under dropped answers: OUTCOME_UNKNOWN on those items, no retry, nothing twice', async () => {
		const every = everyNth(IDEAL, 3);
		sandbox.server.addFault({ service: 'zoho-crm', kind: 'drop', when: 'after', after: 1, every });
		const items = inputs(false);
		const { out, wallMs } = await write('create', items);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'zoho-crm').length;
		const t = tally(items, out);
		// Reconciliation: the records of the dropped calls were written; each is found by its Email.
		const unknown = t.errorIndexes;
		const stored = new Set(sandbox.zoho.records('Leads').map((r) => String(r.Email)));
		const found = unknown.filter((i) => stored.has(String(items[i].Email))).length;
		record({
			workload: 'Zoho CRM write',
			scenario: 'insert instead of upsert, drops after Zoho wrote',
			items: N,
			calls,
			retries: calls - IDEAL,
			faults: stats.faultsFired,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['zoho-crm'] ?? 0,
			refreshes: 0,
			wallMs,
			note: `errors are OUTCOME_UNKNOWN, ${found}/${unknown.length} reconciled by Email`,
		});
		expect(stats.faultsFired).toBeGreaterThan(0);
		expect(calls).toBe(IDEAL);
		expect(t.errors.length).toBeGreaterThan(0);
		expect(t.errors.length).toBeLessThanOrEqual(stats.faultsFired * 100);
		for (const error of t.errors) {
			expect(error.code).toBe('OUTCOME_UNKNOWN');
			expect(String(error.error)).toMatch(/may or may not have been written/);
		}
		expect(found).toBe(unknown.length);
		expect(t.lost).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(sandbox.zoho.records('Leads')).toHaveLength(N);
	});

	it('no token or client secret in any output, error or URL of the runs above', () => {
		expect(ledger.sources).toBeGreaterThan(0);
		expect(ledger.strings).toBeGreaterThan(N);
		expect(ledger.hits).toEqual([]);
	});
});
