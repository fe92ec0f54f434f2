/**
 * The connections proven in a real n8n: n8n itself runs the consent flow (REST auth URL -> sandbox
 * consent -> n8n callback), stores the tokens, refreshes them inside workflow runs (once, at the
 * right URL), reconnects at the token URL, and a revoked refresh token ends in a "reconnect" error
 * with no secret anywhere in the stored execution.
 */
import { exportCredential } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import type { LogEntry } from '../sandbox/core/types';
import { CUSTOM_CLIENT, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { LEADS } from '../helpers/zohoModules';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox({ zoho: { autoApprove: true }, mailchimp: { autoApprove: true }, custom: { autoApprove: true } });
});

afterAll(async () => sandbox?.close());

function tokenCalls(prefix: string): LogEntry[] {
	return sandbox.server.log.filter((e) => e.method === 'POST' && e.path.startsWith(prefix));
}

async function storedTokens(id: string): Promise<{ access_token: string; refresh_token?: string; api_domain?: string; error?: string }> {
	const stored = await exportCredential(n8n, id);
	return stored.data.oauthTokenData as { access_token: string; refresh_token?: string; api_domain?: string };
}

function expectNoSecrets(text: string, secrets: Array<string | undefined>): void {
	for (const secret of secrets) if (secret) expect(text).not.toContain(secret);
}

