import { MAILCHIMP_SANDBOX_API_KEY, subscriberHash } from '../../sandbox/mailchimp';
import { useMailchimpKit } from './kit';

describe('MailChimp Campaigns node: authentication, base URL and custom calls', () => {
	const kit = useMailchimpKit();

	it('calls the metadata endpoint once per execution with "OAuth <token>", then the API with the host-signed token', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 30, listMembers: 100, seed: 1 });
		const ids = kit.sandbox.mailchimp.campaigns().map((c) => ({ id: c.id as string }));
		const result = await kit.run({ resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' }, { items: ids });
		expect(kit.json(result)).toHaveLength(30);
		const metadata = kit.sandbox.server.log.filter((e) => e.endpoint === 'GET /oauth2/metadata');
		expect(metadata).toHaveLength(1);
		expect(metadata[0].authScheme).toBe('OAuth');
		const api = kit.sandbox.server.log.filter((e) => e.service === 'mailchimp-api');
		expect(api).toHaveLength(30);
		expect(api.every((e) => e.authScheme === 'Bearer')).toBe(true);

		// A second execution resolves again (the cache lives per execution).
		await kit.run({ resource: 'campaign', operation: 'get', campaignId: ids[0].id });
		expect(kit.calls('GET /oauth2/metadata')).toBe(2);
	});

	it('a fixed API base URL override skips the metadata call', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 5, listMembers: 50, seed: 1 });
		const result = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { apiBaseUrl: `${kit.sandbox.url}/3.0` });
		expect(kit.json(result)).toHaveLength(5);
		expect(kit.calls('GET /oauth2/metadata')).toBe(0);
	});

	it('a revoked OAuth token asks for a reconnect, once, without the token in the message', async () => {
		kit.sandbox.mailchimp.revokeToken(kit.token);
		const error = await kit
			.run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { items: [{}, {}, {}] })
			.catch((e: unknown) => e as Error & { description?: string });
		expect(error).toBeInstanceOf(Error);
		const text = `${error.message} ${error.description ?? ''}`;
		expect(text).toMatch(/Reconnect the MailChimp Connect OAuth2 credential/);
		expect(text).not.toContain(kit.token);
		expect(kit.calls('GET /oauth2/metadata')).toBe(1);
		expect(kit.calls('POST /oauth2/token')).toBe(0);
	});

	it('a token revoked at the API (override set, so no metadata) is a reconnect error too, never a refresh', async () => {
		kit.sandbox.mailchimp.revokeToken(kit.token);
		const result = await kit.run(
			{ resource: 'campaign', operation: 'getMany', returnAll: true },
			{ apiBaseUrl: `${kit.sandbox.url}/3.0`, continueOnFail: true },
		);
		const json = kit.json(result)[0];
		expect(json.error).toMatch(/rejected the access token: it was revoked or the app was disconnected\. Reconnect/);
		expect(JSON.stringify(json)).not.toContain(kit.token);
		expect(kit.calls('GET /3.0/campaigns')).toBe(1);
		expect(result.tokenUpdates).toBe(0);
	});

	it('authenticates with an API key (HTTP Basic) and says so when the key is rejected', async () => {
		kit.sandbox.mailchimp.seed({ campaigns: 12, listMembers: 50, seed: 1 });
		const key = kit.sandbox.mailchimp.createApiKey();
		const result = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { apiKey: key });
		expect(kit.json(result)).toHaveLength(12);
		const api = kit.sandbox.server.log.filter((e) => e.service === 'mailchimp-api');
		expect(api.every((e) => e.authScheme === 'Basic')).toBe(true);
		expect(kit.calls('GET /oauth2/metadata')).toBe(0);

		kit.sandbox.mailchimp.revokeApiKey(key);
		const error = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { apiKey: key }).catch((e: unknown) => e as Error);
		expect(error.message).toMatch(/MailChimp rejected the API key/);
		expect(error.message).not.toContain(key);
		expect(MAILCHIMP_SANDBOX_API_KEY).toMatch(/-us6$/);
	});

	it('retries a 503 from the metadata endpoint', async () => {
		kit.sandbox.server.addFault({ service: 'mailchimp-login', kind: 'status', status: 503, times: 1 });
		kit.sandbox.mailchimp.seed({ campaigns: 3, listMembers: 50, seed: 1 });
		const result = await kit.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(kit.json(result)).toHaveLength(3);
		expect(kit.calls('GET /oauth2/metadata')).toBe(2);
	}, 20_000);

	it('Custom API Call: any path under the API endpoint, query and JSON body; other hosts refused', async () => {
		const list = kit.sandbox.mailchimp.addList('Custom');
		const got = kit.json(
			await kit.run({
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: `/lists/${list.id}`,
				queryParameters: { parameter: [{ name: 'fields', value: 'id,name' }] },
			}),
		);
		expect(got).toEqual([{ id: list.id, name: 'Custom' }]);

		const put = kit.json(
			await kit.run({
				resource: 'customApiCall',
				operation: 'request',
				method: 'PUT',
				path: `/lists/${list.id}/members/${subscriberHash('custom@northwind.io')}`,
				jsonBody: JSON.stringify({ email_address: 'custom@northwind.io', status_if_new: 'subscribed' }),
			}),
		);
		expect(put[0]).toMatchObject({ email_address: 'custom@northwind.io', status: 'subscribed' });

		const refused = kit.json(
			await kit.run(
				{ resource: 'customApiCall', operation: 'request', method: 'GET', path: '={{ $json.path }}' },
				{ items: [{ path: 'https://evil.example.com/3.0/ping' }, { path: '/ping' }], continueOnFail: true },
			),
		);
		expect(refused[0].error).toMatch(/^Item 0: The host "evil.example.com" is not the credential's API host/);
		expect(refused[1]).toEqual({ health_status: "Everything's Chimpy!" });
		expect(kit.sandbox.server.log.filter((e) => e.path.includes('evil'))).toHaveLength(0);
	});
});
