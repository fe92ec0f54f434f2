import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { BatchAnswer, RecordResult } from '../transport/batching';
import { asNodeError, batchItemError, errorItem, zohoError } from './common';

type Written = Extract<RecordResult, { ok: true }>;
type Failed = Exclude<BatchAnswer, Written>;

/** A failed item's error: the whole call's error naming this item, or Zoho's error for its record. */
export function batchAnswerError(ctx: IExecuteFunctions, answer: Failed, where: { module?: string; action: string }): Error {
	return 'thrown' in answer
		? batchItemError(ctx, answer.thrown, answer.itemIndex)
		: zohoError(ctx, { status: answer.status, error: answer.error }, { itemIndex: answer.itemIndex, ...where });
}

/**
 * One output per answered item, paired to it: `json` of a written record, or the item's error
 * (Continue On Fail) or the node's failure at the first failed item.
 */
export function answerBatchItems(
	ctx: IExecuteFunctions,
	results: INodeExecutionData[][],
	answers: readonly BatchAnswer[],
	secrets: string[],
	out: { json: (answer: Written) => IDataObject; error: (answer: Failed) => unknown },
): void {
	for (const answer of answers) {
		if (answer.ok) {
			results[answer.itemIndex] = [{ json: out.json(answer), pairedItem: { item: answer.itemIndex } }];
			continue;
		}
		const error = out.error(answer);
		if (!ctx.continueOnFail()) throw asNodeError(ctx, error, answer.itemIndex);
		results[answer.itemIndex] = [errorItem(answer.itemIndex, error, secrets)];
	}
}
