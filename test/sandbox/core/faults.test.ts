/* The fault rules the reliability suites rely on: drop after the write, start after N, redirect, mid-run actions. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lead, useZohoKit } from '../zoho/testkit';
import { waitFor } from '../../helpers/waitFor';

describe('sandbox fault rules', () => {
	const kit = useZohoKit({ relogin: true });

	it('drop "after" applies the write, then cuts the answer off half way', async () => {
		kit.sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', kind: 'drop', when: 'after', times: 1 });
		await expect(kit.v8.post('/Leads', { data: [lead(1), lead(2)] })).rejects.toThrow();
		expect(kit.zoho.records('Leads')).toHaveLength(2);
		const entry = kit.sandbox.server.log.find((e) => e.method === 'POST');
		expect(entry).toMatchObject({ status: -1, fault: 'drop after' });
		// The rule is spent: the next insert is answered.
		expect((await kit.v8.post('/Leads', { data: [lead(3)] })).status).toBe(201);
	});

	it('drop "mid" (the default) answers nothing and applies nothing', async () => {
		kit.sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', kind: 'drop', times: 1 });
		await expect(kit.v8.post('/Leads', { data: [lead(1)] })).rejects.toThrow();
		expect(kit.zoho.records('Leads')).toHaveLength(0);
	});

	it('"after" lets N requests pass, then the rule fires `times` times in a row', async () => {
		kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'status', status: 429, after: 2, times: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await kit.v8.get('/Leads', { params: { fields: 'Last_Name' } })).status);
		expect(statuses).toEqual([200, 200, 429, 429, 429, 200, 200]);
	});

	it('"after" combines with "every": every 3rd request after the first 2', async () => {
		kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'status', status: 503, after: 2, every: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 9; i++) statuses.push((await kit.v8.get('/Leads', { params: { fields: 'Last_Name' } })).status);
		expect(statuses).toEqual([200, 200, 503, 200, 200, 503, 200, 200, 503]);
	});

	it('barrier holds requests until `holdUntil` of them are in flight, then serves them all', async () => {
		kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		kit.sandbox.server.addFault({ service: 'zoho-crm', method: 'GET', path: '/crm/v8/Leads', kind: 'barrier', holdUntil: 3, times: 3 });
		const get = () => kit.v8.get('/Leads', { params: { fields: 'Last_Name' } });
		// Started one after another, each only once the previous one is held: without the barrier the
		// first would be answered before the second starts.
		const answers = [get()];
		await waitFor(() => kit.sandbox.server.inflight('zoho-crm') === 1, { what: 'the first request held' });
		answers.push(get());
		await waitFor(() => kit.sandbox.server.inflight('zoho-crm') === 2, { what: 'the second request held' });
		answers.push(get());
		expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200]);
		expect(kit.sandbox.server.getStats().maxConcurrency['zoho-crm']).toBe(3);
		// The rule is spent: a fourth request is served at once.
		expect((await get()).status).toBe(200);
	});

	it('redirect answers 307 with the Location given, without running the handler', async () => {
		kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'redirect', location: 'http://127.0.0.2:9/elsewhere', times: 1 });
		const answer = await kit.v8.get('/Leads', { params: { fields: 'Last_Name' } });
		expect(answer.status).toBe(307);
		expect(answer.headers.location).toBe('http://127.0.0.2:9/elsewhere');
	});

	it('a followed cross-host redirect reaches the other host (what the node tests build on)', async () => {
		const seen: IncomingHttpHeaders[] = [];
		const other = createServer((req, res) => {
			seen.push(req.headers);
			res.end('{}');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
		try {
			const port = (other.address() as AddressInfo).port;
			kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'redirect', location: `http://127.0.0.2:${port}/x`, times: 1 });
			const followed = await kit.http.get('/crm/v8/Leads', { maxRedirects: 1, params: { fields: 'Last_Name' } });
			expect(followed.status).toBe(200);
			expect(seen).toHaveLength(1);
		} finally {
			await new Promise<void>((resolve) => other.close(() => resolve()));
		}
	});

	it('expireAccessTokensAfter(n): the (n+1)th CRM call meets an expired token', async () => {
		kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		kit.zoho.expireAccessTokensAfter(2);
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await kit.v8.get('/Leads', { params: { fields: 'Last_Name' } })).status);
		expect(statuses).toEqual([200, 200, 401, 401]);
		expect(kit.sandbox.server.getStats().faultsFired).toBe(0);
		kit.relogin();
		expect((await kit.v8.get('/Leads', { params: { fields: 'Last_Name' } })).status).toBe(200);
	});

	it('expirePageTokensAfter(n): a page_token read after n list calls answers EXPIRED_VALUE', async () => {
		kit.zoho.seed({ module: 'Leads', count: 700, seed: 2 });
		const first = await kit.v8.get('/Leads', { params: { fields: 'Last_Name', per_page: 200 } });
		const token = first.data.info.next_page_token as string;
		expect(token).toBeTruthy();
		const second = await kit.v8.get('/Leads', { params: { fields: 'Last_Name', per_page: 200, page_token: token } });
		expect(second.status).toBe(200);
		kit.zoho.expirePageTokensAfter(0);
		const third = await kit.v8.get('/Leads', { params: { fields: 'Last_Name', per_page: 200, page_token: second.data.info.next_page_token } });
		expect(third.status).toBe(400);
		expect(third.data.code).toBe('EXPIRED_VALUE');
	});
});
