import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { createNotes, type PendingNote } from '../../transport/notes';
import { answerBatchItems, batchAnswerError } from '../batchAnswers';
import { asNodeError, clientFor, errorItem, getModule } from '../common';
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

/** Every item's note first, then the notes in calls of 100 (transport/notes.ts), each item answered from its own slot. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const notes: PendingNote[] = [];
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
	const moduleOf = new Map(notes.map((n) => [n.itemIndex, n.module]));
	const answers = await createNotes(this, client, notes, !this.continueOnFail());
	answerBatchItems(this, results, answers, client.secrets, {
		json: (answer) => ({ ...answer.details, status: 'success' }),
		// A whole call's error reaches each of its notes as thrown (not reworded per item, as before the batching).
		error: (answer) => ('thrown' in answer ? answer.thrown : batchAnswerError(this, answer, { module: moduleOf.get(answer.itemIndex), action: 'add note' })),
	});
	return results.flat();
}
