/**
 * The triggers activated in a real n8n against the sandbox: a change in the sandbox starts an
 * execution carrying exactly that change, and nothing is emitted twice. Polls run every 2 seconds
 * (n8n's custom cron with a list of seconds) so the test is quick. The test waits for what it needs
 * (the activation poll answered by the sandbox, N executions, N more polls), never for a fixed time.
 */
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import { everyTwoSeconds } from './harness/pollTimes';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import { callsSince, mailchimpPollCall, markCalls, waitForCalls, zohoPollCall, type CallMatch } from '../helpers/sandboxCalls';
import { waitFor } from '../helpers/waitFor';
import type { IDataObject } from 'n8n-workflow';
import { LEADS } from '../helpers/zohoModules';

// n8n refuses a seconds field with "*" (sub-minute polling); an explicit list of seconds passes.
const EVERY_2S = everyTwoSeconds();

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
});

afterAll(async () => sandbox?.close());

async function executionsOf(workflowId: string): Promise<Array<{ id: string }>> {
	const response = await rest.http.get('/rest/executions', { params: { filter: JSON.stringify({ workflowId }) } });
	const body = response.data as { data?: { results?: Array<{ id: string }> } };
	return (body.data?.results ?? []).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits until the workflow has `count` executions and returns the output of `node` in each. */
async function outputs(workflowId: string, node: string, count: number, timeoutMs = 30_000): Promise<IDataObject[][]> {
	let seen = 0;
	const executions = await waitFor(
		async () => {
			const listed = await executionsOf(workflowId);
			seen = listed.length;
			return listed.length >= count ? listed : undefined;
		},
		{ what: `${count} executions of workflow ${workflowId}`, timeoutMs, describe: () => `saw ${seen}` },
	);
	const runs = await Promise.all(executions.map((e) => rest.waitForExecution(e.id)));
	return runs.map((run) => nodeOutput(run, node));
}

/**
 * "Nothing more is emitted": waits until the trigger has polled `polls` more times (first pages of
 * its listing answered by the sandbox after now), then the workflow must still have `executions`.
 * A poll that emitted has its execution stored long before the next poll's answer.
 */
async function expectQuietPolls(workflowId: string, poll: CallMatch, polls: number, executions: number): Promise<void> {
	await waitForCalls(sandbox, markCalls(sandbox), poll, polls, { what: `${polls} more polls of workflow ${workflowId}` });
	expect(await executionsOf(workflowId)).toHaveLength(executions);
}

it('Zoho polling trigger: each new or changed lead starts one execution, once', async () => {
	sandbox.zoho.seed({ module: 'Leads', count: 5, seed: 8 });
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e zoho trigger', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	await importCredentials(n8n, [credential]);
	const workflow = chainWorkflow('e2e zoho polling trigger', [
		{
			name: 'Zoho Trigger',
			type: nodeType('zohoCrmConnectTrigger'),
			parameters: { event: 'createdOrUpdated', module: LEADS, fields: ['Last_Name', 'Email'], pollTimes: EVERY_2S },
			credentials: credentialRef(credential),
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	const activation = markCalls(sandbox);
	await rest.activateWorkflow(id);
	try {
		// The first poll sets the cursor "from now": leads inserted once the sandbox has answered it are new.
		await waitForCalls(sandbox, activation, zohoPollCall('Leads'), 1, { what: 'the first poll of the Zoho trigger' });
		expect(await executionsOf(id)).toHaveLength(0);
		const created = sandbox.zoho.insertDirect('Leads', [
			{ Last_Name: 'Trigger One', Company: 'A', Email: 'one@trigger.test' },
			{ Last_Name: 'Trigger Two', Company: 'B', Email: 'two@trigger.test' },
		]) as unknown as Array<{ id: string }>;
		const [first] = await outputs(id, 'Zoho Trigger', 1);
		expect(first.map((r) => r.Last_Name).sort()).toEqual(['Trigger One', 'Trigger Two']);

		sandbox.zoho.touch('Leads', String(created[0].id ?? first[0].id), { City: 'Changed' });
		const runs = await outputs(id, 'Zoho Trigger', 2);
		expect(runs[1]).toHaveLength(1);
		expect(runs[1][0].Last_Name).toBe('Trigger One');

		// Nothing re-emitted over three more polls.
		await expectQuietPolls(id, zohoPollCall('Leads'), 3, 2);
	} finally {
		await rest.deactivateWorkflow(id);
	}
});

it('MailChimp campaigns trigger: a newly sent campaign starts one execution', async () => {
	sandbox.mailchimp.seed({ campaigns: 20, seed: 3 });
	const credential = plainCredential('mailchimpConnectOAuth2Api', 'e2e mailchimp trigger', mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()));
	await importCredentials(n8n, [credential]);
	const workflow = chainWorkflow('e2e mailchimp trigger', [
		{
			name: 'MailChimp Trigger',
			type: nodeType('mailchimpCampaignsTrigger'),
			parameters: { authentication: 'oAuth2', event: 'sent', pollTimes: EVERY_2S },
			credentials: credentialRef(credential),
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	const activation = markCalls(sandbox);
	await rest.activateWorkflow(id);
	try {
		await waitForCalls(sandbox, activation, mailchimpPollCall, 1, { what: 'the first poll of the MailChimp trigger' });
		expect(await executionsOf(id)).toHaveLength(0);
		const listId = String((sandbox.mailchimp.lists()[0] as { id: string }).id);
		const campaign = sandbox.mailchimp.addCampaign({ title: 'Trigger campaign', listId, status: 'save' } as never) as { id: string };
		sandbox.mailchimp.sendCampaign(campaign.id);
		const [first] = await outputs(id, 'MailChimp Trigger', 1);
		expect(first.map((c) => c.id)).toEqual([campaign.id]);
		await expectQuietPolls(id, mailchimpPollCall, 3, 1);
	} finally {
		await rest.deactivateWorkflow(id);
	}
});

it('Zoho instant trigger: activation registers a channel, a delivery starts an execution, deactivation removes it', async () => {
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e zoho instant', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	await importCredentials(n8n, [credential]);
	const workflow = chainWorkflow('e2e zoho instant trigger', [
		{
			name: 'Zoho Instant',
			type: nodeType('zohoCrmConnectInstantTrigger'),
			parameters: { module: LEADS, events: ['create', 'edit'], fetchRecords: true, fields: ['Last_Name'] },
			credentials: credentialRef(credential),
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	const activation = markCalls(sandbox);
	await rest.activateWorkflow(id);
	try {
		// n8n >= 2.36 registers webhooks just after it answers the activation.
		const subscribe = (e: { path: string; method: string }) => e.path === '/crm/v8/actions/watch' && e.method !== 'GET';
		await waitForCalls(sandbox, activation, subscribe, 1, { what: 'the channel subscription (POST/PUT /crm/v8/actions/watch)', timeoutMs: 10_000 });
		const token = sandbox.zoho.issueTokens().access_token;
		const created = await fetch(`${sandbox.url}/crm/v8/Leads`, {
			method: 'POST',
			headers: { Authorization: `Zoho-oauthtoken ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ data: [{ Last_Name: 'Instant', Company: 'Now' }] }),
		});
		expect(created.status).toBe(201);
		await sandbox.zoho.flushNotifications();
		const [first] = await outputs(id, 'Zoho Instant', 1);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ module: 'Leads', event: 'create' });
		expect((first[0].record as IDataObject).Last_Name).toBe('Instant');
	} finally {
		const deactivation = markCalls(sandbox);
		await rest.deactivateWorkflow(id);
		// n8n >= 2.36 may remove the webhooks just after it answers the deactivation.
		const unsubscribe = (e: { path: string; method: string }) => e.path === '/crm/v8/actions/watch' && e.method === 'DELETE';
		await waitForCalls(sandbox, deactivation, unsubscribe, 1, { what: 'the channel removal (DELETE /crm/v8/actions/watch)', timeoutMs: 10_000 });
		expect(callsSince(sandbox, deactivation, unsubscribe)).toHaveLength(1);
	}
});
