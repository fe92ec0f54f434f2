import { MAILCHIMP_SANDBOX_API_KEY } from './index';
import { basic, startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.mc.reset();
	kit.server.clearFaults();
	kit.server.resetStats();
});

const PROBLEM_401 = {
	type: 'https://mailchimp.com/developer/marketing/docs/errors/',
	title: 'API Key Invalid',
	status: 401,
	detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
	instance: expect.stringMatching(/^[0-9a-f-]{36}$/),
};

describe('MailChimp API auth', () => {
	it('accepts an API key as Basic password with any user, and as Bearer', async () => {
		const key = kit.mc.createApiKey();
		expect(key).toMatch(/^[0-9a-f]{32}-us6$/);
		expect((await kit.api('/ping', { headers: { authorization: basic('anystring', key) } })).status).toBe(200);
		expect((await kit.api('/ping', { headers: { authorization: basic('n8n', MAILCHIMP_SANDBOX_API_KEY) } })).status).toBe(200);
		expect((await kit.api('/ping', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
		const entry = kit.server.log[kit.server.log.length - 1];
		expect(entry).toMatchObject({ service: 'mailchimp-api', authScheme: 'Bearer', facts: { auth: 'api-key' } });
	});

	it.each([
		['missing', undefined],
		['unknown key', `Bearer ${'a'.repeat(32)}-us6`],
		['wrong data center', `Bearer ${MAILCHIMP_SANDBOX_API_KEY.replace('-us6', '-us1')}`],
		['key as Basic user instead of password', basic(MAILCHIMP_SANDBOX_API_KEY, '')],
		['API key with the OAuth scheme', `OAuth ${MAILCHIMP_SANDBOX_API_KEY}`],
	])('answers 401 problem+json when the key is %s', async (_name, authorization) => {
		const res = await kit.call('/3.0/campaigns', { headers: authorization ? { authorization } : {} });
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
		expect(res.body).toEqual(PROBLEM_401);
	});

	it('exposes the API root and account', async () => {
		const res = await kit.api('');
		expect(res).toMatchObject({ status: 200, body: { account_name: 'Sandbox Marketing', role: 'owner' } });
	});

	it('answers 429 problem+json to requests beyond 10 in flight', async () => {
		kit.server.addFault({ service: 'mailchimp-api', kind: 'latency', latencyMs: 300 });
		const burst = async (n: number) => Promise.all(Array.from({ length: n }, () => kit.api('/ping')));
		const ten = await burst(10);
		expect(ten.map((r) => r.status)).toEqual(Array(10).fill(200));
		const fifteen = await burst(15);
		const rejected = fifteen.filter((r) => r.status === 429);
		expect(rejected).toHaveLength(5);
		expect(rejected[0].headers.get('content-type')).toContain('application/problem+json');
		expect(rejected[0].body).toMatchObject({ title: 'Too Many Requests', status: 429 });
		expect(kit.server.getStats().maxConcurrency['mailchimp-api']).toBe(15);
	});

	it('makes the connection limit an option', async () => {
		kit.mc.options.concurrencyLimit = 2;
		try {
			kit.server.addFault({ service: 'mailchimp-api', kind: 'latency', latencyMs: 200 });
			const statuses = (await Promise.all(Array.from({ length: 3 }, () => kit.api('/ping')))).map((r) => r.status);
			expect(statuses.filter((s) => s === 429)).toHaveLength(1);
		} finally {
			kit.mc.options.concurrencyLimit = 10;
		}
	});

	it('words injected faults as problem+json', async () => {
		kit.server.addFault({ service: 'mailchimp-api', kind: 'status', status: 503, times: 1 });
		const res = await kit.api('/campaigns');
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect(res.body).toMatchObject({ type: PROBLEM_401.type, status: 503, title: expect.any(String), detail: expect.any(String) });
		expect((await kit.api('/campaigns')).status).toBe(200);
	});

	it('creates API keys through the control route', async () => {
		const created = await kit.call('/__sandbox/mailchimp/api-keys', { method: 'POST' });
		expect(created.status).toBe(201);
		expect((await kit.api('/ping', { headers: { authorization: basic('x', created.body.apiKey) } })).status).toBe(200);
	});
});
