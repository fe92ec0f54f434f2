import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** MailChimp API key (`<key>-<dc>`): the data center is the suffix after the dash. */
export class MailchimpConnectApi implements ICredentialType {
	name = 'mailchimpConnectApi';

	displayName = 'MailChimp Connect API';

	icon: Icon = { light: 'file:icons/mailchimp.svg', dark: 'file:icons/mailchimp.dark.svg' };

	documentationUrl = 'https://mailchimp.com/developer/marketing/guides/quick-start/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: '0123456789abcdef0123456789abcdef-us6',
			description: 'Account > Extras > API keys. The part after the dash is your data center.',
		},
		{
			displayName: 'API Base URL Override',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://us6.api.mailchimp.com/3.0',
			description: 'Leave empty to derive https://&lt;dc&gt;.api.mailchimp.com/3.0 from the key',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: 'n8n', password: '={{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.apiBaseUrl || ("https://" + $credentials.apiKey.split("-").pop() + ".api.mailchimp.com/3.0") }}',
			url: '/ping',
		},
	};
}
