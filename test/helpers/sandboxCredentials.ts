/**
 * Credential data for our credential types pointing at a sandbox, in the decrypted shape n8n keeps
 * (`n8n import:credentials` takes it as `data`). Shared by integration tests, e2e and the demo.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sandboxFileDomain } from '../sandbox';

export interface TokenSet {
	access_token: string;
	refresh_token?: string;
	api_domain?: string;
	expires_in?: number;
	token_type?: string;
}

export const ZOHO_CLIENT = { clientId: '1000.SANDBOXZOHOCLIENT', clientSecret: 'sandbox-zoho-client-secret' };
export const CUSTOM_CLIENT = { clientId: 'custom-sandbox-client', clientSecret: 'custom-sandbox-client-secret' };
export const MAILCHIMP_CLIENT = { clientId: 'mc-sandbox-client', clientSecret: 'mc-sandbox-client-secret' };

export function zohoCredential(sandboxUrl: string, tokens?: TokenSet): ICredentialDataDecryptedObject {
	return {
		dataCenter: 'custom',
		environment: 'production',
		customAccountsUrl: sandboxUrl,
		customApiDomain: '',
		// The sandbox's second origin stands for Zoho's file host (content.zohoapis.<tld>).
		customFileDomain: sandboxFileDomain(sandboxUrl) ?? '',
		clientId: ZOHO_CLIENT.clientId,
		clientSecret: ZOHO_CLIENT.clientSecret,
		grantType: 'authorizationCode',
		authentication: 'body',
		scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.READ,ZohoCRM.users.READ,ZohoCRM.coql.READ,ZohoCRM.notifications.ALL',
		authUrl: `${sandboxUrl}/oauth/v2/auth`,
		accessTokenUrl: `${sandboxUrl}/oauth/v2/token`,
		authQueryParameters: 'access_type=offline&prompt=consent',
		...(tokens ? { oauthTokenData: { token_type: 'Bearer', ...tokens } } : {}),
	};
}

/**
 * Custom service with a distinct refresh URL. Inside n8n `accessTokenUrl` is the credential's
 * expression; the node runner has no expression engine, so it gets the URL n8n resolves to inside
 * a workflow run: the refresh URL.
 */
export function customServiceCredential(
	sandboxUrl: string,
	tokens?: TokenSet,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		preset: 'custom',
		serviceName: 'Sandbox Service',
		clientId: CUSTOM_CLIENT.clientId,
		clientSecret: CUSTOM_CLIENT.clientSecret,
		grantType: 'authorizationCode',
		authorizeUrl: `${sandboxUrl}/custom/oauth/authorize`,
		tokenUrl: `${sandboxUrl}/custom/oauth/token`,
		refreshTokenUrl: `${sandboxUrl}/custom/oauth/refresh`,
		accessTokenUrl: `${sandboxUrl}/custom/oauth/refresh`,
		scope: 'read write',
		authQueryParameters: '',
		authentication: 'header',
		apiBaseUrl: `${sandboxUrl}/custom/api`,
		allowedHosts: '',
		sendAs: 'authorizationHeader',
		authorizationPrefix: 'Bearer',
		expiredStatusCodes: '401',
		...(tokens ? { oauthTokenData: { token_type: 'Bearer', ...tokens } } : {}),
		...overrides,
	};
}

export function mailchimpOAuthCredential(sandboxUrl: string, accessToken?: string): ICredentialDataDecryptedObject {
	return {
		clientId: MAILCHIMP_CLIENT.clientId,
		clientSecret: MAILCHIMP_CLIENT.clientSecret,
		grantType: 'authorizationCode',
		loginServerUrl: sandboxUrl,
		apiBaseUrl: '',
		authUrl: `${sandboxUrl}/oauth2/authorize`,
		accessTokenUrl: `${sandboxUrl}/oauth2/token`,
		scope: '',
		authQueryParameters: '',
		authentication: 'body',
		...(accessToken ? { oauthTokenData: { access_token: accessToken, token_type: 'Bearer', expires_in: 0 } } : {}),
	};
}

export function mailchimpApiKeyCredential(sandboxUrl: string, apiKey: string): ICredentialDataDecryptedObject {
	return { apiKey, apiBaseUrl: `${sandboxUrl}/3.0` };
}
