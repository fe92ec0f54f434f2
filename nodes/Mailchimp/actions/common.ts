import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { forEachItem as forEachInputItem } from '../../shared/items';
import { redactSecrets, redactValue } from '../../shared/redact';
import { scopeFieldList } from '../transport/fields';
import { forOperation, type Operation } from '../../shared/operations';
import { returnAllAndLimit } from '../../shared/descriptions';
import { DEFAULT_CONCURRENCY, mailchimpClient, type Authentication, type MailchimpClient } from '../transport';

export { forOperation, returnAllAndLimit };

/** The execution's client, with the node's Authentication and Max Concurrent Requests (read at item 0). */
export async function clientFor(ctx: IExecuteFunctions): Promise<MailchimpClient> {
	const authentication = ctx.getNodeParameter('authentication', 0, 'oAuth2') as Authentication;
	const concurrency = Number(ctx.getNodeParameter('maxConcurrency', 0, DEFAULT_CONCURRENCY));
	return await mailchimpClient(ctx, authentication, concurrency);
}

/** Infinity for Return All, else the Limit (at least 1). */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	return Math.max(1, Math.floor(Number(ctx.getNodeParameter('limit', itemIndex, 50))));
}

/** The audience a campaign was sent to, as a filter of campaign listings and the campaigns trigger. */
export const campaignAudienceFilter: INodeProperties = {
	displayName: 'Audience Name or ID',
	name: 'listId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getAudiences' },
	default: '',
	description:
		'Only campaigns sent to this audience. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** MailChimp's campaign types, as a filter of campaign and report listings. */
export const campaignTypeFilter: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: [
		{ name: 'A/B Split', value: 'absplit' },
		{ name: 'Plain Text', value: 'plaintext' },
		{ name: 'Regular', value: 'regular' },
		{ name: 'RSS', value: 'rss' },
		{ name: 'Variate', value: 'variate' },
	],
	default: 'regular',
};

export const fieldsOptions: INodeProperties[] = [
	{
		displayName: 'Exclude Fields',
		name: 'excludeFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. _links,tracking',
		description: 'Comma-separated field paths of each record to leave out (MailChimp exclude_fields)',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		placeholder: 'e.g. ID,settings.title,send_time',
		description: 'Comma-separated field paths of each record to return, dots for nested fields (MailChimp fields). Empty returns all fields.',
	},
];

/** `fields` / `exclude_fields` query parameters for a list endpoint (collection set) or a single record. */
export function fieldsQuery(options: IDataObject, collection?: string): IDataObject {
	const qs: IDataObject = {};
	const fields = scopeFieldList(options.fields as string | undefined, collection, true);
	const exclude = scopeFieldList(options.excludeFields as string | undefined, collection, false);
	if (fields) qs.fields = fields;
	if (exclude) qs.exclude_fields = exclude;
	return qs;
}

/** A required string parameter, trimmed; a NodeOperationError naming item and field when empty. */
export function requiredString(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${label}": a value is required`, { itemIndex });
	}
	if (/[/?#\s]/.test(value) && name !== 'email') {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${label}": "${value}" is not a MailChimp ID`, { itemIndex });
	}
	return value;
}

/** The continue-on-fail item: message, description, HTTP status and MailChimp's field errors. */
export function errorItem(itemIndex: number, error: unknown, secrets: string[], extra: IDataObject = {}): INodeExecutionData {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null; errorResponse?: IDataObject };
	const response = (e.errorResponse ?? {}) as IDataObject;
	const json: IDataObject = {
		...extra,
		error: redactSecrets(e.message ?? String(error), secrets),
		...(e.description ? { description: e.description } : {}),
		...(e.httpCode ? { httpCode: e.httpCode } : {}),
		...(typeof response.title === 'string' ? { title: response.title } : {}),
		...(Array.isArray(response.errors) ? { errors: response.errors } : {}),
	};
	return { json: redactValue(json, secrets), pairedItem: { item: itemIndex } };
}

/**
 * Runs `work` for every input item (nodes/shared/items.ts), up to the client's concurrency at
 * once, output in input order and paired to its item; failed items become MailChimp error items.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	client: MailchimpClient,
	work: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	return await forEachInputItem(ctx, work, {
		concurrency: client.profile.limiter.limit,
		errorItem: (itemIndex, error) => errorItem(itemIndex, error, client.secrets),
	});
}

/** An operation that answers each input item on its own: `work` runs in forEachItem with the execution's client. */
export function eachItem(work: (ctx: IExecuteFunctions, client: MailchimpClient, itemIndex: number) => Promise<IDataObject[]>): Operation['execute'] {
	return async function (this: IExecuteFunctions) {
		const client = await clientFor(this);
		return await forEachItem(this, client, async (itemIndex) => await work(this, client, itemIndex));
	};
}

/** A JSON parameter as an object: accepts an object (expression) or JSON text. */
export function jsonParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject | undefined {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || raw === '') return undefined;
	if (typeof raw === 'object') return raw as IDataObject;
	const text = String(raw).trim();
	if (!text) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object') return parsed as IDataObject;
	} catch {
		// fall through to the error below
	}
	throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${label}": not a JSON object`, { itemIndex });
}
