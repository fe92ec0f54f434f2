import { subscriberHash } from './index';
import { startKit, type Kit } from './testkit';

let kit: Kit;
let listId: string;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.mc.reset();
	kit.mc.seed({ campaigns: 2, listMembers: 20, seed: 6 });
	listId = kit.mc.lists()[0].id as string;
});

const put = (email: string, body: Record<string, unknown>) =>
	kit.api(`/lists/${listId}/members/${subscriberHash(email)}`, { method: 'PUT', json: { email_address: email, ...body } });

describe('archived members, email changes and added merge fields', () => {
	it('DELETE archives: left out of an unfiltered list, listed with status=archived, brought back by an upsert with a status', async () => {
		const email = 'archive.me@sync-test.com';
		await put(email, { status_if_new: 'subscribed' });
		expect((await kit.api(`/lists/${listId}/members/${subscriberHash(email)}`, { method: 'DELETE' })).status).toBe(204);
		const all = await kit.api(`/lists/${listId}/members?count=1000`);
		expect(all.body.members.some((m: { email_address: string }) => m.email_address === email)).toBe(false);
		const archived = await kit.api(`/lists/${listId}/members?status=archived`);
		expect(archived.body.members.map((m: { email_address: string; status: string }) => [m.email_address, m.status])).toEqual([[email, 'archived']]);
		// What a sync must not do: a batch upsert with status subscribed resubscribes an archived member.
		const batch = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: [{ email_address: email, status: 'subscribed' }], update_existing: true } });
		expect(batch.body.total_updated).toBe(1);
		expect((await kit.api(`/lists/${listId}/members/${subscriberHash(email)}`)).body.status).toBe('subscribed');
	});

	it('PATCH with a new email_address moves the member to the new subscriber hash; an address already in the audience is refused', async () => {
		const [old, next, taken] = ['old.address@sync-test.com', 'New.Address@sync-test.com', 'taken@sync-test.com'];
		await put(old, { status_if_new: 'unsubscribed', merge_fields: { FNAME: 'Old' } });
		await put(taken, { status_if_new: 'subscribed' });
		const moved = await kit.api(`/lists/${listId}/members/${subscriberHash(old)}`, { method: 'PATCH', json: { email_address: next, merge_fields: { FNAME: 'New' } } });
		expect(moved.status).toBe(200);
		expect(moved.body).toMatchObject({ id: subscriberHash(next), email_address: next, status: 'unsubscribed', merge_fields: expect.objectContaining({ FNAME: 'New' }) });
		expect((await kit.api(`/lists/${listId}/members/${subscriberHash(old)}`)).status).toBe(404);
		const clash = await kit.api(`/lists/${listId}/members/${subscriberHash(next)}`, { method: 'PATCH', json: { email_address: taken } });
		expect([clash.status, clash.body.title]).toEqual([400, 'Member Exists']);
	});

	it('merge fields added to an audience keep their values; unknown tags are still ignored', async () => {
		const email = 'merge.me@sync-test.com';
		await put(email, { status_if_new: 'subscribed', merge_fields: { ZOHO_ID: 'Leads:1' } });
		expect((await kit.api(`/lists/${listId}/members/${subscriberHash(email)}`)).body.merge_fields.ZOHO_ID).toBeUndefined();
		const added = await kit.api(`/lists/${listId}/merge-fields`, { method: 'POST', json: { name: 'Zoho CRM id', type: 'text', tag: 'ZOHO_ID' } });
		expect(added.body).toMatchObject({ tag: 'ZOHO_ID' });
		expect((await kit.api(`/lists/${listId}/merge-fields`, { method: 'POST', json: { name: 'again', type: 'text', tag: 'ZOHO_ID' } })).status).toBe(400);
		await put(email, { merge_fields: { ZOHO_ID: 'Leads:1', NOPE: 'x' } });
		const member = (await kit.api(`/lists/${listId}/members/${subscriberHash(email)}`)).body;
		expect(member.merge_fields.ZOHO_ID).toBe('Leads:1');
		expect(member.merge_fields.NOPE).toBeUndefined();
		const tags = (await kit.api(`/lists/${listId}/merge-fields`)).body.merge_fields.map((f: { tag: string }) => f.tag);
		expect(tags).toContain('ZOHO_ID');
	});
});
