import type { INodeParameters } from 'n8n-workflow';
import type { WorkflowInput } from '../test/e2e/harness/rest';
import { chainWorkflow, type ChainNode } from '../test/e2e/harness/workflows';
import { codeNodeSource } from './data';
import type { CredentialRef } from './types';

const TRIGGER: ChainNode = { name: 'Start', type: 'n8n-nodes-base.manualTrigger' };

export interface MeasuredNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	credentials: CredentialRef;
}

/**
 * Manual trigger -> (Code node emitting `input.count` people of data set `input.seed`) -> the measured
 * node. The input is generated inside n8n, so the workflow stays small whatever the item count.
 */
export function benchWorkflow(name: string, node: MeasuredNode, input?: { seed: number; count: number }): WorkflowInput {
	const nodes: ChainNode[] = [TRIGGER];
	if (input) {
		nodes.push({
			name: 'Input',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: codeNodeSource(input.seed, input.count) },
		});
	}
	nodes.push({ name: node.name, type: node.type, parameters: node.parameters, credentials: node.credentials });
	return chainWorkflow(name, nodes);
}
