import { lead, useZohoKit } from './testkit';

describe('Zoho sandbox: CRM v8 record writes', () => {
	const kit = useZohoKit({ realClock: true, relogin: true });

	it('inserts with 201 and per-record SUCCESS details; ids are 19-digit and increasing', async () => {
		kit.zoho.setClock(() => Date.parse('2026-11-23T10:00:00.700Z'));
		const res = await kit.v8.post('/Leads', { data: [lead(1), lead(2)], trigger: [] });
		expect(res.status).toBe(201);
		expect(res.data.data[0]).toEqual({
			code: 'SUCCESS',
			status: 'success',
			message: 'record added',
			details: {
				id: expect.stringMatching(/^\d{19}$/),
				Created_Time: '2026-11-23T10:00:00+00:00',
				Modified_Time: '2026-11-23T10:00:00+00:00',
				Created_By: { id: expect.any(String), name: expect.any(String) },
				Modified_By: { id: expect.any(String), name: expect.any(String) },
			},
		});
		const [a, b] = res.data.data.map((d: { details: { id: string } }) => BigInt(d.details.id));
		expect(b > a).toBe(true);
		const stored = kit.zoho.record('Leads', String(a))!;
		expect(stored).toMatchObject({ Email: 'ada.1@example.com', Full_Name: 'Ada Tester 1' });
	});

	it('rejects more than 100 records with 400 LIMIT_EXCEEDED', async () => {
		const data = Array.from({ length: 101 }, (_, i) => lead(i));
		for (const [method, path] of [['post', '/Leads'], ['put', '/Leads'], ['post', '/Leads/upsert']]) {
			const res = await kit.v8.request({ method, url: path, data: { data } });
			expect([path, res.status, res.data.code]).toEqual([path, 400, 'LIMIT_EXCEEDED']);
		}
		expect(kit.zoho.records('Leads')).toHaveLength(0);
		expect((await kit.v8.post('/Leads', { data: data.slice(0, 100) })).status).toBe(201);
	});

	it('answers 207 with INVALID_DATA (api_name, expected_data_type), MANDATORY_NOT_FOUND and DUPLICATE_DATA per record', async () => {
		await kit.v8.post('/Campaigns', { data: [{ Campaign_Name: 'Existing', Mailchimp_Campaign_Id: 'mc-1' }] });
		const res = await kit.v8.post('/Campaigns', {
			data: [
				{ Campaign_Name: 'Fine', Mailchimp_Campaign_Id: 'mc-2' },
				{ Campaign_Name: 'A MailChimp title that is longer than forty characters' },
				{ Campaign_Name: 'Typed', Expected_Response: 'twelve' },
				{ Type: 'Email' },
				{ Campaign_Name: 'Dup', Mailchimp_Campaign_Id: 'MC-1' },
				{ Campaign_Name: 'Unknown', Not_A_Field: 1 },
				{ Campaign_Name: 'Bad pick', Status: 'Sleeping' },
				{ Campaign_Name: 'Bad date', Start_Date: '2026-02-30' },
			],
		});
		expect(res.status).toBe(207);
		const d = res.data.data;
		expect(d[0]).toMatchObject({ code: 'SUCCESS', status: 'success' });
		expect(d[1]).toMatchObject({ code: 'INVALID_DATA', status: 'error', details: { api_name: 'Campaign_Name', maximum_length: 40, json_path: '$.data[1].Campaign_Name' } });
		expect(d[2]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Expected_Response', expected_data_type: 'integer' } });
		expect(d[3]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Campaign_Name' } });
		expect(d[4]).toMatchObject({ code: 'DUPLICATE_DATA', details: { api_name: 'Mailchimp_Campaign_Id', duplicate_record: { id: expect.any(String) } } });
		expect(d[5]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Not_A_Field' } });
		expect(d[6]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Status', expected_data_type: 'picklist' } });
		expect(d[7]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Start_Date', expected_data_type: 'date' } });
		expect(kit.zoho.records('Campaigns')).toHaveLength(2);
	});

	it.each([
		['Email', 'not-an-email', 'email'],
		['No_of_Employees', 1.5, 'integer'],
		['Annual_Revenue', '100', 'currency'],
		['Email_Opt_Out', 'yes', 'boolean'],
		['Next_Follow_Up', '2026-01-01 10:00', 'datetime'],
		['Interests', ['Gardening'], 'multiselectpicklist'],
		['Related_Campaign', { id: '5725767000009999999' }, 'jsonobject'],
		['Owner', { id: '1' }, 'ownerlookup'],
	])('rejects a wrong %s value with INVALID_DATA', async (field, value, type) => {
		const res = await kit.v8.post('/Leads', { data: [lead(1, { [field]: value })] });
		expect(res.status).toBe(400);
		expect(res.data.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: field, expected_data_type: type } });
	});

	it('answers 400 with the per-record array when every record fails, and 400 INVALID_DATA for a bad body', async () => {
		const res = await kit.v8.post('/Leads', { data: [{ Company: 'x' }, { Last_Name: 'y' }] });
		expect(res.status).toBe(400);
		expect(res.data.data.map((d: { code: string; details: { api_name: string } }) => [d.code, d.details.api_name])).toEqual([
			['MANDATORY_NOT_FOUND', 'Last_Name'],
			['MANDATORY_NOT_FOUND', 'Company'],
		]);
		const bad = await kit.v8.post('/Leads', { records: [] });
		expect(bad.status).toBe(400);
		expect(bad.data).toMatchObject({ code: 'INVALID_DATA', status: 'error' });
		expect(bad.data.message).toMatch(/data/);
		const notJson = await kit.v8.post('/Leads', '{"data": [', { headers: { 'content-type': 'application/json' }, transformRequest: [(d: unknown) => d] });
		expect(notJson.data.message).toMatch(/not valid JSON/);
	});

	it('updates in bulk (each record needs an id) and by id, bumping Modified_Time', async () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		kit.zoho.setClock(() => now);
		const ids = (await kit.v8.post('/Leads', { data: [lead(1), lead(2)] })).data.data.map((d: { details: { id: string } }) => d.details.id);
		now += 60_000;
		const res = await kit.v8.put('/Leads', { data: [{ id: ids[0], City: 'Oslo' }, { City: 'Rome' }, { id: '5725767000009999999', City: 'Bonn' }] });
		expect(res.status).toBe(207);
		expect(res.data.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated', details: { id: ids[0], Modified_Time: '2026-01-01T00:01:00+00:00', Created_Time: '2026-01-01T00:00:00+00:00' } });
		expect(res.data.data[1]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id' } });
		expect(res.data.data[2]).toMatchObject({ code: 'INVALID_DATA', details: { id: '5725767000009999999' } });
		const one = await kit.v8.put(`/Leads/${ids[1]}`, { data: [{ Last_Name: '' }] });
		expect(one.data.data[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' } });
		const ok = await kit.v8.put(`/Leads/${ids[1]}`, { data: [{ Lead_Status: 'Contacted' }] });
		expect(ok.status).toBe(200);
		expect(kit.zoho.record('Leads', ids[1])).toMatchObject({ Lead_Status: 'Contacted', Modified_Time: '2026-01-01T00:01:00+00:00' });
	});

	it('upserts by the default duplicate check field (Email) and by explicit duplicate_check_fields', async () => {
		const [existing] = (await kit.v8.post('/Leads', { data: [lead(1)] })).data.data.map((d: { details: { id: string } }) => d.details.id);
		const res = await kit.v8.post('/Leads/upsert', { data: [lead(1, { Email: 'ADA.1@example.com', City: 'Paris' }), lead(2)] });
		expect(res.status).toBe(200);
		expect(res.data.data[0]).toMatchObject({ code: 'SUCCESS', action: 'update', duplicate_field: 'Email', message: 'record updated', details: { id: existing } });
		expect(res.data.data[1]).toMatchObject({ code: 'SUCCESS', action: 'insert', duplicate_field: null, message: 'record added' });
		const camp = await kit.v8.post('/Campaigns/upsert', {
			data: [{ Campaign_Name: 'Spring', Mailchimp_Campaign_Id: 'abc' }],
			duplicate_check_fields: ['Mailchimp_Campaign_Id'],
		});
		expect(camp.data.data[0].action).toBe('insert');
		const again = await kit.v8.post('/Campaigns/upsert', {
			data: [{ Campaign_Name: 'Spring (renamed)', Mailchimp_Campaign_Id: 'abc', Num_sent: '120' }, { Mailchimp_Campaign_Id: 'new-one' }],
			duplicate_check_fields: ['Mailchimp_Campaign_Id'],
		});
		expect(again.status).toBe(207);
		expect(again.data.data[0]).toMatchObject({ action: 'update', duplicate_field: 'Mailchimp_Campaign_Id' });
		expect(again.data.data[1]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Campaign_Name' } });
		expect(kit.zoho.records('Campaigns')).toEqual([expect.objectContaining({ Campaign_Name: 'Spring (renamed)', Num_sent: '120' })]);
		const badField = await kit.v8.post('/Campaigns/upsert', { data: [{ Campaign_Name: 'x' }], duplicate_check_fields: ['Nope'] });
		expect(badField.data).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Nope' } });
	});

	it('gives many records the same Modified_Time within one second (ties for trigger tests)', async () => {
		kit.zoho.setClock(() => Date.parse('2026-11-23T10:00:00Z'));
		const res = await kit.v8.post('/Leads', { data: Array.from({ length: 50 }, (_, i) => lead(i)) });
		const times = new Set(kit.zoho.records('Leads').map((r) => r.Modified_Time));
		expect(res.status).toBe(201);
		expect(times).toEqual(new Set(['2026-11-23T10:00:00+00:00']));
	});

	it('deletes by ids (at most 100) with per-id results, and by id', async () => {
		const ids = kit.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		const res = await kit.v8.delete('/Leads', { params: { ids: `${ids[0]},5725767000009999999` } });
		expect(res.status).toBe(207);
		expect(res.data.data).toEqual([
			{ code: 'SUCCESS', details: { id: ids[0] }, message: 'record deleted', status: 'success' },
			expect.objectContaining({ code: 'INVALID_DATA', status: 'error' }),
		]);
		const tooMany = await kit.v8.delete('/Leads', { params: { ids: Array.from({ length: 101 }, (_, i) => String(i)).join(',') } });
		expect(tooMany.data.code).toBe('LIMIT_EXCEEDED');
		expect((await kit.v8.delete('/Leads')).data.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await kit.v8.delete(`/Leads/${ids[1]}`)).status).toBe(200);
		expect(kit.zoho.records('Leads').map((r) => r.id)).toEqual([ids[2]]);
	});
});
