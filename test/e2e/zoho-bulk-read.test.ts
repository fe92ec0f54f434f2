/**
 * Reading a module past Zoho's REST listing limit in a real n8n: Get Many with Return All over
 * 250,000 leads (past the listing's 100,000 and past one Bulk Read job of 200,000, Zoho's page
 * size), and Bulk Read > Read Module directly; each record once, the execution hint with the calls
 * and credits the sandbox billed. Wall time and memory are measured by the benchmark (bench/).
 */
import { importCredentials, plainCredential, credentialRef } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, nodeTask, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { zohoCredential } from '../helpers/sandboxCredentials';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };
const LEADS = { __rl: true, mode: 'list', value: 'Leads' };
const TOTAL = 250_000;
const LONG = 900_000;

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialRef>;
let ids: Set<string>;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox({ zoho: { bulkRead: { addedMs: 0, queuedMs: 0, inProgressMs: 0 } } });
	// The control API seeds at most 200,000 per call, as a test in another process would.
	ids = new Set([
		...sandbox.zoho.seed({ module: 'Leads', count: 200_000, seed: 250, fields: ['Last_Name', 'Company', 'Email'] }),
		...sandbox.zoho.seed({ module: 'Leads', count: TOTAL - 200_000, seed: 251, fields: ['Last_Name', 'Company', 'Email'] }),
	]);
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e zoho bulk read', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	await importCredentials(n8n, [credential]);
	credentials = credentialRef(credential);
}, LONG);

afterAll(async () => sandbox?.close());

beforeEach(() => sandbox.server.resetStats());

const calls = (endpoint: string): number => sandbox.server.getStats().byEndpoint[endpoint] ?? 0;

async function readWith(name: string, parameters: Record<string, unknown>): Promise<{ records: Array<Record<string, unknown>>; hint: string }> {
	const workflow = chainWorkflow(`e2e zoho: ${name}`, [manualTrigger, { name: 'Read', type: nodeType('zohoCrmConnect'), parameters, credentials }]);
	const { id } = await rest.createWorkflow(workflow);
	const run = await rest.runWorkflow(id, { timeoutMs: LONG - 60_000 });
	expect(runError(run)).toBeUndefined();
	const hints = (nodeTask(run, 'Read').hints ?? []).map((h) => h.message);
	return { records: nodeOutput(run, 'Read'), hint: hints.find((m) => m.startsWith('Zoho CRM:')) ?? '' };
}

function expectEachOnce(records: Array<Record<string, unknown>>): void {
	expect(records).toHaveLength(TOTAL);
	const got = new Set(records.map((r) => String(r.id)));
	expect(got.size).toBe(TOTAL);
	expect([...got].every((id) => ids.has(id))).toBe(true);
}

const billed = (): string => {
	const stats = sandbox.server.getStats();
	return `Zoho CRM: ${(stats.byService['zoho-crm'] ?? 0).toLocaleString('en-US')} API calls, ${sandbox.zoho.credits().total.toLocaleString('en-US')} API credits`;
};

it(
	'Get Many with Return All returns all 250,000 leads once: 100,000 by page_token, the rest by Bulk Read; the hint shows calls and credits',
	async () => {
		const { records, hint } = await readWith('get many past 100,000', {
			resource: 'record',
			operation: 'getMany',
			module: LEADS,
			returnAll: true,
			fields: ['Last_Name', 'Email'],
		});
		expectEachOnce(records);
		expect(calls('GET /crm/v8/:module')).toBe(500);
		expect(calls('POST /crm/bulk/v8/read')).toBe(2);
		expect(hint).toBe(billed());
	},
	LONG,
);

it(
	'Bulk Read > Read Module returns the same 250,000 leads once, in 2 chained jobs of at most 200,000',
	async () => {
		const { records, hint } = await readWith('bulk read', { resource: 'bulkRead', operation: 'read', module: LEADS, bulkFields: ['Last_Name', 'Email'] });
		expectEachOnce(records);
		expect(calls('POST /crm/bulk/v8/read')).toBe(2);
		expect(calls('GET /crm/v8/:module')).toBe(0);
		expect(hint).toBe(billed());
		expect(sandbox.zoho.credits().total).toBe(2 * 50 + 2 + 2 + 1);
	},
	LONG,
);
