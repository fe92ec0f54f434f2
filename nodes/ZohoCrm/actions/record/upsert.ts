import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { executeWrite, writeProperties } from './write';

export const description: INodeProperties[] = writeProperties('upsert');

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeWrite(this, 'upsert');
}
