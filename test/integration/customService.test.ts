import { CustomServiceRequest } from '../../nodes/CustomService/CustomServiceRequest.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { customServiceCredential } from '../helpers/sandboxCredentials';

describe('Custom Service Request node against the sandbox (real n8n-core context, real sockets)', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const credentials = (overrides = {}) => ({
		customServiceOAuth2Api: customServiceCredential(sandbox.url, sandbox.custom.issueTokens(), overrides),
	});

	it('calls a path under the API base URL with the host-signed token, one output item per input item', async () => {
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me' },
			items: [{ a: 1 }, { a: 2 }],
			credentials: credentials(),
		});
		expect(output[0]).toHaveLength(2);
		expect(output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const log = sandbox.server.log.filter((e) => e.path === '/custom/api/me');
		expect(log).toHaveLength(2);
		expect(log.every((e) => e.authScheme === 'Bearer')).toBe(true);
	});

	it('refreshes an expired token exactly once at the refresh URL for 20 parallel items, then persists it', async () => {
		const creds = credentials();
		sandbox.custom.expireAccessTokens();
		const result = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me', options: { batchSize: 20 } },
			items: Array.from({ length: 20 }, (_, i) => ({ i })),
			credentials: creds,
		});
		expect(result.output[0]).toHaveLength(20);
		expect(result.output[0].every((item) => !('error' in item.json))).toBe(true);
		expect(sandbox.custom.refreshCount()).toBe(1);
		expect(result.tokenUpdates).toBe(1);
		const tokenCalls = sandbox.server.log.filter((e) => e.path.startsWith('/custom/oauth/'));
		expect(tokenCalls.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /custom/oauth/refresh']);
		const saved = result.credentials.customServiceOAuth2Api.oauthTokenData as { access_token: string };
		expect(saved.access_token).not.toBe((creds.customServiceOAuth2Api.oauthTokenData as { access_token: string }).access_token);

		// The persisted token works: a second run makes no refresh.
		sandbox.server.resetStats();
		const again = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me' },
			credentials: result.credentials,
		});
		expect(again.tokenUpdates).toBe(0);
		expect(sandbox.server.log.filter((e) => e.path.startsWith('/custom/oauth/'))).toHaveLength(0);
	});

	it('asks for a reconnect when the refresh token is revoked, without leaking a secret', async () => {
		const creds = credentials();
		const data = creds.customServiceOAuth2Api.oauthTokenData as { access_token: string; refresh_token: string };
		sandbox.custom.expireAccessTokens();
		sandbox.custom.revokeRefreshToken(data.refresh_token);
		const failure = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me' },
			credentials: creds,
		}).catch((error: unknown) => error as Error & { description?: string });
		expect(failure).toBeInstanceOf(Error);
		const text = `${(failure as Error).message} ${(failure as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/reconnect the credential/);
		for (const secret of [data.access_token, data.refresh_token, 'custom-sandbox-client-secret']) expect(text).not.toContain(secret);
		expect(sandbox.custom.refreshCount()).toBe(0);
	});

	it('refuses URLs on other hosts and non-http schemes, per item under continue-on-fail', async () => {
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '={{ $json.url }}' },
			items: [{ url: '/me' }, { url: 'https://evil.example.com/steal' }, { url: 'javascript:alert(1)' }, { url: 'file:///etc/passwd' }],
			credentials: credentials(),
			continueOnFail: true,
		});
		const json = output[0].map((i) => i.json);
		expect(json[0]).toHaveProperty('id', 'user-1');
		expect(String(json[1].error)).toMatch(/Item 1, field "URL": The host "evil\.example\.com"/);
		expect(String(json[2].error)).toMatch(/Item 2, field "URL".*scheme "javascript:"/);
		expect(String(json[3].error)).toMatch(/Item 3, field "URL".*scheme "file:"/);
		expect(sandbox.server.log).toHaveLength(1);
	});

	it.each([
		['linkHeader', { url: '/items', queryParameters: { parameter: [{ name: 'per_page', value: '100' }] } }, 3],
		['cursor', { url: '/items', itemsPath: 'items', queryParameters: { parameter: [{ name: 'limit', value: '100' }, { name: 'cursor', value: '' }] } }, 3],
		['offset', { url: '/items', itemsPath: 'items', pageSize: 100, totalPath: 'total' }, 3],
	])('returns all pages with %s pagination in the fewest calls', async (mode, extra, calls) => {
		sandbox.custom.setItems(250);
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', pagination: mode, ...extra },
			credentials: credentials(),
		});
		expect(output[0]).toHaveLength(250);
		expect(new Set(output[0].map((i) => i.json.id)).size).toBe(250);
		expect(sandbox.server.log.filter((e) => e.path === '/custom/api/items')).toHaveLength(calls);
	});

	it('retries 429 and 5xx with backoff and answers every item', async () => {
		sandbox.server.addFault({ service: 'custom', path: '/custom/api/me', kind: 'status', status: 429, times: 2 });
		sandbox.server.addFault({ service: 'custom', path: '/custom/api/me', kind: 'status', status: 503, times: 1 });
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me' },
			credentials: credentials(),
		});
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json).toHaveProperty('id', 'user-1');
		expect(sandbox.server.getStats().faultsFired).toBe(3);
	});

	it('sends JSON bodies and form bodies, and returns status and headers on request', async () => {
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: {
				method: 'POST',
				url: '/echo',
				bodyContentType: 'json',
				jsonBody: '{"name":"Zoë (test), \\\\ ok"}',
				options: { fullResponse: true },
			},
			credentials: credentials(),
		});
		const json = output[0][0].json as { statusCode: number; body: { body: { name: string }; method: string } };
		expect(json.statusCode).toBe(200);
		expect(json.body.method).toBe('POST');
		expect(json.body.body).toEqual({ name: 'Zoë (test), \\ ok' });
		const form = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'PUT', url: '/echo', bodyContentType: 'form', formFields: { parameter: [{ name: 'a', value: 'b c' }] } },
			credentials: credentials(),
		});
		expect((form.output[0][0].json as { body: unknown }).body).toEqual({ a: 'b c' });
	});

	it('drops the Authorization header when a redirect leads to another host', async () => {
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/redirect-elsewhere' },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(output[0]).toHaveLength(1);
		const redirected = sandbox.server.log.filter((e) => e.path === '/custom/api/me');
		expect(redirected.length).toBeGreaterThan(0);
		expect(redirected.every((e) => e.authScheme === undefined)).toBe(true);
	});

	it('names the item and says what is wrong with malformed JSON', async () => {
		const { output } = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'POST', url: '/echo', bodyContentType: 'json', jsonBody: '{"broken":' },
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(String(output[0][0].json.error)).toMatch(/Item 0: the field "JSON Body" is not valid JSON/);
	});
});
