import { ZOHO_SANDBOX_CLIENT_ID as CLIENT_ID, ZOHO_SANDBOX_CLIENT_SECRET as SECRET } from './index';
import { startZohoKit, useZohoKit } from './testkit';

const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

describe('Zoho sandbox: accounts server (OAuth 2.0)', () => {
	const kit = useZohoKit({ realClock: true });

	const authorize = (params: Record<string, string>) => kit.http.get('/oauth/v2/auth', { params });
	const consentParams = (extra: Record<string, string> = {}) => ({
		client_id: CLIENT_ID,
		response_type: 'code',
		redirect_uri: REDIRECT,
		scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.READ',
		access_type: 'offline',
		state: 'st-1',
		...extra,
	});
	const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
		kit.http.post('/oauth/v2/token', new URLSearchParams(form).toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
	const codeFrom = (location: string) => new URL(location).searchParams.get('code')!;
	const getCode = async (extra: Record<string, string> = {}) => codeFrom((await authorize(consentParams({ auto_approve: '1', ...extra }))).headers.location);
	const exchange = (code: string) => token({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: SECRET, redirect_uri: REDIRECT, code });

	it('shows a consent page whose Accept link redirects with code, state, location and accounts-server', async () => {
		const page = await authorize(consentParams());
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toContain('text/html');
		const href = /id="accept-link" href="([^"]+)"/.exec(page.data as string)![1];
		const accepted = await kit.http.get(href);
		expect(accepted.status).toBe(302);
		const loc = new URL(accepted.headers.location);
		expect(loc.origin + loc.pathname).toBe(REDIRECT);
		expect(loc.searchParams.get('state')).toBe('st-1');
		expect(loc.searchParams.get('location')).toBe('us');
		expect(loc.searchParams.get('accounts-server')).toBe(kit.url);
		expect(loc.searchParams.get('code')).toMatch(/^1000\./);
	});

	it('auto_approve=1 redirects at once; the Reject link answers error=access_denied', async () => {
		const res = await authorize(consentParams({ auto_approve: '1' }));
		expect(res.status).toBe(302);
		expect(new URL(res.headers.location).searchParams.get('code')).toBeTruthy();
		const page = await authorize(consentParams());
		const deny = /id="deny-link" href="([^"]+)"/.exec(page.data as string)![1];
		const denied = await kit.http.get(deny);
		expect(new URL(denied.headers.location).searchParams.get('error')).toBe('access_denied');
	});

	it.each([
		[{ client_id: 'nope' }, 'invalid_client'],
		[{ response_type: 'token' }, 'unsupported_response_type'],
		[{ redirect_uri: '' }, 'invalid_redirect_uri'],
		[{ scope: '' }, 'invalid_scope'],
	])('rejects a bad authorize request %p', async (override, error) => {
		const res = await authorize(consentParams(override as Record<string, string>));
		expect(res.status).toBe(400);
		expect(res.data).toContain(error);
	});

	it('exchanges a code once: access + refresh token, api_domain, Bearer, expires_in', async () => {
		const code = await getCode();
		const res = await exchange(code);
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ token_type: 'Bearer', expires_in: 3600, api_domain: kit.url, scope: 'ZohoCRM.modules.ALL ZohoCRM.settings.READ' });
		expect(res.data.access_token).toMatch(/^1000\./);
		expect(res.data.refresh_token).toMatch(/^1000\./);
		const again = await exchange(code);
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ error: 'invalid_code' });
	});

	it('issues a refresh token only for offline access, and on re-consent only with prompt=consent', async () => {
		expect((await exchange(await getCode({ access_type: 'online' }))).data.refresh_token).toBeUndefined();
		expect((await exchange(await getCode())).data.refresh_token).toBeDefined();
		expect((await exchange(await getCode())).data.refresh_token).toBeUndefined();
		expect((await exchange(await getCode({ prompt: 'consent' }))).data.refresh_token).toBeDefined();
	});

	it('answers token errors with HTTP 200 and an error field', async () => {
		const code = await getCode();
		expect((await token({ grant_type: 'authorization_code', client_id: 'x', client_secret: SECRET, code })).data).toEqual({ error: 'invalid_client' });
		expect((await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: 'wrong', code })).data).toEqual({ error: 'invalid_client' });
		expect((await token({ grant_type: 'password', client_id: CLIENT_ID, client_secret: SECRET })).data).toEqual({ error: 'unsupported_grant_type' });
		const bad = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: SECRET, refresh_token: '1000.unknown' });
		expect(bad.status).toBe(200);
		expect(bad.data).toEqual({ error: 'invalid_code' });
		expect((await token({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: SECRET, code: 'garbage' })).data).toEqual({ error: 'invalid_code' });
	});

	it('accepts client credentials as HTTP Basic and refreshes without a new refresh token', async () => {
		const first = await exchange(await getCode());
		const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`;
		const res = await token({ grant_type: 'refresh_token', refresh_token: first.data.refresh_token }, { authorization: basic });
		expect(res.data).toMatchObject({ token_type: 'Bearer', api_domain: kit.url, expires_in: 3600 });
		expect(res.data.refresh_token).toBeUndefined();
		expect(res.data.access_token).not.toBe(first.data.access_token);
		const crm = await kit.http.get('/crm/v8/settings/modules', { headers: { Authorization: `Zoho-oauthtoken ${res.data.access_token}` } });
		expect(crm.status).toBe(200);
	});

	it('reads token requests sent as multipart/form-data, as Zoho\'s own Node SDK sends them', async () => {
		// @zohocrm/nodejs-sdk-8.0 posts its refresh grant as FormData (models/authenticator/oauth_token.js).
		const { refresh_token } = kit.zoho.issueTokens();
		const form = new FormData();
		form.append('client_id', CLIENT_ID);
		form.append('client_secret', SECRET);
		form.append('grant_type', 'refresh_token');
		form.append('refresh_token', refresh_token);
		const res = await fetch(`${kit.url}/oauth/v2/token`, { method: 'POST', body: form });
		expect(res.headers.get('content-type')).toContain('application/json');
		expect(await res.json()).toMatchObject({ access_token: expect.any(String), api_domain: kit.url, token_type: 'Bearer', expires_in: 3600 });
		expect(kit.zoho.refreshCount(refresh_token)).toBe(1);
	});

	it('throttles the 11th refresh within 10 minutes per refresh token, with Access Denied as HTTP 200', async () => {
		let now = Date.parse('2026-03-01T10:00:00Z');
		kit.zoho.setClock(() => now);
		const { refresh_token } = kit.zoho.issueTokens();
		const form = { grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: SECRET, refresh_token };
		for (let i = 0; i < 10; i++) expect((await token(form)).data.access_token).toBeDefined();
		const denied = await token(form);
		expect(denied.status).toBe(200);
		expect(denied.data.error).toBe('Access Denied');
		expect(denied.data.error_description).toMatch(/too many requests continuously/);
		expect(kit.zoho.refreshCount(refresh_token)).toBe(10);
		const stats = kit.zoho.tokenStats();
		expect(stats.throttled).toBe(1);
		expect(stats.refreshTokens[0]).toMatchObject({ refreshes: 10, throttled: 1, tokenTail: refresh_token.slice(-6) });
		now += 10 * 60 * 1000 + 1000;
		expect((await token(form)).data.access_token).toBeDefined();
	});

	it('revokes a refresh token (and its access tokens)', async () => {
		const issued = kit.zoho.issueTokens();
		const res = await kit.http.post(`/oauth/v2/token/revoke?token=${issued.refresh_token}`);
		expect(res.data).toEqual({ status: 'success' });
		expect((await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: SECRET, refresh_token: issued.refresh_token })).data).toEqual({ error: 'invalid_code' });
		const crm = await kit.http.get('/crm/v8/users', { headers: { Authorization: `Zoho-oauthtoken ${issued.access_token}` } });
		expect(crm.status).toBe(401);
	});

	it('notes grant type and client on the log, never token values', async () => {
		const res = await exchange(await getCode());
		const entry = kit.sandbox.server.log.filter((e) => e.path === '/oauth/v2/token').pop()!;
		expect(entry.facts).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID, outcome: 'ok' });
		expect(JSON.stringify(kit.sandbox.server.log)).not.toContain(res.data.access_token);
		expect(JSON.stringify(kit.sandbox.server.log)).not.toContain(res.data.refresh_token);
	});

	it('serves registered clients and answers injected faults in accounts shape', async () => {
		kit.zoho.registerClient({ clientId: '1000.OTHER', clientSecret: 's3' });
		const code = codeFrom((await authorize(consentParams({ client_id: '1000.OTHER', auto_approve: '1' }))).headers.location);
		expect((await token({ grant_type: 'authorization_code', client_id: '1000.OTHER', client_secret: 's3', code })).data.access_token).toBeDefined();
		kit.sandbox.server.addFault({ service: 'zoho-accounts', kind: 'status', status: 429, times: 1 });
		const faulted = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: SECRET, refresh_token: 'x' });
		expect(faulted.status).toBe(429);
		expect(faulted.data.error).toBe('Access Denied');
	});
});

describe('Zoho sandbox: access-token lifetime option', () => {
	it('honours accessTokenLifetimeSec and expires tokens by the clock', async () => {
		let now = Date.parse('2026-03-01T10:00:00Z');
		const kit = await startZohoKit({ accessTokenLifetimeSec: 60, now: () => now });
		try {
			expect(kit.zoho.issueTokens().expires_in).toBe(60);
			kit.relogin();
			expect((await kit.v8.get('/users')).status).toBe(200);
			now += 61_000;
			const res = await kit.v8.get('/users');
			expect(res.status).toBe(401);
			expect(res.data).toEqual({ code: 'INVALID_TOKEN', message: 'invalid oauth token', details: {}, status: 'error' });
		} finally {
			await kit.close();
		}
	});
});
