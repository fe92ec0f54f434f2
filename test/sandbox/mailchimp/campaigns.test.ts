import { createHash } from 'node:crypto';
import { startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());

describe('MailChimp seeding', () => {
	it('seeds 3,000 campaigns and 2,000 members deterministically', () => {
		const counts = kit.mc.seed({ campaigns: 3000, listMembers: 2000, seed: 42, now: Date.UTC(2026, 0, 1) });
		expect(counts).toMatchObject({ members: 2000, campaigns: 3000 });
		expect(counts.lists).toBeGreaterThanOrEqual(2);
		const digest = (): string => createHash('md5').update(JSON.stringify([kit.mc.campaigns(), kit.mc.lists()])).digest('hex');
		const first = digest();
		kit.mc.seed({ campaigns: 3000, listMembers: 2000, seed: 42, now: Date.UTC(2026, 0, 1) });
		expect(digest()).toBe(first);
		const statuses = new Set(kit.mc.campaigns().map((c) => c.status));
		expect([...statuses].sort()).toEqual(['paused', 'save', 'schedule', 'sending', 'sent']);
		const sent = kit.mc.campaigns().filter((c) => c.status === 'sent');
		expect(sent.length / 3000).toBeGreaterThan(0.75);
		const times = sent.map((c) => Date.parse(c.send_time as string));
		expect(Math.min(...times)).toBeGreaterThan(Date.UTC(2024, 0, 1) - 3 * 86_400_000);
		expect(Math.max(...times)).toBeLessThan(Date.UTC(2026, 0, 1));
	});
});

