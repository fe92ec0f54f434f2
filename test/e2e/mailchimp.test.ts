/**
 * MailChimp in a real n8n against the sandbox: n8n runs the OAuth2 consent, stores a token that never
 * expires (no refresh token), the node reads the data center from the metadata endpoint once per
 * execution, pulls campaigns and simplified reports at 1,000 per call, bulk-upserts members 500 per
 * call, and a revoked token ends in "reconnect" without a refresh attempt or the token in the run.
 */
import { exportCredential } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { MAILCHIMP_CLIENT } from '../helpers/sandboxCredentials';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;
let credentialId: string;
let credentials: Record<string, { id: string; name: string }>;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox({ mailchimp: { autoApprove: true } });
	sandbox.mailchimp.seed({ campaigns: Number(process.env.E2E_MC_CAMPAIGNS ?? 1_200), listMembers: 300, seed: 5 });
	const created = await rest.createCredential({
		name: 'e2e mailchimp',
		type: 'mailchimpConnectOAuth2Api',
		data: { clientId: MAILCHIMP_CLIENT.clientId, clientSecret: MAILCHIMP_CLIENT.clientSecret, loginServerUrl: sandbox.url, apiBaseUrl: '' },
	});
	credentialId = created.id;
	credentials = { mailchimpConnectOAuth2Api: { id: credentialId, name: 'e2e mailchimp' } };
});

afterAll(async () => sandbox?.close());

const count = (method: string, path: string | RegExp) =>
	sandbox.server.log.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;

it('n8n runs the MailChimp consent flow and stores a token without refresh token', async () => {
	sandbox.server.resetStats();
	await rest.connectOAuth2(credentialId);
	expect(count('POST', '/oauth2/token')).toBe(1);
	const stored = await exportCredential(n8n, credentialId);
	const tokens = stored.data.oauthTokenData as { access_token?: string; refresh_token?: string };
	expect(tokens.access_token).toBeTruthy();
	expect(tokens.refresh_token).toBeUndefined();
});

it('pulls 1,200 campaigns in 2 calls and all simplified reports in 1 call, one metadata call per execution', async () => {
	const campaigns = chainWorkflow('e2e mailchimp: campaigns', [
		manualTrigger,
		{
			name: 'Campaigns',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: true },
			credentials,
		},
	]);
	sandbox.server.resetStats();
	const run = await rest.runWorkflow((await rest.createWorkflow(campaigns)).id, { timeoutMs: 120_000 });
	expect(runError(run)).toBeUndefined();
	expect(nodeOutput(run, 'Campaigns')).toHaveLength(1_200);
	expect(count('GET', '/3.0/campaigns')).toBe(2);
	expect(count('GET', '/oauth2/metadata')).toBe(1);
	expect(sandbox.server.log.filter((e) => e.path === '/oauth2/metadata').every((e) => e.authScheme === 'OAuth')).toBe(true);

	const reports = chainWorkflow('e2e mailchimp: reports', [
		manualTrigger,
		{
			name: 'Reports',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'oAuth2', resource: 'report', operation: 'getMany', returnAll: true, simplify: true },
			credentials,
		},
	]);
	sandbox.server.resetStats();
	const reportRun = await rest.runWorkflow((await rest.createWorkflow(reports)).id, { timeoutMs: 120_000 });
	expect(runError(reportRun)).toBeUndefined();
	const sent = sandbox.mailchimp.campaigns().filter((c) => c.status === 'sent' || c.status === 'sending').length;
	const simplified = nodeOutput(reportRun, 'Reports');
	expect(simplified).toHaveLength(sent);
	expect(simplified[0]).toEqual(
		expect.objectContaining({ campaign_id: expect.any(String), emails_sent: expect.any(Number), open_rate: expect.any(Number) }),
	);
	expect(count('GET', '/3.0/reports')).toBe(Math.ceil(sent / 1000));
	expect(count('GET', '/oauth2/metadata')).toBe(1);
});

it('a revoked token stops the run with "reconnect", makes no refresh attempt and leaks no token', async () => {
	const stored = await exportCredential(n8n, credentialId);
	const token = (stored.data.oauthTokenData as { access_token: string }).access_token;
	const workflow = chainWorkflow('e2e mailchimp: revoked', [
		manualTrigger,
		{
			name: 'Campaigns',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: false, limit: 5 },
			credentials,
		},
	]);
	const { id } = await rest.createWorkflow(workflow);
	sandbox.mailchimp.revokeToken(token);
	sandbox.server.resetStats();
	const run = await rest.runWorkflow(id);
	expect(runError(run)).toMatch(/reconnect/i);
	expect(count('POST', '/oauth2/token')).toBe(0);
	expect(JSON.stringify(run)).not.toContain(token);
	expect(JSON.stringify(run)).not.toContain(MAILCHIMP_CLIENT.clientSecret);
});
