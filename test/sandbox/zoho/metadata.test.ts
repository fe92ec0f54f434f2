import { lead, useZohoKit } from './testkit';

interface Field {
	api_name: string;
	data_type: string;
	system_mandatory: boolean;
	length: number | null;
	unique: boolean;
	custom_field: boolean;
	pick_list_values: Array<{ display_value: string; actual_value: string }>;
	lookup: { module?: { api_name: string } };
}

describe('Zoho sandbox: metadata and related records', () => {
	const kit = useZohoKit({ relogin: true });

	const fields = async (module: string): Promise<Field[]> => (await kit.v8.get('/settings/fields', { params: { module } })).data.fields;

	it('lists modules with a custom module and an api_supported:false module', async () => {
		const { modules } = (await kit.v8.get('/settings/modules')).data;
		const names = modules.map((m: { api_name: string }) => m.api_name);
		expect(names).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Accounts', 'Deals', 'Campaigns', 'Tasks', 'Notes', 'Projects_X']));
		expect(modules.find((m: { api_name: string }) => m.api_name === 'Projects_X')).toMatchObject({ generated_type: 'custom', api_supported: true });
		expect(modules.some((m: { api_supported: boolean }) => !m.api_supported)).toBe(true);
		expect((await kit.v8.get('/settings/modules/Leads')).data.modules[0].fields.length).toBeGreaterThan(50);
	});

	it('describes Leads fields realistically (more than 50, every data type, picklists, lookups)', async () => {
		const leads = await fields('Leads');
		expect(leads.length).toBeGreaterThan(50);
		const types = new Set(leads.map((f) => f.data_type));
		for (const t of ['text', 'email', 'phone', 'picklist', 'multiselectpicklist', 'integer', 'bigint', 'double', 'currency', 'boolean', 'date', 'datetime', 'lookup', 'ownerlookup', 'textarea', 'website']) {
			expect([t, types.has(t)]).toEqual([t, true]);
		}
		const by = (name: string) => leads.find((f) => f.api_name === name)!;
		expect(by('Last_Name')).toMatchObject({ system_mandatory: true, data_type: 'text' });
		expect(by('Company').system_mandatory).toBe(true);
		expect(by('Email_Opt_Out').data_type).toBe('boolean');
		expect(by('Lead_Status').pick_list_values).toContainEqual({ display_value: 'Contacted', actual_value: 'Contacted', sequence_number: expect.any(Number), id: expect.any(String) });
		expect(by('Related_Campaign').lookup.module!.api_name).toBe('Campaigns');
		for (const name of ['Last_Open_Date', 'Last_Click_Date', 'Email_Bounced', 'Tag']) expect(by(name)).toBeDefined();
	});

	it('describes Campaigns as API-FACTS says', async () => {
		const campaigns = await fields('Campaigns');
		const by = (name: string) => campaigns.find((f) => f.api_name === name)!;
		expect(by('Campaign_Name')).toMatchObject({ system_mandatory: true, length: 40 });
		expect(by('Type').data_type).toBe('picklist');
		expect(by('Status').data_type).toBe('picklist');
		expect(by('Num_sent').data_type).toBe('text');
		for (const c of ['Expected_Revenue', 'Actual_Cost', 'Budgeted_Cost']) expect(by(c).data_type).toBe('currency');
		expect(by('Mailchimp_Campaign_Id')).toMatchObject({ unique: true, custom_field: true });
		expect((await kit.v8.get('/settings/fields', { params: { module: 'Nope' } })).data.code).toBe('INVALID_MODULE');
		expect((await kit.v8.get('/settings/fields')).data.code).toBe('REQUIRED_PARAM_MISSING');
	});

	it('serves layouts, active users, related lists and custom views', async () => {
		const layouts = (await kit.v8.get('/settings/layouts', { params: { module: 'Leads' } })).data.layouts;
		expect(layouts[0].sections.flatMap((s: { fields: unknown[] }) => s.fields).length).toBeGreaterThan(50);
		const users = (await kit.v8.get('/users', { params: { type: 'ActiveUsers' } })).data.users;
		expect(users.length).toBeGreaterThanOrEqual(3);
		expect(users.every((u: { status: string }) => u.status === 'active')).toBe(true);
		const related = (await kit.v8.get('/settings/related_lists', { params: { module: 'Campaigns' } })).data.related_lists;
		expect(related.map((r: { api_name: string }) => r.api_name)).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Notes']));
		expect((await kit.v8.get('/settings/custom_views', { params: { module: 'Leads' } })).data.custom_views.length).toBeGreaterThan(1);
	});

	it('adds and lists notes of a record (fields required on related reads)', async () => {
		const [id] = kit.zoho.seed({ module: 'Leads', count: 1, seed: 1 });
		const added = await kit.v8.post(`/Leads/${id}/Notes`, { data: [{ Note_Title: 'Call', Note_Content: 'Called, no answer' }] });
		expect(added.status).toBe(201);
		expect((await kit.v8.get(`/Leads/${id}/Notes`)).data.code).toBe('REQUIRED_PARAM_MISSING');
		const notes = await kit.v8.get(`/Leads/${id}/Notes`, { params: { fields: 'Note_Title,Note_Content,Parent_Id' } });
		expect(notes.data.data).toEqual([{ Note_Title: 'Call', Note_Content: 'Called, no answer', Parent_Id: expect.objectContaining({ id }), id: added.data.data[0].details.id }]);
		expect((await kit.v8.get(`/Leads/${id}/Bogus`, { params: { fields: 'Email' } })).status).toBe(400);
	});

	it('relates leads to campaigns with a member status, both directions', async () => {
		const [campaign] = kit.zoho.seed({ module: 'Campaigns', count: 1, seed: 1 });
		const leads = kit.zoho.seed({ module: 'Leads', count: 2, seed: 1 });
		const put = await kit.v8.put(`/Campaigns/${campaign}/Leads`, { data: [{ id: leads[0], Member_Status: 'Opened' }, { id: leads[1], Member_Status: 'Nope' }] });
		expect(put.status).toBe(207);
		const members = await kit.v8.get(`/Campaigns/${campaign}/Leads`, { params: { fields: 'Email' } });
		expect(members.data.data).toEqual([{ Email: expect.any(String), id: leads[0], Member_Status: 'Opened' }]);
		const back = await kit.v8.get(`/Leads/${leads[0]}/Campaigns`, { params: { fields: 'Campaign_Name' } });
		expect(back.data.data[0]).toMatchObject({ id: campaign, Member_Status: 'Opened' });
		expect((await kit.v8.delete(`/Campaigns/${campaign}/Leads`, { params: { ids: leads[0] } })).status).toBe(200);
		expect((await kit.v8.get(`/Campaigns/${campaign}/Leads`, { params: { fields: 'Email' } })).status).toBe(204);
	});

	it('adds and removes tags, bumping Modified_Time', async () => {
		const [id] = (await kit.v8.post('/Leads', { data: [lead(1)] })).data.data.map((d: { details: { id: string } }) => d.details.id);
		const add = await kit.v8.post(`/Leads/${id}/actions/add_tags`, { tags: [{ name: 'mailchimp' }, { name: 'vip' }] });
		expect(add.data.data[0]).toMatchObject({ code: 'SUCCESS', details: { id, tags: [{ name: 'mailchimp' }, { name: 'vip' }] } });
		const remove = await kit.v8.post(`/Leads/${id}/actions/remove_tags`, { tags: [{ name: 'VIP' }] });
		expect(remove.data.data[0].details.tags).toEqual([{ name: 'mailchimp' }]);
		expect((await kit.v8.post(`/Leads/${id}/actions/add_tags`, { tags: [] })).data.code).toBe('INVALID_DATA');
	});

	it('converts a lead into contact, account and deal, marking it converted', async () => {
		const [id] = (await kit.v8.post('/Leads', { data: [lead(1, { Company: 'Convert Co' })] })).data.data.map((d: { details: { id: string } }) => d.details.id);
		const res = await kit.v8.post(`/Leads/${id}/actions/convert`, { data: [{ Deals: { Deal_Name: 'Big one', Stage: 'Qualification', Closing_Date: '2026-12-31', Amount: 1000 } }] });
		expect(res.status).toBe(200);
		// v8 answers an action result per slot, as Zoho's v8 SDK models it (convert_lead/success_response).
		expect(res.data.data[0]).toMatchObject({ code: 'SUCCESS', message: 'The record has been converted successfully', status: 'success' });
		const { Contacts, Accounts, Deals } = res.data.data[0].details as Record<string, { id: string; name: string }>;
		expect(kit.zoho.record('Contacts', Contacts.id)).toMatchObject({ Email: 'ada.1@example.com', Account_Name: { id: Accounts.id } });
		expect(kit.zoho.record('Accounts', Accounts.id)).toMatchObject({ Account_Name: 'Convert Co' });
		expect(Accounts.name).toBe('Convert Co');
		expect(kit.zoho.record('Deals', Deals.id)).toMatchObject({ Deal_Name: 'Big one', Contact_Name: { id: Contacts.id } });
		expect(Deals.name).toBe('Big one');
		expect(kit.zoho.record('Leads', id)!.$converted).toBe(true);
		// The SDK's convert_lead/api_exception knows ID_ALREADY_CONVERTED "id already converted", not ALREADY_CONVERTED.
		expect((await kit.v8.post(`/Leads/${id}/actions/convert`, { data: [{}] })).data).toMatchObject({ code: 'ID_ALREADY_CONVERTED', message: 'id already converted' });
	});
});
