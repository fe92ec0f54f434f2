import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * MailChimp OAuth2. MailChimp tokens never expire and come without a refresh token, so a 401 means
 * the token was revoked: the nodes ask for a reconnect instead of refreshing. The data center and
 * API endpoint come from the metadata endpoint, read once per execution.
 */
export class MailchimpConnectOAuth2Api implements ICredentialType {
	name = 'mailchimpConnectOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'MailChimp Connect OAuth2 API';

	icon: Icon = { light: 'file:icons/mailchimp.svg', dark: 'file:icons/mailchimp.dark.svg' };

	documentationUrl = 'https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Login Server URL',
			name: 'loginServerUrl',
			type: 'string',
			default: 'https://login.mailchimp.com',
			description:
				'MailChimp’s OAuth server (authorize, token and metadata live under /oauth2). Change it only for a test server.',
		},
		{
			displayName: 'API Base URL Override',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://us6.api.mailchimp.com/3.0',
			description:
				'Leave empty to use the API endpoint MailChimp’s metadata returns for the connected account',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{ $self["loginServerUrl"].replace(/\\/+$/, "") + "/oauth2/authorize" }}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["loginServerUrl"].replace(/\\/+$/, "") + "/oauth2/token" }}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.loginServerUrl }}',
			url: '/oauth2/metadata',
		},
	};
}
