import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readSubPages } from '../../transport/subPages';
import { clientFor, forEachItem, getModule } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('note', 'getMany', [recordIdProperty('ID of the record whose notes to list')]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const module = getModule(this, itemIndex);
		const id = readRecordId(this, itemIndex);
		return await readSubPages(
			this,
			client,
			`/${encodeURIComponent(module)}/${id}/Notes`,
			{ fields: 'id,Note_Title,Note_Content,Created_Time,Modified_Time,Owner' },
			{ itemIndex, module, action: 'list notes' },
		);
	});
}
