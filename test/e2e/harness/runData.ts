/** One shape for a finished execution, whether it came from `n8n execute` or from the REST API. */
import type { IDataObject, IRunExecutionData, ITaskData } from 'n8n-workflow';

export interface WorkflowRun {
	/** success | error | canceled | crashed | ... */
	status: string;
	mode: string;
	data: IRunExecutionData;
}

/** The json of the items node `nodeName` emitted on `output` in its last run (or `runIndex`). */
export function nodeOutput(run: WorkflowRun, nodeName: string, options: { output?: number; runIndex?: number } = {}): IDataObject[] {
	const task = nodeTask(run, nodeName, options.runIndex);
	const items = task.data?.main?.[options.output ?? 0] ?? [];
	return items.map((item) => item.json);
}

export function nodeTask(run: WorkflowRun, nodeName: string, runIndex?: number): ITaskData {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) {
		const ran = Object.keys(run.data.resultData.runData).join(', ') || 'none';
		throw new Error(`node "${nodeName}" did not run (ran: ${ran}); status ${run.status}${errorSuffix(run)}`);
	}
	return runs[runIndex ?? runs.length - 1];
}

/** The execution's error message, if any (node errors included). */
export function runError(run: WorkflowRun): string | undefined {
	const error = run.data.resultData.error;
	if (!error) return undefined;
	const node = (error as { node?: { name?: string } }).node?.name;
	return node ? `${node}: ${error.message}` : error.message;
}

function errorSuffix(run: WorkflowRun): string {
	const message = runError(run);
	return message ? ` (${message})` : '';
}

/** Throws with the error when the execution did not succeed; returns it for chaining. */
export function assertSucceeded(run: WorkflowRun): WorkflowRun {
	if (run.status !== 'success') throw new Error(`execution ended with status ${run.status}${errorSuffix(run)}`);
	return run;
}

/**
 * n8n's REST API returns execution data in the `flatted` format: a JSON array whose first entry is
 * the root; inside objects and arrays every string is the index of the entry holding the value.
 */
export function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Set<object>();
	const resolveEntry = (ref: string): unknown => {
		const value = table[Number(ref)];
		return typeof value === 'object' && value !== null ? revive(value) : value;
	};
	const revive = (target: object): object => {
		if (revived.has(target)) return target;
		revived.add(target);
		const record = target as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			if (typeof record[key] === 'string') record[key] = resolveEntry(record[key] as string);
		}
		return target;
	};
	const root = table[0];
	return typeof root === 'object' && root !== null ? revive(root) : root;
}
