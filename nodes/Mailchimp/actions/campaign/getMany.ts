import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { subscriberHash } from '../../transport/members';
import { fetchPaged } from '../../transport/paging';
import { campaignAudienceFilter, campaignTypeFilter, fieldsOptions, fieldsQuery, forOperation, readLimit, returnAllAndLimit, eachItem } from '../common';
import { isoSecondsOf } from '../../../shared/time';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('campaign', 'getMany', [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			campaignAudienceFilter,
			{
				displayName: 'Before Create Time',
				name: 'beforeCreateTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns created before this time',
			},
			{
				displayName: 'Before Send Time',
				name: 'beforeSendTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns sent before this time',
			},
			{
				displayName: 'Folder Name or ID',
				name: 'folderId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFolders' },
				default: '',
				description:
					'Only campaigns in this folder. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Member Email or ID',
				name: 'member',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@email.com',
				description: 'Only campaigns sent to this audience member: an email address (hashed for you) or a subscriber hash',
			},
			{
				displayName: 'Since Create Time',
				name: 'sinceCreateTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns created at or after this time',
			},
			{
				displayName: 'Since Send Time',
				name: 'sinceSendTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns sent at or after this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Paused', value: 'paused' },
					{ name: 'Save (Draft)', value: 'save' },
					{ name: 'Schedule', value: 'schedule' },
					{ name: 'Sending', value: 'sending' },
					{ name: 'Sent', value: 'sent' },
				],
				default: 'sent',
			},
			campaignTypeFilter,
		],
	},
	{
		...optionsCollection(),
		options: [
			...fieldsOptions,
			{
				displayName: 'Sort Direction',
				name: 'sortDir',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
			},
			{
				displayName: 'Sort Field',
				name: 'sortField',
				type: 'options',
				options: [
					{ name: 'Create Time', value: 'create_time' },
					{ name: 'Send Time', value: 'send_time' },
				],
				default: 'create_time',
			},
		],
	},
]);

/** GET /campaigns query parameters from the Filters and Options collections. */
export function campaignQuery(filters: IDataObject, options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	if (filters.type) qs.type = filters.type;
	if (filters.listId) qs.list_id = String(filters.listId).trim();
	if (filters.folderId) qs.folder_id = String(filters.folderId).trim();
	if (filters.member) {
		const member = String(filters.member).trim();
		qs.member_id = member.includes('@') ? subscriberHash(member) : member.toLowerCase();
	}
	const times: Array<[string, string]> = [
		['beforeSendTime', 'before_send_time'],
		['sinceSendTime', 'since_send_time'],
		['beforeCreateTime', 'before_create_time'],
		['sinceCreateTime', 'since_create_time'],
	];
	for (const [from, to] of times) {
		const value = isoSecondsOf(filters[from]);
		if (value) qs[to] = value;
	}
	if (options.sortField) qs.sort_field = options.sortField;
	if (options.sortDir) qs.sort_dir = options.sortDir;
	return { ...qs, ...fieldsQuery(options, 'campaigns') };
}

function read(ctx: IExecuteFunctions, itemIndex: number): { qs: IDataObject; limit: number } {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return { qs: campaignQuery(filters, options), limit: readLimit(ctx, itemIndex) };
}

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const { qs, limit } = read(ctx, itemIndex);
	return await fetchPaged(ctx, client, { path: '/campaigns', collection: 'campaigns', qs, limit }, { itemIndex, action: 'Get Many campaigns' });
});