describe('Zoho CRM Connect OAuth2 in n8n', () => {
	let credentialId: string;
	let workflowId: string;

	beforeAll(async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 30, seed: 4 });
		const created = await rest.createCredential({
			name: 'e2e zoho',
			type: 'zohoCrmConnectOAuth2Api',
			data: {
				dataCenter: 'custom',
				environment: 'production',
				customAccountsUrl: sandbox.url,
				customApiDomain: '',
				clientId: ZOHO_CLIENT.clientId,
				clientSecret: ZOHO_CLIENT.clientSecret,
				scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.READ,ZohoCRM.users.READ,ZohoCRM.coql.READ,ZohoCRM.bulk.ALL,ZohoCRM.org.READ,ZohoFiles.files.ALL',
			},
		});
		credentialId = created.id;
		const workflow = chainWorkflow('e2e zoho: get leads', [
			manualTrigger,
			{
				name: 'Zoho',
				type: nodeType('zohoCrmConnect'),
				parameters: {
					resource: 'record',
					operation: 'getMany',
					module: LEADS,
					returnAll: true,
					fields: ['Last_Name', 'Email'],
				},
				credentials: { zohoCrmConnectOAuth2Api: { id: credentialId, name: 'e2e zoho' } },
			},
		]);
		workflowId = (await rest.createWorkflow(workflow)).id;
	});

	it('n8n runs the consent flow and stores tokens with the api_domain (access_type=offline, prompt=consent)', async () => {
		sandbox.server.resetStats();
		await rest.connectOAuth2(credentialId);
		const authorize = sandbox.server.log.find((e) => e.path === '/oauth/v2/auth');
		expect(authorize?.query).toMatchObject({ access_type: 'offline', prompt: 'consent', client_id: ZOHO_CLIENT.clientId });
		expect(authorize?.query.scope).toBe('ZohoCRM.modules.ALL,ZohoCRM.settings.READ,ZohoCRM.users.READ,ZohoCRM.coql.READ,ZohoCRM.bulk.ALL,ZohoCRM.org.READ,ZohoFiles.files.ALL');
		const exchanges = tokenCalls('/oauth/v2/token');
		expect(exchanges.map((e) => e.facts?.grant_type)).toEqual(['authorization_code']);
		const tokens = await storedTokens(credentialId);
		expect(tokens.access_token).toBeTruthy();
		expect(tokens.refresh_token).toBeTruthy();
		expect(tokens.api_domain).toBe(sandbox.url);
	});

	it('a workflow reads through the stored token; after expiry exactly one refresh, persisted for the next run', async () => {
		const first = await rest.runWorkflow(workflowId);
		expect(runError(first)).toBeUndefined();
		expect(nodeOutput(first, 'Zoho')).toHaveLength(30);

		const before = await storedTokens(credentialId);
		sandbox.zoho.expireAccessTokens();
		sandbox.server.resetStats();
		const second = await rest.runWorkflow(workflowId);
		expect(runError(second)).toBeUndefined();
		expect(nodeOutput(second, 'Zoho')).toHaveLength(30);
		expect(tokenCalls('/oauth/v2/token').map((e) => e.facts?.grant_type)).toEqual(['refresh_token']);
		const after = await storedTokens(credentialId);
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).toBe(before.refresh_token);

		sandbox.server.resetStats();
		const third = await rest.runWorkflow(workflowId);
		expect(runError(third)).toBeUndefined();
		expect(tokenCalls('/oauth/v2/token')).toHaveLength(0);
	});

	it('the credential test in n8n passes against the CRM and fails for an unusable token', async () => {
		const test = async () => {
			const stored = await exportCredential(n8n, credentialId);
			const response = await rest.http.post('/rest/credentials/test', {
				credentials: { id: credentialId, name: 'e2e zoho', type: 'zohoCrmConnectOAuth2Api', data: stored.data },
			});
			return (response.data as { data: { status: string; message: string } }).data;
		};
		expect(await test()).toMatchObject({ status: 'OK' });
		expect(sandbox.server.log.some((e) => e.path === '/crm/v8/users' && e.query.type === 'CurrentUser')).toBe(true);

		// n8n keeps the stored token data for a test, so make the stored tokens unusable instead.
		const tokens = await storedTokens(credentialId);
		sandbox.zoho.expireAccessTokens();
		sandbox.zoho.revokeRefreshToken(tokens.refresh_token!);
		const result = await test();
		expect(result.status).toBe('Error');
		// For a 401 n8n's OAuth2 tester words the message itself ("Authorization failed ...").
		expect(result.message).toMatch(/authoriz|reconnect|token/i);
		expectNoSecrets(result.message, [tokens.access_token, tokens.refresh_token, ZOHO_CLIENT.clientSecret]);
	});

	it('reconnect (after the revoked token above) exchanges a new code at the token URL and keeps the scopes', async () => {
		sandbox.server.resetStats();
		await rest.connectOAuth2(credentialId);
		expect(tokenCalls('/oauth/v2/token').map((e) => e.facts?.grant_type)).toEqual(['authorization_code']);
		const stored = await exportCredential(n8n, credentialId);
		expect(stored.data.scope).toBe('ZohoCRM.modules.ALL,ZohoCRM.settings.READ,ZohoCRM.users.READ,ZohoCRM.coql.READ,ZohoCRM.bulk.ALL,ZohoCRM.org.READ,ZohoFiles.files.ALL');
		const run = await rest.runWorkflow(workflowId);
		expect(runError(run)).toBeUndefined();
	});

	it('a revoked refresh token stops the run with "reconnect" and no secret in the stored execution', async () => {
		const tokens = await storedTokens(credentialId);
		sandbox.zoho.revokeRefreshToken(tokens.refresh_token!);
		sandbox.zoho.expireAccessTokens();
		const run = await rest.runWorkflow(workflowId);
		expect(runError(run)).toMatch(/reconnect the Zoho CRM credential/);
		expectNoSecrets(JSON.stringify(run), [tokens.access_token, tokens.refresh_token, ZOHO_CLIENT.clientSecret]);
		expectNoSecrets(n8n.logs(), [tokens.access_token, tokens.refresh_token, ZOHO_CLIENT.clientSecret]);
	});
});

