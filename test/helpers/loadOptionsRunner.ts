/**
 * Calls a node's editor methods (list search, load options, resource mapping) inside n8n-core's
 * real LoadOptionsContext, as the editor's REST calls do, with the in-memory credential store.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions, INodeParameters, INodeType } from 'n8n-workflow';
import { buildTestNode } from './testNode';

export function loadOptionsContext(
	nodeType: INodeType,
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): ILoadOptionsFunctions {
	const { node, workflow, additionalData } = buildTestNode({
		nodeType,
		parameters,
		credentials,
		nodeId: 'node-under-test',
		workflowId: 'load-options',
		executionId: 'load-options',
		active: false,
	});
	return new LoadOptionsContext(workflow, node, additionalData, '') as unknown as ILoadOptionsFunctions;
}
