import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { unlinkRelated, type RelatedTarget } from '../../transport/relatedRecords';
import { asNodeError, clientFor, concurrencyOf, errorItem } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { answerItems, readTarget, RECORD_ID_DESCRIPTION, relatedListLocator, relatedRecordIdProperty, targetKey } from './target';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('related', 'unlink', [
	recordIdProperty(RECORD_ID_DESCRIPTION),
	relatedListLocator(),
	relatedRecordIdProperty('ID of the record to unlink (the record itself is kept). Items are sent 100 ids per call.'),
]);

/** Unlink: items grouped by record and related list, then DELETE 100 ids per call. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, { target: RelatedTarget; pending: Array<{ itemIndex: number; id: string }> }>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const target = readTarget(this, itemIndex);
			const id = readRecordId(this, itemIndex, 'relatedRecordId', 'Related Record ID');
			const key = targetKey(target);
			const group = groups.get(key) ?? { target, pending: [] };
			groups.set(key, group);
			group.pending.push({ itemIndex, id });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	for (const { target, pending } of groups.values()) {
		const answers = await unlinkRelated(this, client, target, pending, concurrencyOf(client));
		answerItems(this, results, answers, target, 'unlink related records', { unlinked: true }, client.secrets);
	}
	return results.flat();
}