describe('OAuth2 Custom Service with a distinct refresh URL in n8n', () => {
	let credentialId: string;
	let workflowId: string;

	beforeAll(async () => {
		const created = await rest.createCredential({
			name: 'e2e custom service',
			type: 'customServiceOAuth2Api',
			data: {
				preset: 'custom',
				serviceName: 'Sandbox Service',
				clientId: CUSTOM_CLIENT.clientId,
				clientSecret: CUSTOM_CLIENT.clientSecret,
				authorizeUrl: `${sandbox.url}/custom/oauth/authorize`,
				tokenUrl: `${sandbox.url}/custom/oauth/token`,
				refreshTokenUrl: `${sandbox.url}/custom/oauth/refresh`,
				scope: 'read write',
				authentication: 'header',
				apiBaseUrl: `${sandbox.url}/custom/api`,
				allowedHosts: '',
				sendAs: 'authorizationHeader',
				authorizationPrefix: 'Bearer',
				expiredStatusCodes: '401',
			},
		});
		credentialId = created.id;
		const workflow = chainWorkflow('e2e custom service: me', [
			manualTrigger,
			{
				name: 'Call',
				type: nodeType('customServiceRequest'),
				parameters: { method: 'GET', url: '/me' },
				credentials: { customServiceOAuth2Api: { id: credentialId, name: 'e2e custom service' } },
			},
		]);
		workflowId = (await rest.createWorkflow(workflow)).id;
	});

	it('connect exchanges the code at the Access Token URL', async () => {
		sandbox.server.resetStats();
		await rest.connectOAuth2(credentialId);
		expect(tokenCalls('/custom/oauth/').map((e) => e.path)).toEqual(['/custom/oauth/token']);
		const tokens = await storedTokens(credentialId);
		expect(tokens.access_token).toBeTruthy();
		expect(tokens.refresh_token).toBeTruthy();
	});

	it('an expired token is refreshed once at the Refresh Token URL, retried, and persisted', async () => {
		const ok = await rest.runWorkflow(workflowId);
		expect(runError(ok)).toBeUndefined();
		expect(nodeOutput(ok, 'Call')[0]).toMatchObject({ id: 'user-1' });

		const before = await storedTokens(credentialId);
		sandbox.custom.expireAccessTokens();
		sandbox.server.resetStats();
		const refreshed = await rest.runWorkflow(workflowId);
		expect(runError(refreshed)).toBeUndefined();
		expect(nodeOutput(refreshed, 'Call')[0]).toMatchObject({ id: 'user-1' });
		expect(tokenCalls('/custom/oauth/').map((e) => e.path)).toEqual(['/custom/oauth/refresh']);
		const after = await storedTokens(credentialId);
		expect(after.access_token).not.toBe(before.access_token);

		sandbox.server.resetStats();
		const third = await rest.runWorkflow(workflowId);
		expect(runError(third)).toBeUndefined();
		expect(tokenCalls('/custom/oauth/')).toHaveLength(0);
	});

	it('the refresh also goes to the Refresh Token URL from the n8n CLI (n8n execute)', async () => {
		sandbox.custom.expireAccessTokens();
		sandbox.server.resetStats();
		const { executeWorkflow } = await import('./harness/workflows');
		const run = await executeWorkflow(n8n, workflowId);
		expect(run.status).toBe('success');
		expect(tokenCalls('/custom/oauth/').map((e) => e.path)).toEqual(['/custom/oauth/refresh']);
	});

	it('reconnect goes to the Access Token URL, not the refresh URL', async () => {
		sandbox.server.resetStats();
		await rest.connectOAuth2(credentialId);
		expect(tokenCalls('/custom/oauth/').map((e) => e.path)).toEqual(['/custom/oauth/token']);
	});

	it('presets fill every URL left empty, and a typed URL wins over the preset', async () => {
		const zoho = await rest.createCredential({
			name: 'e2e preset zoho',
			type: 'customServiceOAuth2Api',
			data: { preset: 'zoho', clientId: 'id', clientSecret: 'secret', scope: 'ZohoCRM.modules.ALL' },
		});
		const zohoAuth = new URL(await rest.oauth2AuthUrl(zoho.id));
		expect(`${zohoAuth.origin}${zohoAuth.pathname}`).toBe('https://accounts.zoho.com/oauth/v2/auth');
		expect(zohoAuth.searchParams.get('access_type')).toBe('offline');
		expect(zohoAuth.searchParams.get('prompt')).toBe('consent');
		const google = await rest.createCredential({
			name: 'e2e preset google override',
			type: 'customServiceOAuth2Api',
			data: { preset: 'google', authorizeUrl: `${sandbox.url}/custom/oauth/authorize`, clientId: 'id', clientSecret: 'secret', scope: 'email' },
		});
		const googleAuth = new URL(await rest.oauth2AuthUrl(google.id));
		expect(`${googleAuth.origin}${googleAuth.pathname}`).toBe(`${sandbox.url}/custom/oauth/authorize`);
		expect(googleAuth.searchParams.get('access_type')).toBe('offline');
	});

	it('a revoked refresh token ends in "reconnect" without the token or secret in the execution', async () => {
		const tokens = await storedTokens(credentialId);
		sandbox.custom.revokeRefreshToken(tokens.refresh_token!);
		sandbox.custom.expireAccessTokens();
		const run = await rest.runWorkflow(workflowId);
		expect(runError(run)).toMatch(/reconnect the credential/);
		expectNoSecrets(JSON.stringify(run), [tokens.access_token, tokens.refresh_token, CUSTOM_CLIENT.clientSecret]);
	});
});
