/**
 * The harness proving itself on built-in nodes only: the shared n8n answers, a workflow runs through
 * the CLI (`n8n execute` beside the running server, same SQLite DB), through REST and through a
 * webhook, failures come back as runs with status "error", and an OAuth2 token refreshed inside a
 * run is stored (CLI and server alike).
 */
import { credentialRef, exportCredential, importCredentials, plainCredential } from './harness/credentials';
import { startFakeOAuth, type FakeOAuth } from './harness/fakeOAuth';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow, executeWorkflow, importWorkflow } from './harness/workflows';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };
const setHello = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: { assignments: { assignments: [{ id: 'a', name: 'hello', value: 'world', type: 'string' }] }, options: {} },
};

let n8n: N8nInstance;
let rest: N8nRest;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		timings[label] = Date.now() - started;
	}
}

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
});

afterAll(() => {
	console.log(`harness timings (ms): ${JSON.stringify(timings)}`);
});

test('the shared n8n lists its built-in node and credential types over REST', async () => {
	const nodes = await rest.listNodeTypes();
	expect(nodes.map((type) => type.name)).toEqual(expect.arrayContaining(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.set']));
	const credentials = await rest.listCredentialTypes();
	expect(credentials.map((type) => type.name)).toContain('oAuth2Api');
});

test('a Manual Trigger + Set workflow runs via n8n execute and via REST with the same output', async () => {
	const workflow = chainWorkflow('harness: set', [manualTrigger, setHello]);
	await timed('import:workflow', () => importWorkflow(n8n, workflow));

	const cliRun = await timed('n8n execute', () => executeWorkflow(n8n, workflow.id));
	expect(cliRun.exitCode).toBe(0);
	expect(cliRun.status).toBe('success');
	expect(nodeOutput(cliRun, 'Set')).toEqual([{ hello: 'world' }]);

	const restRun = await timed('REST manual run', () => rest.runWorkflow(workflow.id));
	expect(restRun.status).toBe('success');
	expect(nodeOutput(restRun, 'Set')).toEqual([{ hello: 'world' }]);
});

test('a failing node comes back as a run with status error, from the CLI and from REST', async () => {
	const workflow = chainWorkflow('harness: fail', [
		manualTrigger,
		{ name: 'Fail', type: 'n8n-nodes-base.stopAndError', parameters: { errorMessage: 'harness boom' } },
	]);
	await importWorkflow(n8n, workflow);

	const cliRun = await executeWorkflow(n8n, workflow.id);
	expect(cliRun.exitCode).not.toBe(0);
	expect(cliRun.status).toBe('error');
	expect(runError(cliRun)).toBe('Fail: harness boom');

	const restRun = await rest.runWorkflow(workflow.id);
	expect(restRun.status).toBe('error');
	expect(runError(restRun)).toBe('Fail: harness boom');
});

test('a webhook workflow answers with its last node once activated', async () => {
	const path = `harness-${Date.now()}`;
	const created = await rest.createWorkflow(
		chainWorkflow('harness: webhook', [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			setHello,
		]),
	);
	await rest.activateWorkflow(created.id);
	try {
		const response = await timed('webhook call', () => rest.callWebhook(path, { body: { any: 'thing' } }));
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ hello: 'world' });
	} finally {
		await rest.deactivateWorkflow(created.id);
	}
});

describe('an OAuth2 token refreshed during a run is stored', () => {
	let fake: FakeOAuth;

	beforeAll(async () => {
		fake = await startFakeOAuth();
	});

	afterAll(() => fake.close());

	async function expiredCredentialWorkflow(label: string) {
		const credential = plainCredential('oAuth2Api', `harness ${label}`, {
			grantType: 'authorizationCode',
			authUrl: `${fake.url}/authorize`,
			accessTokenUrl: `${fake.url}/token`,
			clientId: 'harness-client',
			clientSecret: 'harness-secret',
			scope: '',
			authQueryParameters: '',
			authentication: 'body',
			oauthTokenData: { access_token: 'expired-token', refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600 },
		});
		await importCredentials(n8n, [credential]);
		const workflow = chainWorkflow(`harness: refresh ${label}`, [
			manualTrigger,
			{
				name: 'Call API',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'GET',
					url: `${fake.url}/api/items`,
					authentication: 'genericCredentialType',
					genericAuthType: 'oAuth2Api',
					options: {},
				},
				credentials: credentialRef(credential),
			},
		]);
		await importWorkflow(n8n, workflow);
		return { credential, workflow };
	}

	test('the REST consent flow stores the tokens of the code exchange', async () => {
		const { id } = await rest.createCredential({
			name: 'harness consent',
			type: 'oAuth2Api',
			data: {
				grantType: 'authorizationCode',
				authUrl: `${fake.url}/authorize`,
				accessTokenUrl: `${fake.url}/token`,
				clientId: 'harness-client',
				clientSecret: 'harness-secret',
				scope: 'read',
				authQueryParameters: '',
				authentication: 'body',
			},
		});
		fake.calls.length = 0;
		await rest.connectOAuth2(id);
		expect(fake.calls.map((call) => call.grantType ?? call.path)).toEqual(['/authorize', 'authorization_code']);
		const stored = await exportCredential(n8n, id);
		expect(stored.data.oauthTokenData).toMatchObject({ access_token: fake.validToken, refresh_token: 'refresh-1' });
	});

	test('by n8n execute (a second process on the same DB)', async () => {
		const { credential, workflow } = await expiredCredentialWorkflow('cli');
		fake.validToken = 'not-yet-issued';
		fake.calls.length = 0;
		const run = await executeWorkflow(n8n, workflow.id);
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Call API')[0]).toMatchObject({ path: '/api/items' });
		const stored = await exportCredential(n8n, credential.id);
		expect((stored.data.oauthTokenData as { access_token: string }).access_token).toBe(fake.validToken);
		expect(fake.calls.filter((call) => call.grantType === 'refresh_token')).toHaveLength(1);
	});

	test('by the running server (REST manual run)', async () => {
		const { credential, workflow } = await expiredCredentialWorkflow('rest');
		fake.validToken = 'not-yet-issued';
		fake.calls.length = 0;
		const run = await rest.runWorkflow(workflow.id);
		expect(run.status).toBe('success');
		const stored = await exportCredential(n8n, credential.id);
		expect((stored.data.oauthTokenData as { access_token: string }).access_token).toBe(fake.validToken);
		expect(fake.calls.filter((call) => call.grantType === 'refresh_token')).toHaveLength(1);
	});
});
