import { NodeOperationError, sleep, type INode } from 'n8n-workflow';

export interface BulkJobWait<T> {
	kind: 'Bulk Read' | 'Bulk Write';
	id: string;
	/** One status call; answers the job's state and whatever the caller needs from that answer. */
	check: () => Promise<{ state: string; value: T }>;
	doneStates: readonly string[];
	failedStates: readonly string[];
	maxWaitMs: number;
	firstDelayMs?: number;
	maxDelayMs?: number;
}

export const DEFAULT_JOB_WAIT_MS = 30 * 60 * 1000;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30 * 1000;

/**
 * Polls a Zoho bulk job until it is done. Every status call costs a credit, so the delay doubles
 * up to `maxDelayMs`; the last sleep is cut so the wait never overshoots `maxWaitMs` by more than
 * one status call.
 */
export async function waitForJob<T>(node: INode, job: BulkJobWait<T>): Promise<T> {
	const started = Date.now();
	let delay = job.firstDelayMs ?? FIRST_DELAY_MS;
	const maxDelay = job.maxDelayMs ?? MAX_DELAY_MS;
	for (;;) {
		const { state, value } = await job.check();
		if (job.doneStates.includes(state)) return value;
		if (job.failedStates.includes(state)) {
			throw new NodeOperationError(node, `${job.kind} job ${job.id} ended in state ${state}`, {
				description: 'Zoho reported the job as failed. Check the module, fields and criteria, then run again.',
			});
		}
		const waited = Date.now() - started;
		if (waited >= job.maxWaitMs) {
			throw new NodeOperationError(
				node,
				`${job.kind} job ${job.id} is still ${state} after ${Math.round(waited / 1000)} s`,
				{
					description:
						'The job did not finish within the maximum wait. Raise "Max Wait (Minutes)" or run again later; the job keeps running in Zoho.',
				},
			);
		}
		await sleep(Math.min(delay, job.maxWaitMs - waited));
		delay = Math.min(delay * 2, maxDelay);
	}
}
