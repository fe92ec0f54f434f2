/**
 * Runs one of our nodes inside n8n-core's real ExecuteContext — the class a running n8n uses — so
 * `httpRequestWithAuthentication`, OAuth2 signing and refresh (n8n's client-oauth2), parameter
 * resolution, paired items and continue-on-fail are n8n's own. Only the credential store is ours
 * (memoryCredentials.ts). The e2e suite then proves the same in a whole running n8n.
 */
import { ExecuteContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
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

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	/** Input items (json); default one empty item. */
	items?: IDataObject[];
	/** credential type -> decrypted data, as n8n would hand it over (OAuth2: with oauthTokenData). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

export interface RunNodeResult {
	output: INodeExecutionData[][];
	/** The credential store after the run: what n8n would have saved (refreshed tokens). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** How many times n8n persisted new OAuth2 token data (once per refresh). */
	tokenUpdates: number;
	/** The execution hints the node added (n8n stores them with the run data; the editor shows them above the output). */
	hints: NodeExecutionHint[];
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const description = options.node.description;
	const store = new MemoryCredentialsHelper(structuredClone(options.credentials), CREDENTIAL_TYPES);
	const nodeTypes: INodeTypes = {
		getByName: () => options.node,
		getByNameAndVersion: () => options.node,
		getKnownTypes: () => ({}),
	};
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, options.parameters, true, false, { typeVersion: 1 }, description) ?? {};
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-zoho-connect.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: type, name: type }])),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'node-runner',
		name: 'node runner',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const additionalData = {
		credentialsHelper: store,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const inputData = { main: [items] };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Input' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		executeData,
		[],
	);
	const output = (await options.node.execute!.call(context)) as INodeExecutionData[][];
	return { output, credentials: store.data, tokenUpdates: store.tokenUpdates, hints: [...context.hints] };
}
