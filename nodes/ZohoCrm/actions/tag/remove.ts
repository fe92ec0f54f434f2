import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { executeTags, tagProperties } from './tags';

export const description: INodeProperties[] = tagProperties('remove');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeTags(this, 'remove');
}
