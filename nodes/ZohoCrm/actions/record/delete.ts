import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { deleteRecords } from '../../transport/batching';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { answerBatchItems, batchAnswerError } from '../batchAnswers';
import { asNodeError, clientFor, concurrencyOf, errorItem, getModule } from '../common';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('record', 'delete', [
	recordIdProperty('ID of the record to delete. Items are deleted 100 per call.'),
	{
		displayName: 'Run Workflow Rules',
		name: 'runWorkflowRules',
		type: 'boolean',
		default: true,
		description: 'Whether Zoho runs the delete workflow rules of the module',
	},
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const byModule = new Map<string, Array<{ itemIndex: number; id: string }>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(this, itemIndex);
			const id = readRecordId(this, itemIndex);
			let pending = byModule.get(module);
			if (!pending) byModule.set(module, (pending = []));
			pending.push({ itemIndex, id });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	const runRules = this.getNodeParameter('runWorkflowRules', 0, true) as boolean;
	for (const [module, pending] of byModule) {
		const answers = await deleteRecords(this, client, module, pending, concurrencyOf(client), runRules ? ['workflow'] : []);
		answerBatchItems(this, results, answers, client.secrets, {
			json: (answer) => ({ ...answer.details, status: 'success', deleted: true }),
			error: (answer) => batchAnswerError(this, answer, { module, action: 'delete' }),
		});
	}
	return results.flat();
}