describe('GET /3.0/campaigns', () => {
	beforeAll(() => {
		kit.mc.reset();
		kit.mc.seed({ campaigns: 2500, listMembers: 300, seed: 7, sentRatio: 1 });
	});

	it('rejects count above 1000 with a validation problem', async () => {
		const res = await kit.api('/campaigns?count=1001');
		expect(res.status).toBe(400);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect(res.body).toMatchObject({
			type: 'https://mailchimp.com/developer/marketing/docs/errors/',
			title: 'Invalid Resource',
			status: 400,
			detail: expect.any(String),
			instance: expect.any(String),
			errors: [{ field: 'count', message: expect.any(String) }],
		});
		expect((await kit.api('/campaigns?count=1000')).status).toBe(200);
	});

	it('defaults to 10 campaigns with total_items and _links', async () => {
		const res = await kit.api('/campaigns');
		expect(res.body.campaigns).toHaveLength(10);
		expect(res.body.total_items).toBe(2500);
		expect(res.body._links).toEqual([]);
		const c = res.body.campaigns[0];
		expect(c).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{10}$/),
			web_id: expect.any(Number),
			type: expect.any(String),
			create_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
			status: 'sent',
			emails_sent: expect.any(Number),
			content_type: expect.any(String),
			recipients: { list_id: expect.any(String), list_name: expect.any(String), segment_text: expect.any(String), recipient_count: c.emails_sent },
			settings: { subject_line: expect.any(String), preview_text: expect.any(String), title: expect.any(String), from_name: expect.any(String), reply_to: expect.any(String), folder_id: expect.any(String) },
			tracking: { opens: true },
			report_summary: { opens: expect.any(Number), unique_opens: expect.any(Number), open_rate: expect.any(Number), clicks: expect.any(Number), subscriber_clicks: expect.any(Number), click_rate: expect.any(Number) },
		});
	});

	it('pages 2,500 campaigns in 3 calls, sorted by send_time, projected by fields', async () => {
		const ids = new Set<string>();
		const times: number[] = [];
		const sizes: number[] = [];
		kit.server.resetStats();
		for (let offset = 0; offset < 2500; offset += 1000) {
			const res = await kit.api(`/campaigns?count=1000&offset=${offset}&sort_field=send_time&sort_dir=ASC&fields=campaigns.id,campaigns.send_time,campaigns.settings.title,total_items`);
			expect(res.status).toBe(200);
			expect(res.body.total_items).toBe(2500);
			expect(Object.keys(res.body).sort()).toEqual(['campaigns', 'total_items']);
			expect(Object.keys(res.body.campaigns[0]).sort()).toEqual(['id', 'send_time', 'settings']);
			expect(Object.keys(res.body.campaigns[0].settings)).toEqual(['title']);
			sizes.push(res.body.campaigns.length);
			for (const c of res.body.campaigns) {
				ids.add(c.id);
				times.push(Date.parse(c.send_time));
			}
		}
		expect(sizes).toEqual([1000, 1000, 500]);
		expect(ids.size).toBe(2500);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(kit.server.getStats().byEndpoint['GET /3.0/campaigns']).toBe(3);
	});

	it('filters by send time window (since inclusive, before exclusive) and sorts DESC', async () => {
		const all = kit.mc.campaigns().map((c) => Date.parse(c.send_time as string)).sort((a, b) => a - b);
		const since = all[500];
		const before = all[1500];
		const q = new URLSearchParams({ since_send_time: new Date(since).toISOString(), before_send_time: new Date(before).toISOString(), sort_field: 'send_time', sort_dir: 'DESC', count: '1000' });
		const res = await kit.api(`/campaigns?${q.toString()}`);
		const expected = all.filter((t) => t >= since && t < before).length;
		expect(res.body.total_items).toBe(expected);
		const got = res.body.campaigns.map((c: { send_time: string }) => Date.parse(c.send_time));
		expect(got).toEqual([...got].sort((a: number, b: number) => b - a));
		expect(got[0]).toBeLessThan(before);
		expect(got[got.length - 1]).toBeGreaterThanOrEqual(since);
	});

	it('filters by status, type, list_id, folder_id, member_id and create time', async () => {
		const campaigns = kit.mc.campaigns();
		const listId = (campaigns[0].recipients as { list_id: string }).list_id;
		const byList = await kit.api(`/campaigns?list_id=${listId}&count=1000&fields=total_items`);
		expect(byList.body.total_items).toBe(campaigns.filter((c) => (c.recipients as { list_id: string }).list_id === listId).length);
		expect((await kit.api('/campaigns?status=save')).body.total_items).toBe(0);
		const regular = await kit.api('/campaigns?type=regular&fields=total_items');
		expect(regular.body.total_items).toBe(campaigns.filter((c) => c.type === 'regular').length);
		const folder = campaigns.map((c) => (c.settings as { folder_id: string }).folder_id).find(Boolean)!;
		const inFolder = await kit.api(`/campaigns?folder_id=${folder}&fields=total_items`);
		expect(inFolder.body.total_items).toBe(campaigns.filter((c) => (c.settings as { folder_id: string }).folder_id === folder).length);
		const member = kit.mc.members(listId).find((m) => m.status === 'subscribed')!;
		const received = await kit.api(`/campaigns?member_id=${member.id}&count=1000&fields=campaigns.recipients.list_id,total_items`);
		expect(received.body.total_items).toBeGreaterThan(0);
		for (const c of received.body.campaigns) expect(c.recipients.list_id).toBe(listId);
		const created = campaigns.map((c) => Date.parse(c.create_time as string)).sort((a, b) => a - b);
		const sinceCreate = await kit.api(`/campaigns?since_create_time=${encodeURIComponent(new Date(created[2000]).toISOString())}&fields=total_items`);
		expect(sinceCreate.body.total_items).toBe(created.filter((t) => t >= created[2000]).length);
	});

	it('rejects bad filter values', async () => {
		expect((await kit.api('/campaigns?status=done')).body).toMatchObject({ status: 400, errors: [{ field: 'status' }] });
		expect((await kit.api('/campaigns?since_send_time=yesterday')).body).toMatchObject({ status: 400, errors: [{ field: 'since_send_time' }] });
		expect((await kit.api('/campaigns?sort_field=title')).status).toBe(400);
	});

	it('drops dot paths with exclude_fields', async () => {
		const res = await kit.api('/campaigns?count=2&exclude_fields=campaigns.settings.title,campaigns.report_summary,_links');
		expect(res.body).not.toHaveProperty('_links');
		expect(res.body.total_items).toBe(2500);
		expect(res.body.campaigns[0]).not.toHaveProperty('report_summary');
		expect(res.body.campaigns[0].settings).not.toHaveProperty('title');
		expect(res.body.campaigns[0].settings).toHaveProperty('subject_line');
	});

	it('gets one campaign, 404 problem when unknown', async () => {
		const id = kit.mc.campaigns()[3].id as string;
		expect((await kit.api(`/campaigns/${id}?fields=id,status`)).body).toEqual({ id, status: 'sent' });
		const missing = await kit.api('/campaigns/0000000000');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type')).toContain('application/problem+json');
		expect(missing.body).toMatchObject({ title: 'Resource Not Found', status: 404 });
	});
});

