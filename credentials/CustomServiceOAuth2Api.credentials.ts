import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { presetFallback } from './customServicePresets';

/**
 * Zoho's "Custom Service" connection in n8n form: any OAuth2 service described by its URLs.
 *
 * n8n's OAuth2 machinery posts both the code exchange and the refresh to `accessTokenUrl`, and has
 * no refresh-URL field. `accessTokenUrl` is therefore a hidden expression: `$workflow.id` can only
 * be read inside a workflow execution (where n8n refreshes), and throws while the editor's Connect
 * button exchanges the code. So a refresh goes to the Refresh Token URL and a (re)connect to the
 * Access Token URL. Proven in a real n8n by test/e2e/oauth-connections.test.ts ("OAuth2 Custom Service
 * with a distinct refresh URL").
 *
 * Longer than 200 lines for one job: the credential's property list, kept as literals in the class
 * where n8n's credential lint rules read it.
 */
export class CustomServiceOAuth2Api implements ICredentialType {
	name = 'customServiceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Custom Service OAuth2 API';

	icon: Icon = { light: 'file:icons/customService.svg', dark: 'file:icons/customService.dark.svg' };

	documentationUrl = 'https://www.zoho.com/crm/developer/docs/functions/connections.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Preset',
			name: 'preset',
			type: 'options',
			description:
				'Fills in the URLs of a well-known service wherever you leave a field below empty; anything you type wins',
			options: [
				{ name: 'Custom', value: 'custom' },
				{ name: 'Google', value: 'google' },
				{ name: 'HubSpot', value: 'hubspot' },
				{ name: 'MailChimp', value: 'mailchimp' },
				{ name: 'Zoho (US)', value: 'zoho' },
			],
			default: 'custom',
		},
		{
			displayName:
				'MailChimp preset, used where the fields below are empty: Authorize URL https://login.mailchimp.com/oauth2/authorize, Access Token and Refresh Token URL https://login.mailchimp.com/oauth2/token. Enter your API Base URL https://&lt;dc&gt;.api.mailchimp.com/3.0 (MailChimp tokens never expire).',
			name: 'presetMailchimp',
			type: 'notice',
			default: '',
			displayOptions: { show: { preset: ['mailchimp'] } },
		},
		{
			displayName:
				'Google preset, used where the fields below are empty: Authorize URL https://accounts.google.com/o/oauth2/v2/auth, Access Token and Refresh Token URL https://oauth2.googleapis.com/token, parameters access_type=offline&prompt=consent, API Base URL https://www.googleapis.com',
			name: 'presetGoogle',
			type: 'notice',
			default: '',
			displayOptions: { show: { preset: ['google'] } },
		},
		{
			displayName:
				'HubSpot preset, used where the fields below are empty: Authorize URL https://app.hubspot.com/oauth/authorize, Access Token and Refresh Token URL https://api.hubapi.com/oauth/v1/token, API Base URL https://api.hubapi.com (choose client authentication in body)',
			name: 'presetHubspot',
			type: 'notice',
			default: '',
			displayOptions: { show: { preset: ['hubspot'] } },
		},
		{
			displayName:
				'Zoho (US) preset, used where the fields below are empty: Authorize URL https://accounts.zoho.com/oauth/v2/auth, Access Token and Refresh Token URL https://accounts.zoho.com/oauth/v2/token, parameters access_type=offline&prompt=consent, API Base URL https://www.zohoapis.com (choose client authentication in body)',
			name: 'presetZoho',
			type: 'notice',
			default: '',
			displayOptions: { show: { preset: ['zoho'] } },
		},
		{
			displayName: 'Service Name',
			name: 'serviceName',
			type: 'string',
			default: '',
			placeholder: 'e.g. MailChimp',
			description: 'A name for this connection, used in error messages',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorize URL',
			name: 'authorizeUrl',
			type: 'string',
			default: '',
			placeholder: 'https://accounts.example.com/oauth2/authorize',
			description: 'Where n8n sends you to grant access when you click Connect. Empty: the preset’s.',
		},
		{
			displayName: 'Authorize URL (Resolved)',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${presetFallback('authorizeUrl', 'authorizeUrl')} }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://accounts.example.com/oauth2/token',
			description: 'Where the authorization code is exchanged for tokens when you connect. Empty: the preset’s.',
		},
		{
			displayName: 'Refresh Token URL',
			name: 'refreshTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://accounts.example.com/oauth2/token',
			description:
				'Where expired access tokens are refreshed during workflow runs (Zoho connections call it the Refresh URL). Empty: the preset’s, else the Access Token URL.',
		},
		{
			displayName: 'Access Token URL (Resolved)',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				`={{ (() => { const token = ${presetFallback('tokenUrl', 'tokenUrl')}; const refresh = ${presetFallback('refreshTokenUrl', 'refreshTokenUrl')}; if (!refresh || $self["grantType"] !== "authorizationCode") return token; try { return $workflow.id ? refresh : token; } catch (error) { return token; } })() }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'read write',
			description:
				'Scopes separated the way the service expects: spaces (OAuth standard) or commas (Zoho). n8n sends them with the separator you use here.',
		},
		{
			displayName: 'Extra Authorize Parameters',
			name: 'extraAuthParameters',
			type: 'string',
			default: '',
			placeholder: 'access_type=offline&prompt=consent',
			description: 'Extra query parameters for the authorize URL. Empty: the preset’s.',
		},
		{
			displayName: 'Auth URI Query Parameters (Resolved)',
			name: 'authQueryParameters',
			type: 'hidden',
			default: `={{ ${presetFallback('extraAuthParameters', 'authQueryParameters')} }}`,
		},
		{
			displayName: 'Client Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Send Client Credentials in Header (Basic)', value: 'header' },
				{ name: 'Send Client Credentials in Body', value: 'body' },
			],
			default: 'header',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com/v1',
			description:
				'Requests of the Custom Service Request node are relative to this URL, and the token is only ever sent to its host. Empty: the preset’s.',
		},
		{
			displayName: 'Additional Allowed Hosts',
			name: 'allowedHosts',
			type: 'string',
			default: '',
			placeholder: 'api.example.com, uploads.example.com',
			description:
				'Comma-separated hosts besides the API Base URL host that the Custom Service Request node may send the token to (when you give it full URLs). n8n’s Allowed HTTP Request Domains above applies to the HTTP Request node only.',
		},
		{
			displayName: 'Send Token As',
			name: 'sendAs',
			type: 'options',
			options: [
				{ name: 'Authorization Header With Prefix', value: 'authorizationHeader' },
				{ name: 'Custom Header Without Prefix', value: 'customHeader' },
			],
			default: 'authorizationHeader',
			description:
				'How the access token travels. It never goes into the URL, where logs and proxies would keep it.',
		},
		{
			displayName: 'Token Prefix',
			name: 'authorizationPrefix',
			type: 'options',
			options: [
				{ name: 'Bearer', value: 'Bearer' },
				{ name: 'None (Token Only)', value: '' },
			],
			default: 'Bearer',
			description:
				"n8n signs OAuth2 requests as 'Bearer'. Services that document another prefix (Zoho-oauthtoken, MailChimp's OAuth) accept Bearer too.",
			displayOptions: { show: { sendAs: ['authorizationHeader'] } },
		},
		{
			displayName: 'Token Expired Status Codes',
			name: 'expiredStatusCodes',
			type: 'string',
			default: '401',
			description:
				'Comma-separated HTTP statuses with which this service says the access token expired. n8n refreshes on 401 itself; for others the node asks n8n to refresh and retries once.',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-Access-Token',
			displayOptions: { show: { sendAs: ['customHeader'] } },
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${presetFallback('apiBaseUrl', 'apiBaseUrl').replace(/\$self/g, '$credentials')} }}`,
			url: '',
		},
	};
}
