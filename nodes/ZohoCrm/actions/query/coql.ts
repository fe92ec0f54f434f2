import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { coqlQuery } from '../../transport/coql';
import { clientFor, forEachItem } from '../common';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('query', 'coql', [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 4 },
		default: "select Last_Name, Email, Lead_Status from Leads where Lead_Status = 'Contacted' order by Modified_Time desc",
		required: true,
		description:
			'A COQL select statement. Without LIMIT every match is read, 2,000 per call; with LIMIT (and OFFSET) only those rows.',
	},
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const query = String(this.getNodeParameter('query', itemIndex, '')).trim();
		if (!/^select\s/i.test(query)) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}, field "Query": COQL statements start with SELECT`, { itemIndex });
		}
		return await coqlQuery(this, client, query, itemIndex);
	});
}
