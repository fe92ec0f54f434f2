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
import { requestProperties } from './description';
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
		properties: requestProperties,
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
