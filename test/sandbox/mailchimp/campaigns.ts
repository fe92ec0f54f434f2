import type { Reply } from '../core/types';
import { badRequest, invalidResource, notFound, zodProblem } from './problems';
import { isReply, parseEnum, parsePage, parseTimes, project } from './query';
import type { ApiRouter } from './router';
import { createCampaignSchema, scheduleSchema } from './schemas';
import { sendCampaignNow } from './send';
import { campaignJson } from './serialize';
import type { Campaign, MailchimpStore } from './store';

export const CAMPAIGN_STATUSES = ['save', 'paused', 'schedule', 'sending', 'sent'] as const;
export const CAMPAIGN_TYPES = ['regular', 'plaintext', 'absplit', 'rss', 'variate'] as const;
const TIME_FILTERS = ['before_send_time', 'since_send_time', 'before_create_time', 'since_create_time'];

function receivedBy(store: MailchimpStore, c: Campaign, memberId: string): boolean {
	const idx = store.list(c.listId)?.byHash.get(memberId);
	const sent = c.send?.memberIdx;
	if (idx === undefined || !sent) return false;
	let lo = 0;
	let hi = sent.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (sent[mid] === idx) return true;
		if (sent[mid] < idx) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

/** Filters shared by /campaigns and /reports: since_* inclusive, before_* exclusive. */
export function filterCampaigns(store: MailchimpStore, query: URLSearchParams, pool: Campaign[]): Campaign[] | Reply {
	const times = parseTimes(query, TIME_FILTERS);
	if (isReply(times)) return times;
	const type = parseEnum(query, 'type', CAMPAIGN_TYPES);
	if (isReply(type)) return type;
	const status = parseEnum(query, 'status', CAMPAIGN_STATUSES);
	if (isReply(status)) return status;
	const listId = query.get('list_id');
	const folderId = query.get('folder_id');
	const memberId = query.get('member_id');
	return pool.filter((c) => {
		if (type && c.type !== type) return false;
		if (status && c.status !== status) return false;
		if (listId && c.listId !== listId) return false;
		if (folderId && c.folderId !== folderId) return false;
		if (times.since_send_time !== undefined && (c.sendTime === undefined || c.status === 'schedule' || c.sendTime < times.since_send_time)) return false;
		if (times.before_send_time !== undefined && (c.sendTime === undefined || c.status === 'schedule' || c.sendTime >= times.before_send_time)) return false;
		if (times.since_create_time !== undefined && c.createTime < times.since_create_time) return false;
		if (times.before_create_time !== undefined && c.createTime >= times.before_create_time) return false;
		if (memberId && !receivedBy(store, c, memberId)) return false;
		return true;
	});
}

export function sortCampaigns(query: URLSearchParams, campaigns: Campaign[]): Campaign[] | Reply {
	const field = parseEnum(query, 'sort_field', ['create_time', 'send_time'] as const);
	if (isReply(field)) return field;
	const dir = parseEnum(query, 'sort_dir', ['ASC', 'DESC'] as const);
	if (isReply(dir)) return dir;
	const key = (c: Campaign): number => (field === 'send_time' ? c.sendTime ?? 0 : c.createTime);
	const sign = dir === 'DESC' ? -1 : 1;
	return campaigns.sort((a, b) => sign * (key(a) - key(b) || a.webId - b.webId));
}

function copyTitle(store: MailchimpStore, title: string): string {
	const copies = store.campaigns.filter((c) => c.title.startsWith(`${title} (copy `)).length;
	return `${title} (copy ${String(copies + 1).padStart(2, '0')})`;
}

export function newCampaign(store: MailchimpStore, listId: string, fields: Partial<Campaign>): Campaign {
	const list = store.list(listId);
	return {
		id: store.newId(),
		webId: store.webId(),
		type: 'regular',
		createTime: store.clock.now(),
		status: 'save',
		contentType: 'template',
		listId,
		segmentText: '',
		subjectLine: '',
		previewText: '',
		title: 'Untitled',
		fromName: list?.fromName ?? '',
		replyTo: list?.fromEmail ?? '',
		folderId: '',
		parentCampaignId: '',
		...fields,
	};
}

export function registerCampaignRoutes(api: ApiRouter, store: MailchimpStore): void {
	api.add('GET', '/campaigns', (ctx) => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const filtered = filterCampaigns(store, ctx.query, store.campaigns);
		if (isReply(filtered)) return filtered;
		const sorted = sortCampaigns(ctx.query, filtered);
		if (isReply(sorted)) return sorted;
		const campaigns = sorted.slice(page.offset, page.offset + page.count).map((c) => campaignJson(store, c));
		ctx.note({ returned: campaigns.length, total_items: sorted.length });
		return { status: 200, body: project({ campaigns, total_items: sorted.length, _links: [] }, ctx.query) };
	});

	api.add('POST', '/campaigns', (ctx) => {
		const parsed = createCampaignSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const { type, recipients, settings } = parsed.data;
		if (recipients && !store.list(recipients.list_id)) {
			return invalidResource([{ field: 'recipients.list_id', message: 'The list_id is not valid.' }]);
		}
		const campaign = newCampaign(store, recipients?.list_id ?? '', {
			type,
			subjectLine: settings?.subject_line ?? '',
			previewText: settings?.preview_text ?? '',
			title: settings?.title ?? 'Untitled',
			folderId: settings?.folder_id ?? '',
			segmentText: recipients?.segment_text ?? '',
			...(settings?.from_name ? { fromName: settings.from_name } : {}),
			...(settings?.reply_to ? { replyTo: settings.reply_to } : {}),
		});
		store.addCampaignRecord(campaign);
		return { status: 200, body: campaignJson(store, campaign) };
	});

	api.add('GET', '/campaigns/:id', (ctx) => {
		const c = store.campaign(ctx.params.id);
		return c ? { status: 200, body: project(campaignJson(store, c), ctx.query) } : notFound();
	});

	api.add('DELETE', '/campaigns/:id', (ctx) => {
		const c = store.campaign(ctx.params.id);
		if (!c) return notFound();
		if (c.status === 'sent' || c.status === 'sending') return badRequest('This campaign has been sent and cannot be deleted.');
		store.removeCampaign(c.id);
		return { status: 204 };
	});

	api.add('POST', '/campaigns/:id/actions/replicate', (ctx) => {
		const c = store.campaign(ctx.params.id);
		if (!c) return notFound();
		const copy = newCampaign(store, c.listId, {
			type: c.type,
			contentType: c.contentType,
			segmentText: c.segmentText,
			subjectLine: c.subjectLine,
			previewText: c.previewText,
			title: copyTitle(store, c.title),
			fromName: c.fromName,
			replyTo: c.replyTo,
			folderId: c.folderId,
		});
		store.addCampaignRecord(copy);
		return { status: 200, body: campaignJson(store, copy) };
	});

	api.add('POST', '/campaigns/:id/actions/send', (ctx) => {
		const c = store.campaign(ctx.params.id);
		if (!c) return notFound();
		if (c.status !== 'save' || !store.list(c.listId)) return badRequest('Your Campaign is not ready to send.');
		sendCampaignNow(store, c);
		return { status: 204 };
	});

	api.add('POST', '/campaigns/:id/actions/schedule', (ctx) => {
		const c = store.campaign(ctx.params.id);
		if (!c) return notFound();
		const parsed = scheduleSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const at = Date.parse(parsed.data.schedule_time);
		if (Number.isNaN(at) || at <= store.clock.now()) {
			return invalidResource([{ field: 'schedule_time', message: 'Schedule time must be a valid datetime in the future.' }]);
		}
		if (at % 900_000 !== 0) {
			return invalidResource([{ field: 'schedule_time', message: 'Schedule time must be on the quarter-hour (:00, :15, :30, :45).' }]);
		}
		if (c.status !== 'save') return badRequest('Your Campaign is not ready to send.');
		c.status = 'schedule';
		c.sendTime = at;
		store.invalidate(c);
		return { status: 204 };
	});

	api.add('POST', '/campaigns/:id/actions/unschedule', (ctx) => {
		const c = store.campaign(ctx.params.id);
		if (!c) return notFound();
		if (c.status !== 'schedule') return badRequest('This campaign is not scheduled.');
		c.status = 'save';
		c.sendTime = undefined;
		store.invalidate(c);
		return { status: 204 };
	});
}
