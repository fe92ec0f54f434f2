/**
 * Seeding and expectations for the shipped workflow examples/mailchimp-campaigns-to-zoho-crm.json
 * ("campaigns into the CRM"), as test/e2e/sync-campaigns.test.ts states them for single-process
 * n8n; the queue-mode test asserts the very same state.
 */
import type { Sandbox } from '../sandbox';

export const CAMPAIGNS_EXAMPLE = 'mailchimp-campaigns-to-zoho-crm.json';
export const DAY = 86_400_000;
/** The example's Settings node (syncWindowDays). */
export const WINDOW_DAYS = 30;

export interface McCampaign {
	id: string;
	status: string;
	send_time?: string;
	settings: { title: string };
}

/**
 * Two years of history (about a dozen sends inside the window), then `addedInWindow` more sends
 * inside it, every third with a title longer than Zoho's 40 characters, and a few just outside it.
 */
export function seedCampaignSync(sandbox: Sandbox, addedInWindow: number): void {
	sandbox.mailchimp.seed({ campaigns: 300, listMembers: 300, seed: 17 });
	const listId = String(sandbox.mailchimp.lists()[0].id);
	for (let i = 0; i < addedInWindow; i++) {
		const title = i % 3 === 0 ? `Sync test ${i}: a deliberately long MailChimp campaign title` : `Sync test ${i}`;
		sandbox.mailchimp.addCampaign({ title, listId, status: 'sent', sendTime: Date.now() - (1 + (i % 28)) * DAY - i * 60_000, activity: true });
	}
	for (let i = 0; i < 3; i++) {
		sandbox.mailchimp.addCampaign({ title: `Too old ${i}`, listId, status: 'sent', sendTime: Date.now() - (WINDOW_DAYS + 2 + i) * DAY });
	}
}

/** What the workflow must mirror: campaigns sent (or sending) within the window. */
export function expectedCampaigns(sandbox: Sandbox): McCampaign[] {
	const since = Date.now() - WINDOW_DAYS * DAY;
	return (sandbox.mailchimp.campaigns() as unknown as McCampaign[]).filter(
		(c) => (c.status === 'sent' || c.status === 'sending') && c.send_time && Date.parse(c.send_time) >= since,
	);
}

export const truncateTitle = (title: string) => (title.length > 40 ? `${title.slice(0, 39)}…` : title);
const percent = (rate: unknown) => (rate == null ? null : Math.round(Number(rate) * 10000) / 100);

/** CRM Campaigns hold exactly one record per campaign in the window, with the report's numbers. */
export function expectMirrored(sandbox: Sandbox): void {
	const expected = expectedCampaigns(sandbox);
	const records = sandbox.zoho.records('Campaigns') as unknown as Array<Record<string, unknown>>;
	expect(records).toHaveLength(expected.length);
	const byKey = new Map(records.map((r) => [String(r.Mailchimp_Campaign_Id), r]));
	expect(byKey.size).toBe(records.length);
	for (const campaign of expected) {
		const record = byKey.get(campaign.id);
		expect(record).toBeDefined();
		const report = sandbox.mailchimp.report(campaign.id) as {
			emails_sent: number;
			unsubscribed: number;
			opens: { unique_opens: number; open_rate: number };
			clicks: { unique_clicks: number; click_rate: number };
			bounces: { hard_bounces: number; soft_bounces: number };
		};
		expect(record).toMatchObject({
			Campaign_Name: truncateTitle(campaign.settings.title),
			Mailchimp_Title: campaign.settings.title,
			Status: 'Complete',
			Type: 'Email',
			Start_Date: campaign.send_time!.slice(0, 10),
			Num_sent: String(report.emails_sent),
			Emails_Sent: report.emails_sent,
			Unique_Opens: report.opens.unique_opens,
			Unique_Clicks: report.clicks.unique_clicks,
			Open_Rate: percent(report.opens.open_rate),
			Click_Rate: percent(report.clicks.click_rate),
			Hard_Bounces: report.bounces.hard_bounces,
			Soft_Bounces: report.bounces.soft_bounces,
			Unsubscribes: report.unsubscribed,
		});
		expect(String(record!.Campaign_Name).length).toBeLessThanOrEqual(40);
		expect(String(record!.Description)).toContain(`MailChimp campaign: ${campaign.settings.title}`);
	}
}

/** Every row of a MailChimp collection, read page by page straight from the sandbox API (a test's own view). */
export async function readMailchimpPages(sandbox: Sandbox, token: string, path: string, collection: string): Promise<Array<Record<string, unknown>>> {
	const rows: Array<Record<string, unknown>> = [];
	for (let offset = 0; ; offset += 1000) {
		const response = await fetch(`${sandbox.url}/3.0${path}?count=1000&offset=${offset}`, { headers: { Authorization: `Bearer ${token}` } });
		const body = (await response.json()) as Record<string, unknown>;
		const page = body[collection] as Array<Record<string, unknown>>;
		rows.push(...page);
		if (rows.length >= Number(body.total_items) || page.length === 0) return rows;
	}
}
