import type { IDataObject } from 'n8n-workflow';
import { SIMPLIFIED_REPORT_FIELDS } from '../../../nodes/Mailchimp/actions/report/simplify';
import { useMailchimpKit } from './kit';

describe('MailChimp Campaigns node: reports', () => {
	const kit = useMailchimpKit();

	function sentCampaigns(): IDataObject[] {
		return kit.sandbox.mailchimp.campaigns().filter((c) => c.status === 'sent') as IDataObject[];
	}

	it('Report Get returns the full report, and Simplify flattens it to the CRM fields, matching the sandbox', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 40, listMembers: 600, seed: 21 });
		const campaign = sentCampaigns()[0];
		const id = campaign.id as string;
		const truth = kit.sandbox.mailchimp.report(id)!;

		const full = kit.json(await kit.run({ resource: 'report', operation: 'get', campaignId: id }))[0];
		expect(full).toEqual(truth);

		kit.sandbox.server.resetStats();
		const flat = kit.json(await kit.run({ resource: 'report', operation: 'get', campaignId: id, simplify: true }))[0];
		const t = truth as Record<string, any>;
		expect(flat).toEqual({
			campaign_id: id,
			campaign_title: t.campaign_title,
			subject_line: t.subject_line,
			list_id: t.list_id,
			list_name: t.list_name,
			send_time: t.send_time,
			emails_sent: t.emails_sent,
			unique_opens: t.opens.unique_opens,
			open_rate: t.opens.open_rate,
			unique_clicks: t.clicks.unique_clicks,
			unique_subscriber_clicks: t.clicks.unique_subscriber_clicks,
			click_rate: t.clicks.click_rate,
			hard_bounces: t.bounces.hard_bounces,
			soft_bounces: t.bounces.soft_bounces,
			unsubscribed: t.unsubscribed,
			abuse_reports: t.abuse_reports,
		});
		expect(Object.keys(flat)).toEqual([...SIMPLIFIED_REPORT_FIELDS]);
		expect(flat.emails_sent).toBeGreaterThan(0);
		// Simplify asks MailChimp for the needed fields only.
		const entry = kit.sandbox.server.log.find((e) => e.endpoint === 'GET /3.0/reports/:id')!;
		expect(entry.query.fields).toContain('opens.unique_opens');
	});

	it('Report Get Many since a send time: all pages at 1000, simplified per campaign, equal to the sandbox', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 1600, listMembers: 300, seed: 8 });
		// /reports covers campaigns that went out: sent and still sending.
		const sent = kit.sandbox.mailchimp.campaigns().filter((c) => c.status === 'sent' || c.status === 'sending');
		const times = sent.map((c) => Date.parse(c.send_time as string)).sort((a, b) => a - b);
		const since = new Date(times[Math.floor(times.length / 10)]).toISOString();
		const expected = sent.filter((c) => Date.parse(c.send_time as string) >= Date.parse(since));
		const result = await kit.run({
			resource: 'report',
			operation: 'getMany',
			returnAll: true,
			simplify: true,
			filters: { sinceSendTime: since },
		});
		const reports = kit.json(result);
		expect(reports).toHaveLength(expected.length);
		const pages = Math.ceil(expected.length / 1000);
		expect(kit.calls('GET /3.0/reports')).toBe(pages);
		const byId = new Map(reports.map((r) => [r.campaign_id, r]));
		for (const c of expected.slice(0, 50)) {
			const truth = kit.sandbox.mailchimp.report(c.id as string) as Record<string, any>;
			expect(byId.get(c.id as string)).toMatchObject({
				emails_sent: truth.emails_sent,
				unique_opens: truth.opens.unique_opens,
				open_rate: truth.opens.open_rate,
				click_rate: truth.clicks.click_rate,
				hard_bounces: truth.bounces.hard_bounces,
				unsubscribed: truth.unsubscribed,
			});
		}
		const entry = kit.sandbox.server.log.find((e) => e.endpoint === 'GET /3.0/reports')!;
		expect(entry.query.since_send_time).toBe(since.replace(/\.\d{3}Z$/, '+00:00'));
		expect(entry.query.fields).toMatch(/total_items/);
	});

	it('pages email activity (and sent-to) to completion at 1000 per call, with since passed through', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 12, listMembers: 5000, seed: 4, sentRatio: 1 });
		const campaign = sentCampaigns().sort((a, b) => Number(b.emails_sent) - Number(a.emails_sent))[0];
		const id = campaign.id as string;
		const recipients = Number(campaign.emails_sent);
		expect(recipients).toBeGreaterThan(1000);

		const activity = kit.json(await kit.run({ resource: 'report', operation: 'getEmailActivity', campaignId: id, returnAll: true }));
		expect(activity).toHaveLength(recipients);
		expect(new Set(activity.map((a) => a.email_address)).size).toBe(recipients);
		expect(kit.calls('GET /3.0/reports/:id/email-activity')).toBe(Math.ceil(recipients / 1000));

		kit.sandbox.server.resetStats();
		const sentTo = kit.json(await kit.run({ resource: 'report', operation: 'getSentTo', campaignId: id, returnAll: true }));
		expect(sentTo).toHaveLength(recipients);
		expect(kit.calls('GET /3.0/reports/:id/sent-to')).toBe(Math.ceil(recipients / 1000));

		kit.sandbox.server.resetStats();
		const since = '2000-01-01T00:00:00Z';
		const withSince = kit.json(
			await kit.run({ resource: 'report', operation: 'getEmailActivity', campaignId: id, returnAll: true, options: { since } }),
		);
		const entries = kit.sandbox.server.log.filter((e) => e.endpoint === 'GET /3.0/reports/:id/email-activity');
		expect(entries.every((e) => e.query.since === '2000-01-01T00:00:00+00:00')).toBe(true);
		expect(withSince.length).toBeLessThanOrEqual(recipients);
		expect(withSince.every((e) => Array.isArray(e.activity) && (e.activity as unknown[]).length > 0)).toBe(true);
	});

	it('unsubscribes, click details and open details come back complete', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 10, listMembers: 1500, seed: 12, sentRatio: 1 });
		const campaign = sentCampaigns().sort((a, b) => Number(b.emails_sent) - Number(a.emails_sent))[0];
		const id = campaign.id as string;
		const truth = kit.sandbox.mailchimp.report(id) as Record<string, any>;
		const unsubs = kit.json(await kit.run({ resource: 'report', operation: 'getUnsubscribes', campaignId: id, returnAll: true }));
		expect(unsubs).toHaveLength(truth.unsubscribed);
		const opens = kit.json(await kit.run({ resource: 'report', operation: 'getOpenDetails', campaignId: id, returnAll: true }));
		expect(opens).toHaveLength(truth.opens.unique_opens);
		const clicks = kit.json(await kit.run({ resource: 'report', operation: 'getClickDetails', campaignId: id, returnAll: true }));
		expect(clicks.length).toBeGreaterThan(0);
		expect(clicks.reduce((n, u) => n + Number(u.total_clicks), 0)).toBe(truth.clicks.clicks_total);
	});

	it('a report of a campaign that was never sent is a per-item 404 naming the campaign', async () => {
		const draft = kit.sandbox.mailchimp.addCampaign({ title: 'Draft' });
		const result = await kit.run(
			{ resource: 'report', operation: 'get', campaignId: draft.id as string, simplify: true },
			{ continueOnFail: true },
		);
		expect(kit.json(result)[0].error).toMatch(/Item 0, campaign ".+": MailChimp Resource Not Found on Get report/);
	});
});
