import axios from 'axios';
import { startSandbox } from '../index';
import { startZohoKit } from './testkit';

describe('Zoho sandbox: boot, seeding and control routes', () => {
	it('starts and seeds 10,000 realistic Leads', async () => {
		const sandbox = await startSandbox();
		try {
			const ids = sandbox.zoho.seed({ module: 'Leads', count: 10_000, seed: 42 });
			expect(ids).toHaveLength(10_000);
			const records = sandbox.zoho.records('Leads');
			expect(new Set(records.map((r) => String(r.Email).toLowerCase())).size).toBe(10_000);
			expect(records.every((r) => typeof r.Last_Name === 'string' && typeof r.Company === 'string')).toBe(true);
			const times = records.map((r) => Date.parse(String(r.Modified_Time)));
			expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
			expect(Math.min(...times)).toBeLessThan(Date.now() - 300 * 86_400_000);
		} finally {
			await sandbox.close();
		}
	});

	it('seeds deterministically and every seeded record passes API validation', async () => {
		const kit = await startZohoKit();
		try {
			const strip = (r: Record<string, unknown>) => {
				const rest = { ...r };
				for (const key of ['id', 'Created_Time', 'Modified_Time', 'Related_Campaign']) delete rest[key];
				return rest;
			};
			kit.zoho.seed({ module: 'Campaigns', count: 5, seed: 42 });
			const a = kit.zoho.seed({ module: 'Leads', count: 30, seed: 42 }).map((id) => strip(kit.zoho.record('Leads', id)!));
			kit.sandbox.reset();
			kit.relogin();
			kit.zoho.seed({ module: 'Campaigns', count: 5, seed: 42 });
			const b = kit.zoho.seed({ module: 'Leads', count: 30, seed: 42 }).map((id) => strip(kit.zoho.record('Leads', id)!));
			expect(b.map((r) => r.Email)).toEqual(a.map((r) => r.Email));
			for (const module of ['Leads', 'Contacts', 'Accounts', 'Deals', 'Campaigns', 'Tasks', 'Projects_X']) {
				kit.zoho.seed({ module, count: 20, seed: 3 });
				const full = (await kit.v8.get(`/${module}`, { params: { fields: 'Owner', per_page: 20 } })).data.data.map((r: { id: string }) => kit.zoho.record(module, r.id)!);
				const writable = full.map((r: Record<string, unknown>) => {
					const out: Record<string, unknown> = {};
					for (const [k, v] of Object.entries(r)) if (!k.startsWith('$') && !['id', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By', 'Full_Name'].includes(k)) out[k] = v;
					return { ...out, id: r.id };
				});
				const res = await kit.v8.put(`/${module}`, { data: writable });
				expect([module, res.status]).toEqual([module, 200]);
			}
		} finally {
			await kit.close();
		}
	});

	it('exposes /__sandbox/zoho control routes', async () => {
		const kit = await startZohoKit();
		const c = axios.create({ baseURL: `${kit.url}/__sandbox/zoho`, validateStatus: () => true });
		try {
			expect((await c.post('/seed', { module: 'Leads', count: 5, seed: 1 })).data).toMatchObject({ ok: true, count: 5 });
			expect((await c.post('/seed', { module: 'Leads', count: 'x' })).status).toBe(400);
			const records = (await c.get('/records/Leads')).data.records;
			expect(records).toHaveLength(5);
			const touched = await c.post('/touch', { module: 'Leads', id: records[0].id, fields: { City: 'Lisbon' } });
			expect(touched.data.record.City).toBe('Lisbon');
			expect((await c.post('/touch', { module: 'Leads', id: '1' })).status).toBe(400);
			const issued = (await c.post('/issue-tokens', {})).data;
			const api = (t: string) => axios.get(`${kit.url}/crm/v8/users`, { headers: { Authorization: `Zoho-oauthtoken ${t}` }, validateStatus: () => true });
			expect((await api(issued.access_token)).status).toBe(200);
			await c.post('/expire-access-tokens');
			expect((await api(issued.access_token)).status).toBe(401);
			expect((await c.post('/revoke', { token: issued.refresh_token })).data.revoked).toBe(true);
			expect((await c.post('/clients', { clientId: '1000.X', clientSecret: 'y' })).status).toBe(201);
			expect(kit.zoho.tokens.clients.has('1000.X')).toBe(true);
			expect((await c.post('/expire-page-tokens')).data.ok).toBe(true);
			expect((await c.get('/token-stats')).data).toMatchObject({ accessTokensIssued: expect.any(Number), refreshTokens: expect.any(Array) });
			expect(kit.sandbox.server.getStats().byService.control).toBeUndefined();
		} finally {
			await kit.close();
		}
	});
});
