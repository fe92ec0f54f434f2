import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { useMailchimpKit } from './kit';

const md5 = (email: string): string => createHash('md5').update(email.toLowerCase()).digest('hex');

describe('MailChimp Campaigns node: audience members', () => {
	const kit = useMailchimpKit();

	const upsertManyParams = {
		resource: 'member',
		operation: 'upsertMany',
		listId: '={{ $json.listId }}',
		email: '={{ $json.email }}',
		status: 'subscribed',
		additionalFields: {
			mergeFields: { field: [{ name: 'FNAME', value: '={{ $json.first }}' }, { name: 'COMPANY', value: 'Acme Corp' }] },
			tags: '={{ $json.tag }}',
		},
	};

	it('upserts 1,200 members in 3 calls of at most 500, answering each item, invalid emails per item', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 0, listMembers: 400, seed: 2 });
		const list = kit.sandbox.mailchimp.lists()[0];
		const listId = list.id as string;
		const existing = kit.sandbox.mailchimp.members(listId).slice(0, 150);
		const existingSubscribed = existing.filter((m) => m.status === 'subscribed');
		const invalid = new Map<number, string>([
			[7, 'someone@example.invalid'],
			[480, 'broken@@mail.com'],
			[777, 'nobody@host.localhost'],
			[1100, 'x@y'],
		]);
		const items: IDataObject[] = [];
		for (let i = 0; i < 1200; i++) {
			let email = invalid.get(i);
			if (!email) email = i >= 200 && i < 200 + existingSubscribed.length ? (existingSubscribed[i - 200].email_address as string) : `new.member${i}@northwind.io`;
			items.push({ listId, email, first: `First${i}`, tag: i % 2 ? 'CRM Sync' : 'CRM Sync, Webinar' });
		}
		const before = kit.sandbox.mailchimp.members(listId).length;
		const result = await kit.run(upsertManyParams, { items, continueOnFail: true });
		const out = kit.items(result);
		expect(out).toHaveLength(1200);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		expect(kit.calls('POST /3.0/lists/:list_id')).toBe(3);
		const sizes = kit.sandbox.server.log.filter((e) => e.endpoint === 'POST /3.0/lists/:list_id').map((e) => e.facts?.submitted);
		expect(sizes).toEqual(expect.arrayContaining([500, 500]));

		for (const [index, email] of invalid) {
			const json = out[index].json;
			if (email === 'broken@@mail.com') {
				// Not an address at all: refused before sending, still answered on its own item.
				expect(json.error).toMatch(/^Item 480, field "Email": "broken@@mail.com" is not an email address/);
				continue;
			}
			expect(json).toMatchObject({ email_address: email, error: expect.stringMatching(/looks fake or invalid/), error_code: 'ERROR_GENERIC' });
		}
		const updated = out.filter((o) => o.json.action === 'updated');
		const created = out.filter((o) => o.json.action === 'created');
		expect(updated).toHaveLength(existingSubscribed.length);
		expect(created.length + updated.length + invalid.size).toBe(1200);

		// The sandbox's members state: new ones created with merge fields and tags, existing ones updated.
		const members = new Map(kit.sandbox.mailchimp.members(listId).map((m) => [m.email_address as string, m]));
		expect(members.size).toBe(before + created.length);
		const fresh = members.get('new.member1000@northwind.io')!;
		expect(fresh).toMatchObject({ status: 'subscribed', merge_fields: expect.objectContaining({ FNAME: 'First1000', COMPANY: 'Acme Corp' }) });
		expect((fresh.tags as Array<{ name: string }>).map((t) => t.name).sort()).toEqual(['CRM Sync', 'Webinar']);
		const old = members.get(existingSubscribed[0].email_address as string)!;
		expect((old.merge_fields as IDataObject).FNAME).toBe('First200');
		for (const email of invalid.values()) expect(members.has(email)).toBe(false);
		expect(out[1000].json.id).toBe(md5('new.member1000@northwind.io'));
	});

	it('without continue-on-fail, a rejected member fails the node naming the item index and email', async () => {
		const list = kit.sandbox.mailchimp.addList('Errors');
		const items = [
			{ listId: list.id, email: 'good.one@northwind.io', first: 'A', tag: '' },
			{ listId: list.id, email: 'fake@example.invalid', first: 'B', tag: '' },
		];
		const error = await kit.run(upsertManyParams, { items }).catch((e: unknown) => e as Error);
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toMatch(/^Item 1, email "fake@example.invalid": MailChimp rejected the member: .*looks fake or invalid.*ERROR_GENERIC/);
		// The batch went out once; the valid member was still created.
		expect(kit.calls('POST /3.0/lists/:list_id')).toBe(1);
		expect(kit.sandbox.mailchimp.members(list.id as string).map((m) => m.email_address)).toEqual(['good.one@northwind.io']);
	});

	it('groups items by their audience: one batch per list, each item answered from its own list', async () => {
		const a = kit.sandbox.mailchimp.addList('A');
		const b = kit.sandbox.mailchimp.addList('B');
		const items = Array.from({ length: 10 }, (_, i) => ({ listId: i % 2 ? b.id : a.id, email: `p${i}@contoso.net`, first: `P${i}`, tag: '' }));
		const out = kit.items(await kit.run(upsertManyParams, { items }));
		expect(out.map((o) => o.json.list_id)).toEqual(items.map((i) => i.listId));
		expect(out.map((o) => o.json.email_address)).toEqual(items.map((i) => i.email));
		expect(kit.calls('POST /3.0/lists/:list_id')).toBe(2);
		expect(kit.sandbox.mailchimp.members(a.id as string)).toHaveLength(5);
	});

	it('Upsert: PUT by the md5 of the lowercased email with status_if_new, merge fields, then tags', async () => {
		const list = kit.sandbox.mailchimp.addList('Single');
		const params = {
			resource: 'member',
			operation: 'upsert',
			listId: list.id as string,
			email: 'Mixed.Case@Northwind.io',
			statusIfNew: 'pending',
			additionalFields: { mergeFields: { field: [{ name: 'fname', value: 'Mixed' }] }, tags: 'Lead, CRM' },
		};
		const first = kit.json(await kit.run(params))[0];
		expect(first).toMatchObject({ id: md5('mixed.case@northwind.io'), status: 'pending', merge_fields: expect.objectContaining({ FNAME: 'Mixed' }) });
		const put = kit.sandbox.server.log.find((e) => e.endpoint === 'PUT /3.0/lists/:list_id/members/:hash')!;
		expect(put.path).toBe(`/3.0/lists/${list.id}/members/${md5('mixed.case@northwind.io')}`);
		expect(kit.calls('POST /3.0/lists/:list_id/members/:hash/tags')).toBe(1);
		const stored = kit.sandbox.mailchimp.members(list.id as string)[0];
		expect((stored.tags as Array<{ name: string }>).map((t) => t.name).sort()).toEqual(['CRM', 'Lead']);

		// Second run: existing member keeps its status (status_if_new only applies to new ones).
		const again = kit.json(await kit.run({ ...params, statusIfNew: 'subscribed', additionalFields: {} }))[0];
		expect(again.status).toBe('pending');
		expect(kit.sandbox.mailchimp.members(list.id as string)).toHaveLength(1);
	});

	it('Get Many members with status and since_last_changed, all pages at 1000', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 0, listMembers: 4000, seed: 6 });
		const list = kit.sandbox.mailchimp.lists()[0];
		const listId = list.id as string;
		const all = kit.sandbox.mailchimp.members(listId);
		const since = '2024-06-01T00:00:00Z';
		const expected = all.filter((m) => m.status === 'subscribed' && Date.parse(m.last_changed as string) >= Date.parse(since));
		const out = kit.json(
			await kit.run({ resource: 'member', operation: 'getMany', listId, returnAll: true, filters: { status: 'subscribed', sinceLastChanged: since } }),
		);
		expect(out).toHaveLength(expected.length);
		expect(kit.calls('GET /3.0/lists/:list_id/members')).toBe(Math.max(1, Math.ceil(expected.length / 1000)));
		const entry = kit.sandbox.server.log.find((e) => e.endpoint === 'GET /3.0/lists/:list_id/members')!;
		expect(entry.query).toMatchObject({ status: 'subscribed', since_last_changed: '2024-06-01T00:00:00+00:00' });
	});
});
