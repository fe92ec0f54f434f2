import { startKit, type Kit } from './testkit';

let kit: Kit;
let sentIds: string[];
beforeAll(async () => {
	kit = await startKit();
	kit.mc.seed({ campaigns: 200, listMembers: 600, seed: 11 });
	sentIds = kit.mc.campaigns().filter((c) => c.status === 'sent').map((c) => c.id as string);
});
afterAll(() => kit.close());

interface Activity {
	action: string;
	type: string;
	timestamp: string;
	url: string;
}

async function allActivity(id: string, extra = ''): Promise<Array<{ email_id: string; activity: Activity[] }>> {
	const out: Array<{ email_id: string; activity: Activity[] }> = [];
	for (let offset = 0; ; offset += 1000) {
		const res = await kit.api(`/reports/${id}/email-activity?count=1000&offset=${offset}${extra}`);
		expect(res.status).toBe(200);
		out.push(...res.body.emails);
		if (out.length >= res.body.total_items) return out;
	}
}

describe('GET /3.0/reports', () => {
	it('lists reports of sent campaigns with paging and send-time filters', async () => {
		const all = await kit.api('/reports?count=1000');
		expect(all.body.total_items).toBe(kit.mc.campaigns().filter((c) => c.status === 'sent' || c.status === 'sending').length);
		const times = all.body.reports.map((r: { send_time: string }) => Date.parse(r.send_time)).sort((a: number, b: number) => a - b);
		const since = new Date(times[Math.floor(times.length / 2)]).toISOString();
		const recent = await kit.api(`/reports?since_send_time=${encodeURIComponent(since)}&count=5`);
		expect(recent.body.reports).toHaveLength(5);
		expect(recent.body.total_items).toBe(times.filter((t: number) => t >= Date.parse(since)).length);
		expect((await kit.api('/reports?count=1001')).status).toBe(400);
		expect((await kit.api('/reports?type=plaintext&fields=total_items')).body.total_items).toBe(
			all.body.reports.filter((r: { type: string }) => r.type === 'plaintext').length,
		);
	});

	it('404s for a campaign that was never sent', async () => {
		const draft = kit.mc.campaigns().find((c) => c.status === 'save')!;
		expect((await kit.api(`/reports/${draft.id}`)).body).toMatchObject({ status: 404, title: 'Resource Not Found' });
	});

	it('reports metrics that add up from the per-recipient activity', async () => {
		for (const id of sentIds.slice(0, 8)) {
			const report = (await kit.api(`/reports/${id}`)).body;
			const emails = await allActivity(id);
			const events = emails.flatMap((e) => e.activity);
			const opens = events.filter((e) => e.action === 'open');
			const clicks = events.filter((e) => e.action === 'click');
			const hard = events.filter((e) => e.action === 'bounce' && e.type === 'hard').length;
			const soft = events.filter((e) => e.action === 'bounce' && e.type === 'soft').length;
			const openers = emails.filter((e) => e.activity.some((a) => a.action === 'open')).length;
			const clickers = emails.filter((e) => e.activity.some((a) => a.action === 'click')).length;
			const uniqueClicks = emails.reduce((n, e) => n + new Set(e.activity.filter((a) => a.action === 'click').map((a) => a.url)).size, 0);
			const delivered = report.emails_sent - hard - soft;
			expect(emails).toHaveLength(report.emails_sent);
			expect(report.bounces).toEqual({ hard_bounces: hard, soft_bounces: soft, syntax_errors: 0 });
			expect(report.opens).toMatchObject({ opens_total: opens.length, unique_opens: openers });
			expect(report.opens.open_rate).toBeCloseTo(delivered ? openers / delivered : 0, 5);
			expect(report.clicks).toMatchObject({ clicks_total: clicks.length, unique_subscriber_clicks: clickers, unique_clicks: uniqueClicks });
			expect(report.clicks.click_rate).toBeCloseTo(delivered ? clickers / delivered : 0, 5);
			if (opens.length) expect(report.opens.last_open).toBe(opens.map((o) => o.timestamp).sort().pop());
			const campaign = (await kit.api(`/campaigns/${id}`)).body;
			expect(campaign.report_summary).toMatchObject({ opens: opens.length, unique_opens: openers, clicks: clicks.length, subscriber_clicks: clickers });
			expect(campaign.emails_sent).toBe(report.emails_sent);

			const sentTo = (await kit.api(`/reports/${id}/sent-to?count=1000`)).body;
			expect(sentTo.total_items).toBe(report.emails_sent);
			expect(sentTo.sent_to.filter((s: { status: string }) => s.status === 'hard')).toHaveLength(hard);
			const unsubs = (await kit.api(`/reports/${id}/unsubscribed?count=1000`)).body;
			expect(unsubs.total_items).toBe(report.unsubscribed);
			const clicked = (await kit.api(`/reports/${id}/click-details?count=1000`)).body;
			expect(clicked.urls_clicked.reduce((n: number, u: { total_clicks: number }) => n + u.total_clicks, 0)).toBe(clicks.length);
			expect(clicked.urls_clicked.reduce((n: number, u: { unique_clicks: number }) => n + u.unique_clicks, 0)).toBe(uniqueClicks);
			const openDetails = (await kit.api(`/reports/${id}/open-details?count=1000`)).body;
			expect(openDetails.total_items).toBe(openers);
			expect(openDetails.total_opens).toBe(opens.length);
		}
	});

	it('keeps member status consistent with unsubscribes and hard bounces', async () => {
		let checked = 0;
		for (const id of sentIds) {
			const unsubs = (await kit.api(`/reports/${id}/unsubscribed?count=1000`)).body.unsubscribes;
			for (const u of unsubs) {
				const member = (await kit.api(`/lists/${u.list_id}/members/${u.email_id}`)).body;
				expect(member.status).toBe('unsubscribed');
				expect(member.last_changed).toBe(u.timestamp);
				expect(u.reason).toEqual(expect.any(String));
				checked++;
			}
			if (checked >= 3) break;
		}
		expect(checked).toBeGreaterThan(0);
	});
});

