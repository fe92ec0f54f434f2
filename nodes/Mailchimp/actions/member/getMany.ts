import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldsOptions, fieldsQuery, forOperation, readLimit, requiredString, returnAllAndLimit, eachItem } from '../common';
import { fetchPaged } from '../../transport/paging';
import { audienceProperty } from './shared';
import { isoSecondsOf } from '../../../shared/time';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('member', 'getMany', [
	audienceProperty,
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Before Last Changed',
				name: 'beforeLastChanged',
				type: 'dateTime',
				default: '',
				description: 'Only members whose information changed before this time',
			},
			{
				displayName: 'Before Opt-In Time',
				name: 'beforeTimestampOpt',
				type: 'dateTime',
				default: '',
				description: 'Only members who opted in before this time',
			},
			{
				displayName: 'Since Last Changed',
				name: 'sinceLastChanged',
				type: 'dateTime',
				default: '',
				description: 'Only members whose information changed at or after this time (incremental sync)',
			},
			{
				displayName: 'Since Opt-In Time',
				name: 'sinceTimestampOpt',
				type: 'dateTime',
				default: '',
				description: 'Only members who opted in at or after this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				// Archived members can be listed (and are left out of an unfiltered list), not set by an upsert.
				options: [
					{ name: 'Archived', value: 'archived' },
					{ name: 'Cleaned', value: 'cleaned' },
					{ name: 'Pending (Double Opt-In)', value: 'pending' },
					{ name: 'Subscribed', value: 'subscribed' },
					{ name: 'Transactional', value: 'transactional' },
					{ name: 'Unsubscribed', value: 'unsubscribed' },
				],
				default: 'subscribed',
			},
		],
	},
	{
		...optionsCollection(),
		options: fieldsOptions,
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const listId = requiredString(ctx, 'listId', 'Audience', itemIndex);
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = fieldsQuery(options, 'members');
	if (filters.status) qs.status = filters.status;
	const times: Array<[string, string]> = [
		['sinceLastChanged', 'since_last_changed'],
		['beforeLastChanged', 'before_last_changed'],
		['sinceTimestampOpt', 'since_timestamp_opt'],
		['beforeTimestampOpt', 'before_timestamp_opt'],
	];
	for (const [from, to] of times) {
		const value = isoSecondsOf(filters[from]);
		if (value) qs[to] = value;
	}
	return await fetchPaged(
		ctx,
		client,
		{ path: `/lists/${encodeURIComponent(listId)}/members`, collection: 'members', qs, limit: readLimit(ctx, itemIndex) },
		{ itemIndex, action: 'Get Many members', subject: `audience "${listId}"` },
	);
});
