/**
 * The Zoho CRM Connect node inside a real n8n against the sandbox: items flow between nodes, writes
 * are batched 100 per call with each output paired to its input, a 207 marks only the failing
 * items under "continue on error", and paging reads past 2,000 records.
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
import { LEADS_FROM_LIST } from '../helpers/zohoModules';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;
let credentials: ReturnType<typeof credentialRef>;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e zoho node', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	await importCredentials(n8n, [credential]);
	credentials = credentialRef(credential);
});

afterAll(async () => sandbox?.close());

beforeEach(() => sandbox.server.resetStats());

const calls = (method: string, path: string) => sandbox.server.log.filter((e) => e.method === method && e.path === path).length;

it('reads 2,300 leads past the page-number limit and updates all of them in 23 calls of 100', async () => {
	sandbox.zoho.seed({ module: 'Leads', count: 2_300, seed: 21 });
	const workflow = chainWorkflow('e2e zoho: read and update', [
		manualTrigger,
		{
			name: 'Read',
			type: nodeType('zohoCrmConnect'),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS_FROM_LIST, returnAll: true, fields: ['Last_Name', 'City'] },
			credentials,
		},
		{
			name: 'Update',
			type: nodeType('zohoCrmConnect'),
			parameters: {
				resource: 'record',
				operation: 'update',
				module: LEADS_FROM_LIST,
				recordId: '={{ $json.id }}',
				fieldsToSend: 'json',
				jsonFields: '={{ JSON.stringify({ City: "Zürich (HQ), " + $json.Last_Name }) }}',
			},
			credentials,
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	const run = await rest.runWorkflow(id, { timeoutMs: 120_000 });
	expect(runError(run)).toBeUndefined();
	const read = nodeOutput(run, 'Read');
	expect(read).toHaveLength(2_300);
	expect(calls('GET', '/crm/v8/Leads')).toBe(12);
	const updated = nodeTask(run, 'Update').data?.main?.[0] ?? [];
	expect(updated).toHaveLength(2_300);
	expect(updated.every((item, index) => (item.pairedItem as { item: number }).item === index)).toBe(true);
	expect(calls('PUT', '/crm/v8/Leads')).toBe(23);
	const stored = sandbox.zoho.records('Leads');
	expect(stored.every((r) => String(r.City).startsWith('Zürich (HQ), '))).toBe(true);
});

it('continue-on-error: a 207 answers the failing items with Zoho code and field, the others succeed', async () => {
	const workflow = chainWorkflow('e2e zoho: partial failure', [
		manualTrigger,
		{
			name: 'Create',
			type: nodeType('zohoCrmConnect'),
			parameters: {
				resource: 'record',
				operation: 'create',
				module: LEADS_FROM_LIST,
				fieldsToSend: 'json',
				jsonFields: '{"Last_Name":"Ok","Company":"Acme","No_of_Employees":"lots"}',
			},
			credentials,
		},
	]);
	const { id } = await rest.createWorkflow({
		...workflow,
		nodes: workflow.nodes.map((node) => (node.name === 'Create' ? { ...node, onError: 'continueRegularOutput' } : node)),
	});
	const before = sandbox.zoho.records('Leads').length;
	const run = await rest.runWorkflow(id);
	expect(runError(run)).toBeUndefined();
	const [item] = nodeOutput(run, 'Create');
	expect(item).toMatchObject({ code: 'INVALID_DATA', field: 'No_of_Employees' });
	expect(String(item.error)).toMatch(/Item 0, module Leads, field No_of_Employees: Zoho CRM INVALID_DATA/);
	expect(sandbox.zoho.records('Leads')).toHaveLength(before);
});
