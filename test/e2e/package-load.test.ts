/**
 * Every node and credential package.json's `n8n` block lists is loaded by a real n8n (read from the
 * file each run, so new nodes are checked as they are added), and the engine can run our nodes.
 */
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_NAME } from '../../scripts/packageInstall';
import { installMode, nodeType, typePrefix } from './harness/nodeTypes';
import { startFakeOAuth } from './harness/fakeOAuth';
import type { N8nInstance } from './harness/n8n';
import { credentialName, nodeName, packageTypes } from './harness/packageTypes';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow, executeWorkflow, importWorkflow } from './harness/workflows';

const { nodes, credentials } = packageTypes();
const nodeNames = nodes.map((type) => nodeName(type));
const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

let n8n: N8nInstance;
let rest: N8nRest;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
});

const describePackaged = installMode() === 'package' ? describe : describe.skip;

describePackaged('installed like a user installs it', () => {
	test('the packed tarball sits in the nodes folder n8n installs community packages into, with no dependencies', () => {
		const packageDir = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
		expect(manifest.name).toBe(PACKAGE_NAME);
		// n8n strips these before its npm install; zero runtime dependencies means nothing is installed.
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(existsSync(join(packageDir, 'node_modules'))).toBe(false);
		// Only what npm publishes: dist/, README, LICENSE, package.json (no src, tests, sandbox).
		expect(readdirSync(packageDir).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
		const folder = JSON.parse(readFileSync(join(n8n.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
		expect(folder.dependencies[PACKAGE_NAME]).toBe(manifest.version);
	});

	test('no dev shortcut is in play: N8N_CUSTOM_EXTENSIONS is empty', () => {
		expect(n8n.env.N8N_CUSTOM_EXTENSIONS).toBe('');
	});
});

test('package.json lists at least one node and one credential', () => {
	expect(nodes.length).toBeGreaterThan(0);
	expect(credentials.length).toBeGreaterThan(0);
});

test(`n8n knows every node of the package as ${typePrefix()}.<name>`, async () => {
	const known = new Set((await rest.listNodeTypes()).map((type) => type.name));
	const missing = nodeNames.map((name) => nodeType(name)).filter((name) => !known.has(name));
	expect(missing).toEqual([]);
});

test('n8n knows every credential type of the package', async () => {
	const known = new Set((await rest.listCredentialTypes()).map((type) => type.name));
	const missing = credentials.map((type) => credentialName(type)).filter((name) => !known.has(name));
	expect(missing).toEqual([]);
});

test('n8n hands out the full description of every node (what the editor loads)', async () => {
	const known = await rest.listNodeTypes();
	const infos = nodeNames.map((name) => {
		const listed = known.find((type) => type.name === nodeType(name));
		const versions = [listed?.version ?? 1].flat();
		return { name: nodeType(name), version: versions[versions.length - 1] };
	});
	const descriptions = await rest.getNodeDescriptions(infos);
	// The description keeps the node's own name; the prefix is the loader's package name.
	expect(descriptions.map((description) => description.name.replace(`${typePrefix()}.`, '')).sort()).toEqual([...nodeNames].sort());
	for (const description of descriptions) expect(Array.isArray(description.properties)).toBe(true);
});

const describeCustomService = nodeNames.includes('customServiceRequest') ? describe : describe.skip;

describeCustomService('Custom Service Request against a fake OAuth2 service', () => {
	test('GETs through the credential and returns the body, via n8n execute', async () => {
		const fake = await startFakeOAuth();
		try {
			fake.validToken = 'valid-token';
			const credential = plainCredential('customServiceOAuth2Api', 'package-load custom service', {
				serviceName: 'Fake',
				grantType: 'authorizationCode',
				authorizeUrl: `${fake.url}/authorize`,
				tokenUrl: `${fake.url}/token`,
				refreshTokenUrl: '',
				clientId: 'client',
				clientSecret: 'secret',
				scope: '',
				authentication: 'body',
				apiBaseUrl: `${fake.url}/api`,
				oauthTokenData: { access_token: 'valid-token', refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600 },
			});
			await importCredentials(n8n, [credential]);
			const workflow = chainWorkflow('package-load: custom service', [
				manualTrigger,
				{
					name: 'Request',
					type: nodeType('customServiceRequest'),
					parameters: { method: 'GET', url: '/things' },
					credentials: credentialRef(credential),
				},
			]);
			await importWorkflow(n8n, workflow);
			const run = await executeWorkflow(n8n, workflow.id);
			expect(runError(run)).toBeUndefined();
			expect(nodeOutput(run, 'Request')[0]).toMatchObject({ path: '/api/things' });
		} finally {
			await fake.close();
		}
	});
});
