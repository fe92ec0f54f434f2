import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { asNodeError, forEachItem as forEachInputItem, itemMessage } from '../../shared/items';
import { redactValue } from '../../shared/redact';
import { DEFAULT_CONCURRENCY, zohoClient, zohoError, type ZohoClient, type ZohoErrorBody } from '../transport';
import { API_NAME, apiNameValidation } from '../apiName';
import type { BulkReadWait } from '../transport/bulk/bulkRead';
import { DEFAULT_JOB_WAIT_MS } from '../transport/bulk/waitForJob';

export const moduleLocator: INodeProperties = {
	displayName: 'Module',
	name: 'module',
	type: 'resourceLocator',
	default: { mode: 'list', value: 'Leads' },
	required: true,
	description: 'The CRM module, custom modules included',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModules', searchable: true },
		},
		{
			displayName: 'By API Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Leads or Projects_X',
			validation: [apiNameValidation],
		},
	],
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Max Concurrent Calls',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 25 },
	default: DEFAULT_CONCURRENCY,
	description:
		'Zoho allows 5 (Free), 10 (Standard), 15 (Professional), 20 (Enterprise) or 25 (Ultimate) concurrent calls per org',
};

export function getModule(ctx: IExecuteFunctions, itemIndex: number): string {
	const module = String(ctx.getNodeParameter('module', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!API_NAME.test(module)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Module": "${module}" is not a Zoho module API name`, {
			itemIndex,
		});
	}
	return module;
}

export async function clientFor(ctx: IExecuteFunctions): Promise<ZohoClient> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return await zohoClient(ctx, Number(options.concurrency ?? DEFAULT_CONCURRENCY));
}

export function concurrencyOf(client: ZohoClient): number {
	return client.profile.limiter.limit;
}

/** An error item for continue-on-fail: message, Zoho code and field, paired to its input. */
export function errorItem(itemIndex: number, error: unknown, secrets: string[] = []): INodeExecutionData {
	const e = error as { message?: string; description?: string; context?: IDataObject; errorResponse?: IDataObject };
	const response = (e.errorResponse ?? {}) as ZohoErrorBody;
	const details = (response.details ?? {}) as IDataObject;
	const json: IDataObject = {
		error: e.message ?? String(error),
		...(response.code ? { code: response.code } : {}),
		...(typeof details.api_name === 'string' ? { field: details.api_name } : {}),
		...(Object.keys(details).length ? { details } : {}),
	};
	return { json: redactValue(json, secrets), pairedItem: { item: itemIndex } };
}

export { asNodeError };

/**
 * The error of a whole batch call (network, token) as this item's error: same code, description
 * and status, with the message naming the item (a batch error names none of its items).
 */
export function batchItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const base = asNodeError(ctx, error, itemIndex);
	if (/^Item \d+\b/.test(base.message)) return base;
	if (base instanceof NodeApiError) {
		return new NodeApiError(ctx.getNode(), (base.errorResponse ?? {}) as JsonObject, {
			message: itemMessage({ itemIndex }, base.message),
			description: base.description ?? undefined,
			httpCode: base.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(ctx.getNode(), itemMessage({ itemIndex }, base.message), { itemIndex, description: base.description ?? undefined });
}

export { zohoError };

/**
 * The read operations' loop (nodes/shared/items.ts): one item after the other, each output paired
 * to its item; a failure becomes the item's error (continue-on-fail) or stops the node.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	client: ZohoClient,
	work: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachInputItem(ctx, work, { errorItem: (itemIndex, error) => errorItem(itemIndex, error, client.secrets) });
}

/** A bulk job's Max Wait (Minutes), Bulk Read's and Bulk Write's, in milliseconds. */
export function bulkWaitOf(ctx: IExecuteFunctions, itemIndex: number): BulkReadWait {
	const minutes = Number(ctx.getNodeParameter('bulkMaxWaitMinutes', itemIndex, DEFAULT_JOB_WAIT_MS / 60_000));
	return { maxWaitMs: Math.max(0, minutes) * 60_000 };
}
