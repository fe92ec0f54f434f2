import { subscriberHash } from './index';
import { startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.mc.reset();
	kit.mc.seed({ campaigns: 5, listMembers: 30, seed: 9 });
});

describe('batch operations', () => {
	it('goes pending -> started -> finished over polls and serves the results as JSON', async () => {
		const listId = kit.mc.lists()[0].id as string;
		const operations = [
			...['a', 'b'].map((x) => ({
				method: 'PUT',
				path: `/lists/${listId}/members/${subscriberHash(`${x}@batch-test.com`)}`,
				body: JSON.stringify({ email_address: `${x}@batch-test.com`, status_if_new: 'subscribed' }),
				operation_id: `put-${x}`,
			})),
			{ method: 'GET', path: '/campaigns', params: { count: 2, fields: 'total_items' }, operation_id: 'list' },
			{ method: 'GET', path: '/campaigns/0000000000', operation_id: 'missing' },
			{ method: 'POST', path: `/lists/${listId}`, body: '{not json', operation_id: 'broken' },
		];
		const submitted = await kit.api('/batches', { method: 'POST', json: { operations } });
		expect(submitted.status).toBe(200);
		expect(submitted.body).toMatchObject({ id: expect.any(String), status: 'pending', total_operations: 5, finished_operations: 0, errored_operations: 0, response_body_url: '' });
		expect(kit.mc.members(listId).some((m) => m.email_address === 'a@batch-test.com')).toBe(false);

		const id = submitted.body.id as string;
		const started = await kit.api(`/batches/${id}`);
		expect(started.body.status).toBe('started');
		const finished = await kit.api(`/batches/${id}`);
		expect(finished.body).toMatchObject({ status: 'finished', total_operations: 5, finished_operations: 5, errored_operations: 2, completed_at: expect.any(String) });
		expect(kit.mc.members(listId).some((m) => m.email_address === 'a@batch-test.com')).toBe(true);

		const results = await kit.call(finished.body.response_body_url);
		expect(results.status).toBe(200);
		const byId = Object.fromEntries(results.body.map((r: { operation_id: string }) => [r.operation_id, r]));
		expect(byId['put-a'].status_code).toBe(200);
		expect(JSON.parse(byId['put-a'].response)).toMatchObject({ email_address: 'a@batch-test.com' });
		expect(JSON.parse(byId.list.response)).toEqual({ total_items: 5 });
		expect(byId.missing.status_code).toBe(404);
		expect(byId.broken.status_code).toBe(400);
		expect((await kit.api('/batches')).body.total_items).toBe(1);
		expect((await kit.api(`/batches/${id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await kit.api(`/batches/${id}`)).status).toBe(404);
	});

	it('also finishes with time when batchFinishAfterMs is set', async () => {
		kit.mc.options.batchFinishAfterMs = 50;
		kit.mc.options.batchPollsToFinish = 100;
		// The sandbox's clock, moved by hand: the batch's age is what the test says it is.
		let now = Date.now();
		kit.mc.setClock(() => now);
		try {
			const submitted = await kit.api('/batches', { method: 'POST', json: { operations: [{ method: 'GET', path: '/ping' }] } });
			now += 49;
			expect((await kit.api(`/batches/${submitted.body.id}`)).body.status).toBe('started');
			now += 1;
			expect((await kit.api(`/batches/${submitted.body.id}`)).body.status).toBe('finished');
		} finally {
			kit.mc.setClock(undefined);
			kit.mc.options.batchFinishAfterMs = undefined;
			kit.mc.options.batchPollsToFinish = 2;
		}
	});

	it('validates the batch body', async () => {
		const res = await kit.api('/batches', { method: 'POST', json: { operations: [{ method: 'FETCH', path: 'lists' }] } });
		expect(res.status).toBe(400);
		expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['operations.0.method', 'operations.0.path']);
	});
});
