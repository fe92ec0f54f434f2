import {
	CREDIT_RULES,
	DEFAULT_CREDITS,
	coqlCredits,
	coqlLimit,
	creditRuleFor,
	isPricedStatus,
	zohoCredits,
	type PricedCall,
} from '../../nodes/ZohoCrm/transport/credits';
import { usageSummary } from '../../nodes/ZohoCrm/transport';

const rows = (n: number) => ({ data: Array.from({ length: n }, (_, i) => ({ Last_Name: `L${i}` })) });

describe('Zoho API credits: the cost table', () => {
	it.each([
		[1, 1],
		[10, 1],
		[11, 2],
		[50, 5],
		[99, 10],
		[100, 10],
	])('insert, update and upsert cost 1 credit per 10 records (ceil): %i records = %i', (n, credits) => {
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads', body: rows(n) })).toBe(credits);
		expect(zohoCredits({ method: 'PUT', path: '/crm/v8/Leads', body: rows(n) })).toBe(credits);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/upsert', body: rows(n) })).toBe(credits);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Notes', body: rows(n) })).toBe(credits);
	});

	it('an update of one record by id costs 1', () => {
		expect(zohoCredits({ method: 'PUT', path: '/crm/v8/Leads/123', body: rows(1) })).toBe(1);
	});

	it.each([
		[1, 1],
		[200, 1],
		[201, 2],
		[1_000, 2],
		[1_001, 3],
		[2_000, 3],
	])('COQL costs by its LIMIT band: LIMIT %i = %i', (limit, credits) => {
		expect(coqlCredits(limit)).toBe(credits);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/coql', body: { select_query: `select id from Leads limit 2000, ${limit}` } })).toBe(credits);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/coql', body: { select_query: `select id from Leads limit ${limit} offset 4000` } })).toBe(credits);
	});

	it('reads the LIMIT of a COQL statement in every form Zoho accepts; none means Zoho default 200', () => {
		expect(coqlLimit('select id from Leads where Last_Name is not null')).toBe(200);
		expect(coqlLimit('select id from Leads limit 25')).toBe(25);
		expect(coqlLimit('select id from Leads LIMIT 10, 1500;')).toBe(1_500);
		expect(coqlLimit("select id from Leads where Last_Name = 'limit 5000'")).toBe(200);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/coql', body: { select_query: 'select id from Leads' } })).toBe(1);
	});

	it('convert lead 5, tags 1 per 50 records, bulk read 50 and bulk write 500', () => {
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/42/actions/convert', body: { data: [{}] } })).toBe(5);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/42/actions/add_tags', body: { tags: [{ name: 'a' }, { name: 'b' }] } })).toBe(1);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/42/actions/remove_tags', body: { tags: [{ name: 'a' }] } })).toBe(1);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/actions/add_tags', body: rows(51) })).toBe(2);
		expect(zohoCredits({ method: 'POST', path: '/crm/v8/Leads/actions/remove_tags', body: rows(500) })).toBe(10);
		expect(zohoCredits({ method: 'POST', path: '/crm/bulk/v8/read', body: { query: { module: { api_name: 'Leads' } } } })).toBe(50);
		expect(zohoCredits({ method: 'POST', path: '/crm/bulk/v8/write', body: { operation: 'insert' } })).toBe(500);
	});

	it('Get Records costs 1, 3 with a custom view; every other call 1', () => {
		expect(zohoCredits({ method: 'GET', path: '/crm/v8/Leads', query: { fields: 'id', per_page: 200 } })).toBe(1);
		expect(zohoCredits({ method: 'GET', path: '/crm/v8/Leads', query: { fields: 'id', cvid: '4150868000000087501' } })).toBe(3);
		const others: PricedCall[] = [
			{ method: 'GET', path: '/crm/v8/Leads/search', query: { criteria: '(Last_Name:equals:x)' } },
			{ method: 'GET', path: '/crm/v8/Leads/42' },
			{ method: 'DELETE', path: '/crm/v8/Leads', query: { ids: '1,2,3' } },
			{ method: 'GET', path: '/crm/v8/settings/fields', query: { module: 'Leads' } },
			{ method: 'GET', path: '/crm/v8/Leads/42/Campaigns' },
			{ method: 'POST', path: '/crm/v8/actions/watch', body: { watch: [{}] } },
		];
		for (const call of others) expect(zohoCredits(call)).toBe(DEFAULT_CREDITS);
	});

	it('prices every API version the same way (the built-in node calls /crm/v2)', () => {
		expect(zohoCredits({ method: 'POST', path: '/crm/v2/Leads', body: rows(100) })).toBe(10);
	});

	it('each rule stays inside the min/max it declares for GET /crm/v8/__apis, and is the rule for its own path', () => {
		for (const rule of CREDIT_RULES) {
			expect(rule.minCredits).toBeLessThanOrEqual(rule.maxCredits);
			const concrete = rule.apiPath.replace(/\{[^}]+\}/g, '42');
			expect(creditRuleFor(rule.method, concrete)).toBe(rule);
			// Up to 100 records: the most Zoho takes in one write call (tags: 500, priced above).
			for (const n of [0, 1, 10, 11, 50, 100]) {
				const credits = rule.price({ method: rule.method, path: concrete, body: { ...rows(n), select_query: `select id from Leads limit ${Math.max(1, n * 4)}` } });
				expect(credits).toBeGreaterThanOrEqual(rule.minCredits);
				expect(credits).toBeLessThanOrEqual(rule.maxCredits);
			}
		}
	});

	it('counts answered calls only: not 401 (token, scope), 429 (throttled), 5xx or no answer', () => {
		expect([200, 201, 202, 204, 207, 304, 400, 403, 404].every(isPricedStatus)).toBe(true);
		expect([0, -1, 401, 429, 500, 502, 503].some(isPricedStatus)).toBe(false);
	});

	it('words the tally for the execution hint', () => {
		expect(usageSummary({ calls: 1, retries: 0, credits: 1 })).toBe('1 API call, 1 API credit');
		expect(usageSummary({ calls: 1_203, retries: 2, credits: 3_250 })).toBe('1,203 API calls (2 retries included), 3,250 API credits');
	});
});
