import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import { linkRelated, type PendingLink, type RelatedTarget } from '../../transport/relatedRecords';
import { asNodeError, clientFor, concurrencyOf, errorItem } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { answerItems, readTarget, RECORD_ID_DESCRIPTION, relatedListLocator, relatedRecordIdProperty, targetKey } from './target';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('related', 'link', [
	recordIdProperty(RECORD_ID_DESCRIPTION),
	relatedListLocator(),
	relatedRecordIdProperty('ID of the record to link, e.g. a lead or contact of a campaign. Items are sent 100 per call.'),
	{
		displayName: 'Relation Fields (JSON)',
		name: 'relationFields',
		type: 'json',
		default: '{}',
		description:
			'Fields of the relation itself, e.g. {"Member_Status": "Opened"} for a campaign member. Values of picklists must be among the field’s values (Campaigns field Member_Status for members). Linking an already linked record updates these fields.',
	},
]);

function relationFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = ctx.getNodeParameter('relationFields', itemIndex, '{}') as string | IDataObject;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = raw.trim() === '' ? {} : jsonParse(raw);
		} catch {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Relation Fields (JSON)": not valid JSON`, { itemIndex });
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Relation Fields (JSON)": expected one JSON object per item`, { itemIndex });
	}
	const fields = { ...(parsed as IDataObject) };
	delete fields.id;
	return fields;
}

/** Link / Update: items grouped by record and related list, then PUT 100 related records per call. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, { target: RelatedTarget; pending: PendingLink[] }>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const target = readTarget(this, itemIndex);
			const id = readRecordId(this, itemIndex, 'relatedRecordId', 'Related Record ID');
			const link = { ...relationFields(this, itemIndex), id };
			const key = targetKey(target);
			const group = groups.get(key) ?? { target, pending: [] };
			groups.set(key, group);
			group.pending.push({ itemIndex, link });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	for (const { target, pending } of groups.values()) {
		const answers = await linkRelated(this, client, target, pending, concurrencyOf(client));
		answerItems(this, results, answers, target, 'link related records', { linked: true }, client.secrets);
	}
	return results.flat();
}
