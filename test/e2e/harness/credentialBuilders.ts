/**
 * Plain credential JSON for our credential types (n8n encrypts it on `import:credentials`), and the
 * set `npm run demo` imports so a fresh n8n works against the sandbox without any real account.
 */
import type { Sandbox } from '../../sandbox';
import { CUSTOM_SANDBOX_CLIENT_ID, CUSTOM_SANDBOX_CLIENT_SECRET } from '../../sandbox/custom/constants';
import { MAILCHIMP_SANDBOX_CLIENT_ID, MAILCHIMP_SANDBOX_CLIENT_SECRET } from '../../sandbox/mailchimp/constants';
import { ZOHO_SANDBOX_CLIENT_ID, ZOHO_SANDBOX_CLIENT_SECRET } from '../../sandbox/zoho/constants';
import { plainCredential, type PlainCredential } from './credentials';

export type CredentialData = Record<string, unknown>;

export const zohoCrmCredential = (name: string, data: CredentialData, id?: string): PlainCredential =>
	plainCredential('zohoCrmConnectOAuth2Api', name, data, id);

export const customServiceCredential = (name: string, data: CredentialData, id?: string): PlainCredential =>
	plainCredential('customServiceOAuth2Api', name, data, id);

export const mailchimpOAuth2Credential = (name: string, data: CredentialData, id?: string): PlainCredential =>
	plainCredential('mailchimpConnectOAuth2Api', name, data, id);

export const mailchimpApiKeyCredential = (name: string, data: CredentialData, id?: string): PlainCredential =>
	plainCredential('mailchimpConnectApi', name, data, id);

/**
 * What the demo pre-creates, pointing at a running sandbox. Fixed ids: the demo re-imports them on
 * every start, because the sandbox forgets its tokens when it stops.
 */
export function demoCredentials(sandbox: Sandbox): PlainCredential[] {
	const url = sandbox.url;
	const zohoTokens = sandbox.zoho.issueTokens();
	return [
		zohoCrmCredential(
			'Zoho CRM (demo sandbox)',
			{
				grantType: 'authorizationCode',
				dataCenter: 'custom',
				environment: 'production',
				customAccountsUrl: url,
				customApiDomain: url,
				clientId: ZOHO_SANDBOX_CLIENT_ID,
				clientSecret: ZOHO_SANDBOX_CLIENT_SECRET,
				oauthTokenData: { ...zohoTokens, token_type: 'Bearer' },
			},
			'demoZohoCrm00001',
		),
		customServiceCredential(
			'Custom Service (demo sandbox)',
			{
				serviceName: 'Demo sandbox',
				grantType: 'authorizationCode',
				authUrl: `${url}/custom/oauth/authorize`,
				tokenUrl: `${url}/custom/oauth/token`,
				refreshTokenUrl: `${url}/custom/oauth/refresh`,
				clientId: CUSTOM_SANDBOX_CLIENT_ID,
				clientSecret: CUSTOM_SANDBOX_CLIENT_SECRET,
				scope: '',
				authQueryParameters: '',
				authentication: 'body',
				apiBaseUrl: `${url}/custom/api`,
			},
			'demoCustomSvc001',
		),
		mailchimpOAuth2Credential(
			'MailChimp OAuth2 (demo sandbox)',
			{
				grantType: 'authorizationCode',
				loginServerUrl: url,
				apiBaseUrl: `${url}/3.0`,
				clientId: MAILCHIMP_SANDBOX_CLIENT_ID,
				clientSecret: MAILCHIMP_SANDBOX_CLIENT_SECRET,
				oauthTokenData: { access_token: sandbox.mailchimp.issueToken(), token_type: 'Bearer', expires_in: 0 },
			},
			'demoMailchimpOA1',
		),
		mailchimpApiKeyCredential('MailChimp API key (demo sandbox)', { apiKey: sandbox.mailchimp.createApiKey(), apiBaseUrl: `${url}/3.0` }, 'demoMailchimpKy1'),
	];
}
