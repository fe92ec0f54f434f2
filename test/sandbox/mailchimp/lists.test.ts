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
	kit.mc.seed({ campaigns: 10, listMembers: 100, seed: 5 });
	listId = kit.mc.lists()[0].id as string;
});

function people(from: number, n: number, invalidEvery = 0): Array<Record<string, unknown>> {
	return Array.from({ length: n }, (_, k) => {
		const i = from + k;
		const bad = invalidEvery > 0 && i % invalidEvery === 0;
		return {
			email_address: bad ? (i % 2 ? `broken${i}.example.com` : `user${i}@bad_domain`) : `Person.${i}@Sync-Test.com`,
			status_if_new: 'subscribed',
			merge_fields: { FNAME: `Person`, LNAME: String(i), COMPANY: 'Acme' },
			tags: i % 10 === 0 ? ['Imported'] : undefined,
		};
	});
}

describe('lists and members', () => {
	it('lists audiences and their members with filters', async () => {
		const lists = await kit.api('/lists');
		expect(lists.body.total_items).toBe(kit.mc.lists().length);
		expect(lists.body.lists[0]).toMatchObject({ id: listId, name: expect.any(String), stats: { member_count: expect.any(Number) } });
		expect((await kit.api(`/lists/${listId}`)).body.id).toBe(listId);
		expect((await kit.api('/lists/nope')).status).toBe(404);
		const all = kit.mc.members(listId);
		const page = await kit.api(`/lists/${listId}/members?count=5&offset=2`);
		expect(page.body.total_items).toBe(all.length);
		expect(page.body.members.map((m: { id: string }) => m.id)).toEqual(all.slice(2, 7).map((m) => m.id));
		const m = page.body.members[0];
		expect(m).toMatchObject({ id: subscriberHash(m.email_address), status: expect.any(String), merge_fields: { FNAME: expect.any(String), LNAME: expect.any(String) }, tags: expect.any(Array), last_changed: expect.any(String), timestamp_signup: expect.any(String) });
		const subscribed = await kit.api(`/lists/${listId}/members?status=subscribed&count=1000`);
		expect(subscribed.body.total_items).toBe(all.filter((x) => x.status === 'subscribed').length);
		const changes = all.map((x) => x.last_changed as string).sort();
		const since = changes[Math.floor(changes.length / 2)];
		const recent = await kit.api(`/lists/${listId}/members?since_last_changed=${encodeURIComponent(since)}&count=1000`);
		expect(recent.body.total_items).toBe(changes.filter((c) => Date.parse(c) >= Date.parse(since)).length);
		expect((await kit.api(`/lists/${listId}/members?count=1001`)).status).toBe(400);
	});

	it('bulk-upserts 1,200 members in 3 calls, reporting invalid addresses in errors', async () => {
		const before = kit.mc.members(listId).length;
		kit.server.resetStats();
		let created = 0;
		let errors: Array<Record<string, unknown>> = [];
		for (let offset = 0; offset < 1200; offset += 500) {
			const res = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: people(offset, Math.min(500, 1200 - offset), 97), update_existing: true } });
			expect(res.status).toBe(200);
			expect(res.body.total_created).toBe(res.body.new_members.length);
			expect(res.body.error_count).toBe(res.body.errors.length);
			created += res.body.total_created;
			errors = errors.concat(res.body.errors);
		}
		expect(kit.server.getStats().byEndpoint['POST /3.0/lists/:list_id']).toBe(3);
		const invalid = Array.from({ length: 1200 }, (_, i) => i).filter((i) => i % 97 === 0).length;
		expect(errors).toHaveLength(invalid);
		expect(errors[0]).toMatchObject({ email_address: expect.any(String), error: expect.stringContaining('looks fake or invalid'), error_code: 'ERROR_GENERIC' });
		expect(created).toBe(1200 - invalid);
		expect(kit.mc.members(listId)).toHaveLength(before + created);
		const stored = (await kit.api(`/lists/${listId}/members/${subscriberHash('person.1@sync-test.com')}`)).body;
		expect(stored).toMatchObject({ email_address: 'Person.1@Sync-Test.com', status: 'subscribed', merge_fields: { LNAME: '1', COMPANY: 'Acme' } });

		const again = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: [{ email_address: 'person.1@sync-test.com', status: 'unsubscribed', merge_fields: { COMPANY: 'Initech' } }], update_existing: true } });
		expect(again.body).toMatchObject({ total_created: 0, total_updated: 1, error_count: 0 });
		expect(again.body.updated_members[0]).toMatchObject({ status: 'unsubscribed', merge_fields: { LNAME: '1', COMPANY: 'Initech' } });
		const noUpdate = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: [{ email_address: 'person.2@sync-test.com', status: 'subscribed' }] } });
		expect(noUpdate.body.errors[0]).toMatchObject({ email_address: 'person.2@sync-test.com', error_code: 'ERROR_CONTACT_EXISTS' });
		expect(kit.mc.members(listId)).toHaveLength(before + created);
	});

	it('rejects 501 members in one call with a validation problem', async () => {
		const res = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: people(0, 501), update_existing: true } });
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect(res.body).toMatchObject({ title: 'Invalid Resource', errors: [{ field: 'members', message: expect.stringContaining('500') }] });
		expect(kit.mc.members(listId).some((m) => (m.email_address as string).endsWith('@sync-test.com'))).toBe(false);
	});

	it('reports a bad merge field value with field and field_message', async () => {
		const res = await kit.api(`/lists/${listId}`, { method: 'POST', json: { members: [{ email_address: 'odd@sync-test.com', status: 'subscribed', merge_fields: { FNAME: ['x'] } }] } });
		expect(res.body.errors[0]).toMatchObject({ email_address: 'odd@sync-test.com', field: 'FNAME', field_message: expect.any(String) });
	});

	it('upserts one member with PUT, checking the subscriber hash', async () => {
		const email = 'New.Person@Sync-Test.com';
		const hash = subscriberHash(email);
		expect(hash).toBe(subscriberHash('new.person@sync-test.com'));
		const mismatch = await kit.api(`/lists/${listId}/members/${subscriberHash('other@sync-test.com')}`, { method: 'PUT', json: { email_address: email, status_if_new: 'subscribed' } });
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.errors[0].field).toBe('email_address');
		const missingStatus = await kit.api(`/lists/${listId}/members/${hash}`, { method: 'PUT', json: { email_address: email } });
		expect(missingStatus.status).toBe(400);
		const created = await kit.api(`/lists/${listId}/members/${hash}`, { method: 'PUT', json: { email_address: email, status_if_new: 'subscribed', merge_fields: { FNAME: 'New' } } });
		expect(created).toMatchObject({ status: 200, body: { id: hash, status: 'subscribed', merge_fields: { FNAME: 'New' } } });
		const unsub = kit.mc.unsubscribe(listId, email);
		expect(unsub.status).toBe('unsubscribed');
		const kept = await kit.api(`/lists/${listId}/members/${hash}`, { method: 'PUT', json: { email_address: email, status_if_new: 'subscribed', merge_fields: { LNAME: 'Person' } } });
		expect(kept.body).toMatchObject({ status: 'unsubscribed', merge_fields: { FNAME: 'New', LNAME: 'Person' } });
		expect((await kit.api(`/lists/${listId}/members/${encodeURIComponent(email)}`)).body.id).toBe(hash);
		const fake = await kit.api(`/lists/${listId}/members/${subscriberHash('x@y.invalid')}`, { method: 'PUT', json: { email_address: 'x@y.invalid', status_if_new: 'subscribed' } });
		expect(fake.body).toMatchObject({ status: 400, title: 'Invalid Resource' });
	});

	it('refuses to resubscribe a cleaned address', async () => {
		const cleaned = kit.mc.members(listId).find((m) => m.status === 'cleaned')!;
		const res = await kit.api(`/lists/${listId}/members/${cleaned.id}`, { method: 'PATCH', json: { status: 'subscribed' } });
		expect(res.body).toMatchObject({ status: 400, title: 'Member In Compliance State' });
	});

	it('adds and removes tags, and POST refuses existing members', async () => {
		const member = kit.mc.members(listId)[0];
		const res = await kit.api(`/lists/${listId}/members/${member.id}/tags`, { method: 'POST', json: { tags: [{ name: 'Synced', status: 'active' }] } });
		expect(res.status).toBe(204);
		expect((await kit.api(`/lists/${listId}/members/${member.id}`)).body.tags).toEqual(expect.arrayContaining([{ id: expect.any(Number), name: 'Synced' }]));
		await kit.api(`/lists/${listId}/members/${member.id}/tags`, { method: 'POST', json: { tags: [{ name: 'Synced', status: 'inactive' }] } });
		expect((await kit.api(`/lists/${listId}/members/${member.id}`)).body.tags.map((t: { name: string }) => t.name)).not.toContain('Synced');
		const dup = await kit.api(`/lists/${listId}/members`, { method: 'POST', json: { email_address: member.email_address, status: 'subscribed' } });
		expect(dup.body).toMatchObject({ status: 400, title: 'Member Exists' });
	});

	it('exposes members and unsubscribe through control routes', async () => {
		const member = kit.mc.members(listId).find((m) => m.status === 'subscribed')!;
		const unsub = await kit.call('/__sandbox/mailchimp/unsubscribe', { method: 'POST', json: { listId, email: member.email_address } });
		expect(unsub.body.status).toBe('unsubscribed');
		const listed = await kit.call(`/__sandbox/mailchimp/members/${listId}`);
		expect(listed.body.members.find((m: { id: string }) => m.id === member.id).status).toBe('unsubscribed');
	});
});
