import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { campaignTypeFilter, fieldsOptions, fieldsQuery, forOperation, readLimit, returnAllAndLimit, eachItem } from '../common';
import { REPORT_SOURCE_FIELDS, simplifyReport } from './simplify';
import { fetchPaged } from '../../transport/paging';
import { simplifyProperty } from './shared';
import { isoSecondsOf } from '../../../shared/time';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('report', 'getMany', [
	...returnAllAndLimit(),
	simplifyProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Before Send Time',
				name: 'beforeSendTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns sent before this time',
			},
			{
				displayName: 'Since Send Time',
				name: 'sinceSendTime',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns sent at or after this time',
			},
			campaignTypeFilter,
		],
	},
	{
		...optionsCollection(),
		displayOptions: { show: { simplify: [false] } },
		options: fieldsOptions,
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const simplify = ctx.getNodeParameter('simplify', itemIndex, false) as boolean;
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = simplify ? {} : (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const qs: IDataObject = simplify
		? { fields: [...REPORT_SOURCE_FIELDS.map((f) => `reports.${f}`), 'total_items'].join(',') }
		: fieldsQuery(options, 'reports');
	if (filters.type) qs.type = filters.type;
	const since = isoSecondsOf(filters.sinceSendTime);
	const before = isoSecondsOf(filters.beforeSendTime);
	if (since) qs.since_send_time = since;
	if (before) qs.before_send_time = before;
	const reports = await fetchPaged(
		ctx,
		client,
		{ path: '/reports', collection: 'reports', qs, limit: readLimit(ctx, itemIndex) },
		{ itemIndex, action: 'Get Many reports' },
	);
	return simplify ? reports.map((r) => simplifyReport(r) as IDataObject) : reports;
});