describe('campaign actions', () => {
	beforeEach(() => {
		kit.mc.reset();
		kit.mc.seed({ campaigns: 20, listMembers: 60, seed: 3 });
	});

	it('replicates, schedules, unschedules, sends and deletes', async () => {
		const source = kit.mc.campaigns().find((c) => c.status === 'sent')!;
		const copy = await kit.api(`/campaigns/${source.id}/actions/replicate`, { method: 'POST' });
		expect(copy.status).toBe(200);
		expect(copy.body).toMatchObject({ status: 'save', settings: { title: `${(source.settings as { title: string }).title} (copy 01)` } });
		const id = copy.body.id as string;

		const offQuarter = new Date(Date.now() + 86_400_000);
		offQuarter.setUTCMinutes(7);
		expect((await kit.api(`/campaigns/${id}/actions/schedule`, { method: 'POST', json: { schedule_time: offQuarter.toISOString() } })).body).toMatchObject({ status: 400, errors: [{ field: 'schedule_time' }] });
		offQuarter.setUTCMinutes(15, 0, 0);
		expect((await kit.api(`/campaigns/${id}/actions/schedule`, { method: 'POST', json: { schedule_time: offQuarter.toISOString() } })).status).toBe(204);
		expect((await kit.api(`/campaigns/${id}`)).body).toMatchObject({ status: 'schedule', send_time: offQuarter.toISOString().replace('.000Z', '+00:00') });
		expect((await kit.api(`/campaigns/${id}/actions/send`, { method: 'POST' })).status).toBe(400);
		expect((await kit.api(`/campaigns/${id}/actions/unschedule`, { method: 'POST' })).status).toBe(204);
		expect((await kit.api(`/campaigns/${id}`)).body).toMatchObject({ status: 'save', send_time: '' });

		expect((await kit.api(`/campaigns/${id}/actions/send`, { method: 'POST' })).status).toBe(204);
		const sent = await kit.api(`/campaigns/${id}`);
		expect(sent.body.status).toBe('sent');
		expect(sent.body.emails_sent).toBe(sent.body.recipients.recipient_count);
		expect((await kit.api(`/reports/${id}`)).body.emails_sent).toBe(sent.body.emails_sent);

		expect((await kit.api(`/campaigns/${id}`, { method: 'DELETE' })).body).toMatchObject({ status: 400 });
		const draft = kit.mc.campaigns().find((c) => c.status === 'save')!;
		expect((await kit.api(`/campaigns/${draft.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await kit.api(`/campaigns/${draft.id}`)).status).toBe(404);
	});

	it('creates campaigns through the API and the control route', async () => {
		const listId = kit.mc.lists()[0].id as string;
		const created = await kit.api('/campaigns', { method: 'POST', json: { type: 'regular', recipients: { list_id: listId }, settings: { title: 'API made', subject_line: 'Hi' } } });
		expect(created.body).toMatchObject({ status: 'save', settings: { title: 'API made' } });
		expect((await kit.api('/campaigns', { method: 'POST', json: { type: 'weird' } })).body).toMatchObject({ status: 400, errors: [{ field: 'type' }] });
		const sendTime = new Date(Date.now() - 2 * 86_400_000).toISOString();
		const ctl = await kit.call('/__sandbox/mailchimp/campaigns', { method: 'POST', json: { title: 'Control made', status: 'sent', sendTime, activity: true } });
		expect(ctl.status).toBe(200);
		expect(ctl.body.status).toBe('sent');
		expect(ctl.body.report_summary.opens).toBeGreaterThanOrEqual(0);
		expect(kit.mc.campaigns().some((c) => c.id === ctl.body.id)).toBe(true);
	});
});

describe('MailChimp campaign folders', () => {
	it('GET /campaign-folders lists the folders campaigns are in, paged, with fields (MailChimp client: CampaignFoldersApi.list)', async () => {
		kit.mc.reset();
		kit.mc.seed({ campaigns: 40, listMembers: 10, seed: 7, now: Date.UTC(2026, 0, 1) });
		const inFolders = new Set(kit.mc.campaigns().map((c) => c.folder_id ?? (c.settings as { folder_id?: string } | undefined)?.folder_id).filter(Boolean));
		const res = await kit.api('/campaign-folders?count=1000&offset=0&fields=folders.id,folders.name,total_items');
		expect(res.status).toBe(200);
		expect(res.body.total_items).toBe(inFolders.size);
		expect(res.body.folders.map((f: { id: string }) => f.id).sort()).toEqual([...inFolders].sort());
		expect(Object.keys(res.body.folders[0]).sort()).toEqual(['id', 'name']);
		expect((await kit.api('/campaign-folders?count=1001')).status).toBe(400);
	});
});
