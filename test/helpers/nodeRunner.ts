/**
 * Runs one of our nodes inside n8n-core's real ExecuteContext — the class a running n8n uses — so
 * `httpRequestWithAuthentication`, OAuth2 signing and refresh (n8n's client-oauth2), parameter
 * resolution, paired items and continue-on-fail are n8n's own. Only the credential store is ours
 * (memoryCredentials.ts). The e2e suite then proves the same in a whole running n8n.
 */
import { ExecuteContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType, NodeExecutionHint } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';
import { buildTestNode } from './testNode';

export { CREDENTIAL_TYPES } from './testNode';

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
	const { node, workflow, store, additionalData } = buildTestNode({
		nodeType: options.node,
		parameters: options.parameters,
		credentials: options.credentials,
		nodeId: 'node-under-test',
		workflowId: 'node-runner',
		workflowName: 'node runner',
		executionId: 'test-execution',
		active: false,
		continueOnFail: options.continueOnFail,
	});
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
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
