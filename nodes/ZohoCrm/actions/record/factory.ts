import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Operation } from '../../../shared/operations';
import type { WriteAction } from '../../transport/batching';
import { moduleFields } from '../../transport/metadata';
import { answerBatchItems, batchAnswerError } from '../batchAnswers';
import { asNodeError, clientFor, concurrencyOf, errorItem, getModule } from '../common';
import { readRecordId } from '../recordIdProperty';
import { recordFromItem } from './recordFromItem';
import { writeDescription } from './writeDescription';
import { writeGroup, type WriteGroup } from './writeGroup';

function triggerOf(ctx: IExecuteFunctions): string[] | undefined {
	const automation = ctx.getNodeParameter('automation', 0, 'default') as string;
	if (automation === 'none') return [];
	if (automation === 'selected') return ctx.getNodeParameter('triggers', 0, []) as string[];
	return undefined;
}

/**
 * Create / update / upsert: every item's record first, then calls of 100 records, each item
 * answered from its own slot of the result. Items are grouped by module (a parameter per item).
 */
async function executeWrite(ctx: IExecuteFunctions, action: WriteAction): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const client = await clientFor(ctx);
	const results: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, WriteGroup>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(ctx, itemIndex);
			const record = await recordFromItem(ctx, itemIndex, async () => await moduleFields(ctx, client, module, itemIndex));
			if (action === 'update') {
				const id = readRecordId(ctx, itemIndex);
				record.id = id;
			}
			const duplicateCheckFields =
				action === 'upsert' ? (ctx.getNodeParameter('duplicateCheckFields', itemIndex, []) as string[]) : undefined;
			const key = `${module}|${(duplicateCheckFields ?? []).join(',')}`;
			let group = groups.get(key);
			if (!group) groups.set(key, (group = { module, duplicateCheckFields, pending: [] }));
			group.pending.push({ itemIndex, record });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	const trigger = triggerOf(ctx);
	for (const group of groups.values()) {
		const answers = await writeGroup(ctx, client, group, action, trigger, concurrencyOf(client));
		answerBatchItems(ctx, results, answers, client.secrets, {
			json: (answer) => ({
				...answer.details,
				status: 'success',
				...(answer.message ? { message: answer.message } : {}),
				...(answer.action ? { action: answer.action } : {}),
				...(answer.duplicateField !== undefined ? { duplicate_field: answer.duplicateField } : {}),
			}),
			error: (answer) => batchAnswerError(ctx, answer, { module: group.module, action }),
		});
	}
	return results.flat();
}

/** Create, Update and Create or Update: one description and one batched write, by operation. */
export function recordWriteOperation(operation: 'create' | 'update' | 'upsert', action: WriteAction): Operation {
	return {
		description: writeDescription(operation),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
			return await executeWrite(this, action);
		},
	};
}
