/**
 * Bulk Write inside a real n8n: Create or Update of 100,000 generated items (50,000 of them already
 * Leads) with the Write Method and the job size left at their defaults (Automatic, Zoho's 25,000 per
 * job), so 4 jobs; the sandbox's jobs move through ADDED and IN PROGRESS on their own time. Every
 * item answered with its id and action, paired to its input, and at most 2,100 credits.
 */
import { importCredentials, plainCredential, credentialRef } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeTask, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { zohoCredential } from '../helpers/sandboxCredentials';

const ITEMS = 100_000;
const JOB_SIZE = 25_000;
const EXISTING = 50_000;

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialRef>;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	sandbox.zoho.bulkWrite.config.queuedMs = 300;
	sandbox.zoho.bulkWrite.config.runMs = 700;
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e zoho bulk write', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	await importCredentials(n8n, [credential]);
	credentials = credentialRef(credential);
});

afterAll(async () => sandbox?.close());

jest.setTimeout(1_200_000);

it(`Create or Update of ${ITEMS.toLocaleString('en-US')} items with Automatic uses Bulk Write in ${ITEMS / JOB_SIZE} jobs and answers every item`, async () => {
	sandbox.zoho.insertDirect(
		'Leads',
		Array.from({ length: EXISTING }, (_, i) => ({ Last_Name: `Old ${i}`, Company: 'Old', Email: `e2e.bulk${i}@example.com` })),
	);
	sandbox.server.resetStats();
	const workflow = chainWorkflow('e2e zoho: bulk upsert', [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{
			name: 'Input',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				mode: 'runOnceForAllItems',
				language: 'javaScript',
				jsCode: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { Last_Name: 'Bulk ' + i, Company: 'Acme ' + (i % 50), Email: 'e2e.bulk' + i + '@example.com' } }));`,
			},
		},
		{
			name: 'Upsert',
			type: nodeType('zohoCrmConnect'),
			parameters: {
				resource: 'record',
				operation: 'upsert',
				module: { __rl: true, mode: 'name', value: 'Leads' },
				fieldsToSend: 'json',
				jsonFields: '={{ JSON.stringify($json) }}',
				duplicateCheckFields: ['Email'],
			},
			credentials,
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	const run = await rest.runWorkflow(id, { timeoutMs: 900_000 });
	expect(runError(run)).toBeUndefined();
	const task = nodeTask(run, 'Upsert');
	const out = task.data?.main?.[0] ?? [];
	expect(out).toHaveLength(ITEMS);
	expect(out.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
	const stored = new Map(sandbox.zoho.records('Leads').map((r) => [String(r.Email), r.id]));
	expect(stored.size).toBe(ITEMS);
	out.forEach((item, i) => {
		const json = item.json;
		const expected = { status: 'success', id: stored.get(`e2e.bulk${i}@example.com`), action: i < EXISTING ? 'update' : 'insert' };
		if (json.status !== 'success' || json.id !== expected.id || json.action !== expected.action) expect({ i, json }).toEqual({ i, json: expect.objectContaining(expected) });
	});
	const stats = sandbox.server.getStats();
	expect(stats.byEndpoint['POST /crm/bulk/v8/write']).toBe(ITEMS / JOB_SIZE);
	expect(stats.byEndpoint['POST /crm/v8/:module/upsert'] ?? 0).toBe(0);
	const credits = sandbox.zoho.credits().total;
	// 500 per job and a few calls around each (org, metadata, upload, status checks, download); the Records API: 10,000.
	expect(credits).toBeLessThanOrEqual(2_100);
	const hints = task.hints ?? [];
	expect(hints.map((h) => h.message)).toContain(`Write method: Leads: ${ITEMS.toLocaleString('en-US')} records written with Bulk Write in ${ITEMS / JOB_SIZE} jobs, matched by Email`);
});
