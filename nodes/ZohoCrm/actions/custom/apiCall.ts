import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import { httpMethodProperty } from '../../../shared/descriptions';
import { resolveAllowedUrl } from '../../../shared/urls';
import { expectOk, zohoCall } from '../../transport';
import { clientFor, forEachItem } from '../common';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('customApiCall', 'call', [
	httpMethodProperty(),
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '/crm/v8/settings/modules',
		required: true,
		description: 'Path on your Zoho API domain, e.g. /crm/v8/Leads/actions/count. The token is never sent to another host.',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'queryJson',
		type: 'json',
		default: '{}',
	},
	{
		displayName: 'Body (JSON)',
		name: 'bodyJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
	},
]);

function parseJsonParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject | undefined {
	const raw = ctx.getNodeParameter(name, itemIndex, '{}') as string | IDataObject;
	if (typeof raw !== 'string') return raw;
	if (!raw.trim()) return undefined;
	try {
		return jsonParse<IDataObject>(raw);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${label}": not valid JSON`, { itemIndex });
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
		const path = String(this.getNodeParameter('path', itemIndex, ''));
		const checked = resolveAllowedUrl(client.apiDomain, path);
		if (!checked.ok) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}, field "Path": ${checked.reason}`, { itemIndex });
		const qs = parseJsonParameter(this, 'queryJson', 'Query Parameters (JSON)', itemIndex);
		const body = method === 'GET' ? undefined : parseJsonParameter(this, 'bodyJson', 'Body (JSON)', itemIndex);
		const answer = await zohoCall(
			this,
			client,
			{ method, path, url: checked.url.href, qs, body: body && Object.keys(body).length ? body : undefined, idempotent: method === 'GET' },
			itemIndex,
		);
		const result = expectOk(this, answer, { itemIndex, action: `${method} ${path}` });
		return [{ statusCode: answer.status, ...(result ?? {}) }];
	});
}
