/**
 * The n8n objects every runner puts a node in (nodeRunner, pollRunner/hookRunner, loadOptionsRunner):
 * the node with its parameters resolved as n8n resolves them, a one-node Workflow, the in-memory
 * credential store and the additional data n8n-core's contexts read.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { MemoryCredentialsHelper } from './memoryCredentials';

import { CustomServiceOAuth2Api } from '../../credentials/CustomServiceOAuth2Api.credentials';
import { MailchimpConnectApi } from '../../credentials/MailchimpConnectApi.credentials';
import { MailchimpConnectOAuth2Api } from '../../credentials/MailchimpConnectOAuth2Api.credentials';
import { ZohoCrmConnectOAuth2Api } from '../../credentials/ZohoCrmConnectOAuth2Api.credentials';

const oAuth2Api: ICredentialType = { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] };

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
	[new ZohoCrmConnectOAuth2Api(), new CustomServiceOAuth2Api(), new MailchimpConnectOAuth2Api(), new MailchimpConnectApi(), oAuth2Api].map(
		(t) => [t.name, t],
	),
);

export interface TestNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** INode id, workflow id and name, execution id: how each runner names its run. */
	nodeId: string;
	workflowId: string;
	workflowName?: string;
	executionId: string;
	active: boolean;
	/** Base of webhook URLs, default http://127.0.0.1/webhook. */
	webhookBaseUrl?: string;
	webhookId?: string;
	continueOnFail?: boolean;
}

export interface TestNode {
	node: INode;
	workflow: Workflow;
	store: MemoryCredentialsHelper;
	additionalData: IWorkflowExecuteAdditionalData;
	/** The parameters as n8n resolves them (defaults filled in). */
	resolve(parameters: INodeParameters): INodeParameters;
}

export function buildTestNode(options: TestNodeOptions): TestNode {
	const { nodeType } = options;
	const description = nodeType.description;
	const store = new MemoryCredentialsHelper(structuredClone(options.credentials), CREDENTIAL_TYPES);
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const resolve = (parameters: INodeParameters): INodeParameters =>
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion: 1 }, description) ?? {};
	const node: INode = {
		id: options.nodeId,
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-zoho-connect.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: resolve(options.parameters),
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: type, name: type }])),
		...(options.webhookId ? { webhookId: options.webhookId } : {}),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: options.workflowId,
		name: options.workflowName,
		nodes: [node],
		connections: {},
		active: options.active,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1/webhook';
	const additionalData = {
		credentialsHelper: store,
		executionId: options.executionId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl,
		webhookWaitingBaseUrl: `${webhookBaseUrl}-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}-test`,
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, store, additionalData, resolve };
}
