import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lead, useZohoKit } from './testkit';

describe('Zoho sandbox: notifications (/actions/watch)', () => {
	const kit = useZohoKit();
	let receiver: Server;
	let notifyUrl: string;
	const received: Array<Record<string, unknown>> = [];
	let now = Date.parse('2026-04-01T09:00:00Z');

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push(JSON.parse(body));
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook?wf=42`;
	});
	afterAll(async () => {
		await new Promise((r) => receiver.close(r));
	});
	beforeEach(() => {
		now = Date.parse('2026-04-01T09:00:00Z');
		kit.zoho.setClock(() => now);
		kit.relogin();
		received.length = 0;
	});

	const expiry = (ms: number) => new Date(now + ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
	const subscribe = (events: string[], extra: Record<string, unknown> = {}) =>
		kit.v8.post('/actions/watch', { watch: [{ channel_id: 1000000068001, events, notify_url: notifyUrl, token: 'secret-token', channel_expiry: expiry(3_600_000), ...extra }] });

	it('subscribes, lists and delivers create/edit/delete notifications as real HTTP POSTs', async () => {
		const sub = await subscribe(['Leads.create', 'Leads.edit', 'Leads.delete']);
		expect(sub.status).toBe(200);
		expect(sub.data.watch[0]).toMatchObject({ code: 'SUCCESS', status: 'success', details: { events: [expect.objectContaining({ channel_id: 1000000068001, resource_name: 'Leads' })] } });
		expect((await kit.v8.get('/actions/watch')).data.watch[0]).toMatchObject({ channel_id: 1000000068001, events: ['Leads.create', 'Leads.edit', 'Leads.delete'], token: 'secret-token' });

		const created = await kit.v8.post('/Leads', { data: [lead(1), lead(2)] });
		const ids = created.data.data.map((d: { details: { id: string } }) => d.details.id);
		await kit.v8.put(`/Leads/${ids[0]}`, { data: [{ City: 'Rome' }] });
		await kit.v8.delete('/Leads', { params: { ids: ids[1] } });
		await kit.v8.post('/Contacts', { data: [{ Last_Name: 'Not watched' }] });
		await kit.zoho.flushNotifications();
		expect(received).toEqual([
			{ server_time: now, query_params: { wf: '42' }, module: 'Leads', resource_uri: `${kit.url}/crm/v8/Leads`, ids, affected_fields: [], operation: 'insert', channel_id: 1000000068001, token: 'secret-token' },
			expect.objectContaining({ operation: 'update', ids: [ids[0]], affected_fields: [{ [ids[0]]: ['City'] }] }),
			expect.objectContaining({ operation: 'delete', ids: [ids[1]] }),
		]);
		expect(kit.zoho.notificationDeliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('notifies on changes made outside the API (touch) and stops after channel expiry', async () => {
		await subscribe(['Leads.all']);
		const [id] = kit.zoho.seed({ module: 'Leads', count: 1, seed: 1 });
		kit.zoho.touch('Leads', id, { City: 'Oslo' });
		await kit.zoho.flushNotifications();
		expect(received).toHaveLength(1);
		now += 3_600_001;
		kit.zoho.touch('Leads', id, { City: 'Bergen' });
		await kit.zoho.flushNotifications();
		expect(received).toHaveLength(1);
		kit.relogin();
		expect((await kit.v8.get('/actions/watch')).status).toBe(204);
	});

	it('rejects channel_expiry beyond one day and bad bodies', async () => {
		const far = await subscribe(['Leads.create'], { channel_expiry: expiry(25 * 3_600_000) });
		expect(far.status).toBe(400);
		expect(far.data).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'channel_expiry' } });
		expect((await subscribe(['Leads.create'], { channel_expiry: expiry(24 * 3_600_000) })).status).toBe(200);
		expect((await subscribe(['Leads.explode'])).data.code).toBe('INVALID_DATA');
		expect((await subscribe(['Nope.create'])).data.code).toBe('INVALID_DATA');
		expect((await kit.v8.post('/actions/watch', { watch: [{ channel_id: 1, events: ['Leads.create'] }] })).data.details.api_name).toBe('notify_url');
	});

	it('updates (PATCH), drops events (_delete_events) and unsubscribes (DELETE)', async () => {
		await subscribe(['Leads.create']);
		await kit.v8.patch('/actions/watch', { watch: [{ channel_id: 1000000068001, events: ['Leads.edit'] }] });
		expect((await kit.v8.get('/actions/watch')).data.watch[0].events).toEqual(['Leads.create', 'Leads.edit']);
		await kit.v8.patch('/actions/watch', { watch: [{ channel_id: 1000000068001, events: ['Leads.create'], _delete_events: true }] });
		expect((await kit.v8.get('/actions/watch')).data.watch[0].events).toEqual(['Leads.edit']);
		const del = await kit.v8.delete('/actions/watch', { params: { channel_ids: '1000000068001' } });
		expect(del.data.watch[0].code).toBe('SUCCESS');
		expect((await kit.v8.get('/actions/watch')).status).toBe(204);
	});

	it('logs delivery failures without crashing', async () => {
		await kit.v8.post('/actions/watch', { watch: [{ channel_id: 7, events: ['Leads.create'], notify_url: 'http://127.0.0.1:1/unreachable' }] });
		const res = await kit.v8.post('/Leads', { data: [lead(1)] });
		expect(res.status).toBe(201);
		await kit.zoho.flushNotifications();
		expect(kit.zoho.notificationFailures).toHaveLength(1);
		expect(kit.zoho.notificationFailures[0].error).toMatch(/ECONNREFUSED/);
	});
});
