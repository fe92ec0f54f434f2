import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './actions/descriptions';
import { router } from './actions/router';
import { getAudiences, getFolders } from './methods/loadOptions';

export class MailchimpCampaigns implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MailChimp Campaigns',
		name: 'mailchimpCampaigns',
		icon: { light: 'file:mailchimpCampaigns.svg', dark: 'file:mailchimpCampaigns.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read MailChimp campaigns and reports and sync audience members in as few calls as MailChimp allows',
		defaults: { name: 'MailChimp Campaigns' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'mailchimpConnectOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'mailchimpConnectApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'oAuth2',
			},
			...properties,
		],
	};

	methods = {
		loadOptions: { getAudiences, getFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
