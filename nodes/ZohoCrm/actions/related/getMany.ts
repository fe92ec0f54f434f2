import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { expectOk, zohoCall } from '../../transport';
import { asNodeError, clientFor, errorItem, getModule } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';

const show = { resource: ['related'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	recordIdProperty('related', ['getMany']),
	{
		displayName: 'Related List API Name',
		name: 'relatedList',
		type: 'string',
		default: 'Notes',
		required: true,
		placeholder: 'Contacts',
		description: 'API name of the related list, e.g. Contacts, Deals, Notes, Campaigns',
		displayOptions: { show },
	},
	{
		displayName: 'Fields',
		name: 'relatedFields',
		type: 'string',
		default: 'id',
		description: 'Comma-separated API names of the related records’ fields (at most 50)',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(this, itemIndex);
			const id = readRecordId(this, itemIndex);
			const related = encodeURIComponent(String(this.getNodeParameter('relatedList', itemIndex, '')).trim());
			const fields = String(this.getNodeParameter('relatedFields', itemIndex, 'id'));
			for (let page = 1; page <= 10; page++) {
				const answer = await zohoCall(
					this,
					client,
					{ method: 'GET', path: `/${encodeURIComponent(module)}/${id}/${related}`, qs: { fields, page, per_page: 200 } },
					itemIndex,
				);
				if (answer.status === 204) break;
				const body = expectOk(this, answer, { itemIndex, module, action: 'get related records' }) ?? {};
				for (const record of (body.data as IDataObject[] | undefined) ?? []) out.push({ json: record, pairedItem: { item: itemIndex } });
				if (!(body.info as IDataObject | undefined)?.more_records) break;
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			out.push(errorItem(itemIndex, error, client.secrets));
		}
	}
	return out;
}
