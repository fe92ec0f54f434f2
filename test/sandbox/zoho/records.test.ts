import { lead, useZohoKit } from './testkit';

describe('Zoho sandbox: CRM v8 record reads', () => {
	const kit = useZohoKit({ realClock: true, relogin: true });

	const list = (params: Record<string, unknown>, headers: Record<string, string> = {}) => kit.v8.get('/Leads', { params, headers });

	it('requires fields, at most 50 of them, each a real field', async () => {
		kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		const missing = await list({});
		expect(missing.status).toBe(400);
		expect(missing.data).toMatchObject({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'fields' } });
		const names = (await kit.v8.get('/settings/fields', { params: { module: 'Leads' } })).data.fields.map((f: { api_name: string }) => f.api_name);
		expect(names.length).toBeGreaterThan(50);
		const tooMany = await list({ fields: names.slice(0, 51).join(',') });
		expect(tooMany.status).toBe(400);
		expect(tooMany.data).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 50, param_name: 'fields' } });
		const fifty = await list({ fields: names.slice(0, 50).join(',') });
		expect(fifty.status).toBe(200);
		expect(Object.keys(fifty.data.data[0])).toHaveLength(51);
		expect((await list({ fields: 'Email,Nope' })).data).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Nope' } });
	});

	it('checks per_page 1..200 and page numbers up to 2,000 records', async () => {
		kit.zoho.seed({ module: 'Leads', count: 5, seed: 1 });
		for (const per_page of [0, 201, 'x']) {
			const res = await list({ fields: 'Email', per_page });
			expect([per_page, res.status, res.data.code, res.data.details.param_name]).toEqual([per_page, 400, 'INVALID_DATA', 'per_page']);
		}
		expect((await list({ fields: 'Email', per_page: 200, page: 10 })).status).toBe(204);
		const past = await list({ fields: 'Email', per_page: 200, page: 11 });
		expect(past.status).toBe(400);
		expect(past.data.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
		expect((await list({ fields: 'Email', per_page: 100, page: 21 })).data.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
	});

	it('answers 204 with an empty body when there are no records', async () => {
		const res = await kit.v8.get('/Leads', { params: { fields: 'Email' }, responseType: 'text' });
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
	});

	it('returns the envelope and pages by number', async () => {
		kit.zoho.seed({ module: 'Leads', count: 250, seed: 7 });
		const first = await list({ fields: 'Email,Last_Name', per_page: 200 });
		expect(first.status).toBe(200);
		expect(first.data.info).toMatchObject({ per_page: 200, count: 200, page: 1, more_records: true, sort_by: 'id', sort_order: 'desc', previous_page_token: null });
		expect(typeof first.data.info.next_page_token).toBe('string');
		expect(first.data.info.page_token_expiry).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
		expect(first.data.data[0]).toEqual({ Email: expect.any(String), Last_Name: expect.any(String), id: expect.stringMatching(/^\d{19}$/) });
		const second = await list({ fields: 'Email', per_page: 200, page: 2 });
		expect(second.data.info).toMatchObject({ count: 50, page: 2, more_records: false, next_page_token: null });
		const ids = [...first.data.data, ...second.data.data].map((r: { id: string }) => r.id);
		expect(new Set(ids).size).toBe(250);
		expect([...ids].sort().reverse()).toEqual(ids);
	});

	it('page tokens in the default id order neither repeat nor skip a record', async () => {
		kit.zoho.seed({ module: 'Leads', count: 2300, seed: 11 });
		const ids: string[] = [];
		let pageToken: string | undefined;
		for (;;) {
			const res = await list(pageToken ? { fields: 'Email', per_page: 200, page_token: pageToken } : { fields: 'Email', per_page: 200 });
			ids.push(...res.data.data.map((r: { id: string }) => r.id));
			if (!res.data.info.more_records) break;
			pageToken = res.data.info.next_page_token;
		}
		expect(ids).toHaveLength(2300);
		expect(new Set(ids).size).toBe(2300);
	});

	it('reads 5,000 records with page_token, and rejects expired tokens', async () => {
		kit.zoho.seed({ module: 'Leads', count: 5000, seed: 3 });
		const seen = new Set<string>();
		let pageToken: string | undefined;
		let calls = 0;
		let lastToken = '';
		let rows = 0;
		for (;;) {
			const res = await list(pageToken ? { fields: 'Email', per_page: 200, page_token: pageToken } : { fields: 'Email', per_page: 200, sort_by: 'Modified_Time', sort_order: 'asc' });
			calls++;
			expect(res.status).toBe(200);
			for (const r of res.data.data) seen.add(r.id);
			rows += res.data.data.length;
			if (!res.data.info.more_records) break;
			lastToken = pageToken ?? '';
			pageToken = res.data.info.next_page_token;
		}
		expect(seen.size).toBe(5000);
		expect(rows).toBe(5000);
		expect(calls).toBe(25);
		expect((await list({ fields: 'Email', page_token: lastToken, page: 2 })).data.details.param_name).toBe('page');
		expect((await list({ fields: 'Email', page_token: 'bogus' })).data).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'page_token' } });
		kit.zoho.expirePageTokens();
		const expired = await list({ fields: 'Email', page_token: lastToken });
		expect(expired.status).toBe(400);
		expect(expired.data).toMatchObject({ code: 'EXPIRED_VALUE', details: { param_name: 'page_token' } });
	});

	it('expires page tokens by time (pageTokenLifetimeSec)', async () => {
		let now = Date.parse('2026-05-01T08:00:00Z');
		kit.zoho.setClock(() => now);
		kit.zoho.seed({ module: 'Leads', count: 300, seed: 3 });
		const first = await list({ fields: 'Email' });
		now += 86_400_000 + 1000;
		expect((await list({ fields: 'Email', page_token: first.data.info.next_page_token })).data.code).toBe('EXPIRED_VALUE');
	});

	it('sorts by Modified_Time with id as tie-breaker and honours If-Modified-Since (304 / only newer)', async () => {
		const t0 = Date.parse('2026-11-23T10:00:00Z');
		kit.zoho.setClock(() => t0);
		const created = await kit.v8.post('/Leads', { data: [lead(1), lead(2), lead(3)] });
		expect(created.status).toBe(201);
		const ids = created.data.data.map((d: { details: { id: string } }) => d.details.id);
		expect(new Set(created.data.data.map((d: { details: { Modified_Time: string } }) => d.details.Modified_Time))).toEqual(new Set(['2026-11-23T10:00:00+00:00']));
		const asc = await list({ fields: 'Modified_Time', sort_by: 'Modified_Time', sort_order: 'asc' });
		expect(asc.data.data.map((r: { id: string }) => r.id)).toEqual(ids);
		const since = { 'If-Modified-Since': '2026-11-23T10:00:00+00:00' };
		const none = await list({ fields: 'Email' }, since);
		expect(none.status).toBe(304);
		kit.zoho.setClock(() => t0 + 5000);
		kit.zoho.touch('Leads', ids[1], { City: 'Lyon' });
		const newer = await list({ fields: 'Email,City' }, since);
		expect(newer.status).toBe(200);
		expect(newer.data.data).toEqual([{ Email: 'ada.2@example.com', City: 'Lyon', id: ids[1] }]);
		expect((await list({ fields: 'Email' }, { 'If-Modified-Since': 'Mon, 23 Nov 2026 10:00:04 GMT' })).data.data).toHaveLength(1);
	});

	it('filters by cvid, ids, converted and approved', async () => {
		const ids = kit.zoho.seed({ module: 'Leads', count: 20, seed: 5, overrides: { Email_Opt_Out: false } });
		kit.zoho.touch('Leads', ids[0], { Email_Opt_Out: true });
		expect((await list({ fields: 'Email', cvid: '5725767000000087502' })).data.data.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
		expect((await list({ fields: 'Email', cvid: '123' })).data.details.param_name).toBe('cvid');
		expect((await list({ fields: 'Email', ids: `${ids[1]},${ids[2]}` })).data.data).toHaveLength(2);
		await kit.v8.post(`/Leads/${ids[3]}/actions/convert`, { data: [{}] });
		expect((await list({ fields: 'Email' })).data.data).toHaveLength(19);
		expect((await list({ fields: 'Email', converted: 'true' })).data.data).toHaveLength(1);
		expect((await list({ fields: 'Email', converted: 'both' })).data.data).toHaveLength(20);
		kit.zoho.insertDirect('Leads', [{ ...lead(99), $approved: false }]);
		expect((await list({ fields: 'Email', approved: 'false' })).data.data).toHaveLength(1);
	});

	it('gets one record with every field, 204 for an unknown id, INVALID_MODULE / NOT_SUPPORTED modules', async () => {
		const [id] = kit.zoho.seed({ module: 'Leads', count: 1, seed: 2 });
		const one = await kit.v8.get(`/Leads/${id}`);
		expect(one.status).toBe(200);
		expect(one.data.data[0]).toMatchObject({ id, Owner: { id: expect.any(String), name: expect.any(String), email: expect.any(String) }, $converted: false });
		expect(Object.keys(one.data.data[0]).length).toBeGreaterThan(50);
		expect((await kit.v8.get('/Leads/5725767000009999999')).status).toBe(204);
		expect((await kit.v8.get('/Nope', { params: { fields: 'Email' } })).data.code).toBe('INVALID_MODULE');
		expect((await kit.v8.get('/Visits', { params: { fields: 'Owner' } })).data.code).toBe('NOT_SUPPORTED');
		expect((await kit.v8.get('/leads', { params: { fields: 'Email' } })).status).toBe(200);
	});

	it('counts records and lists deleted ones', async () => {
		const ids = kit.zoho.seed({ module: 'Leads', count: 4, seed: 2 });
		expect((await kit.v8.get('/Leads/actions/count')).data).toEqual({ count: 4 });
		await kit.v8.delete('/Leads', { params: { ids: ids.slice(0, 2).join(',') } });
		expect((await kit.v8.get('/Leads/actions/count')).data).toEqual({ count: 2 });
		const deleted = await kit.v8.get('/Leads/deleted', { params: { type: 'all' } });
		expect(deleted.data.data.map((d: { id: string }) => d.id).sort()).toEqual(ids.slice(0, 2).sort());
		expect(deleted.data.data[0]).toMatchObject({ type: 'recycle', deleted_by: { id: expect.any(String) }, display_name: expect.any(String) });
		expect((await kit.v8.get('/Contacts/deleted')).status).toBe(204);
	});
});
