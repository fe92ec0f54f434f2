import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { continueByBulkRead, listingHitCeiling } from '../../transport/bulk/beyondListing';
import { DEFAULT_JOB_WAIT_MS } from '../../transport/bulk/waitForJob';
import { listRecords, type ListOptions } from '../../transport/paging';
import { returnAllAndLimit } from '../../../shared/descriptions';
import { forOperation } from '../../../shared/operations';
import { isoSecondsOf } from '../../../shared/time';
import { clientFor, forEachItem, getModule } from '../common';
import { fieldsProperty, fieldsToRead } from './fieldsOption';

export const description: INodeProperties[] = forOperation('record', 'getMany', [
	...returnAllAndLimit(),
	fieldsProperty(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Approved',
				name: 'approved',
				type: 'options',
				options: [
					{ name: 'Approved Only', value: 'true' },
					{ name: 'Both', value: 'both' },
					{ name: 'Unapproved Only', value: 'false' },
				],
				default: 'true',
			},
			{
				displayName: 'Converted',
				name: 'converted',
				type: 'options',
				options: [
					{ name: 'Both', value: 'both' },
					{ name: 'Converted Only', value: 'true' },
					{ name: 'Not Converted', value: 'false' },
				],
				default: 'false',
				description: 'For Leads, Quotes and similar modules',
			},
			{
				displayName: 'Custom View ID',
				name: 'cvid',
				type: 'string',
				default: '',
				description: 'ID of a custom view whose criteria and order apply',
			},
			{
				displayName: 'Modified Since',
				name: 'modifiedSince',
				type: 'dateTime',
				default: '',
				description: 'Only records changed after this moment (If-Modified-Since); none changed gives no items',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created Time', value: 'Created_Time' },
					{ name: 'ID', value: 'id' },
					{ name: 'Modified Time', value: 'Modified_Time' },
				],
				default: 'id',
			},
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'desc',
			},
			{
				displayName: 'Territory ID',
				name: 'territoryId',
				type: 'string',
				default: '',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const module = getModule(this, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options: ListOptions = {
			module,
			fields: await fieldsToRead(this, client, module, itemIndex),
			limit: returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number),
			sortBy: filters.sortBy as string | undefined,
			sortOrder: filters.sortOrder as 'asc' | 'desc' | undefined,
			cvid: (filters.cvid as string) || undefined,
			converted: filters.converted as string | undefined,
			approved: filters.approved as string | undefined,
			territoryId: (filters.territoryId as string) || undefined,
			modifiedSince: isoSecondsOf(filters.modifiedSince),
			itemIndex,
		};
		const listed = await listRecords(this, client, options);
		if (!listingHitCeiling(listed, options.limit)) return listed;
		return await continueByBulkRead(this, client, options, listed, { maxWaitMs: DEFAULT_JOB_WAIT_MS });
	});
}
