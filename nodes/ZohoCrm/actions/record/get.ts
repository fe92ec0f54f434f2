import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZohoClient } from '../../transport';
import { readById } from '../../transport/readById';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { asNodeError, clientFor, errorItem, getModule } from '../common';
import { fieldsProperty, fieldsToRead } from './fieldsOption';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('record', 'get', [
	recordIdProperty('ID of the record. Several items are read 100 IDs per call.'),
	fieldsProperty(),
]);

/**
 * Reads records by id. Many items share calls: Zoho returns up to 100 ids per GET, so N items
 * cost ceil(N/100) calls per 50-field column set instead of N.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const client = await clientFor(this);
	const results: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, { module: string; fields: string[]; wanted: Array<{ itemIndex: number; id: string }> }>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(this, itemIndex);
			const id = readRecordId(this, itemIndex);
			const fields = await fieldsToRead(this, client, module, itemIndex);
			const key = `${module}|${fields.join(',')}`;
			let group = groups.get(key);
			if (!group) groups.set(key, (group = { module, fields, wanted: [] }));
			group.wanted.push({ itemIndex, id });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	for (const group of groups.values()) {
		try {
			await readGroup(this, client, group, results);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, group.wanted[0].itemIndex);
			for (const { itemIndex } of group.wanted) results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	return results.flat();
}

async function readGroup(
	ctx: IExecuteFunctions,
	client: ZohoClient,
	group: { module: string; fields: string[]; wanted: Array<{ itemIndex: number; id: string }> },
	results: INodeExecutionData[][],
): Promise<void> {
	const uniqueIds = [...new Set(group.wanted.map((w) => w.id))];
	const found = await readById(ctx, client, uniqueIds, group.fields, { module: group.module, action: 'get' });
	for (const { itemIndex, id } of group.wanted) {
		const record = found.get(id);
		if (record) {
			results[itemIndex] = [{ json: record, pairedItem: { item: itemIndex } }];
			continue;
		}
		const error = new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex}: no ${group.module} record with ID ${id} (Zoho CRM INVALID_DATA: the id is unknown or deleted)`,
			{ itemIndex },
		);
		if (!ctx.continueOnFail()) throw error;
		results[itemIndex] = [errorItem(itemIndex, error)];
	}
}
