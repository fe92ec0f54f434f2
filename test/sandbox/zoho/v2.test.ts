import { lead, useZohoKit } from './testkit';

describe('Zoho sandbox: CRM v2 subset (what n8n built-in node calls)', () => {
	const kit = useZohoKit({ relogin: true });

	it('does record CRUD and upsert with Bearer auth on the same store', async () => {
		const created = await kit.v2.post('/Leads', { data: [lead(1)] });
		expect(created.status).toBe(201);
		const id = created.data.data[0].details.id;
		expect((await kit.v8.get(`/Leads/${id}`)).data.data[0].Email).toBe('ada.1@example.com');
		expect((await kit.v2.put(`/Leads/${id}`, { data: [{ City: 'Lima' }] })).status).toBe(200);
		expect((await kit.v2.get(`/Leads/${id}`)).data.data[0]).toMatchObject({ id, City: 'Lima' });
		const upsert = await kit.v2.post('/Leads/upsert', { data: [lead(1, { City: 'Quito' })] });
		expect(upsert.data.data[0]).toMatchObject({ action: 'update', duplicate_field: 'Email' });
		expect((await kit.v2.delete(`/Leads/${id}`)).data.data[0]).toMatchObject({ code: 'SUCCESS', details: { id } });
		expect((await kit.v2.get(`/Leads/${id}`)).status).toBe(204);
		expect((await kit.v2.get('/settings/fields', { params: { module: 'Leads' } })).data.fields.length).toBeGreaterThan(50);
		expect((await kit.http.get('/crm/v2/Leads', { headers: { Authorization: 'OAuth x' } })).data.code).toBe('INVALID_TOKEN');
	});

	it('lists without fields, pages by number and stops at 2,000 records (no page_token)', async () => {
		kit.zoho.seed({ module: 'Leads', count: 2100, seed: 9 });
		const first = await kit.v2.get('/Leads', { params: { per_page: 200 } });
		expect(first.status).toBe(200);
		expect(first.data.info).toEqual({ per_page: 200, count: 200, page: 1, more_records: true });
		expect(Object.keys(first.data.data[0]).length).toBeGreaterThan(50);
		let page = 1;
		let total = 0;
		for (;;) {
			const res = await kit.v2.get('/Leads', { params: { per_page: 200, page, fields: 'Email' } });
			total += res.data.data.length;
			if (!res.data.info.more_records) break;
			page++;
		}
		expect([page, total]).toEqual([10, 2000]);
		expect((await kit.v2.get('/Leads', { params: { per_page: 200, page: 11 } })).data.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
		expect((await kit.v2.get('/Leads', { params: { per_page: 201 } })).data.details.param_name).toBe('per_page');
		expect((await kit.v2.get('/Leads', { params: { page_token: 'x' } })).data.info.page).toBe(1);
	});

	it('answers 204 for an empty module', async () => {
		expect((await kit.v2.get('/Contacts')).status).toBe(204);
	});
});
