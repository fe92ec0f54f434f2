import type { IDataObject } from 'n8n-workflow';

/** Fields of a report a CRM Campaigns record needs, in the order the Simplify option outputs them. */
export const SIMPLIFIED_REPORT_FIELDS = [
	'campaign_id',
	'campaign_title',
	'subject_line',
	'list_id',
	'list_name',
	'send_time',
	'emails_sent',
	'unique_opens',
	'open_rate',
	'unique_clicks',
	'unique_subscriber_clicks',
	'click_rate',
	'hard_bounces',
	'soft_bounces',
	'unsubscribed',
	'abuse_reports',
] as const;

export type SimplifiedReport = Record<(typeof SIMPLIFIED_REPORT_FIELDS)[number], string | number | null>;

/** The report paths the simplified output reads: sent as `fields` so MailChimp returns only those. */
export const REPORT_SOURCE_FIELDS = [
	'id',
	'campaign_title',
	'subject_line',
	'list_id',
	'list_name',
	'send_time',
	'emails_sent',
	'opens.unique_opens',
	'opens.open_rate',
	'clicks.unique_clicks',
	'clicks.unique_subscriber_clicks',
	'clicks.click_rate',
	'bounces.hard_bounces',
	'bounces.soft_bounces',
	'unsubscribed',
	'abuse_reports',
];

function sub(report: IDataObject, key: string): IDataObject {
	const value = report[key];
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

/**
 * One flat record per campaign report. Rates stay fractions (0.25 = 25 %) as MailChimp's report
 * returns them; `unique_clicks` counts unique link clicks, `unique_subscriber_clicks` the
 * subscribers who clicked (the base of `click_rate`).
 */
export function simplifyReport(report: IDataObject): SimplifiedReport {
	const opens = sub(report, 'opens');
	const clicks = sub(report, 'clicks');
	const bounces = sub(report, 'bounces');
	return {
		campaign_id: str(report.id),
		campaign_title: str(report.campaign_title),
		subject_line: str(report.subject_line),
		list_id: str(report.list_id),
		list_name: str(report.list_name),
		send_time: str(report.send_time) || null,
		emails_sent: num(report.emails_sent),
		unique_opens: num(opens.unique_opens),
		open_rate: num(opens.open_rate),
		unique_clicks: num(clicks.unique_clicks),
		unique_subscriber_clicks: num(clicks.unique_subscriber_clicks),
		click_rate: num(clicks.click_rate),
		hard_bounces: num(bounces.hard_bounces),
		soft_bounces: num(bounces.soft_bounces),
		unsubscribed: num(report.unsubscribed),
		abuse_reports: num(report.abuse_reports),
	};
}
