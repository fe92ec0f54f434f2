import axios from 'axios';
import { CUSTOM_REFRESH_PATH } from './index';
import { startKit, type Kit } from './testkit';

let kit: Kit;
let token: string;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.custom.reset();
	Object.assign(kit.custom.options, { acceptedSchemes: ['Bearer', 'Zoho-oauthtoken', 'OAuth'], acceptQueryToken: true, accessTokenTtlSeconds: 3600 });
	token = kit.custom.issueTokens({ scope: 'items.read' }).access_token;
});

const auth = (t: string, scheme = 'Bearer') => ({ headers: { authorization: `${scheme} ${t}` } });

describe('custom API auth', () => {
	it('accepts the token with each configured scheme and as ?access_token=', async () => {
		for (const scheme of ['Bearer', 'Zoho-oauthtoken', 'OAuth', 'bearer']) {
			expect((await kit.call('/custom/api/me', auth(token, scheme))).status).toBe(200);
		}
		expect((await kit.call(`/custom/api/me?access_token=${token}`)).body).toMatchObject({ client_id: 'custom-sandbox-client', scope: 'items.read' });
		kit.custom.options.acceptedSchemes = ['Zoho-oauthtoken'];
		kit.custom.options.acceptQueryToken = false;
		expect((await kit.call('/custom/api/me', auth(token))).status).toBe(401);
		expect((await kit.call(`/custom/api/me?access_token=${token}`)).status).toBe(401);
		expect((await kit.call('/custom/api/me', auth(token, 'Zoho-oauthtoken'))).status).toBe(200);
	});

	it('answers 401 invalid_token when missing, unknown or expired, then works after a refresh', async () => {
		expect(await kit.call('/custom/api/me')).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
		expect(await kit.call('/custom/api/me', auth('nope'))).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
		const tokens = kit.custom.issueTokens();
		expect(kit.custom.expireAccessTokens()).toBeGreaterThanOrEqual(2);
		const expired = await kit.call('/custom/api/me', auth(tokens.access_token));
		expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
		expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
		const refreshed = await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
		expect((await kit.call('/custom/api/me', auth(refreshed.body.access_token))).status).toBe(200);
	});

	it('expires tokens by lifetime and through the control route', async () => {
		kit.custom.options.accessTokenTtlSeconds = 0;
		const shortLived = kit.custom.issueTokens();
		expect(shortLived.expires_in).toBe(0);
		expect((await kit.call('/custom/api/me', auth(shortLived.access_token))).status).toBe(401);
		expect((await kit.call('/__sandbox/custom/expire-access-tokens', { method: 'POST' })).status).toBe(200);
		expect((await kit.call('/custom/api/me', auth(token))).status).toBe(401);
	});

	it('revokes access tokens', async () => {
		expect(kit.custom.revokeToken(token)).toBe(true);
		expect((await kit.call('/custom/api/me', auth(token))).status).toBe(401);
	});
});

describe('custom API endpoints', () => {
	it('pages with ?page= and a Link header', async () => {
		const seen: number[] = [];
		let next: string | undefined = '/custom/api/items?page=1&per_page=20';
		let calls = 0;
		while (next) {
			const res = await kit.call(next, auth(token));
			calls++;
			expect(res.status).toBe(200);
			seen.push(...res.body.map((i: { id: number }) => i.id));
			next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
		}
		expect(calls).toBe(5);
		expect(seen).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
		expect((await kit.call('/custom/api/items?page=1&per_page=101', auth(token))).status).toBe(400);
	});

	it('pages with ?cursor= and next_cursor', async () => {
		const seen: number[] = [];
		let cursor: string | null = '';
		while (cursor !== null) {
			const res = await kit.call(`/custom/api/items?cursor=${cursor}&limit=30`, auth(token));
			seen.push(...res.body.items.map((i: { id: number }) => i.id));
			cursor = res.body.next_cursor;
		}
		expect(seen).toHaveLength(95);
		expect(new Set(seen).size).toBe(95);
		expect((await kit.call('/custom/api/items?cursor=garbage', auth(token))).status).toBe(400);
	});

	it('pages with ?offset=&limit= and total', async () => {
		const first = await kit.call('/custom/api/items?offset=0&limit=50', auth(token));
		expect(first.body).toMatchObject({ total: 95, offset: 0, limit: 50 });
		const second = await kit.call('/custom/api/items?offset=50&limit=50', auth(token));
		expect(second.body.items).toHaveLength(45);
		expect(second.body.items[44]).toEqual({ id: 95, name: 'Item 0095', created_at: expect.any(String) });
		kit.custom.setItems(3);
		expect((await kit.call('/custom/api/items?offset=0', auth(token))).body.total).toBe(3);
	});

	it('echoes method, query, headers without authorization, and body', async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			const res = await kit.call('/custom/api/echo?a=1&b=two', { method, headers: { authorization: `Bearer ${token}`, 'x-trace': 't1', cookie: 'sid=1' }, json: { hello: 'world' } });
			expect(res.body).toMatchObject({ method, path: '/custom/api/echo', query: { a: '1', b: 'two' }, body: { hello: 'world' }, contentType: 'application/json' });
			expect(res.body.headers['x-trace']).toBe('t1');
			expect(res.body.headers).not.toHaveProperty('authorization');
			expect(res.body.headers).not.toHaveProperty('cookie');
		}
	});

	it('redirects to another host: fetch and axios drop Authorization there', async () => {
		kit.server.resetStats();
		const manual = await kit.call('/custom/api/redirect-elsewhere', auth(token));
		expect(manual.status).toBe(302);
		const target = new URL(manual.headers.get('location')!);
		expect(target.hostname).not.toBe('127.0.0.1');
		expect(target.pathname).toBe('/custom/api/me');
		const followed = await kit.call('/custom/api/redirect-elsewhere', { ...auth(token), redirect: 'follow' });
		expect(followed).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
		const viaAxios = await axios.get(`${kit.url}/custom/api/redirect-elsewhere`, { ...auth(token), validateStatus: () => true });
		expect(viaAxios.status).toBe(401);
		const arrived = kit.server.log.filter((e) => e.path === '/custom/api/me');
		expect(arrived.length).toBe(2);
		expect(arrived.every((e) => e.authScheme === undefined)).toBe(true);
	});

	it('answers any status with /status/:code', async () => {
		for (const code of [200, 404, 429, 500, 503]) expect((await kit.call(`/custom/api/status/${code}`, auth(token))).status).toBe(code);
		expect((await kit.call('/custom/api/status/429', auth(token))).headers.get('retry-after')).toBe('1');
		expect((await kit.call('/custom/api/status/42', auth(token))).status).toBe(400);
	});

	it('words injected faults as OAuth-style JSON', async () => {
		kit.server.addFault({ service: 'custom', kind: 'status', status: 503, times: 1 });
		expect(await kit.call('/custom/api/me', auth(token))).toMatchObject({ status: 503, body: { error: 'server_error' } });
		kit.server.clearFaults();
	});
});
