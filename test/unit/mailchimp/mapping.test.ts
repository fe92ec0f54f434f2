import { createHash } from 'node:crypto';
import { mergeFieldsFrom, tagList } from '../../../nodes/Mailchimp/actions/member/values';
import { simplifyReport, SIMPLIFIED_REPORT_FIELDS } from '../../../nodes/Mailchimp/actions/report/simplify';
import { scopeFieldList } from '../../../nodes/Mailchimp/transport/fields';
import { groupIntoBatches, matchBatchResults, subscriberHash, type MemberInputItem } from '../../../nodes/Mailchimp/transport/members';
import { remainingPages } from '../../../nodes/Mailchimp/transport/paging';
import { apiBaseFromEndpoint, baseUrlFromApiKey } from '../../../nodes/Mailchimp/transport';
import { isoSecondsOf as isoTime } from '../../../nodes/shared/time';
import { campaignQuery } from '../../../nodes/Mailchimp/actions/campaign/getMany';

describe('subscriberHash', () => {
	it('is the md5 of the trimmed, lowercased address', () => {
		const expected = createHash('md5').update('urist.mcvankab@freddiesjokes.com').digest('hex');
		expect(subscriberHash('Urist.McVankab@FreddiesJokes.com')).toBe(expected);
		expect(subscriberHash('  urist.mcvankab@freddiesjokes.com ')).toBe(expected);
		expect(subscriberHash('urist.mcvankab@freddiesjokes.com')).toBe('62eeb292278cc15f5817cb78f7790b08');
	});
});

describe('simplifyReport', () => {
	const report = {
		id: '42694e9e57',
		campaign_title: 'Spring Sale',
		subject_line: 'Our biggest sale',
		list_id: '57afe96172',
		list_name: 'Newsletter',
		send_time: '2025-03-01T10:00:00+00:00',
		emails_sent: 1000,
		abuse_reports: 1,
		unsubscribed: 4,
		bounces: { hard_bounces: 3, soft_bounces: 7, syntax_errors: 0 },
		opens: { opens_total: 600, unique_opens: 400, open_rate: 0.40404, last_open: '' },
		clicks: { clicks_total: 90, unique_clicks: 70, unique_subscriber_clicks: 55, click_rate: 0.05556, last_click: '' },
		forwards: { forwards_count: 0, forwards_opens: 0 },
	};

	it('flattens the report to the CRM fields, in a fixed order', () => {
		const flat = simplifyReport(report);
		expect(Object.keys(flat)).toEqual([...SIMPLIFIED_REPORT_FIELDS]);
		expect(flat).toEqual({
			campaign_id: '42694e9e57',
			campaign_title: 'Spring Sale',
			subject_line: 'Our biggest sale',
			list_id: '57afe96172',
			list_name: 'Newsletter',
			send_time: '2025-03-01T10:00:00+00:00',
			emails_sent: 1000,
			unique_opens: 400,
			open_rate: 0.40404,
			unique_clicks: 70,
			unique_subscriber_clicks: 55,
			click_rate: 0.05556,
			hard_bounces: 3,
			soft_bounces: 7,
			unsubscribed: 4,
			abuse_reports: 1,
		});
	});

	it('gives null for what the report lacks (fields filter, odd answers) instead of throwing', () => {
		const flat = simplifyReport({ id: 'x', send_time: '', opens: 'n/a' as unknown as object });
		expect(flat.campaign_id).toBe('x');
		expect(flat.send_time).toBeNull();
		expect(flat.unique_opens).toBeNull();
		expect(flat.hard_bounces).toBeNull();
	});
});

describe('scopeFieldList', () => {
	it('prefixes record paths with the collection and keeps total_items for paging', () => {
		expect(scopeFieldList('id, settings.title,,', 'campaigns', true)).toBe('campaigns.id,campaigns.settings.title,total_items');
		expect(scopeFieldList('campaigns.id,total_items', 'campaigns', true)).toBe('campaigns.id,total_items');
		expect(scopeFieldList('_links', 'campaigns', false)).toBe('campaigns._links');
		expect(scopeFieldList('id', undefined, true)).toBe('id');
		expect(scopeFieldList('  ', 'campaigns', true)).toBeUndefined();
	});
});

describe('remainingPages', () => {
	it('asks for no more than needed and no trailing empty page', () => {
		expect(remainingPages(1000, 2500, Infinity, 1000)).toEqual([
			{ offset: 1000, count: 1000 },
			{ offset: 2000, count: 500 },
		]);
		expect(remainingPages(1000, 1000, Infinity, 1000)).toEqual([]);
		expect(remainingPages(1000, 5000, 1500, 1000)).toEqual([{ offset: 1000, count: 500 }]);
		expect(remainingPages(30, 2500, 30, 1000)).toEqual([]);
	});
});

