/**
 * Plain credential JSON for our credential types (n8n encrypts it on `import:credentials`), and the
 * set `npm run demo` imports so a fresh n8n works against the sandbox without any real account.
 */
import type { Sandbox } from '../../sandbox';
import {
	customServiceCredential as customServiceCredential_,
	mailchimpApiKeyCredential as mailchimpApiKeyCredential_,
	mailchimpOAuthCredential,
	zohoCredential,
} from '../../helpers/sandboxCredentials';
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
	return [
		zohoCrmCredential('Zoho CRM (demo sandbox)', zohoCredential(url, sandbox.zoho.issueTokens()), 'demoZohoCrm00001'),
		customServiceCredential(
			'Custom Service (demo sandbox)',
			customServiceCredential_(url, sandbox.custom.issueTokens(), { serviceName: 'Demo sandbox' }),
			'demoCustomSvc001',
		),
		mailchimpOAuth2Credential('MailChimp OAuth2 (demo sandbox)', mailchimpOAuthCredential(url, sandbox.mailchimp.issueToken()), 'demoMailchimpOA1'),
		mailchimpApiKeyCredential('MailChimp API key (demo sandbox)', mailchimpApiKeyCredential_(url, sandbox.mailchimp.createApiKey()), 'demoMailchimpKy1'),
	];
}
