import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { csvText, readZippedCsv } from '../../../shared/bulk/archive';
import { BULK_COMPARATORS, bulkCriteria, type BulkCondition, type BulkCriterion } from '../../transport/bulk/criteria';
import { bulkReadPages, type BulkReadQuery, type BulkReadWait } from '../../transport/bulk/bulkRead';
import { bulkReadRecords } from '../../transport/bulk/readRecords';
import { moduleFields } from '../../transport/metadata';
import type { ZohoClient } from '../../transport';
import { asNodeError, bulkWaitOf, clientFor, errorItem, getModule } from '../common';
import { combineConditionsProperty, conditionFieldProperty } from '../conditionProperties';
import { forOperation } from '../../../shared/operations';

const OPERATOR_LABELS: Record<string, string> = {
	equal: 'Equals',
	not_equal: 'Not Equal',
	in: 'In (Comma-Separated)',
	not_in: 'Not In (Comma-Separated)',
	less_than: 'Less Than',
	less_equal: 'Less or Equal',
	greater_than: 'Greater Than',
	greater_equal: 'Greater or Equal',
	contains: 'Contains',
	not_contains: 'Does Not Contain',
	starts_with: 'Starts With',
	ends_with: 'Ends With',
	between: 'Between (From,To)',
	not_between: 'Not Between (From,To)',
};

const operatorOptions = [
	...BULK_COMPARATORS.map((value) => ({ name: OPERATOR_LABELS[value], value })),
	{ name: 'Is Empty', value: 'is_empty' },
	{ name: 'Is Not Empty', value: 'is_not_empty' },
].sort((a, b) => a.name.localeCompare(b.name));

export const description: INodeProperties[] = forOperation('bulkRead', 'read', [
	{
		displayName: 'Field Names or IDs',
		name: 'bulkFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: [],
		hint: 'Leave empty to export every field. Add e.g. Account_Name.Account_Name by expression to get a lookup\'s name.',
		description:
			'Fields to export (up to 1,000). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Conditions',
		name: 'bulkConditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Only records matching these conditions. In lists, separate values with commas (\\, for a comma inside a value).',
		options: [
			{
				name: 'condition',
				displayName: 'Condition',
				values: [
					conditionFieldProperty(),
					{ displayName: 'Operator', name: 'operator', type: 'options', options: operatorOptions, default: 'equal' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { operator: ['is_empty', 'is_not_empty'] } },
					},
				],
			},
		],
	},
	combineConditionsProperty('bulkCombine'),
	{
		displayName: 'Custom View ID',
		name: 'bulkCvid',
		type: 'string',
		default: '',
		description: 'Only the records of this custom view',
	},
	{
		displayName: 'Output',
		name: 'bulkOutput',
		type: 'options',
		options: [
			{ name: 'One Item per Record', value: 'records', description: 'Typed values: numbers, booleans, dates, lookups, multi-selects' },
			{ name: 'File (CSV)', value: 'csv', description: 'One item per job (200,000 records) with the CSV as binary data' },
			{ name: 'File (ZIP)', value: 'zip', description: 'One item per job with Zoho\'s ZIP as binary data' },
		],
		default: 'records',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { bulkOutput: ['csv', 'zip'] } },
		hint: 'The name of the output binary field',
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'bulkMaxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'How long to wait for each job before stopping with an error naming the job (it keeps running in Zoho)',
	},
]);

async function queryOf(ctx: IExecuteFunctions, client: ZohoClient, itemIndex: number): Promise<BulkReadQuery> {
	const module = getModule(ctx, itemIndex);
	const chosen = ctx.getNodeParameter('bulkFields', itemIndex, []) as string[] | string;
	const fields = (Array.isArray(chosen) ? chosen : String(chosen).split(',')).map((f) => f.trim()).filter(Boolean);
	const raw = (ctx.getNodeParameter('bulkConditions.condition', itemIndex, []) as BulkCondition[]) ?? [];
	let criteria: BulkCriterion | undefined;
	if (raw.length > 0) {
		const combine = ctx.getNodeParameter('bulkCombine', itemIndex, 'and') as 'and' | 'or';
		for (const [index, c] of raw.entries()) {
			if (!c.field) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, condition ${index + 1}: choose a field`, { itemIndex });
		}
		try {
			criteria = bulkCriteria(
				raw.map((c) => ({ field: c.field, operator: c.operator, value: String(c.value ?? '') })),
				combine,
				await moduleFields(ctx, client, module, itemIndex),
			);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Conditions": ${(error as Error).message}`, { itemIndex });
		}
	}
	const cvid = String(ctx.getNodeParameter('bulkCvid', itemIndex, '') ?? '').trim();
	return { module, fields: fields.length ? fields : undefined, criteria, cvid: cvid || undefined };
}

/**
 * The ZIP's CSV as bytes (RFC 4180, CRLF), written a batch of rows at a time: what is held is the
 * ZIP, the CSV bytes so far and one batch, never the rows of the whole page.
 */
function csvOfZip(zip: Uint8Array): Buffer {
	let header: string[] | undefined;
	let headerLength = 0;
	const parts: Buffer[] = [];
	for (const batch of readZippedCsv(zip, 5_000)) {
		if (!header) {
			header = Object.keys(batch[0] ?? {});
			headerLength = csvText(header, []).length;
			parts.push(Buffer.from(csvText(header, []), 'utf8'));
		}
		const columns = header;
		const text = csvText(columns, batch.map((row) => columns.map((column) => row[column] ?? '')));
		parts.push(Buffer.from(text.slice(headerLength), 'utf8'));
	}
	return Buffer.concat(parts);
}

async function fileItems(ctx: IExecuteFunctions, client: ZohoClient, itemIndex: number, query: BulkReadQuery, wait: BulkReadWait, kind: 'csv' | 'zip'): Promise<INodeExecutionData[]> {
	const property = ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const out: INodeExecutionData[] = [];
	for await (const page of bulkReadPages(ctx, client, query, wait, itemIndex)) {
		const name = `${query.module}-${page.jobId}`;
		const binary =
			kind === 'zip'
				? await ctx.helpers.prepareBinaryData(Buffer.from(page.zip), `${name}.zip`, 'application/zip')
				: await ctx.helpers.prepareBinaryData(csvOfZip(page.zip), `${name}.csv`, 'text/csv');
		out.push({ json: { module: query.module, jobId: page.jobId, page: page.page, count: page.count }, binary: { [property]: binary }, pairedItem: { item: itemIndex } });
	}
	return out;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	const out: INodeExecutionData[] = [];
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const query = await queryOf(this, client, itemIndex);
			const wait = bulkWaitOf(this, itemIndex);
			const output = this.getNodeParameter('bulkOutput', itemIndex, 'records') as 'records' | 'csv' | 'zip';
			if (output !== 'records') {
				out.push(...(await fileItems(this, client, itemIndex, query, wait, output)));
				continue;
			}
			for await (const batch of bulkReadRecords(this, client, query, wait, itemIndex)) {
				for (const json of batch) out.push({ json: json as IDataObject, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			out.push(errorItem(itemIndex, error, client.secrets));
		}
	}
	return out;
}
