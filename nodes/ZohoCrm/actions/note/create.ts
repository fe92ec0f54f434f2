import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { expectOk, zohoCall } from '../../transport';
import { asNodeError, clientFor, errorItem, getModule, zohoError } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('note', 'create', [
	recordIdProperty('ID of the record the note belongs to'),
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
	},
]);

/**
 * Notes go out together, up to 100 per call whatever record they belong to: `POST /Notes` with each
 * note's parent in `Parent_Id` ({module:{api_name}, id}), as Zoho's v8 SDK (NotesOperations.createNotes)
 * and its published API definition create notes. Each item gets its own result.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const notes: Array<{ itemIndex: number; module: string; note: IDataObject }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(this, itemIndex);
			const id = readRecordId(this, itemIndex);
			const note: IDataObject = { Note_Content: this.getNodeParameter('content', itemIndex, '') as string };
			const title = this.getNodeParameter('title', itemIndex, '') as string;
			if (title) note.Note_Title = title;
			note.Parent_Id = { module: { api_name: module }, id };
			notes.push({ itemIndex, module, note });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	for (let start = 0; start < notes.length; start += 100) {
		const slice = notes.slice(start, start + 100);
		try {
			const answer = await zohoCall(this, client, { method: 'POST', path: '/Notes', body: { data: slice.map((n) => n.note) } });
			const slots = (answer.body?.data as IDataObject[] | undefined) ?? [];
			if (!slots.length) expectOk(this, answer, { itemIndex: slice[0].itemIndex, module: slice[0].module, action: 'add note' });
			slice.forEach(({ itemIndex, module }, i) => {
				const slot = slots[i] ?? {};
				if (slot.status === 'success' || slot.code === 'SUCCESS') {
					results[itemIndex] = [{ json: { ...((slot.details ?? {}) as IDataObject), status: 'success' }, pairedItem: { item: itemIndex } }];
					return;
				}
				const error = zohoError(this, { status: answer.status, error: slot }, { itemIndex, module, action: 'add note' });
				if (!this.continueOnFail()) throw error;
				results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
			});
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, slice[0].itemIndex);
			for (const { itemIndex } of slice) if (!results[itemIndex].length) results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	return results.flat();
}
