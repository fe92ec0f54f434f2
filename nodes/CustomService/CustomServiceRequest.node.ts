import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';
import { forEachItem, itemMessage } from '../shared/items';
import { httpMethodProperty, nameValueCollection } from '../shared/descriptions';
import { nextPage, pageItems, type PaginationMode, type PaginationSettings } from './pagination';
import { customServiceRequest, loadCredentials, profileFor, type CustomRequest, type CustomResponse } from './transport';

interface NameValue {
	name: string;
	value: string;
}

function toObject(pairs: NameValue[] | undefined): IDataObject {
	const out: IDataObject = {};
	for (const { name, value } of pairs ?? []) if (name) out[name] = value;
	return out;
}

export class CustomServiceRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Custom Service Request',
		name: 'customServiceRequest',
		icon: { light: 'file:customServiceRequest.svg', dark: 'file:customServiceRequest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["url"]}}',
		description:
			'Call any API connected through an OAuth2 Custom Service credential, like invokeurl in Zoho functions',
		defaults: { name: 'Custom Service Request' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'customServiceOAuth2Api', required: true }],
		properties: [
			httpMethodProperty(),
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: '/campaigns',
				description:
					"A path relative to the credential's API Base URL, or a full URL on that host (or an allowed host)",
			},
			nameValueCollection({ displayName: 'Query Parameters', name: 'queryParameters', placeholder: 'Add Parameter', itemName: 'Parameter' }),
			nameValueCollection({ displayName: 'Headers', name: 'headerParameters', placeholder: 'Add Header', itemName: 'Header' }),
			{
				displayName: 'Body Content Type',
				name: 'bodyContentType',
				type: 'options',
				displayOptions: { show: { method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'JSON', value: 'json' },
					{ name: 'Form URL-Encoded', value: 'form' },
				],
				default: 'json',
			},
			{
				displayName: 'JSON Body',
				name: 'jsonBody',
				type: 'json',
				default: '{}',
				displayOptions: { show: { bodyContentType: ['json'], method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
			},
			nameValueCollection({ displayName: 'Form Fields', name: 'formFields', placeholder: 'Add Field', itemName: 'Field', displayOptions: { show: { bodyContentType: ['form'], method: ['PATCH', 'POST', 'PUT', 'DELETE'] } } }),
			{
				displayName: 'Pagination',
				name: 'pagination',
				type: 'options',
				options: [
					{ name: 'Off', value: 'off', description: 'One request per input item' },
					{ name: 'Link Header', value: 'linkHeader', description: 'Follow Link rel="next" headers' },
					{ name: 'Cursor', value: 'cursor', description: 'Send the cursor the last page returned' },
					{ name: 'Offset and Limit', value: 'offset', description: 'Increase an offset by the page size' },
				],
				default: 'off',
				description: 'Whether and how to request all pages',
			},
			{
				displayName: 'Items Path',
				name: 'itemsPath',
				type: 'string',
				default: '',
				placeholder: 'items',
				description:
					'Dot path of the array of records in each response; each record becomes an output item. Empty: the whole body.',
			},
			{
				displayName: 'Cursor Parameter',
				name: 'cursorParameter',
				type: 'string',
				default: 'cursor',
				displayOptions: { show: { pagination: ['cursor'] } },
			},
			{
				displayName: 'Next Cursor Path',
				name: 'nextCursorPath',
				type: 'string',
				default: 'next_cursor',
				description: 'Dot path of the next cursor in the response body',
				displayOptions: { show: { pagination: ['cursor'] } },
			},
			{
				displayName: 'Offset Parameter',
				name: 'offsetParameter',
				type: 'string',
				default: 'offset',
				displayOptions: { show: { pagination: ['offset'] } },
			},
			{
				displayName: 'Limit Parameter',
				name: 'limitParameter',
				type: 'string',
				default: 'limit',
				displayOptions: { show: { pagination: ['offset'] } },
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				displayOptions: { show: { pagination: ['offset'] } },
			},
			{
				displayName: 'Total Path',
				name: 'totalPath',
				type: 'string',
				default: '',
				placeholder: 'total',
				description: 'Dot path of the total count, to stop without an extra empty request',
				displayOptions: { show: { pagination: ['offset'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Batch Interval (Ms)',
						name: 'batchIntervalMs',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'Pause between batches of input items',
					},
					{
						displayName: 'Batch Size',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 5,
						description: 'How many input items are requested at the same time',
					},
					{
						displayName: 'Include Response Status and Headers',
						name: 'fullResponse',
						type: 'boolean',
						default: false,
						description: 'Whether to output statusCode, headers and body instead of the body alone',
					},
					{
						displayName: 'Max Pages',
						name: 'maxPages',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1000,
						description: 'Stop paginating after this many pages',
					},
					{
						displayName: 'Timeout (Ms)',
						name: 'timeoutMs',
						type: 'number',
						typeOptions: { minValue: 1000 },
						default: 120000,
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const firstOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
		return [
			await forEachItem(this, async (itemIndex) => await runItem(this, itemIndex), {
				concurrency: Math.max(1, Number(firstOptions.batchSize ?? 5)),
				pauseMs: Math.max(0, Number(firstOptions.batchIntervalMs ?? 0)),
				errorItem: (itemIndex, error) => {
					const message = error instanceof Error ? error.message : String(error);
					const description = (error as { description?: string }).description;
					return { json: { error: message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } };
				},
			}),
		];
	}
}

async function runItem(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const method = ctx.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const url = ctx.getNodeParameter('url', itemIndex) as string;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs = toObject((ctx.getNodeParameter('queryParameters.parameter', itemIndex, []) as NameValue[]) ?? []);
	const headers = toObject((ctx.getNodeParameter('headerParameters.parameter', itemIndex, []) as NameValue[]) ?? []);
	const request: CustomRequest = { method, url, qs, headers, timeoutMs: Number(options.timeoutMs ?? 120000) };
	if (method !== 'GET') {
		const contentType = ctx.getNodeParameter('bodyContentType', itemIndex, 'json') as string;
		if (contentType === 'json') {
			const raw = ctx.getNodeParameter('jsonBody', itemIndex, '{}') as string | IDataObject;
			if (typeof raw === 'string') {
				try {
					request.body = jsonParse<IDataObject>(raw);
				} catch {
					throw new NodeOperationError(ctx.getNode(), itemMessage({ itemIndex }, 'the field "JSON Body" is not valid JSON'), {
						itemIndex,
					});
				}
			} else {
				request.body = raw;
			}
		} else if (contentType === 'form') {
			request.body = toObject(ctx.getNodeParameter('formFields.parameter', itemIndex, []) as NameValue[]);
			request.form = true;
		}
	}
	const settings: PaginationSettings = {
		mode: ctx.getNodeParameter('pagination', itemIndex, 'off') as PaginationMode,
		itemsPath: ctx.getNodeParameter('itemsPath', itemIndex, '') as string,
		cursorParameter: ctx.getNodeParameter('cursorParameter', itemIndex, 'cursor') as string,
		nextCursorPath: ctx.getNodeParameter('nextCursorPath', itemIndex, 'next_cursor') as string,
		offsetParameter: ctx.getNodeParameter('offsetParameter', itemIndex, 'offset') as string,
		limitParameter: ctx.getNodeParameter('limitParameter', itemIndex, 'limit') as string,
		pageSize: ctx.getNodeParameter('pageSize', itemIndex, 100) as number,
		totalPath: ctx.getNodeParameter('totalPath', itemIndex, '') as string,
		maxPages: Number(options.maxPages ?? 1000),
	};
	if (settings.mode === 'offset') {
		request.qs = { ...request.qs, [settings.offsetParameter]: request.qs?.[settings.offsetParameter] ?? 0, [settings.limitParameter]: settings.pageSize };
	}
	const creds = await loadCredentials(ctx, itemIndex);
	const profile = profileFor(ctx, creds, Math.max(1, Number(options.batchSize ?? 5)));
	const fullResponse = options.fullResponse === true;
	const out: IDataObject[] = [];
	const emit = (response: CustomResponse): number => {
		const records = settings.itemsPath || settings.mode !== 'off' ? pageItems(response, settings.itemsPath) : [response.body];
		for (const record of records) {
			const body = record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : { value: record as IDataObject };
			const json = fullResponse ? { statusCode: response.statusCode, headers: response.headers, body } : body;
			out.push(json as IDataObject);
		}
		return records.length;
	};
	let response = await customServiceRequest(ctx, itemIndex, creds, profile, request);
	let total = emit(response);
	let currentQs = request.qs ?? {};
	for (let page = 1; page < settings.maxPages; page++) {
		const next = nextPage(settings, response, currentQs, pageItems(response, settings.itemsPath).length, total);
		if (!next) break;
		currentQs = next.qs ?? currentQs;
		response = await customServiceRequest(ctx, itemIndex, creds, profile, { ...request, url: next.url ?? request.url, qs: currentQs });
		total += emit(response);
	}
	if (out.length === 0 && fullResponse) {
		out.push({ statusCode: response.statusCode, headers: response.headers, body: null });
	}
	return out;
}
