import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/** MailChimp's member id: the MD5 of the lowercased address (trimmed, as MailChimp trims it). */
export function subscriberHash(email: string): string {
	return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

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

/**
 * MailChimp's `fields` / `exclude_fields` apply to the whole response. Users name paths of one
 * record ("id,settings.title"); for a list endpoint they are prefixed with the collection key
 * ("campaigns.id,...") and, for `fields`, `total_items` is kept so paging can stop.
 */
export function scopeFieldList(raw: string | undefined, collection: string | undefined, keepTotal: boolean): string | undefined {
	const paths = (raw ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	if (paths.length === 0) return undefined;
	if (!collection) return paths.join(',');
	const scoped = paths.map((p) => (p === collection || p.startsWith(`${collection}.`) || p === 'total_items' ? p : `${collection}.${p}`));
	if (keepTotal && !scoped.includes('total_items')) scoped.push('total_items');
	return scoped.join(',');
}

/** Offsets and counts of the pages still needed after the first one, at most `pageSize` each. */
export function remainingPages(firstCount: number, total: number, wanted: number, pageSize: number): Array<{ offset: number; count: number }> {
	const target = Math.min(total, wanted);
	const pages: Array<{ offset: number; count: number }> = [];
	for (let offset = firstCount; offset < target; offset += pageSize) {
		pages.push({ offset, count: Math.min(pageSize, target - offset) });
	}
	return pages;
}

export interface MemberInputItem {
	itemIndex: number;
	listId: string;
	email: string;
	member: IDataObject;
}

/** Items grouped by audience (input order kept inside each group), then cut into calls of `size`. */
export function groupIntoBatches(items: readonly MemberInputItem[], size: number): Array<{ listId: string; items: MemberInputItem[] }> {
	const byList = new Map<string, MemberInputItem[]>();
	for (const item of items) {
		let group = byList.get(item.listId);
		if (!group) byList.set(item.listId, (group = []));
		group.push(item);
	}
	const batches: Array<{ listId: string; items: MemberInputItem[] }> = [];
	for (const [listId, group] of byList) {
		for (let i = 0; i < group.length; i += size) batches.push({ listId, items: group.slice(i, i + size) });
	}
	return batches;
}

export type BatchMemberOutcome =
	| { kind: 'created' | 'updated'; member: IDataObject }
	| { kind: 'error'; error: IDataObject }
	| { kind: 'missing' };

/**
 * Maps one batch-subscribe answer back to its submitted members by (lowercased, trimmed) email:
 * `new_members`, `updated_members`, `errors`. A member MailChimp did not mention is "missing".
 */
export function matchBatchResults(emails: readonly string[], answer: IDataObject): BatchMemberOutcome[] {
	const key = (e: unknown): string => String(e ?? '').trim().toLowerCase();
	const found = new Map<string, BatchMemberOutcome>();
	const take = (list: unknown, make: (entry: IDataObject) => BatchMemberOutcome): void => {
		if (!Array.isArray(list)) return;
		for (const entry of list as IDataObject[]) {
			const k = key(entry.email_address);
			if (!found.has(k)) found.set(k, make(entry));
		}
	};
	take(answer.errors, (entry) => ({ kind: 'error', error: entry }));
	take(answer.new_members, (entry) => ({ kind: 'created', member: entry }));
	take(answer.updated_members, (entry) => ({ kind: 'updated', member: entry }));
	return emails.map((email) => found.get(key(email)) ?? { kind: 'missing' });
}

/** Merge fields from name/value pairs: empty names dropped, later names win. */
export function mergeFieldsFrom(pairs: ReadonlyArray<{ name?: string; value?: unknown }> | undefined): IDataObject {
	const out: IDataObject = {};
	for (const pair of pairs ?? []) {
		const name = String(pair.name ?? '').trim();
		if (name) out[name.toUpperCase()] = pair.value as IDataObject[keyof IDataObject];
	}
	return out;
}

/** Tags from a comma-separated string or an array, trimmed, empties and duplicates dropped. */
export function tagList(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map((t) => String(t)) : String(raw ?? '').split(',');
	return [...new Set(parts.map((t) => t.trim()).filter(Boolean))];
}
