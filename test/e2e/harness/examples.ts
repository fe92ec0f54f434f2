import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';
import { nodeType, PACKAGE_NAME, typePrefix } from './nodeTypes';
import type { WorkflowInput } from './rest';

export type CredentialRefs = Record<string, { id: string; name: string }>;

const CREDENTIAL_FOR: Record<string, string> = {
	[nodeType('zohoCrmConnect')]: 'zohoCrmConnectOAuth2Api',
	[nodeType('zohoCrmConnectTrigger')]: 'zohoCrmConnectOAuth2Api',
	[nodeType('mailchimpCampaigns')]: 'mailchimpConnectOAuth2Api',
};

/**
 * A shipped workflow from examples/ as a user imports it; only the credentials are filled in (and,
 * in the dev install mode that loads dist/ as custom extensions, the node-type prefix `CUSTOM.`).
 */
export function loadExample(file: string, credentials: CredentialRefs): WorkflowInput {
	const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', file), 'utf8');
	const workflow = JSON.parse(text.split(`${PACKAGE_NAME}.`).join(`${typePrefix()}.`)) as WorkflowInput;
	const nodes = workflow.nodes.map((node): INode => {
		const type = CREDENTIAL_FOR[node.type];
		return type ? { ...node, credentials: { [type]: credentials[type] } } : node;
	});
	return { name: workflow.name, nodes, connections: workflow.connections, settings: workflow.settings };
}
