import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { expectOk, zohoCall } from '../../transport';
import { asNodeError, clientFor, errorItem, getModule } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';

export const description: INodeProperties[] = [recordIdProperty('note', ['getMany'], 'ID of the record whose notes to list')];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(this, itemIndex);
			const id = readRecordId(this, itemIndex);
			for (let page = 1; ; page++) {
				const answer = await zohoCall(
					this,
					client,
					{
						method: 'GET',
						path: `/${encodeURIComponent(module)}/${id}/Notes`,
						qs: { fields: 'id,Note_Title,Note_Content,Created_Time,Modified_Time,Owner', page, per_page: 200 },
					},
					itemIndex,
				);
				if (answer.status === 204) break;
				const body = expectOk(this, answer, { itemIndex, module, action: 'list notes' }) ?? {};
				for (const note of (body.data as IDataObject[] | undefined) ?? []) out.push({ json: note, pairedItem: { item: itemIndex } });
				if (!(body.info as IDataObject | undefined)?.more_records) break;
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			out.push(errorItem(itemIndex, error, client.secrets));
		}
	}
	return out;
}
