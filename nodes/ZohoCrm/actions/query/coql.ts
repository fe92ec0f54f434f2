import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { coqlQuery } from '../../transport/paging';
import { asNodeError, clientFor, errorItem } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 4 },
		default: "select Last_Name, Email, Lead_Status from Leads where Lead_Status = 'Contacted' order by Modified_Time desc",
		required: true,
		description:
			'A COQL select statement. Without LIMIT every match is read, 2,000 per call; with LIMIT (and OFFSET) only those rows.',
		displayOptions: { show: { resource: ['query'], operation: ['coql'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const query = String(this.getNodeParameter('query', itemIndex, '')).trim();
			if (!/^select\s/i.test(query)) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}, field "Query": COQL statements start with SELECT`, { itemIndex });
			}
			for (const record of await coqlQuery(this, client, query, itemIndex)) out.push({ json: record, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			out.push(errorItem(itemIndex, error, client.secrets));
		}
	}
	return out;
}
