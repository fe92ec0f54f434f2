/**
 * The fault-injection figures hold in a real n8n too (a representative subset of test/faults):
 * a Zoho CRM read-and-update of 2,200 leads through a 429 storm and an access-token expiry
 * mid-run, and a MailChimp pull of 2,500 campaigns through connection drops. Each ends with
 * 0 lost, 0 duplicated, one refresh, concurrency within the bound, and no token, refresh token or
 * client secret in n8n's stored execution (REST record, raw) or n8n's log file.
 */
import { exportCredential, importCredentials, plainCredential, credentialRef } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { MAILCHIMP_CLIENT, mailchimpOAuthCredential, zohoCredential, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { LEADS_FROM_LIST } from '../helpers/zohoModules';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };
const BOUND = 5;

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;
const ledger = new SecretLedger({ zohoClientSecret: ZOHO_CLIENT.clientSecret, mcClientSecret: MAILCHIMP_CLIENT.clientSecret });

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
});

afterAll(async () => sandbox?.close());

/** The execution as n8n stores it, raw (flatted JSON text as the REST API serves it). */
async function rawExecution(id: string): Promise<string> {
	const response = await rest.http.get(`/rest/executions/${id}`, { transformResponse: (text: unknown) => text });
	return String(response.data);
}

it('Zoho CRM: read and update 2,200 leads through a 429 storm and a token expiry mid-run', async () => {
	const tokens = sandbox.zoho.issueTokens();
	ledger.add({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
	const credential = plainCredential('zohoCrmConnectOAuth2Api', 'e2e faults zoho', zohoCredential(sandbox.url, tokens));
	await importCredentials(n8n, [credential]);
	const ids = sandbox.zoho.seed({ module: 'Leads', count: 2_200, seed: 31 }).map(String);
	const workflow = chainWorkflow('e2e faults: zoho read and update', [
		manualTrigger,
		{
			name: 'Read',
			type: nodeType('zohoCrmConnect'),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS_FROM_LIST, returnAll: true, fields: ['Last_Name'] },
			credentials: credentialRef(credential),
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
				jsonFields: '={{ JSON.stringify({ City: "Synced " + $json.id }) }}',
			},
			credentials: credentialRef(credential),
			onError: 'continueRegularOutput',
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	sandbox.server.resetStats();
	// 12 reads, then 22 updates: the storm hits the updates, the token expires between them.
	sandbox.server.addFault({ service: 'zoho-crm', method: 'PUT', kind: 'status', status: 429, after: 3, times: 20 });
	sandbox.zoho.expireAccessTokensAfter(20);
	const run = await rest.runWorkflow(id, { timeoutMs: 240_000 });
	expect(runError(run)).toBeUndefined();

	const read = nodeOutput(run, 'Read');
	expect(new Set(read.map((r) => String(r.id))).size).toBe(2_200);
	const updated = nodeOutput(run, 'Update');
	expect(updated).toHaveLength(2_200);
	expect(updated.filter((u) => u.status !== 'success')).toEqual([]);
	const stored = sandbox.zoho.records('Leads');
	expect(stored).toHaveLength(2_200);
	expect(stored.filter((r) => r.City !== `Synced ${r.id}`)).toEqual([]);
	expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));
	const stats = sandbox.server.getStats();
	expect(stats.byStatus['429']).toBe(20);
	expect(stats.maxConcurrency['zoho-crm']).toBeLessThanOrEqual(BOUND);
	expect(sandbox.zoho.tokenStats().refreshGrants).toBe(1);
	const calls = sandbox.server.log.filter((e) => e.service === 'zoho-crm').length;
	// 12 reads + 22 updates, each 429 retried once, the calls in flight at the expiry once more.
	expect(calls).toBeLessThanOrEqual(12 + 22 + 20 + BOUND);

	const refreshed = (await exportCredential(n8n, credential.id)).data.oauthTokenData as { access_token: string };
	expect(refreshed.access_token).not.toBe(tokens.access_token);
	ledger.add({ refreshedAccessToken: refreshed.access_token });
	expect(ledger.scan('zoho execution (REST record)', run)).toEqual([]);
	expect(ledger.scan('zoho execution (raw)', await rawExecution(run.id))).toEqual([]);
	expect(ledger.scanUrls(sandbox.server.log)).toEqual([]);
	process.stderr.write(`[faults in n8n] Zoho read+update 2,200 leads, 429 storm x20 + token expiry: ${calls} calls, 0 lost, 0 duplicated, max concurrency ${stats.maxConcurrency['zoho-crm']}, 1 refresh\n`);
});

it('MailChimp: a pull of 2,500 campaigns through connection drops loses and repeats nothing', async () => {
	sandbox.reset();
	const token = sandbox.mailchimp.issueToken();
	ledger.add({ mcAccessToken: token });
	sandbox.mailchimp.seed({ campaigns: 2_500, listMembers: 200, seed: 17 });
	const expected = new Set(sandbox.mailchimp.campaigns().map((c) => String(c.id)));
	const credential = plainCredential('mailchimpConnectOAuth2Api', 'e2e faults mailchimp', mailchimpOAuthCredential(sandbox.url, token));
	await importCredentials(n8n, [credential]);
	const workflow = chainWorkflow('e2e faults: mailchimp pull', [
		manualTrigger,
		{
			name: 'Campaigns',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: true },
			credentials: credentialRef(credential),
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	sandbox.server.addFault({ service: 'mailchimp-api', kind: 'drop', when: 'after', every: 2, times: 2 });
	sandbox.server.addFault({ service: 'mailchimp-api', kind: 'drop', when: 'before', times: 1 });
	const run = await rest.runWorkflow(id, { timeoutMs: 120_000 });
	expect(runError(run)).toBeUndefined();
	const ids = nodeOutput(run, 'Campaigns').map((c) => String(c.id));
	expect(ids).toHaveLength(2_500);
	expect(new Set(ids)).toEqual(expected);
	const stats = sandbox.server.getStats();
	expect(stats.faultsFired).toBe(3);
	expect(stats.maxConcurrency['mailchimp-api']).toBeLessThanOrEqual(BOUND);
	expect(sandbox.server.log.filter((e) => e.service === 'mailchimp-api')).toHaveLength(3 + 3);

	expect(ledger.scan('mailchimp execution (REST record)', run)).toEqual([]);
	expect(ledger.scan('mailchimp execution (raw)', await rawExecution(run.id))).toEqual([]);
	expect(ledger.scanUrls(sandbox.server.log)).toEqual([]);
});

it("no token, refresh token or client secret in n8n's log file", () => {
	const logs = n8n.logs();
	expect(logs.length).toBeGreaterThan(0);
	expect(ledger.scan("n8n's log file", logs)).toEqual([]);
	expect(ledger.hits).toEqual([]);
});
