/**
 * The shipped workflow examples/mailchimp-campaigns-to-zoho-crm.json in a real n8n against the
 * sandbox, imported as a user imports it (the package installed from its tarball, node types
 * unchanged) with only the credential ids filled in. It mirrors the campaigns sent in the
 * last 30 days into Zoho CRM Campaigns (one upsert call per 100 records, keyed on the unique
 * Mailchimp_Campaign_Id), reruns without duplicates and picks up a newly sent campaign.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import type { N8nRest, WorkflowInput } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { loadExample } from './harness/examples';
import { startSandbox, type Sandbox } from '../sandbox';
import { mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import {
	CAMPAIGNS_EXAMPLE,
	expectedCampaigns as expectedCampaignsOf,
	expectMirrored as expectMirroredIn,
	seedCampaignSync,
	truncateTitle,
} from '../helpers/campaignSync';

const EXAMPLE = CAMPAIGNS_EXAMPLE;
// The issue's scale: 500 campaigns in the window (E2E_SYNC_CAMPAIGNS lowers it for quick local runs).
const ADDED_IN_WINDOW = Number(process.env.E2E_SYNC_CAMPAIGNS ?? 500);


let rest: N8nRest;
let sandbox: Sandbox;
let workflowId: string;

const calls = (method: string, path: string | RegExp) =>
	sandbox.server.log.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;

const expectedCampaigns = () => expectedCampaignsOf(sandbox);
const expectMirrored = () => expectMirroredIn(sandbox);

beforeAll(async () => {
	const n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	seedCampaignSync(sandbox, ADDED_IN_WINDOW);
	const zoho = plainCredential('zohoCrmConnectOAuth2Api', 'sync zoho', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	const mailchimp = plainCredential('mailchimpConnectOAuth2Api', 'sync mailchimp', mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()));
	await importCredentials(n8n, [zoho, mailchimp]);
	const workflow = loadExample(EXAMPLE, { ...credentialRef(zoho), ...credentialRef(mailchimp) });
	workflowId = (await rest.createWorkflow(workflow)).id;
});

afterAll(async () => sandbox?.close());

async function run() {
	sandbox.server.resetStats();
	const execution = await rest.runWorkflow(workflowId, { triggerNode: 'Every Hour', timeoutMs: 90_000 });
	expect(runError(execution)).toBeUndefined();
	return execution;
}

it('the example uses the package node types and carries no credentials', () => {
	const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', EXAMPLE), 'utf8')) as WorkflowInput;
	const types = workflow.nodes.map((n) => n.type);
	expect(types).toEqual(expect.arrayContaining(['n8n-nodes-zoho-connect.mailchimpCampaigns', 'n8n-nodes-zoho-connect.zohoCrmConnect']));
	expect(types.some((t) => t.startsWith('CUSTOM.'))).toBe(false);
	expect(workflow.nodes.every((n) => !n.credentials)).toBe(true);
});

it('first run: CRM Campaigns mirror the sends of the last 30 days, one upsert call per 100 records', async () => {
	const expected = expectedCampaigns().length;
	expect(expected).toBeGreaterThanOrEqual(ADDED_IN_WINDOW);
	const execution = await run();
	expect(nodeOutput(execution, 'MailChimp Reports')).toHaveLength(expected);
	expectMirrored();
	expect(calls('GET', '/oauth2/metadata')).toBe(1);
	expect(calls('GET', '/3.0/reports')).toBe(1);
	expect(calls('POST', '/crm/v8/Campaigns/upsert')).toBe(Math.ceil(expected / 100));
	expect(calls('POST', /^\/crm\/v8\//) + calls('PUT', /^\/crm\/v8\//)).toBe(Math.ceil(expected / 100));
	const written = nodeOutput(execution, 'Upsert Zoho Campaigns');
	expect(written).toHaveLength(expected);
	console.log(`sync-campaigns first run: ${expected} campaigns, ${calls('POST', '/crm/v8/Campaigns/upsert')} upsert calls, ${sandbox.server.log.length} calls in all`);
});

it('second run without changes: no duplicates, same call counts, every record updated in place', async () => {
	const before = sandbox.zoho.records('Campaigns').length;
	const ids = new Set(sandbox.zoho.records('Campaigns').map((r) => String(r.id)));
	const execution = await run();
	expect(sandbox.zoho.records('Campaigns')).toHaveLength(before);
	expect(new Set(sandbox.zoho.records('Campaigns').map((r) => String(r.id)))).toEqual(ids);
	expect(calls('POST', '/crm/v8/Campaigns/upsert')).toBe(Math.ceil(before / 100));
	expect(calls('GET', '/3.0/reports')).toBe(1);
	const written = nodeOutput(execution, 'Upsert Zoho Campaigns');
	expect(written.every((item) => item.action === 'update')).toBe(true);
	expectMirrored();
});

it('a campaign sent between runs arrives on the next run; nothing else is duplicated', async () => {
	const before = sandbox.zoho.records('Campaigns').length;
	const listId = String(sandbox.mailchimp.lists()[0].id);
	const draft = sandbox.mailchimp.addCampaign({ title: 'Sent between runs: the newest campaign of the whole quarter', listId }) as { id: string };
	sandbox.mailchimp.sendCampaign(draft.id, { activity: true });
	const execution = await run();
	expect(sandbox.zoho.records('Campaigns')).toHaveLength(before + 1);
	const created = nodeOutput(execution, 'Upsert Zoho Campaigns').filter((item) => item.action === 'insert');
	expect(created).toHaveLength(1);
	const record = sandbox.zoho.records('Campaigns').find((r) => r.Mailchimp_Campaign_Id === draft.id);
	expect(record).toMatchObject({ Campaign_Name: truncateTitle('Sent between runs: the newest campaign of the whole quarter') });
	expectMirrored();
	expect(calls('POST', '/crm/v8/Campaigns/upsert')).toBe(Math.ceil((before + 1) / 100));
});
