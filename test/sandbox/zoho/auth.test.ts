import { useZohoKit } from './testkit';

describe('Zoho sandbox: CRM authentication, scopes, concurrency', () => {
	const kit = useZohoKit({ relogin: true });

	const get = (path: string, authorization?: string) => kit.http.get(`/crm/v8${path}`, { headers: authorization ? { Authorization: authorization } : {} });

	it('accepts Zoho-oauthtoken and Bearer', async () => {
		expect((await get('/users?type=ActiveUsers', `Zoho-oauthtoken ${kit.accessToken}`)).status).toBe(200);
		expect((await get('/users?type=ActiveUsers', `Bearer ${kit.accessToken}`)).status).toBe(200);
	});

	it('answers 401 AUTHENTICATION_FAILURE without a header', async () => {
		const res = await get('/users');
		expect(res.status).toBe(401);
		expect(res.data.code).toBe('AUTHENTICATION_FAILURE');
	});

	it.each(['OAuth', 'Basic', 'token', 'zoho-oauthtoken'])('answers 401 INVALID_TOKEN for the wrong scheme %s', async (scheme) => {
		const res = await get('/users', `${scheme} ${kit.accessToken}`);
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ code: 'INVALID_TOKEN', message: 'invalid oauth token', details: {}, status: 'error' });
	});

	it('answers 401 INVALID_TOKEN for unknown and expired tokens', async () => {
		expect((await get('/users', 'Zoho-oauthtoken 1000.nope')).data.code).toBe('INVALID_TOKEN');
		kit.zoho.expireAccessTokens();
		const res = await kit.v8.get('/Leads', { params: { fields: 'Email' } });
		expect(res.status).toBe(401);
		expect(res.data.code).toBe('INVALID_TOKEN');
	});

	it('checks scopes per endpoint group and operation', async () => {
		const { access_token } = kit.zoho.issueTokens({ scope: 'ZohoCRM.modules.READ,ZohoCRM.settings.fields.READ' });
		const auth = { Authorization: `Zoho-oauthtoken ${access_token}` };
		expect((await kit.http.get('/crm/v8/Leads?fields=Email', { headers: auth })).status).toBe(204);
		expect((await kit.http.get('/crm/v8/settings/fields?module=Leads', { headers: auth })).status).toBe(200);
		const cases: Array<[string, string, unknown?]> = [
			['post', '/crm/v8/Leads', { data: [{ Last_Name: 'x', Company: 'y' }] }],
			['get', '/crm/v8/settings/modules'],
			['get', '/crm/v8/users'],
			['post', '/crm/v8/coql', { select_query: 'select Email from Leads limit 1' }],
			['get', '/crm/v8/actions/watch'],
		];
		for (const [method, path, data] of cases) {
			const res = await kit.http.request({ method, url: path, data, headers: auth });
			expect([path, res.status, res.data.code]).toEqual([path, 401, 'OAUTH_SCOPE_MISMATCH']);
		}
		const narrow = kit.zoho.issueTokens({ scope: 'ZohoCRM.modules.leads.ALL' }).access_token;
		expect((await kit.http.get('/crm/v8/Leads?fields=Email', { headers: { Authorization: `Bearer ${narrow}` } })).status).toBe(204);
		expect((await kit.http.get('/crm/v8/Contacts?fields=Email', { headers: { Authorization: `Bearer ${narrow}` } })).data.code).toBe('OAUTH_SCOPE_MISMATCH');
	});

	it('answers 429 TOO_MANY_REQUESTS beyond the concurrency limit', async () => {
		kit.zoho.concurrencyLimit = 3;
		kit.sandbox.server.latencyMs = 150;
		try {
			const results = await Promise.all(Array.from({ length: 8 }, () => kit.v8.get('/users')));
			const statuses = results.map((r) => r.status).sort();
			expect(statuses.filter((s) => s === 200)).toHaveLength(3);
			expect(statuses.filter((s) => s === 429)).toHaveLength(5);
			expect(results.find((r) => r.status === 429)!.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error' });
		} finally {
			kit.sandbox.server.latencyMs = 0;
			kit.zoho.concurrencyLimit = 10;
		}
	});

	it('words injected faults in Zoho JSON', async () => {
		kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'status', status: 429, times: 1 });
		kit.sandbox.server.addFault({ service: 'zoho-crm', kind: 'status', status: 503, times: 1 });
		const first = await kit.v8.get('/users');
		expect(first.status).toBe(429);
		expect(first.data.code).toBe('TOO_MANY_REQUESTS');
		const second = await kit.v8.get('/users');
		expect(second.status).toBe(503);
		expect(second.data).toMatchObject({ code: 'INTERNAL_ERROR', status: 'error' });
		expect((await kit.v8.get('/users')).status).toBe(200);
	});
});
