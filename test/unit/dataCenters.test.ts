import { DATA_CENTERS, environmentDomain, resolveApiDomain } from '../../nodes/ZohoCrm/transport/dataCenters';
import { ZohoCrmConnectOAuth2Api } from '../../credentials/ZohoCrmConnectOAuth2Api.credentials';

const expected: Array<[string, string]> = [
	['https://accounts.zoho.com', 'https://www.zohoapis.com'],
	['https://accounts.zoho.eu', 'https://www.zohoapis.eu'],
	['https://accounts.zoho.in', 'https://www.zohoapis.in'],
	['https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
	['https://accounts.zoho.jp', 'https://www.zohoapis.jp'],
	['https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
	['https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
	['https://accounts.zoho.sa', 'https://www.zohoapis.sa'],
	['https://accounts.zoho.uk', 'https://www.zohoapis.uk'],
];

describe('Zoho data centers', () => {
	it.each(expected)('%s maps to %s when the token names no api_domain', (accounts, api) => {
		expect(resolveApiDomain({ dataCenter: accounts })).toBe(api);
	});

	it.each(expected)('%s: sandbox and developer environments use their own hosts', (accounts, api) => {
		const host = new URL(api).hostname.replace(/^www\./, '');
		expect(resolveApiDomain({ dataCenter: accounts, environment: 'sandbox' })).toBe(`https://sandbox.${host}`);
		expect(resolveApiDomain({ dataCenter: accounts, environment: 'developer' })).toBe(`https://developer.${host}`);
	});

	it('every data center of the credential form is mapped, and Canada uses zohocloud.ca', () => {
		const dcProperty = new ZohoCrmConnectOAuth2Api().properties.find((p) => p.name === 'dataCenter');
		const values = (dcProperty?.options ?? []).map((o) => (o as { value: string }).value).filter((v) => v !== 'custom');
		expect(values.sort()).toEqual(Object.keys(DATA_CENTERS).sort());
		expect(values).toContain('https://accounts.zohocloud.ca');
		expect(values).not.toContain('https://accounts.zoho.ca');
	});

	it('prefers the api_domain Zoho returned with the token over the data-center default', () => {
		expect(
			resolveApiDomain({ dataCenter: 'https://accounts.zoho.com', oauthTokenData: { api_domain: 'https://www.zohoapis.eu/' } }),
		).toBe('https://www.zohoapis.eu');
	});

	it('maps a production api_domain to the sandbox host for sandbox orgs', () => {
		expect(
			resolveApiDomain({
				dataCenter: 'https://accounts.zoho.eu',
				environment: 'sandbox',
				oauthTokenData: { api_domain: 'https://www.zohoapis.eu' },
			}),
		).toBe('https://sandbox.zohoapis.eu');
	});

	it('a custom API domain wins and is left alone by the environment mapping', () => {
		expect(
			resolveApiDomain({
				dataCenter: 'custom',
				customApiDomain: 'http://127.0.0.1:5679/',
				environment: 'sandbox',
				oauthTokenData: { api_domain: 'https://www.zohoapis.com' },
			}),
		).toBe('http://127.0.0.1:5679');
		expect(environmentDomain('http://127.0.0.1:5679', 'sandbox')).toBe('http://127.0.0.1:5679');
	});

	it('custom data center without an API domain falls back to the token api_domain', () => {
		expect(resolveApiDomain({ dataCenter: 'custom', oauthTokenData: { api_domain: 'http://127.0.0.1:1' } })).toBe('http://127.0.0.1:1');
		expect(resolveApiDomain({ dataCenter: 'custom' })).toBeUndefined();
	});
});
