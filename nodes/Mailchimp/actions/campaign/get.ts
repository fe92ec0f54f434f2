import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldsOptions, fieldsQuery, forOperation, requiredString, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';
import { campaignIdProperty } from './shared';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('campaign', 'get', [
	campaignIdProperty,
	{
		...optionsCollection(),
		options: fieldsOptions,
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = await mailchimpRequest(
		ctx,
		client,
		{ method: 'GET', path: `/campaigns/${encodeURIComponent(id)}`, qs: fieldsQuery(options) },
		{ itemIndex, action: 'Get campaign', subject: `campaign "${id}"` },
	);
	return [body ?? {}];
});
