import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { readSubPages } from '../../transport/subPages';
import { clientFor, forEachItem, getModule } from '../common';
import { RECORD_ID_DESCRIPTION } from './target';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('related', 'getMany', [
	recordIdProperty(RECORD_ID_DESCRIPTION),
	{
		displayName: 'Related List API Name',
		name: 'relatedList',
		type: 'string',
		default: 'Notes',
		required: true,
		placeholder: 'Contacts',
		description: 'API name of the related list, e.g. Contacts, Deals, Notes, Campaigns',
	},
	{
		displayName: 'Fields',
		name: 'relatedFields',
		type: 'string',
		default: 'id',
		description: 'Comma-separated API names of the related records’ fields (at most 50)',
	},
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const module = getModule(this, itemIndex);
		const id = readRecordId(this, itemIndex);
		const related = encodeURIComponent(String(this.getNodeParameter('relatedList', itemIndex, '')).trim());
		const fields = String(this.getNodeParameter('relatedFields', itemIndex, 'id'));
		return await readSubPages(this, client, `/${encodeURIComponent(module)}/${id}/${related}`, { fields }, {
			itemIndex,
			module,
			action: 'get related records',
		});
	});
}
