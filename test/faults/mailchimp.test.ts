/**
 * MailChimp under faults: a pull of SIZES.mcPull campaigns (Get Many, return all: 1,000 per call,
 * the remaining pages in parallel) and a bulk upsert of SIZES.mcUpsert members (Upsert Many: 500
 * per POST /lists/{id}, Update Existing on), each through every fault scenario, compared with the
 * sandbox's campaigns and audience: every item answered, 0 lost, 0 duplicated, concurrency within
 * the bound, retries bounded. MailChimp tokens never expire, so "token expiry" is a revoked token:
 * the run stops with a "reconnect" error and no retry.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { MailchimpCampaigns } from '../../nodes/Mailchimp/MailchimpCampaigns.node';
import { runNode } from '../helpers/nodeRunner';
import { MAILCHIMP_CLIENT, mailchimpOAuthCredential } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { startSandbox, type Sandbox } from '../sandbox';
import { apiCalls, BOUND, commonScenarios, flushRows, pairedIndex, record, retryBound, SIZES, scale, type Scenario } from './kit';

jest.setTimeout(600_000);

const PULL = SIZES[scale()].mcPull;
const UPSERT = SIZES[scale()].mcUpsert;
const PULL_IDEAL = Math.ceil(PULL / 1000);
const UPSERT_IDEAL = Math.ceil(UPSERT / 500);
/** Every 40th member has an address MailChimp refuses ("looks fake"): answered in `errors[]` of an HTTP 200. */
const INVALID_EVERY = 40;

let sandbox: Sandbox;
let token: string;
const ledger = new SecretLedger({ clientSecret: MAILCHIMP_CLIENT.clientSecret });
const node = new MailchimpCampaigns();

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	flushRows('mailchimp');
	await sandbox?.close();
});

async function run(parameters: INodeParameters, items?: IDataObject[]): Promise<{ out: INodeExecutionData[]; wallMs: number }> {
	const credentials: Record<string, ICredentialDataDecryptedObject> = { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, token) };
	const started = Date.now();
	const result = await runNode({ node, parameters: { authentication: 'oAuth2', ...parameters }, items, credentials, continueOnFail: true });
	const wallMs = Date.now() - started;
	ledger.scan('mailchimp output', result.output);
	ledger.scanUrls(sandbox.server.log);
	return { out: result.output[0], wallMs };
}

const revoked: Scenario = {
	name: 'access token revoked mid-run',
	arm: (s) => {
		s.server.addFault({ service: 'mailchimp-api', kind: 'action', after: 1, times: 1, run: () => s.mailchimp.revokeToken(token) });
	},
};

function prepare(): void {
	sandbox.reset();
	token = sandbox.mailchimp.issueToken();
	ledger.add({ accessToken: token });
}

describe(`MailChimp campaigns pull: ${PULL.toLocaleString('en-US')} campaigns under faults`, () => {
	let expected: string[];
	beforeEach(() => {
		prepare();
		sandbox.mailchimp.seed({ campaigns: PULL, listMembers: 200, seed: 13 });
		expected = sandbox.mailchimp.campaigns().map((c) => String(c.id));
		expect(expected).toHaveLength(PULL);
	});

	it.each([...commonScenarios('mailchimp-api'), revoked].map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const rules = scenario.faults?.(PULL_IDEAL) ?? [];
		for (const rule of rules) sandbox.server.addFault(rule);
		scenario.arm?.(sandbox, PULL_IDEAL);
		const { out, wallMs } = await run({ resource: 'campaign', operation: 'getMany', returnAll: true, filters: {}, options: {} });
		const errors = out.filter((o) => o.json.error !== undefined);
		const ids = out.filter((o) => o.json.error === undefined).map((o) => String(o.json.id));
		const unique = new Set(ids);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'mailchimp-api').length;
		const stopped = scenario === revoked;
		const lost = stopped ? 0 : expected.filter((id) => !unique.has(id)).length;
		record({
			workload: 'MailChimp campaigns pull',
			scenario: scenario.name,
			items: PULL,
			calls,
			retries: calls - PULL_IDEAL,
			faults: stats.faultsFired,
			errors: errors.length,
			lost,
			duplicated: ids.length - unique.size,
			maxConcurrency: stats.maxConcurrency['mailchimp-api'] ?? 0,
			refreshes: 0,
			wallMs,
			...(stopped ? { note: 'run answers "reconnect", nothing retried' } : {}),
		});
		expect(out.every((o) => pairedIndex(o) === 0)).toBe(true);
		expect(ids.length - unique.size).toBe(0);
		expect(stats.maxConcurrency['mailchimp-api']).toBeLessThanOrEqual(BOUND);
		expect(apiCalls(sandbox.server.log, 'mailchimp-login')).toHaveLength(1);
		if (stopped) {
			expect(errors).toHaveLength(1);
			expect(String(errors[0].json.error)).toMatch(/MailChimp rejected the access token.*Reconnect the MailChimp Connect OAuth2 credential/);
			expect(calls).toBeLessThanOrEqual(PULL_IDEAL);
			return;
		}
		expect(errors.map((e) => e.json.error)).toEqual([]);
		expect(lost).toBe(0);
		expect(ids).toHaveLength(PULL);
		if (rules.length) expect(stats.faultsFired).toBeGreaterThan(0);
		expect(calls - PULL_IDEAL).toBeLessThanOrEqual(retryBound(rules, stats.faultsFired));
		if (!rules.length) expect(calls).toBe(PULL_IDEAL);
	});
});

