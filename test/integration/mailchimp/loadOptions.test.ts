import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodeTypes, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { MailchimpCampaigns } from '../../../nodes/Mailchimp/MailchimpCampaigns.node';
import { getAudiences } from '../../../nodes/Mailchimp/methods/loadOptions';
import { CREDENTIAL_TYPES } from '../../helpers/nodeRunner';
import { MemoryCredentialsHelper } from '../../helpers/memoryCredentials';
import { mailchimpOAuthCredential } from '../../helpers/sandboxCredentials';
import { useMailchimpKit } from './kit';

/** n8n-core's real LoadOptionsContext (what the editor's dropdowns run in) around our node. */
function loadOptionsContext(credentials: Record<string, ICredentialDataDecryptedObject>): LoadOptionsContext {
	const type = new MailchimpCampaigns();
	const parameters =
		NodeHelpers.getNodeParameters(type.description.properties, { authentication: 'oAuth2', resource: 'member', operation: 'getMany' }, true, false, {
			typeVersion: 1,
		}, type.description) ?? {};
	const node: INode = {
		id: 'n',
		name: 'MailChimp Campaigns',
		type: 'n8n-nodes-zoho-connect.mailchimpCampaigns',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { mailchimpConnectOAuth2Api: { id: 'c', name: 'c' } },
	};
	const nodeTypes: INodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ id: 'w', name: 'w', nodes: [node], connections: {}, active: false, nodeTypes, staticData: {}, settings: {} });
	const additionalData = {
		credentialsHelper: new MemoryCredentialsHelper(credentials, CREDENTIAL_TYPES),
		currentNodeParameters: parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.listId');
}

describe('MailChimp Campaigns node: editor load options', () => {
	const kit = useMailchimpKit();

	it('lists every audience by name, one call (plus one metadata call)', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 0, listMembers: 300, seed: 2 });
		const ctx = loadOptionsContext({ mailchimpConnectOAuth2Api: mailchimpOAuthCredential(kit.sandbox.url, kit.token) });
		const options = await getAudiences.call(ctx);
		const lists = kit.sandbox.mailchimp.lists();
		expect(options).toHaveLength(lists.length);
		expect(options.map((o) => o.value).sort()).toEqual(lists.map((l) => l.id as string).sort());
		expect(kit.calls('GET /3.0/lists')).toBe(1);
		expect(kit.calls('GET /oauth2/metadata')).toBe(1);
	});
});
