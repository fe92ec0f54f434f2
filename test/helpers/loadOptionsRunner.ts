/**
 * Calls a node's editor methods (list search, load options, resource mapping) inside n8n-core's
 * real LoadOptionsContext, as the editor's REST calls do, with the in-memory credential store.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions, INode, INodeParameters, INodeType, INodeTypes, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { MemoryCredentialsHelper } from './memoryCredentials';
import { CREDENTIAL_TYPES } from './nodeRunner';

export function loadOptionsContext(
	nodeType: INodeType,
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): ILoadOptionsFunctions {
	const description = nodeType.description;
	const store = new MemoryCredentialsHelper(structuredClone(credentials), CREDENTIAL_TYPES);
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-zoho-connect.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion: 1 }, description) ?? {},
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: type, name: type }])),
	};
	const workflow = new Workflow({ id: 'load-options', nodes: [node], connections: {}, active: false, nodeTypes, staticData: {}, settings: {} });
	const additionalData = { credentialsHelper: store, executionId: 'load-options', restApiUrl: 'http://127.0.0.1/rest', instanceBaseUrl: 'http://127.0.0.1/', variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, '') as unknown as ILoadOptionsFunctions;
}
