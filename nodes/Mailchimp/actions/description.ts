import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../shared/operations';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../transport';
import { operations } from './router';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Audience Member', value: 'member' },
		{ name: 'Campaign', value: 'campaign' },
		{ name: 'Custom API Call', value: 'customApiCall' },
		{ name: 'Report', value: 'report' },
	],
	default: 'campaign',
};

const campaignOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{ name: 'Delete', value: 'delete', description: 'Delete a campaign that was not sent', action: 'Delete a campaign' },
		{ name: 'Get', value: 'get', description: 'Get a campaign', action: 'Get a campaign' },
		{ name: 'Get Many', value: 'getMany', description: 'Get many campaigns, filtered and sorted', action: 'Get many campaigns' },
		{ name: 'Replicate', value: 'replicate', description: 'Copy a campaign as a new draft', action: 'Replicate a campaign' },
		{ name: 'Schedule', value: 'schedule', description: 'Schedule a campaign for delivery', action: 'Schedule a campaign' },
		{ name: 'Send', value: 'send', description: 'Send a campaign now', action: 'Send a campaign' },
		{ name: 'Unschedule', value: 'unschedule', description: 'Unschedule a scheduled campaign', action: 'Unschedule a campaign' },
	],
	default: 'getMany',
};

const reportOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['report'] } },
	options: [
		{ name: 'Get', value: 'get', description: "Get a sent campaign's report", action: 'Get a campaign report' },
		{
			name: 'Get Click Details',
			value: 'getClickDetails',
			description: 'Get the links of a campaign with their clicks',
			action: 'Get click details of a campaign',
		},
		{
			name: 'Get Email Activity',
			value: 'getEmailActivity',
			description: "Get each recipient's opens, clicks and bounces",
			action: 'Get email activity of a campaign',
		},
		{ name: 'Get Many', value: 'getMany', description: 'Get the reports of many sent campaigns', action: 'Get many campaign reports' },
		{
			name: 'Get Open Details',
			value: 'getOpenDetails',
			description: 'Get the recipients who opened a campaign',
			action: 'Get open details of a campaign',
		},
		{ name: 'Get Sent To', value: 'getSentTo', description: 'Get the recipients of a campaign', action: 'Get recipients of a campaign' },
		{
			name: 'Get Unsubscribes',
			value: 'getUnsubscribes',
			description: 'Get the members who unsubscribed from a campaign',
			action: 'Get unsubscribes of a campaign',
		},
	],
	default: 'getMany',
};

const memberOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['member'] } },
	options: [
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update an audience member',
		},
		{
			name: 'Create or Update Many',
			value: 'upsertMany',
			description: 'Create or update all input items as members, up to 500 per call (batch subscribe)',
			action: 'Create or update many audience members',
		},
		{ name: 'Get Many', value: 'getMany', description: 'Get many members of an audience', action: 'Get many audience members' },
	],
	default: 'upsert',
};

const customOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customApiCall'] } },
	options: [
		{
			name: 'Make a Request',
			value: 'request',
			description: "Call any endpoint of the account's MailChimp API",
			action: 'Make an API request',
		},
	],
	default: 'request',
};

const concurrencyProperty: INodeProperties = {
	displayName: 'Max Concurrent Requests',
	name: 'maxConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many calls this node makes to MailChimp at the same time. MailChimp allows 10 simultaneous connections per account, shared with its other apps.',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	campaignOperations,
	reportOperations,
	memberOperations,
	customOperations,
	...operationProperties(operations),
	concurrencyProperty,
];
