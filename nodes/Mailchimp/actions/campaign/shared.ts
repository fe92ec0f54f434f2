import type { INodeProperties } from 'n8n-workflow';

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 42694e9e57',
	description: 'The campaign ID the API returns (not the web ID shown in URLs)',
};
