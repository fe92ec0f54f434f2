import { createHash } from 'node:crypto';
import { rate, reportNumbers, type ReportNumbers } from './activity';
import { MAILCHIMP_DC } from './constants';
import type { AudienceList, Campaign, MailchimpStore, Member } from './store';
import { iso } from './time';

/** Members a campaign would go to now: subscribed, and in its segment (minimum rating) if any. */
export function audienceSize(list: AudienceList, minRating: number): number {
	let n = 0;
	for (const m of list.members) if (m.status === 'subscribed' && m.rating >= minRating) n++;
	return n;
}

export function segmentMinRating(campaign: Campaign): number {
	const match = /rating is greater than (\d)/.exec(campaign.segmentText);
	return match ? Number(match[1]) + 1 : 0;
}

export function numbers(store: MailchimpStore, campaign: Campaign): ReportNumbers | undefined {
	if (!campaign.send || campaign.sendTime === undefined) return undefined;
	let cached = store.reportCache.get(campaign.id) as ReportNumbers | undefined;
	if (!cached) {
		cached = reportNumbers(campaign.send, campaign.sendTime);
		store.reportCache.set(campaign.id, cached);
	}
	return cached;
}

/** open_rate and click_rate are fractions of the emails delivered (sent minus bounces), as in MailChimp. */
export function delivered(n: ReportNumbers): number {
	return n.emailsSent - n.hardBounces - n.softBounces;
}

export function campaignJson(store: MailchimpStore, c: Campaign): Record<string, unknown> {
	const list = store.list(c.listId);
	const n = numbers(store, c);
	const archive = createHash('md5').update(c.id).digest('hex').slice(0, 6);
	const json: Record<string, unknown> = {
		id: c.id,
		web_id: c.webId,
		parent_campaign_id: c.parentCampaignId,
		type: c.type,
		create_time: iso(c.createTime),
		archive_url: `http://eepurl.com/${archive}`,
		long_archive_url: `https://${MAILCHIMP_DC}.campaign-archive.com/?u=sandbox&id=${c.id}`,
		status: c.status,
		emails_sent: n ? n.emailsSent : 0,
		send_time: iso(c.sendTime),
		content_type: c.contentType,
		needs_block_refresh: false,
		resendable: c.status === 'sent',
		recipients: {
			list_id: c.listId,
			list_is_active: true,
			list_name: list?.name ?? '',
			segment_text: c.segmentText,
			recipient_count: n ? n.emailsSent : list ? audienceSize(list, segmentMinRating(c)) : 0,
		},
		settings: {
			subject_line: c.subjectLine,
			preview_text: c.previewText,
			title: c.title,
			from_name: c.fromName,
			reply_to: c.replyTo,
			use_conversation: false,
			to_name: '*|FNAME|*',
			folder_id: c.folderId,
			authenticate: true,
			auto_footer: false,
			inline_css: false,
			auto_tweet: false,
			fb_comments: true,
			timewarp: false,
			template_id: 0,
			drag_and_drop: true,
		},
		tracking: {
			opens: true,
			html_clicks: true,
			text_clicks: false,
			goal_tracking: false,
			ecomm360: false,
			google_analytics: '',
			clicktale: '',
		},
		delivery_status: { enabled: false },
	};
	if (n) {
		json.report_summary = {
			opens: n.opensTotal,
			unique_opens: n.uniqueOpens,
			open_rate: rate(n.uniqueOpens, delivered(n)),
			clicks: n.clicksTotal,
			subscriber_clicks: n.uniqueSubscriberClicks,
			click_rate: rate(n.uniqueSubscriberClicks, delivered(n)),
			ecommerce: { total_orders: 0, total_spent: 0, total_revenue: 0 },
		};
	}
	return json;
}

/** List-wide averages, in percent (MailChimp's list_stats use percent, report rates use fractions). */
interface ListAverages {
	openRate: number;
	clickRate: number;
	campaigns: number;
	lastSent?: number;
}

export function listAverages(store: MailchimpStore, list: AudienceList): ListAverages {
	const key = `list:${list.id}`;
	const cached = store.reportCache.get(key) as ListAverages | undefined;
	if (cached) return cached;
	let opens = 0;
	let clicks = 0;
	let base = 0;
	let campaigns = 0;
	let lastSent: number | undefined;
	for (const c of store.campaigns) {
		if (c.listId !== list.id || !c.send) continue;
		const n = numbers(store, c);
		if (!n) continue;
		campaigns++;
		opens += n.uniqueOpens;
		clicks += n.uniqueSubscriberClicks;
		base += delivered(n);
		lastSent = Math.max(lastSent ?? 0, c.sendTime ?? 0);
	}
	const pct = (x: number): number => (base > 0 ? Math.round((x / base) * 10000) / 100 : 0);
	const result = { openRate: pct(opens), clickRate: pct(clicks), campaigns, lastSent };
	store.reportCache.set(key, result);
	return result;
}

