/** Workflows through the n8n CLI: import a JSON definition, run it with `n8n execute`. */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';
import type { N8nInstance } from './n8n';
import type { WorkflowInput } from './rest';
import type { WorkflowRun } from './runData';

/** n8n workflow ids are 16 alphanumerics; a fixed alphabet keeps them valid for the CLI. */
export function newWorkflowId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

export interface ChainNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: INodeParameters;
	/** credential type -> { id, name } */
	credentials?: INode['credentials'];
	/** Webhook and trigger nodes are registered under it; generated when missing. */
	webhookId?: string;
	/** Run once for all input items (n8n's node setting). */
	executeOnce?: boolean;
	onError?: INode['onError'];
}

/** A workflow whose nodes run one after another (first node = trigger). */
export function chainWorkflow(name: string, nodes: ChainNode[], id: string = newWorkflowId()): WorkflowInput & { id: string } {
	const connections: IConnections = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		nodes: nodes.map((node, index) => ({
			id: `${id}-${index}`,
			name: node.name,
			type: node.type,
			typeVersion: node.typeVersion ?? 1,
			position: [index * 220, 0],
			parameters: node.parameters ?? {},
			// Without a webhookId n8n registers a webhook under <workflowId>/<node name>/<path>, not <path>.
			webhookId: node.webhookId ?? randomUUID(),
			...(node.credentials ? { credentials: node.credentials } : {}),
			...(node.executeOnce ? { executeOnce: true } : {}),
			...(node.onError ? { onError: node.onError } : {}),
		})),
		connections,
		settings: {},
	};
}

/** `n8n import:workflow`; returns the workflow id (one is generated when the JSON has none). */
export async function importWorkflow(n8n: N8nInstance, workflow: WorkflowInput): Promise<string> {
	const id = workflow.id ?? newWorkflowId();
	const file = join(n8n.userFolder, `workflow-${id}.json`);
	writeFileSync(file, JSON.stringify({ active: false, settings: {}, ...workflow, id }));
	try {
		await n8n.cliOk(['import:workflow', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
	return id;
}

export interface CliExecution extends WorkflowRun {
	exitCode: number | null;
	stdout: string;
	stderr: string;
}

/**
 * The run JSON inside `n8n execute --rawOutput` output. n8n 2.8 prints log lines (task broker,
 * runner warnings) before it and, on failure, "Execution was NOT successful" lines and the error
 * after it; the run itself is pretty-printed, so it starts at a line "{" and ends at a line "}".
 */
export function parseExecuteOutput(output: string): WorkflowRun | undefined {
	const lines = output.split('\n');
	for (let start = lines.length - 1; start >= 0; start--) {
		if (lines[start] !== '{') continue;
		const end = lines.indexOf('}', start);
		if (end < 0) continue;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as Partial<WorkflowRun>;
			if (parsed.data?.resultData) return parsed as WorkflowRun;
		} catch {
			// not the run: keep looking
		}
	}
	return undefined;
}

/** `n8n execute --id=<id> --rawOutput`: the whole run, also when it failed (status "error"). */
export async function executeWorkflow(n8n: N8nInstance, id: string, options: { timeoutMs?: number } = {}): Promise<CliExecution> {
	const result = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: options.timeoutMs });
	const run = parseExecuteOutput(result.stdout);
	if (!run) throw new Error(`n8n execute printed no run (exit ${result.code})\n${result.stdout}\n${result.stderr}`);
	return { ...run, exitCode: result.code, stdout: result.stdout, stderr: result.stderr };
}