describe(`MailChimp bulk upsert: ${UPSERT.toLocaleString('en-US')} members under faults`, () => {
	let listId: string;
	const email = (i: number, invalid: boolean): string => (invalid && i % INVALID_EVERY === 3 ? `fault${i}@example.invalid` : `fault.member${i}@northwind.io`);
	const inputs = (invalid: boolean): IDataObject[] =>
		Array.from({ length: UPSERT }, (_, i) => ({ listId, email: email(i, invalid), first: `First${i}` }));
	const parameters: INodeParameters = {
		resource: 'member',
		operation: 'upsertMany',
		listId: '={{ $json.listId }}',
		email: '={{ $json.email }}',
		status: 'subscribed',
		additionalFields: { mergeFields: { field: [{ name: 'FNAME', value: '={{ $json.first }}' }] } },
		options: {},
	};

	beforeEach(() => {
		prepare();
		listId = String(sandbox.mailchimp.addList('Faults').id);
		// A quarter of the members exist already: the upsert updates them.
		sandbox.mailchimp.addList('Other');
	});

	/** Every item answered on its own index; members counted per address in the audience. */
	function tally(items: IDataObject[], out: INodeExecutionData[]): { ok: number; errors: Array<{ index: number; json: IDataObject }>; lost: number; duplicated: number } {
		expect(out).toHaveLength(items.length);
		const members = sandbox.mailchimp.members(listId);
		const count = new Map<string, number>();
		for (const m of members) count.set(String(m.email_address).toLowerCase(), (count.get(String(m.email_address).toLowerCase()) ?? 0) + 1);
		let ok = 0;
		let lost = 0;
		let duplicated = 0;
		const errors: Array<{ index: number; json: IDataObject }> = [];
		out.forEach((item, i) => {
			expect(pairedIndex(item)).toBe(i);
			const address = String(items[i].email).toLowerCase();
			const n = count.get(address) ?? 0;
			if (item.json.error === undefined) {
				ok++;
				expect(['created', 'updated']).toContain(item.json.action);
				expect(n).toBe(1);
			} else {
				errors.push({ index: i, json: item.json });
			}
			if (item.json.error === undefined && n === 0) lost++;
			if (n > 1) duplicated += n - 1;
		});
		return { ok, errors, lost, duplicated };
	}

	it.each([...commonScenarios('mailchimp-api'), revoked].map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		const rules = scenario.faults?.(UPSERT_IDEAL) ?? [];
		for (const rule of rules) sandbox.server.addFault(rule);
		scenario.arm?.(sandbox, UPSERT_IDEAL);
		const items = inputs(false);
		const { out, wallMs } = await run(parameters, items);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'mailchimp-api').length;
		const stopped = scenario === revoked;
		const t = tally(items, out);
		record({
			workload: 'MailChimp bulk upsert',
			scenario: scenario.name,
			items: UPSERT,
			calls,
			retries: calls - UPSERT_IDEAL,
			faults: stats.faultsFired,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['mailchimp-api'] ?? 0,
			refreshes: 0,
			wallMs,
			...(stopped ? { note: 'items after the revocation answer "reconnect", nothing retried' } : {}),
		});
		expect(t.duplicated).toBe(0);
		expect(stats.maxConcurrency['mailchimp-api']).toBeLessThanOrEqual(BOUND);
		if (stopped) {
			// The first batch went through; every other item says "reconnect", none was retried.
			expect(t.ok).toBe(500);
			expect(t.errors).toHaveLength(UPSERT - 500);
			for (const e of t.errors) expect(String(e.json.error)).toMatch(/MailChimp rejected the access token.*Reconnect/);
			expect(calls).toBe(UPSERT_IDEAL);
			return;
		}
		expect(t.errors.map((e) => e.json.error)).toEqual([]);
		expect(t.ok).toBe(UPSERT);
		expect(t.lost).toBe(0);
		expect(sandbox.mailchimp.members(listId)).toHaveLength(UPSERT);
		if (rules.length) expect(stats.faultsFired).toBeGreaterThan(0);
		expect(calls - UPSERT_IDEAL).toBeLessThanOrEqual(retryBound(rules, stats.faultsFired));
		if (!rules.length) expect(calls).toBe(UPSERT_IDEAL);
	});

	it('partial failures (HTTP 200 with errors[]): only the refused members fail, each with its email and MailChimp code', async () => {
		const items = inputs(true);
		const invalid = items.filter((i) => String(i.email).endsWith('.invalid')).length;
		const { out, wallMs } = await run(parameters, items);
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'mailchimp-api').length;
		const t = tally(items, out);
		record({
			workload: 'MailChimp bulk upsert',
			scenario: 'partial failures (errors[] per member)',
			items: UPSERT,
			calls,
			retries: calls - UPSERT_IDEAL,
			faults: 0,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['mailchimp-api'] ?? 0,
			refreshes: 0,
			wallMs,
			note: `1 in ${INVALID_EVERY} addresses refused`,
		});
		expect(t.errors).toHaveLength(invalid);
		for (const { index, json } of t.errors) {
			expect(json).toMatchObject({ email_address: items[index].email, error_code: 'ERROR_GENERIC' });
			expect(String(json.error)).toMatch(/looks fake or invalid/);
		}
		expect(t.lost).toBe(0);
		expect(sandbox.mailchimp.members(listId)).toHaveLength(UPSERT - invalid);
		expect(calls).toBe(UPSERT_IDEAL);
	});

	it('no token or client secret in any output, error or URL of the runs above', () => {
		expect(ledger.strings).toBeGreaterThan(UPSERT);
		expect(ledger.hits).toEqual([]);
	});
});