export function reportJson(store: MailchimpStore, c: Campaign): Record<string, unknown> {
	const n = numbers(store, c)!;
	const list = store.list(c.listId);
	const avg = list ? listAverages(store, list) : { openRate: 0, clickRate: 0 };
	const forwards = Math.floor(n.uniqueOpens * 0.01);
	return {
		id: c.id,
		campaign_title: c.title,
		type: c.type,
		list_id: c.listId,
		list_is_active: true,
		list_name: list?.name ?? '',
		subject_line: c.subjectLine,
		preview_text: c.previewText,
		emails_sent: n.emailsSent,
		abuse_reports: n.abuseReports,
		unsubscribed: n.unsubscribed,
		send_time: iso(c.sendTime),
		rss_last_send: '',
		bounces: { hard_bounces: n.hardBounces, soft_bounces: n.softBounces, syntax_errors: 0 },
		forwards: { forwards_count: forwards, forwards_opens: Math.floor(forwards * 1.5) },
		opens: {
			opens_total: n.opensTotal,
			unique_opens: n.uniqueOpens,
			open_rate: rate(n.uniqueOpens, delivered(n)),
			last_open: iso(n.lastOpen),
		},
		clicks: {
			clicks_total: n.clicksTotal,
			unique_clicks: n.uniqueClicks,
			unique_subscriber_clicks: n.uniqueSubscriberClicks,
			click_rate: rate(n.uniqueSubscriberClicks, delivered(n)),
			last_click: iso(n.lastClick),
		},
		facebook_likes: { recipient_likes: 0, unique_likes: 0, facebook_likes: 0 },
		industry_stats: {
			type: 'Marketing and Advertising',
			open_rate: 0.2134,
			click_rate: 0.0184,
			bounce_rate: 0.0087,
			unopen_rate: 0.7779,
			unsub_rate: 0.0025,
			abuse_rate: 0.0002,
		},
		list_stats: { sub_rate: 3.2, unsub_rate: 0.4, open_rate: avg.openRate, click_rate: avg.clickRate },
		ecommerce: { total_orders: 0, total_spent: 0, total_revenue: 0, currency_code: 'USD' },
		delivery_status: { enabled: false },
		_links: [],
	};
}

export function memberJson(m: Member): Record<string, unknown> {
	const mergeFields = m.mergeFields;
	const fullName = [mergeFields.FNAME, mergeFields.LNAME].filter((x) => typeof x === 'string' && x).join(' ');
	return {
		id: m.id,
		email_address: m.email,
		unique_email_id: m.uniqueEmailId,
		contact_id: m.contactId,
		full_name: fullName,
		web_id: m.webId,
		email_type: 'html',
		status: m.status,
		unsubscribe_reason: m.unsubscribeReason,
		consents_to_one_to_one_messaging: true,
		merge_fields: mergeFields,
		stats: {
			avg_open_rate: m.sent ? Math.round((m.opened / m.sent) * 100) / 100 : 0,
			avg_click_rate: m.sent ? Math.round((m.clicked / m.sent) * 100) / 100 : 0,
		},
		ip_signup: m.ipSignup,
		timestamp_signup: iso(m.signup),
		ip_opt: m.ipSignup,
		timestamp_opt: iso(m.signup),
		member_rating: m.rating,
		last_changed: iso(m.lastChanged),
		language: m.language,
		vip: m.vip,
		email_client: '',
		location: { latitude: 0, longitude: 0, gmtoff: 0, dstoff: 0, country_code: '', timezone: '', region: '' },
		source: m.source,
		tags_count: m.tags.length,
		tags: m.tags,
		list_id: m.listId,
	};
}

export function listJson(store: MailchimpStore, list: AudienceList): Record<string, unknown> {
	const counts = { subscribed: 0, unsubscribed: 0, cleaned: 0 };
	let lastSub = 0;
	let lastUnsub = 0;
	for (const m of list.members) {
		if (m.status === 'subscribed') {
			counts.subscribed++;
			lastSub = Math.max(lastSub, m.signup);
		} else if (m.status === 'unsubscribed') {
			counts.unsubscribed++;
			lastUnsub = Math.max(lastUnsub, m.lastChanged);
		} else if (m.status === 'cleaned') counts.cleaned++;
	}
	const avg = listAverages(store, list);
	return {
		id: list.id,
		web_id: list.webId,
		name: list.name,
		contact: {
			company: 'Sandbox Outfitters',
			address1: '1 Example Way',
			city: 'Atlanta',
			state: 'GA',
			zip: '30303',
			country: 'US',
		},
		permission_reminder: 'You signed up on our website.',
		use_archive_bar: true,
		campaign_defaults: { from_name: list.fromName, from_email: list.fromEmail, subject: '', language: 'en' },
		notify_on_subscribe: '',
		notify_on_unsubscribe: '',
		date_created: iso(list.created),
		list_rating: 3,
		email_type_option: false,
		subscribe_url_short: `http://eepurl.com/${list.id.slice(0, 6)}`,
		subscribe_url_long: `https://sandbox.${MAILCHIMP_DC}.list-manage.com/subscribe?u=sandbox&id=${list.id}`,
		beamer_address: '',
		visibility: 'pub',
		double_optin: false,
		has_welcome: false,
		marketing_permissions: false,
		stats: {
			member_count: counts.subscribed,
			unsubscribe_count: counts.unsubscribed,
			cleaned_count: counts.cleaned,
			member_count_since_send: 0,
			unsubscribe_count_since_send: 0,
			cleaned_count_since_send: 0,
			campaign_count: avg.campaigns,
			campaign_last_sent: iso(avg.lastSent),
			merge_field_count: 4,
			avg_sub_rate: 3.2,
			avg_unsub_rate: 0.4,
			target_sub_rate: 3,
			open_rate: avg.openRate,
			click_rate: avg.clickRate,
			last_sub_date: iso(lastSub || undefined),
			last_unsub_date: iso(lastUnsub || undefined),
		},
		_links: [],
	};
}
