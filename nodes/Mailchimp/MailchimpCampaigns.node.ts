import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './actions/description';
import { route } from './actions/router';
import { getAudiences, getFolders } from './methods/loadOptions';
import { mailchimpAuthentication, mailchimpCredentials } from './authentication';

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
		credentials: mailchimpCredentials,
		properties: [
			mailchimpAuthentication,
			...properties,
		],
	};

	methods = {
		loadOptions: { getAudiences, getFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