describe('report sub-resources', () => {
	let busy: string;
	beforeAll(async () => {
		const reports = (await kit.api('/reports?count=1000&fields=reports.id,reports.emails_sent')).body.reports;
		busy = reports.sort((a: { emails_sent: number }, b: { emails_sent: number }) => b.emails_sent - a.emails_sent)[0].id;
	});

	it('pages email-activity with count/offset and total_items', async () => {
		const first = await kit.api(`/reports/${busy}/email-activity?count=50`);
		const second = await kit.api(`/reports/${busy}/email-activity?count=50&offset=50`);
		expect(first.body.emails).toHaveLength(50);
		expect(first.body.total_items).toBeGreaterThan(100);
		expect(first.body.emails[0]).toMatchObject({ campaign_id: busy, list_id: expect.any(String), email_id: expect.stringMatching(/^[0-9a-f]{32}$/), email_address: expect.stringContaining('@'), activity: expect.any(Array) });
		const ids = new Set([...first.body.emails, ...second.body.emails].map((e: { email_id: string }) => e.email_id));
		expect(ids.size).toBe(100);
		expect((await kit.api(`/reports/${busy}/email-activity?count=1001`)).status).toBe(400);
	});

	it('filters email-activity and open-details with since', async () => {
		const everything = await allActivity(busy);
		const stamps = everything.flatMap((e) => e.activity.map((a) => a.timestamp)).sort();
		const since = stamps[Math.floor(stamps.length / 2)];
		const later = await allActivity(busy, `&since=${encodeURIComponent(since)}`);
		const laterEvents = later.flatMap((e) => e.activity);
		expect(laterEvents.length).toBe(stamps.filter((s) => s >= since).length);
		for (const e of laterEvents) expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(Date.parse(since));
		expect(later.every((e) => e.activity.length > 0)).toBe(true);
		const opens = (await kit.api(`/reports/${busy}/open-details?count=1000&since=${encodeURIComponent(since)}`)).body;
		expect(opens.total_opens).toBe(laterEvents.filter((e) => e.action === 'open').length);
		expect((await kit.api(`/reports/${busy}/email-activity?since=soon`)).status).toBe(400);
	});
});
