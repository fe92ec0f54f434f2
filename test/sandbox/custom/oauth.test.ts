import { CUSTOM_REFRESH_PATH, CUSTOM_TOKEN_PATH } from './index';
import { REDIRECT, startKit, type Kit } from './testkit';

let kit: Kit;
beforeAll(async () => {
	kit = await startKit();
});
afterAll(() => kit.close());
beforeEach(() => {
	kit.custom.reset();
	kit.server.resetStats();
	Object.assign(kit.custom.options, { strict: true, rotateRefreshTokens: false, accessTokenTtlSeconds: 3600, autoApprove: false });
});

const codeGrant = (code: string) => ({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });

describe('custom OAuth2 provider', () => {
	it('shows a consent page and redirects with code and state on approval', async () => {
		const q = new URLSearchParams({ response_type: 'code', client_id: 'custom-sandbox-client', redirect_uri: REDIRECT, state: 'xyz' });
		const page = await kit.call(`/custom/oauth/authorize?${q.toString()}`);
		expect(page.status).toBe(200);
		const href = /id="accept" href="([^"]+)"/.exec(page.body as string)![1].replace(/&#38;/g, '&');
		const approved = await kit.call(href);
		expect(approved.status).toBe(302);
		const location = new URL(approved.headers.get('location')!);
		expect(location.searchParams.get('state')).toBe('xyz');
		expect(location.searchParams.get('code')).toBeTruthy();
		expect((await kit.call('/custom/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=http://x.test/cb')).status).toBe(400);
	});

	it('exchanges a code at the token URL (client auth in body or Basic) and notes it', async () => {
		const body = await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(await kit.code()));
		expect(body.status).toBe(200);
		expect(body.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 3600, token_type: 'Bearer', scope: 'items.read' });
		const basic = await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(await kit.code()), true);
		expect(basic.status).toBe(200);
		const facts = kit.server.log.filter((e) => e.path === CUSTOM_TOKEN_PATH).map((e) => e.facts);
		expect(facts).toEqual([
			expect.objectContaining({ endpoint: 'token', path: CUSTOM_TOKEN_PATH, grant_type: 'authorization_code', client_auth: 'body' }),
			expect.objectContaining({ endpoint: 'token', grant_type: 'authorization_code', client_auth: 'basic' }),
		]);
		const log = JSON.stringify(kit.server.log);
		expect(log).not.toContain(body.body.access_token);
		expect(log).not.toContain(body.body.refresh_token);
	});

	it('refuses a code reused, a wrong redirect_uri and a wrong client', async () => {
		const code = await kit.code();
		expect((await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(code))).status).toBe(200);
		expect(await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(code))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		expect(await kit.grant(CUSTOM_TOKEN_PATH, { ...codeGrant(await kit.code()), redirect_uri: 'http://evil.test/cb' })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const wrongSecret = await kit.call(CUSTOM_TOKEN_PATH, { method: 'POST', form: { ...codeGrant(await kit.code()), client_id: 'custom-sandbox-client', client_secret: 'nope' } });
		expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
	});

	it('strict mode: the token URL refuses refresh_token, the refresh URL refuses authorization_code', async () => {
		const tokens = (await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(await kit.code()))).body;
		const misrouted = await kit.grant(CUSTOM_TOKEN_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(misrouted).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type', error_description: 'refresh at /custom/oauth/refresh' } });
		const codeAtRefresh = await kit.grant(CUSTOM_REFRESH_PATH, codeGrant(await kit.code()));
		expect(codeAtRefresh).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
		expect(kit.custom.refreshCount()).toBe(0);
		const entries = kit.server.log.filter((e) => e.status === 400).map((e) => e.facts);
		expect(entries).toEqual([
			expect.objectContaining({ endpoint: 'token', grant_type: 'refresh_token' }),
			expect.objectContaining({ endpoint: 'refresh', grant_type: 'authorization_code' }),
		]);
	});

	it('refreshes at the refresh URL, keeping or rotating the refresh token', async () => {
		const tokens = (await kit.grant(CUSTOM_TOKEN_PATH, codeGrant(await kit.code()))).body;
		const refreshed = await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, true);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer', scope: 'items.read' });
		expect(refreshed.body.access_token).not.toBe(tokens.access_token);
		expect(kit.custom.refreshCount()).toBe(1);
		expect((await kit.call('/__sandbox/custom/refresh-count')).body).toEqual({ count: 1 });

		kit.custom.options.rotateRefreshTokens = true;
		const rotated = await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		expect(rotated.body.refresh_token).toEqual(expect.any(String));
		expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
		expect(await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		expect((await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token })).status).toBe(200);
		expect(kit.custom.refreshCount()).toBe(3);
	});

	it('answers invalid_grant for a revoked refresh token', async () => {
		const tokens = kit.custom.issueTokens({ scope: 'x' });
		expect(kit.custom.revokeRefreshToken(tokens.refresh_token!)).toBe(true);
		expect(await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const other = kit.custom.issueTokens();
		expect((await kit.call('/__sandbox/custom/revoke', { method: 'POST', json: { token: other.refresh_token } })).body).toEqual({ revoked: true });
		expect((await kit.grant(CUSTOM_REFRESH_PATH, { grant_type: 'refresh_token', refresh_token: other.refresh_token! })).status).toBe(400);
	});

	it('accepts both grants at both URLs when strict mode is off', async () => {
		kit.custom.options.strict = false;
		const tokens = (await kit.grant(CUSTOM_REFRESH_PATH, codeGrant(await kit.code()))).body;
		expect(tokens.refresh_token).toEqual(expect.any(String));
		expect((await kit.grant(CUSTOM_TOKEN_PATH, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
	});

	it('registers clients through the API and the control route', async () => {
		kit.custom.registerClient({ clientId: 'mine', clientSecret: 's3cret' });
		await kit.call('/__sandbox/custom/clients', { method: 'POST', json: { clientId: 'theirs', clientSecret: 'p4ss' } });
		for (const [id, secret] of [['mine', 's3cret'], ['theirs', 'p4ss']]) {
			const q = new URLSearchParams({ response_type: 'code', client_id: id, redirect_uri: REDIRECT, auto_approve: '1' });
			const code = new URL((await kit.call(`/custom/oauth/authorize?${q.toString()}`)).headers.get('location')!).searchParams.get('code')!;
			const res = await kit.call(CUSTOM_TOKEN_PATH, { method: 'POST', form: { ...codeGrant(code), client_id: id, client_secret: secret } });
			expect(res.status).toBe(200);
		}
	});
});
