import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { httpMethodProperty, nameValueCollection } from '../../../shared/descriptions';
import { forOperation, jsonParameter, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';

export const description: INodeProperties[] = forOperation('customApiCall', 'request', [
	httpMethodProperty(),
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/lists/{list_id}/merge-fields',
		description:
			"Path below the account's API endpoint (…/3.0), or a full URL on that host. Other hosts are refused so the credential is never sent elsewhere.",
	},
	nameValueCollection({ displayName: 'Query Parameters', name: 'queryParameters', placeholder: 'Add Parameter', itemName: 'Parameter' }),
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'] } },
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const method = ctx.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const path = String(ctx.getNodeParameter('path', itemIndex, '') ?? '').trim();
	const pairs = (ctx.getNodeParameter('queryParameters.parameter', itemIndex, []) as Array<{ name?: string; value?: string }>) ?? [];
	const qs: IDataObject = {};
	for (const { name, value } of pairs) if (name) qs[name] = value ?? '';
	const body = ['PATCH', 'POST', 'PUT'].includes(method) ? jsonParameter(ctx, 'jsonBody', 'JSON Body', itemIndex) : undefined;
	const answer = await mailchimpRequest(
		ctx,
		client,
		{ method, path, qs, body },
		{ itemIndex, action: `${method} ${path}` },
	);
	return [answer ?? { success: true }];
});
