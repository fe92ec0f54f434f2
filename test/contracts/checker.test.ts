/** The definition check can fail: requests with what the vendors do not define are each named. */
import type { LogEntry } from '../sandbox/core/types';
import { checkRequests, findOperations } from './conformance/checker';

let seq = 0;
const entry = (method: string, path: string, extra: Partial<LogEntry> = {}): LogEntry => ({
	seq: ++seq,
	service: path.startsWith('/3.0') ? 'mailchimp-api' : 'zoho-crm',
	method,
	path,
	endpoint: `${method} ${path}`,
	query: {},
	status: 200,
	authScheme: path.startsWith('/3.0') ? 'Bearer' : 'Zoho-oauthtoken',
	startedAt: 0,
	durationMs: 0,
	...extra,
});
const problems = (e: LogEntry) => checkRequests([e]).violations.map((v) => v.problem);

describe('contracts: the request definition check', () => {
	it('reads the vendors\' operations: the most specific path template wins', () => {
		expect(findOperations('GET', '/crm/v8/Leads').map((o) => o.source)).toEqual(['record/RecordOperations.getRecords']);
		expect(findOperations('GET', '/crm/v8/Leads/search').map((o) => o.source)).toEqual(['record/RecordOperations.searchRecords']);
		expect(findOperations('GET', '/crm/v8/settings/fields').map((o) => o.source)).toEqual(['fields/FieldsOperations.getFields']);
		expect(findOperations('PUT', '/3.0/lists/abc/members/0123').map((o) => o.source)).toEqual(['ListsApi.setListMember']);
	});

	it('passes a request the vendor defines', () => {
		expect(problems(entry('GET', '/crm/v8/Leads', { query: { fields: 'Email', sort_by: 'Modified_Time', sort_order: 'asc', per_page: '200', page_token: 'x' } }))).toEqual([]);
	});

	it('names an unknown query parameter, a value outside an enum, an unknown body key, a missing required key', () => {
		expect(problems(entry('GET', '/crm/v8/Leads', { query: { fields: 'Email', sortBy: 'id' } }))).toEqual([expect.stringContaining('query parameter "sortBy" is not defined')]);
		expect(problems(entry('GET', '/crm/v8/Leads', { query: { fields: 'Email', sort_by: 'Last_Name' } }))).toEqual([expect.stringContaining('"sort_by" = "Last_Name" not one of')]);
		expect(problems(entry('GET', '/crm/v8/users', { query: { type: 'EveryUser' } }))).toEqual([expect.stringContaining('"type" = "EveryUser" not one of')]);
		const upsert = entry('POST', '/crm/v8/Leads/upsert', { request: { body: { data: [{ Email: 'a@b.c' }], duplicate_check_field: ['Email'], trigger: ['workflows'] }, contentType: 'application/json' } });
		expect(problems(upsert)).toEqual([expect.stringContaining('body.duplicate_check_field: body key not defined'), expect.stringContaining('body.trigger: value "workflows" not one of')]);
		const watch = entry('POST', '/crm/v8/actions/watch', { request: { body: { watch: [{ channel_id: '1', events: ['Leads.create'], notifyUrl: 'http://x' }] }, contentType: 'application/json' } });
		expect(problems(watch)).toEqual([expect.stringContaining('body.watch[0].notifyUrl: body key not defined')]);
		const member = entry('PUT', '/3.0/lists/abc/members/0123', { request: { body: { email_address: 'a@b.c' }, contentType: 'application/json' } });
		expect(problems(member)).toEqual([expect.stringContaining('body.status_if_new: required body key missing')]);
	});

	it('names an undefined path, a wrong auth scheme and a malformed If-Modified-Since', () => {
		expect(problems(entry('POST', '/crm/v8/Leads/123/Notes', { request: { body: { data: [{}] }, contentType: 'application/json' } }))).toEqual([expect.stringContaining('no vendor operation defines')]);
		expect(problems(entry('GET', '/crm/v8/Leads', { query: { fields: 'Email' }, authScheme: 'Token' }))).toEqual([expect.stringContaining('auth scheme "Token"')]);
		expect(problems(entry('GET', '/crm/v8/Leads', { query: { fields: 'Email' }, request: { ifModifiedSince: '1700000000' } }))).toEqual([expect.stringContaining('If-Modified-Since "1700000000"')]);
	});
});
