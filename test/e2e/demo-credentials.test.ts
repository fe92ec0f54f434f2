/**
 * What `npm run demo` pre-creates works out of the box: each demo credential, imported into a real
 * n8n, drives its node against the sandbox with no Connect click.
 */
import { credentialRef, importCredentials } from './harness/credentials';
import { nodeType } from './harness/nodeTypes';
import { demoCredentials } from './harness/credentialBuilders';
import type { N8nInstance } from './harness/n8n';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { chainWorkflow } from './harness/workflows';
import { startSandbox, type Sandbox } from '../sandbox';
import { LEADS } from '../helpers/zohoModules';

let n8n: N8nInstance;
let rest: N8nRest;
let sandbox: Sandbox;

beforeAll(async () => {
	n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	sandbox.zoho.seed({ module: 'Leads', count: 12, seed: 42 });
	sandbox.mailchimp.seed({ campaigns: 15, seed: 42 });
});

afterAll(async () => sandbox?.close());

it('every demo credential drives its node', async () => {
	const [zoho, custom, mailchimpOAuth, mailchimpKey] = demoCredentials(sandbox);
	await importCredentials(n8n, [zoho, custom, mailchimpOAuth, mailchimpKey]);
	const workflow = chainWorkflow('e2e demo credentials', [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{
			name: 'Zoho',
			type: nodeType('zohoCrmConnect'),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true, fields: ['Last_Name'] },
			credentials: credentialRef(zoho),
		},
		{
			name: 'Custom',
			type: nodeType('customServiceRequest'),
			parameters: { method: 'GET', url: '/me' },
			credentials: credentialRef(custom),
			executeOnce: true,
		},
		{
			name: 'MailChimp OAuth',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: true },
			credentials: credentialRef(mailchimpOAuth),
			executeOnce: true,
		},
		{
			name: 'MailChimp Key',
			type: nodeType('mailchimpCampaigns'),
			parameters: { authentication: 'apiKey', resource: 'campaign', operation: 'getMany', returnAll: false, limit: 3 },
			credentials: credentialRef(mailchimpKey),
			executeOnce: true,
		},
	]);
	const run = await rest.runWorkflow((await rest.createWorkflow(workflow)).id);
	expect(runError(run)).toBeUndefined();
	expect(nodeOutput(run, 'Zoho')).toHaveLength(12);
	expect(nodeOutput(run, 'Custom')[0]).toMatchObject({ id: 'user-1' });
	expect(nodeOutput(run, 'MailChimp OAuth')).toHaveLength(15);
	expect(nodeOutput(run, 'MailChimp Key')).toHaveLength(3);
});
