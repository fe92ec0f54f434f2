import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** OAuth2 or API key: the same choice on the MailChimp node and its trigger. */
export const mailchimpCredentials: INodeCredentialDescription[] = [
	{ name: 'mailchimpConnectOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'mailchimpConnectApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
];

export const mailchimpAuthentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'oAuth2',
};
