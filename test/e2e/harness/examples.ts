import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';
import type { WorkflowInput } from './rest';

export type CredentialRefs = Record<string, { id: string; name: string }>;

const CREDENTIAL_FOR: Record<string, string> = {
	'CUSTOM.zohoCrmConnect': 'zohoCrmConnectOAuth2Api',
	'CUSTOM.zohoCrmConnectTrigger': 'zohoCrmConnectOAuth2Api',
	'CUSTOM.mailchimpCampaigns': 'mailchimpConnectOAuth2Api',
};

/**
 * A shipped workflow from examples/ as a user imports it; only the node-type prefix (the dev host
 * loads dist/ as custom extensions: `CUSTOM.<name>`) and the credentials are filled in.
 */
export function loadExample(file: string, credentials: CredentialRefs): WorkflowInput {
	const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', file), 'utf8');
	const workflow = JSON.parse(text.split('n8n-nodes-zoho-connect.').join('CUSTOM.')) as WorkflowInput;
	const nodes = workflow.nodes.map((node): INode => {
		const type = CREDENTIAL_FOR[node.type];
		return type ? { ...node, credentials: { [type]: credentials[type] } } : node;
	});
	return { name: workflow.name, nodes, connections: workflow.connections, settings: workflow.settings };
}
