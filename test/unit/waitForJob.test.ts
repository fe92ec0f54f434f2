import type { INode } from 'n8n-workflow';
import { waitForJob } from '../../nodes/ZohoCrm/transport/bulk/waitForJob';

const node: INode = {
	id: 'n1',
	name: 'Zoho CRM Connect',
	type: 'n8n-nodes-zoho-connect.zohoCrmConnect',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A job that answers the given states in order, then stays in the last one. */
function job(states: string[]) {
	let calls = 0;
	const check = async () => {
		const state = states[Math.min(calls, states.length - 1)];
		calls += 1;
		return { state, value: `result after ${calls}` };
	};
	return { check, calls: () => calls };
}

const states = { doneStates: ['COMPLETED'], failedStates: ['FAILURE'] } as const;

describe('waitForJob', () => {
	it('checks until the job is done and answers what the last check read', async () => {
		const read = job(['ADDED', 'QUEUED', 'IN PROGRESS', 'COMPLETED']);
		await expect(waitForJob(node, { kind: 'Bulk Read', id: '111', check: read.check, ...states, maxWaitMs: 60_000, firstDelayMs: 1 })).resolves.toBe(
			'result after 4',
		);
		expect(read.calls()).toBe(4);
	});

	it('names the job, its id and state when Zoho fails it', async () => {
		const write = job(['IN PROGRESS', 'FAILURE']);
		await expect(waitForJob(node, { kind: 'Bulk Write', id: '222', check: write.check, ...states, maxWaitMs: 60_000, firstDelayMs: 1 })).rejects.toThrow(
			'Bulk Write job 222 ended in state FAILURE',
		);
		expect(write.calls()).toBe(2);
	});

	it('gives up past the maximum wait, naming the state it was left in', async () => {
		const read = job(['IN PROGRESS']);
		const error = await waitForJob(node, { kind: 'Bulk Read', id: '333', check: read.check, ...states, maxWaitMs: 20, firstDelayMs: 1, maxDelayMs: 4 }).catch(
			(caught: Error) => caught,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/^Bulk Read job 333 is still IN PROGRESS after \d+ s$/);
		expect((error as { description?: string }).description).toMatch(/Max Wait/);
		expect(read.calls()).toBeGreaterThanOrEqual(1);
	});
});