describe('groupIntoBatches', () => {
	const item = (itemIndex: number, listId: string): MemberInputItem => ({ itemIndex, listId, email: `m${itemIndex}@x.io`, member: {} });

	it('groups by list id in input order and cuts at the batch size', () => {
		const items = Array.from({ length: 1203 }, (_, i) => item(i, i % 3 === 0 ? 'B' : 'A'));
		const batches = groupIntoBatches(items, 500);
		expect(batches.map((b) => [b.listId, b.items.length])).toEqual([
			['B', 401],
			['A', 500],
			['A', 302],
		]);
		expect(batches[1].items.map((i) => i.itemIndex).slice(0, 3)).toEqual([1, 2, 4]);
		expect(batches.flatMap((b) => b.items).length).toBe(1203);
	});

	it('1,200 items of one list make three calls: 500, 500, 200', () => {
		const batches = groupIntoBatches(Array.from({ length: 1200 }, (_, i) => item(i, 'L')), 500);
		expect(batches.map((b) => b.items.length)).toEqual([500, 500, 200]);
	});
});

describe('matchBatchResults', () => {
	it('maps new, updated and errors back by email, case-insensitively; unmentioned members are missing', () => {
		const answer = {
			new_members: [{ id: '1', email_address: 'new@x.io' }],
			updated_members: [{ id: '2', email_address: 'Old@X.io' }],
			errors: [{ email_address: 'bad@example.invalid', error: 'bad@example.invalid looks fake or invalid', error_code: 'ERROR_GENERIC' }],
		};
		const outcomes = matchBatchResults(['bad@example.invalid', 'old@x.io', 'NEW@x.io', 'lost@x.io'], answer);
		expect(outcomes.map((o) => o.kind)).toEqual(['error', 'updated', 'created', 'missing']);
		expect(outcomes[0]).toMatchObject({ error: { error_code: 'ERROR_GENERIC' } });
	});
});

describe('small mappers', () => {
	it('merge fields: upper-cased tags, empty names dropped', () => {
		expect(mergeFieldsFrom([{ name: 'fname', value: 'Ada' }, { name: ' ', value: 'x' }, { name: 'COMPANY', value: 'Acme' }])).toEqual({
			FNAME: 'Ada',
			COMPANY: 'Acme',
		});
	});

	it('tags: comma list or array, trimmed, unique', () => {
		expect(tagList('A, B,,A ')).toEqual(['A', 'B']);
		expect(tagList(['x', ' y '])).toEqual(['x', 'y']);
		expect(tagList(undefined)).toEqual([]);
	});

	it('ISO times MailChimp accepts', () => {
		expect(isoTime('2025-01-02T03:04:05.678Z')).toBe('2025-01-02T03:04:05+00:00');
		expect(isoTime('')).toBeUndefined();
	});

	it('base URLs: data center from the API key, /3.0 after the metadata endpoint', () => {
		expect(baseUrlFromApiKey('0123456789abcdef0123456789abcdef-us6')).toBe('https://us6.api.mailchimp.com/3.0');
		expect(baseUrlFromApiKey('0123456789abcdef0123456789abcdef')).toBeUndefined();
		expect(apiBaseFromEndpoint('https://us6.api.mailchimp.com/')).toBe('https://us6.api.mailchimp.com/3.0');
		expect(apiBaseFromEndpoint('https://us6.api.mailchimp.com/3.0')).toBe('https://us6.api.mailchimp.com/3.0');
	});

	it('campaign filters become MailChimp query parameters (member email hashed)', () => {
		expect(
			campaignQuery(
				{ status: 'paused', type: 'rss', listId: ' L1 ', folderId: 'F', member: 'A@B.io', sinceSendTime: '2025-01-01T00:00:00Z', beforeCreateTime: '2025-02-01T00:00:00Z' },
				{ sortField: 'send_time', sortDir: 'ASC', excludeFields: '_links' },
			),
		).toEqual({
			status: 'paused',
			type: 'rss',
			list_id: 'L1',
			folder_id: 'F',
			member_id: subscriberHash('a@b.io'),
			since_send_time: '2025-01-01T00:00:00+00:00',
			before_create_time: '2025-02-01T00:00:00+00:00',
			sort_field: 'send_time',
			sort_dir: 'ASC',
			exclude_fields: 'campaigns._links',
		});
	});
});
