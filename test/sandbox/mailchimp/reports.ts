import { createHash } from 'node:crypto';
import type { Reply } from '../core/types';
import { openTimes, rate, recipientEvents, unsubscribeReason, unsubscribeTime } from './activity';
import { filterCampaigns } from './campaigns';
import { notFound } from './problems';
import { isReply, parsePage, parseTimes, project, type Page } from './query';
import type { ApiContext, ApiRouter } from './router';
import { numbers, reportJson } from './serialize';
import type { AudienceList, Campaign, MailchimpStore, SendRecord } from './store';
import { iso } from './time';

interface Sent {
	campaign: Campaign;
	record: SendRecord;
	sendTime: number;
	list: AudienceList;
}

function sentCampaign(store: MailchimpStore, id: string): Sent | undefined {
	const campaign = store.campaign(id);
	const list = campaign && store.list(campaign.listId);
	if (!campaign?.send || campaign.sendTime === undefined || !list) return undefined;
	return { campaign, record: campaign.send, sendTime: campaign.sendTime, list };
}

function recipientBase(s: Sent, i: number): Record<string, unknown> {
	const m = s.list.members[s.record.memberIdx[i]];
	return {
		campaign_id: s.campaign.id,
		list_id: s.list.id,
		list_is_active: true,
		email_id: m.id,
		email_address: m.email,
	};
}

function mergeFieldsOf(s: Sent, i: number): Record<string, unknown> {
	const m = s.list.members[s.record.memberIdx[i]];
	return { merge_fields: m.mergeFields, vip: m.vip };
}

/** Page over rows built lazily: only the requested slice is materialised. */
function paged<T>(rows: T[], page: Page, build: (row: T) => unknown): unknown[] {
	return rows.slice(page.offset, page.offset + page.count).map(build);
}

type SubHandler = (s: Sent, page: Page, ctx: ApiContext) => Reply;

function sub(store: MailchimpStore, handler: SubHandler) {
	return (ctx: ApiContext): Reply => {
		const s = sentCampaign(store, ctx.params.id);
		if (!s) return notFound();
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		return handler(s, page, ctx);
	};
}

function indexes(s: Sent, keep: (i: number) => boolean = () => true): number[] {
	const out: number[] = [];
	for (let i = 0; i < s.record.memberIdx.length; i++) if (keep(i)) out.push(i);
	return out;
}

