import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Zoho CRM over OAuth2; the n8n host runs the consent flow, stores and refreshes the tokens.
 * The data-center option values ARE the accounts servers, so the hidden auth/token URLs are plain
 * expressions over them; the node maps them to API domains (nodes/ZohoCrm/transport/dataCenters.ts).
 */
export class ZohoCrmConnectOAuth2Api implements ICredentialType {
	name = 'zohoCrmConnectOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho CRM Connect OAuth2 API';

	icon: Icon = { light: 'file:icons/zoho.svg', dark: 'file:icons/zoho.dark.svg' };

	documentationUrl = 'https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			description: 'Where your Zoho account lives: the domain you see after logging in to Zoho CRM',
			options: [
				{ name: 'Australia (zoho.com.au)', value: 'https://accounts.zoho.com.au' },
				{ name: 'Canada (zohocloud.ca)', value: 'https://accounts.zohocloud.ca' },
				{ name: 'China (zoho.com.cn)', value: 'https://accounts.zoho.com.cn' },
				{ name: 'Custom Accounts Server and API Domain', value: 'custom' },
				{ name: 'Europe (zoho.eu)', value: 'https://accounts.zoho.eu' },
				{ name: 'India (zoho.in)', value: 'https://accounts.zoho.in' },
				{ name: 'Japan (zoho.jp)', value: 'https://accounts.zoho.jp' },
				{ name: 'Saudi Arabia (zoho.sa)', value: 'https://accounts.zoho.sa' },
				{ name: 'United Kingdom (zoho.uk)', value: 'https://accounts.zoho.uk' },
				{ name: 'United States (zoho.com)', value: 'https://accounts.zoho.com' },
			],
			default: 'https://accounts.zoho.com',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			description: 'Production org, its sandbox, or a developer edition org',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Developer', value: 'developer' },
			],
			default: 'production',
		},
		{
			displayName: 'Accounts Server URL',
			name: 'customAccountsUrl',
			type: 'string',
			default: '',
			placeholder: 'https://accounts.zoho.com',
			description: 'Base URL of the Zoho accounts server (authorize and token endpoints live under /oauth/v2)',
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
		{
			displayName: 'API Domain',
			name: 'customApiDomain',
			type: 'string',
			default: '',
			placeholder: 'https://www.zohoapis.com',
			description:
				'Base URL of the CRM API (without /crm/v8). Leave empty to use the api_domain Zoho returns with the token.',
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
		{
			displayName: 'File Upload Domain',
			name: 'customFileDomain',
			type: 'string',
			default: '',
			placeholder: 'https://content.zohoapis.com',
			description:
				'Base URL of Zoho\'s file host, where Bulk Write uploads its files (Zoho: content.zohoapis.&lt;domain&gt;). Leave empty to derive it from the API domain.',
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{ ($self["dataCenter"] === "custom" ? $self["customAccountsUrl"] : $self["dataCenter"]).replace(/\\/+$/, "") + "/oauth/v2/auth" }}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{ ($self["dataCenter"] === "custom" ? $self["customAccountsUrl"] : $self["dataCenter"]).replace(/\\/+$/, "") + "/oauth/v2/token" }}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default:
				'ZohoCRM.modules.ALL,ZohoCRM.settings.READ,ZohoCRM.users.READ,ZohoCRM.coql.READ,ZohoCRM.bulk.ALL,ZohoCRM.org.READ,ZohoFiles.files.ALL',
			description:
				'Comma-separated Zoho scopes. ZohoCRM.bulk.ALL (or ZohoCRM.bulk.READ) is needed by Bulk Read and by Get Many past 100,000 records; Bulk Write also needs ZohoCRM.org.READ and ZohoFiles.files.ALL (without them Automatic writes use the Records API). Add ZohoCRM.notifications.ALL for the instant trigger. Changing scopes needs a reconnect.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			// Without prompt=consent a re-consent issues no new refresh token.
			default: 'access_type=offline&prompt=consent',
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
			baseURL:
				'={{ (() => { const domain = ($credentials.dataCenter === "custom" && $credentials.customApiDomain) || ($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || ""; const env = $credentials.environment; return env && env !== "production" ? domain.replace("://www.", "://" + env + ".") : domain; })() }}',
			url: '/crm/v8/users?type=CurrentUser',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Zoho rejected the access token (INVALID_TOKEN or OAUTH_SCOPE_MISMATCH). Reconnect the credential; if it keeps failing, check that the data center is the one you log in to (zoho.com, zoho.eu, ...) and that the scopes include ZohoCRM.users.READ.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Zoho CRM API at this address: check the data center, the environment (production, sandbox, developer) or the custom API domain.',
				},
			},
		],
	};
}
