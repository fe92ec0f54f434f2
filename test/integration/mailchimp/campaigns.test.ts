import { createHash } from 'node:crypto';
import { useMailchimpKit } from './kit';

describe('MailChimp Campaigns node: campaigns (real n8n-core context, sandbox over real sockets)', () => {
	const kit = useMailchimpKit();

	it('pulls 2,500 campaigns in 3 calls at count=1000, stopping by total_items, metadata once', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 2500, listMembers: 300, seed: 7 });
		const result = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		const campaigns = kit.json(result);
		expect(campaigns).toHaveLength(2500);
		expect(new Set(campaigns.map((c) => c.id)).size).toBe(2500);
		expect(kit.calls('GET /3.0/campaigns')).toBe(3);
		expect(kit.calls('GET /oauth2/metadata')).toBe(1);
		const counts = kit.sandbox.server.log.filter((e) => e.endpoint === 'GET /3.0/campaigns').map((e) => [e.query.count, e.query.offset]);
		expect(counts.sort()).toEqual([
			['1000', '0'],
			['1000', '1000'],
			['500', '2000'],
		]);
		expect(kit.items(result).every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		// Pages fetched in parallel are concatenated in offset order: the sandbox sorts by create_time.
		const created = campaigns.map((c) => Date.parse(c.create_time as string));
		expect([...created].sort((a, b) => a - b)).toEqual(created);
		expect(new Set(campaigns.map((c) => c.id))).toEqual(new Set(kit.sandbox.mailchimp.campaigns().map((c) => c.id)));
	});

	it('fetches no more than the limit: 30 -> one call with count=30; 1,500 -> 1000 + 500', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 2500, listMembers: 300, seed: 7 });
		const small = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 30 });
		expect(kit.json(small)).toHaveLength(30);
		const first = kit.sandbox.server.log.filter((e) => e.endpoint === 'GET /3.0/campaigns');
		expect(first.map((e) => e.query.count)).toEqual(['30']);

		kit.sandbox.server.resetStats();
		const mid = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 1500 });
		expect(kit.json(mid)).toHaveLength(1500);
		const second = kit.sandbox.server.log.filter((e) => e.endpoint === 'GET /3.0/campaigns');
		expect(second.map((e) => e.query.count).sort()).toEqual(['1000', '500']);
	});

	it('passes every filter, sort and field option through and returns what the sandbox filters', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 400, listMembers: 300, seed: 11 });
		const all = kit.sandbox.mailchimp.campaigns();
		const listId = (all[0].recipients as { list_id: string }).list_id;
		const member = kit.sandbox.mailchimp.members(listId)[0];
		const result = await kit.run({
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
			filters: {
				status: 'sent',
				type: 'regular',
				listId,
				folderId: '',
				member: member.email_address as string,
				sinceSendTime: '2020-01-01T00:00:00Z',
				beforeSendTime: '2100-01-01T00:00:00Z',
				sinceCreateTime: '2019-01-01T00:00:00Z',
				beforeCreateTime: '2100-01-01T00:00:00Z',
			},
			options: { sortField: 'send_time', sortDir: 'DESC', fields: 'id,status,send_time,settings.title,recipients.list_id' },
		});
		const entry = kit.sandbox.server.log.find((e) => e.endpoint === 'GET /3.0/campaigns')!;
		expect(entry.query).toMatchObject({
			status: 'sent',
			type: 'regular',
			list_id: listId,
			member_id: createHash('md5').update(String(member.email_address).toLowerCase()).digest('hex'),
			since_send_time: '2020-01-01T00:00:00+00:00',
			before_send_time: '2100-01-01T00:00:00+00:00',
			since_create_time: '2019-01-01T00:00:00+00:00',
			before_create_time: '2100-01-01T00:00:00+00:00',
			sort_field: 'send_time',
			sort_dir: 'DESC',
			fields: 'campaigns.id,campaigns.status,campaigns.send_time,campaigns.settings.title,campaigns.recipients.list_id,total_items',
		});
		expect(entry.query.folder_id).toBeUndefined();
		const got = kit.json(result);
		expect(got.length).toBeGreaterThan(0);
		for (const c of got) {
			expect(Object.keys(c).sort()).toEqual(['id', 'recipients', 'send_time', 'settings', 'status']);
			expect(c.status).toBe('sent');
			expect((c.recipients as { list_id: string }).list_id).toBe(listId);
		}
		const times = got.map((c) => Date.parse(c.send_time as string));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	it('reads parameters per item: two items with different statuses each get their own campaigns', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 300, listMembers: 200, seed: 3 });
		const result = await kit.run(
			{ resource: 'campaign', operation: 'getMany', returnAll: true, filters: { status: '={{ $json.status }}' } },
			{ items: [{ status: 'save' }, { status: 'paused' }] },
		);
		const byItem = [0, 1].map((i) => kit.items(result).filter((o) => (o.pairedItem as { item: number }).item === i));
		const expected = (s: string) => kit.sandbox.mailchimp.campaigns().filter((c) => c.status === s).length;
		expect(byItem[0]).toHaveLength(expected('save'));
		expect(byItem[1]).toHaveLength(expected('paused'));
		expect(byItem[0].every((o) => o.json.status === 'save')).toBe(true);
		expect(byItem[1].every((o) => o.json.status === 'paused')).toBe(true);
		expect(kit.calls('GET /oauth2/metadata')).toBe(1);
	});

	it('gets, replicates, schedules, unschedules, sends and deletes campaigns', async () => {
		const draft = kit.sandbox.mailchimp.addCampaign({ title: 'Spring launch' });
		const id = draft.id as string;
		const got = kit.json(await kit.run({ resource: 'campaign', operation: 'get', campaignId: id, options: { fields: 'id,settings.title' } }));
		expect(got).toEqual([{ id, settings: { title: 'Spring launch' } }]);

		const copy = kit.json(await kit.run({ resource: 'campaign', operation: 'replicate', campaignId: id }))[0];
		expect(copy.id).not.toBe(id);
		expect((copy.settings as { title: string }).title).toMatch(/^Spring launch \(copy/);

		const at = new Date(Math.ceil((Date.now() + 86_400_000) / 900_000) * 900_000).toISOString();
		const scheduled = kit.json(await kit.run({ resource: 'campaign', operation: 'schedule', campaignId: id, scheduleTime: at }));
		expect(scheduled[0]).toMatchObject({ scheduled: true, campaign_id: id });
		expect(kit.sandbox.mailchimp.campaigns().find((c) => c.id === id)?.status).toBe('schedule');
		await kit.run({ resource: 'campaign', operation: 'unschedule', campaignId: id });
		expect(kit.sandbox.mailchimp.campaigns().find((c) => c.id === id)?.status).toBe('save');

		await kit.run({ resource: 'campaign', operation: 'send', campaignId: id });
		expect(kit.sandbox.mailchimp.campaigns().find((c) => c.id === id)?.status).toBe('sent');

		await kit.run({ resource: 'campaign', operation: 'delete', campaignId: copy.id as string });
		expect(kit.sandbox.mailchimp.campaigns().some((c) => c.id === copy.id)).toBe(false);
	});

	it('surfaces problem+json with title, detail and field errors, naming the item; continue-on-fail per item', async () => {
		const draft = kit.sandbox.mailchimp.addCampaign({ title: 'Not on the quarter hour' });
		const id = draft.id as string;
		const odd = new Date(Math.ceil((Date.now() + 86_400_000) / 900_000) * 900_000 + 7 * 60_000).toISOString();
		const error = await kit
			.run({ resource: 'campaign', operation: 'schedule', campaignId: id, scheduleTime: odd })
			.catch((e: unknown) => e as Error & { description?: string; context?: { itemIndex?: number } });
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/^Item 0, campaign ".+": MailChimp Invalid Resource on Schedule campaign/);
		expect((error as Error).message).toMatch(/schedule_time: Schedule time must be on the quarter-hour/);

		const result = await kit.run(
			{ resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' },
			{ items: [{ id }, { id: 'nosuchcamp' }], continueOnFail: true },
		);
		const out = kit.items(result);
		expect(out).toHaveLength(2);
		expect(out[0].json.id).toBe(id);
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(out[1].json.error).toMatch(/^Item 1, campaign "nosuchcamp": MailChimp Resource Not Found/);
		expect(out[1].json.httpCode).toBe('404');
	});

	it('retries 429 answers with backoff and still returns everything', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 1200, listMembers: 200, seed: 5 });
		kit.sandbox.server.addFault({ service: 'mailchimp-api', kind: 'status', status: 429, times: 3 });
		const result = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(kit.json(result)).toHaveLength(1200);
		const stats = kit.sandbox.server.getStats();
		expect(stats.faultsFired).toBe(3);
		expect(stats.byStatus['429']).toBe(3);
		expect(kit.calls('GET /3.0/campaigns')).toBe(2 + 3);
	}, 30_000);

	it('never exceeds the configured concurrency (10 max) on many parallel items', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 50, listMembers: 100, seed: 9 });
		kit.sandbox.server.addFault({ service: 'mailchimp-api', kind: 'latency', latencyMs: 40 });
		const ids = kit.sandbox.mailchimp.campaigns().map((c) => ({ id: c.id as string }));
		const result = await kit.run(
			{ resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}', maxConcurrency: 10 },
			{ items: ids },
		);
		expect(kit.json(result)).toHaveLength(50);
		const max = kit.sandbox.server.getStats().maxConcurrency['mailchimp-api'];
		expect(max).toBeLessThanOrEqual(10);
		expect(max).toBeGreaterThan(1);
		expect(kit.sandbox.server.getStats().byStatus['429'] ?? 0).toBe(0);
	});
});
