import { MAILCHIMP_SANDBOX_CLIENT_ID, MAILCHIMP_SANDBOX_CLIENT_SECRET } from './index';
import { startKit, type Kit } from './testkit';

const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.mc.reset();
	kit.server.resetStats();
});

function authorizeUrl(extra: Record<string, string> = {}): string {
	const q = new URLSearchParams({ response_type: 'code', client_id: MAILCHIMP_SANDBOX_CLIENT_ID, redirect_uri: REDIRECT, state: 'st4te', ...extra });
	return `/oauth2/authorize?${q.toString()}`;
}

async function code(): Promise<string> {
	const res = await kit.call(authorizeUrl({ auto_approve: '1' }));
	expect(res.status).toBe(302);
	const location = new URL(res.headers.get('location')!);
	expect(location.origin + location.pathname).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('st4te');
	return location.searchParams.get('code')!;
}

function exchange(form: Record<string, string>) {
	return kit.call('/oauth2/token', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});
}

const grant = (c: string) => ({
	grant_type: 'authorization_code',
	client_id: MAILCHIMP_SANDBOX_CLIENT_ID,
	client_secret: MAILCHIMP_SANDBOX_CLIENT_SECRET,
	redirect_uri: REDIRECT,
	code: c,
});

describe('MailChimp OAuth', () => {
	it('shows a consent page whose Allow link redirects with code and state', async () => {
		const page = await kit.call(authorizeUrl());
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		const href = /id="accept" href="([^"]+)"/.exec(page.body as string)![1].replace(/&#38;/g, '&');
		const accepted = await kit.call(href);
		expect(accepted.status).toBe(302);
		expect(new URL(accepted.headers.get('location')!).searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
	});

	it('rejects an unknown client on the authorize page', async () => {
		expect((await kit.call(authorizeUrl({ client_id: 'nope' }))).status).toBe(400);
	});

	it('redirects at once with the autoApprove option', async () => {
		kit.mc.options.autoApprove = true;
		try {
			expect((await kit.call(authorizeUrl())).status).toBe(302);
		} finally {
			kit.mc.options.autoApprove = false;
		}
	});

	it('exchanges a code for a token that never expires and comes without refresh token', async () => {
		const res = await exchange(grant(await code()));
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{32}$/), expires_in: 0, scope: null });
		expect(res.body).not.toHaveProperty('refresh_token');
		const entry = kit.server.log.find((e) => e.endpoint === 'POST /oauth2/token')!;
		expect(entry.service).toBe('mailchimp-login');
		expect(entry.facts).toMatchObject({ grant_type: 'authorization_code', client_auth: 'body', outcome: 'token issued' });
		expect(JSON.stringify(kit.server.log)).not.toContain(res.body.access_token);
	});

	it('accepts client credentials as HTTP Basic too', async () => {
		const c = await code();
		const res = await kit.call('/oauth2/token', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${Buffer.from(`${MAILCHIMP_SANDBOX_CLIENT_ID}:${MAILCHIMP_SANDBOX_CLIENT_SECRET}`).toString('base64')}`,
			},
			body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT, code: c }).toString(),
		});
		expect(res.status).toBe(200);
	});

	it('answers invalid_grant for a reused code, a wrong secret, and refuses the refresh grant', async () => {
		const c = await code();
		expect((await exchange(grant(c))).status).toBe(200);
		expect(await exchange(grant(c))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		expect(await exchange({ ...grant(await code()), client_secret: 'wrong' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		expect(await exchange({ ...grant(await code()), redirect_uri: 'http://elsewhere.test/cb' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const refresh = await exchange({ grant_type: 'refresh_token', refresh_token: 'x', client_id: MAILCHIMP_SANDBOX_CLIENT_ID, client_secret: MAILCHIMP_SANDBOX_CLIENT_SECRET });
		expect(refresh).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
	});

	it('serves metadata whose api_endpoint is the sandbox, then the API works there', async () => {
		const token = (await exchange(grant(await code()))).body.access_token as string;
		const meta = await kit.call('/oauth2/metadata', { headers: { authorization: `OAuth ${token}` } });
		expect(meta.status).toBe(200);
		expect(meta.body).toMatchObject({
			dc: 'us6',
			role: 'owner',
			accountname: 'Sandbox Marketing',
			user_id: expect.any(Number),
			login: { login_email: expect.any(String), login_id: expect.any(Number) },
			login_url: 'https://login.mailchimp.com',
			api_endpoint: kit.url,
		});
		const ping = await kit.call(`${meta.body.api_endpoint}/3.0/ping`, { headers: { authorization: `OAuth ${token}` } });
		expect(ping).toMatchObject({ status: 200, body: { health_status: "Everything's Chimpy!" } });
		expect((await kit.call('/3.0/ping', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
		expect((await kit.call('/oauth2/metadata', { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
	});

	it('answers 401 problem+json everywhere once the token is revoked', async () => {
		const token = kit.mc.issueToken();
		expect((await kit.call('/3.0/campaigns', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
		expect(kit.mc.revokeToken(token)).toBe(true);
		const res = await kit.call('/3.0/campaigns', { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toContain('application/problem+json');
		expect(res.body).toMatchObject({ title: 'API Key Invalid', status: 401 });
		expect((await kit.call('/oauth2/metadata', { headers: { authorization: `OAuth ${token}` } })).status).toBe(401);
	});

	it('revokes through the control route', async () => {
		const token = kit.mc.issueToken();
		const revoke = await kit.call('/__sandbox/mailchimp/revoke', { method: 'POST', json: { token } });
		expect(revoke).toMatchObject({ status: 200, body: { revoked: true } });
		expect((await kit.call('/3.0/ping', { headers: { authorization: `OAuth ${token}` } })).status).toBe(401);
	});
});
