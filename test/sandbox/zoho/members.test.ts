import { useZohoKit } from './testkit';

/** Campaign members: the Campaigns related lists Leads and Contacts, and the reverse lists Campaigns. */
describe('Zoho sandbox: campaign members', () => {
	const kit = useZohoKit({ relogin: true });

	it('lists the related lists of Campaigns and the Member_Status picklist in the field metadata', async () => {
		const lists = (await kit.v8.get('/settings/related_lists', { params: { module: 'Campaigns' } })).data.related_lists;
		expect(lists.map((l: { api_name: string }) => l.api_name)).toEqual(expect.arrayContaining(['Leads', 'Contacts']));
		const fields = (await kit.v8.get('/settings/fields', { params: { module: 'Campaigns' } })).data.fields as Array<{
			api_name: string;
			read_only: boolean;
			pick_list_values: Array<{ actual_value: string }>;
		}>;
		const status = fields.find((f) => f.api_name === 'Member_Status')!;
		expect(status.read_only).toBe(true);
		expect(status.pick_list_values.map((v) => v.actual_value)).toEqual(expect.arrayContaining(['Sent', 'Opened', 'Clicked', 'Bounced', 'Unsubscribed']));
	});

	it('links leads and contacts, updates a status, rejects a value outside the picklist and unknown keys', async () => {
		const [campaign] = kit.zoho.seed({ module: 'Campaigns', count: 1, seed: 3 });
		const [lead] = kit.zoho.seed({ module: 'Leads', count: 1, seed: 3 });
		const [contact] = kit.zoho.seed({ module: 'Contacts', count: 1, seed: 3 });
		expect((await kit.v8.put(`/Campaigns/${campaign}/Leads`, { data: [{ id: lead, Member_Status: 'Sent' }] })).status).toBe(200);
		expect((await kit.v8.put(`/Contacts/${contact}/Campaigns`, { data: [{ id: campaign, Member_Status: 'Clicked' }] })).status).toBe(200);
		const update = await kit.v8.put(`/Campaigns/${campaign}/Leads`, {
			data: [{ id: lead, Member_Status: 'Opened' }, { id: lead, Member_Status: 'opened' }, { id: lead, Rating: 'Hot' }],
		});
		expect(update.status).toBe(207);
		expect(update.data.data[1]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Member_Status', json_path: '$.data[1].Member_Status' } });
		expect(update.data.data[2]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Rating' } });
		const leads = await kit.v8.get(`/Campaigns/${campaign}/Leads`, { params: { fields: 'Email,Member_Status' } });
		expect(leads.data.data).toEqual([{ id: lead, Email: expect.any(String), Member_Status: 'Opened' }]);
		const contacts = await kit.v8.get(`/Campaigns/${campaign}/Contacts`, { params: { fields: 'Email' } });
		expect(contacts.data.data).toEqual([{ id: contact, Email: expect.any(String), Member_Status: 'Clicked' }]);
		// A lead id is not a member of the Contacts list.
		expect((await kit.v8.delete(`/Campaigns/${campaign}/Contacts`, { params: { ids: lead } })).data.data[0].code).toBe('INVALID_DATA');
	});

	it('takes at most 100 members per PUT and 100 ids per DELETE', async () => {
		const [campaign] = kit.zoho.seed({ module: 'Campaigns', count: 1, seed: 4 });
		const leads = kit.zoho.seed({ module: 'Leads', count: 101, seed: 4 });
		const tooMany = await kit.v8.put(`/Campaigns/${campaign}/Leads`, { data: leads.map((id) => ({ id, Member_Status: 'Sent' })) });
		expect(tooMany.status).toBe(400);
		expect(tooMany.data.code).toBe('LIMIT_EXCEEDED');
		const ok = await kit.v8.put(`/Campaigns/${campaign}/Leads`, { data: leads.slice(0, 100).map((id) => ({ id, Member_Status: 'Sent' })) });
		expect(ok.status).toBe(200);
		const tooManyIds = await kit.v8.delete(`/Campaigns/${campaign}/Leads`, { params: { ids: leads.join(',') } });
		expect(tooManyIds.data.code).toBe('LIMIT_EXCEEDED');
		const removed = await kit.v8.delete(`/Campaigns/${campaign}/Leads`, { params: { ids: leads.slice(0, 100).join(',') } });
		expect(removed.status).toBe(200);
		expect((await kit.v8.get(`/Campaigns/${campaign}/Leads`, { params: { fields: 'Email' } })).status).toBe(204);
	});
});
