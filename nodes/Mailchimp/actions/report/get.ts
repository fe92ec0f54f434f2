import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fieldsOptions, fieldsQuery, forOperation, requiredString, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';
import { REPORT_SOURCE_FIELDS, simplifyReport } from './simplify';
import { campaignIdProperty } from '../campaign/shared';
import { simplifyProperty } from './shared';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('report', 'get', [
	campaignIdProperty,
	simplifyProperty,
	{
		...optionsCollection(),
		displayOptions: { show: { simplify: [false] } },
		options: fieldsOptions,
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, false) as boolean;
	const options = simplify ? {} : (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const qs = simplify ? { fields: REPORT_SOURCE_FIELDS.join(',') } : fieldsQuery(options);
	const body =
		(await mailchimpRequest(
			ctx,
			client,
			{ method: 'GET', path: `/reports/${encodeURIComponent(id)}`, qs },
			{ itemIndex, action: 'Get report', subject: `campaign "${id}"` },
		)) ?? {};
	return [simplify ? (simplifyReport(body) as IDataObject) : body];
});