export function registerReportRoutes(api: ApiRouter, store: MailchimpStore): void {
	api.add('GET', '/reports', (ctx) => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const pool = store.campaigns.filter((c) => c.send && (c.status === 'sent' || c.status === 'sending'));
		const filtered = filterCampaigns(store, ctx.query, pool);
		if (isReply(filtered)) return filtered;
		filtered.sort((a, b) => a.sendTime! - b.sendTime! || a.webId - b.webId);
		const reports = filtered.slice(page.offset, page.offset + page.count).map((c) => reportJson(store, c));
		return { status: 200, body: project({ reports, campaign_id: '', total_items: filtered.length, _links: [] }, ctx.query) };
	});

	api.add('GET', '/reports/:id', (ctx) => {
		const s = sentCampaign(store, ctx.params.id);
		return s ? { status: 200, body: project(reportJson(store, s.campaign), ctx.query) } : notFound();
	});

	api.add('GET', '/reports/:id/email-activity', sub(store, (s, page, ctx) => {
		const times = parseTimes(ctx.query, ['since']);
		if (isReply(times)) return times;
		const since = times.since;
		const rows: Array<{ i: number; events: ReturnType<typeof recipientEvents> }> = [];
		for (let i = 0; i < s.record.memberIdx.length; i++) {
			const events = recipientEvents(s.record, s.sendTime, i).filter((e) => since === undefined || e.timestamp >= since);
			if (since === undefined || events.length > 0) rows.push({ i, events });
		}
		const emails = paged(rows, page, ({ i, events }) => ({
			...recipientBase(s, i),
			activity: events.map((e) => ({ action: e.action, type: e.type, timestamp: iso(e.timestamp), url: e.url, ip: e.ip })),
			_links: [],
		}));
		return { status: 200, body: project({ emails, campaign_id: s.campaign.id, total_items: rows.length, _links: [] }, ctx.query) };
	}));

	api.add('GET', '/reports/:id/sent-to', sub(store, (s, page, ctx) => {
		const rows = indexes(s);
		const sentTo = paged(rows, page, (i) => {
			const opens = s.record.delivery[i] === 0 ? openTimes(s.record, s.sendTime, i) : [];
			return {
				email_id: s.list.members[s.record.memberIdx[i]].id,
				email_address: s.list.members[s.record.memberIdx[i]].email,
				...mergeFieldsOf(s, i),
				status: ['sent', 'hard', 'soft'][s.record.delivery[i]],
				open_count: opens.length,
				proxy_excluded_open_count: opens.length,
				last_open: iso(opens.length ? opens[opens.length - 1] : undefined),
				absplit_group: '',
				gmt_offset: 0,
				campaign_id: s.campaign.id,
				list_id: s.list.id,
				list_is_active: true,
				_links: [],
			};
		});
		return { status: 200, body: project({ sent_to: sentTo, campaign_id: s.campaign.id, total_items: rows.length, _links: [] }, ctx.query) };
	}));

	api.add('GET', '/reports/:id/unsubscribed', sub(store, (s, page, ctx) => {
		const rows = indexes(s, (i) => (s.record.flags[i] & 1) === 1);
		const unsubscribes = paged(rows, page, (i) => ({
			...recipientBase(s, i),
			...mergeFieldsOf(s, i),
			timestamp: iso(unsubscribeTime(s.record, s.sendTime, i)),
			reason: unsubscribeReason(s.record, i),
			_links: [],
		}));
		return { status: 200, body: project({ unsubscribes, campaign_id: s.campaign.id, total_items: rows.length, _links: [] }, ctx.query) };
	}));

	api.add('GET', '/reports/:id/click-details', sub(store, (s, page, ctx) => {
		const n = numbers(store, s.campaign)!;
		const urls = paged(n.urls, page, (u) => ({
			id: createHash('md5').update(`${s.campaign.id}:${u.url}`).digest('hex').slice(0, 10),
			url: u.url,
			total_clicks: u.totalClicks,
			click_percentage: rate(u.totalClicks, n.clicksTotal),
			unique_clicks: u.uniqueClicks,
			unique_click_percentage: rate(u.uniqueClicks, n.uniqueClicks),
			last_click: iso(u.lastClick),
			ab_split: {},
			campaign_id: s.campaign.id,
			_links: [],
		}));
		return { status: 200, body: project({ urls_clicked: urls, campaign_id: s.campaign.id, total_items: n.urls.length, _links: [] }, ctx.query) };
	}));

	api.add('GET', '/reports/:id/open-details', sub(store, (s, page, ctx) => {
		const times = parseTimes(ctx.query, ['since']);
		if (isReply(times)) return times;
		const since = times.since ?? -Infinity;
		const rows: Array<{ i: number; opens: number[] }> = [];
		let totalOpens = 0;
		for (let i = 0; i < s.record.memberIdx.length; i++) {
			if (s.record.opens[i] === 0) continue;
			const opens = openTimes(s.record, s.sendTime, i).filter((t) => t >= since);
			if (!opens.length) continue;
			rows.push({ i, opens });
			totalOpens += opens.length;
		}
		const members = paged(rows, page, ({ i, opens }) => ({
			...recipientBase(s, i),
			contact_status: s.list.members[s.record.memberIdx[i]].status,
			...mergeFieldsOf(s, i),
			opens_count: opens.length,
			proxy_excluded_opens_count: opens.length,
			opens: opens.map((t) => ({ timestamp: iso(t), is_proxy_open: false })),
			_links: [],
		}));
		return {
			status: 200,
			body: project(
				{ members, campaign_id: s.campaign.id, total_opens: totalOpens, total_proxy_excluded_opens: totalOpens, total_items: rows.length, _links: [] },
				ctx.query,
			),
		};
	}));
}
