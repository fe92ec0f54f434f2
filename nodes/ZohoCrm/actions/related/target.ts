import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { BatchAnswer } from '../../transport/batching';
import type { RelatedTarget } from '../../transport/relatedRecords';
import { answerBatchItems, batchAnswerError } from '../batchAnswers';
import { getModule } from '../common';
import { readRecordId } from '../recordIdProperty';
import { API_NAME, apiNameValidation } from '../../apiName';

/** The Record ID of every related-list operation: the record whose related list is read or changed. */
export const RECORD_ID_DESCRIPTION = 'ID of the record whose related list is read or changed, e.g. a campaign';

export function relatedListLocator(): INodeProperties {
	return {
		displayName: 'Related List',
		name: 'relatedListName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The related list of the module, e.g. Leads or Contacts of Campaigns (campaign members)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchRelatedLists', searchable: true },
			},
			{
				displayName: 'By API Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Leads',
				validation: [apiNameValidation],
			},
		],
	};
}

export function relatedRecordIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Related Record ID',
		name: 'relatedRecordId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description,
	};
}

/** The item's related list: module, record and related list API name. */
export function readTarget(ctx: IExecuteFunctions, itemIndex: number): RelatedTarget {
	const module = getModule(ctx, itemIndex);
	const recordId = readRecordId(ctx, itemIndex);
	const relatedList = String(ctx.getNodeParameter('relatedListName', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!API_NAME.test(relatedList)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Related List": "${relatedList}" is not a related list API name`, { itemIndex });
	}
	return { module, recordId, relatedList };
}

export const targetKey = (t: RelatedTarget): string => `${t.module}|${t.recordId}|${t.relatedList}`;

/** One output per input item: the relation's answer, or its error (Continue On Fail) naming the item. */
export function answerItems(
	ctx: IExecuteFunctions,
	results: INodeExecutionData[][],
	answers: BatchAnswer[],
	target: RelatedTarget,
	action: string,
	extra: Record<string, boolean>,
	secrets: string[],
): void {
	answerBatchItems(ctx, results, answers, secrets, {
		json: (answer) => ({
			...answer.details,
			status: 'success',
			record_id: target.recordId,
			related_list: target.relatedList,
			...extra,
			...(answer.message ? { message: answer.message } : {}),
		}),
		error: (answer) => batchAnswerError(ctx, answer, { module: target.module, action }),
	});
}
