import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { chunk } from '../../../shared/pool';
import { expectOk, zohoCall, type ZohoClient } from '../../transport';
import { MAX_FIELDS_PER_CALL } from '../../transport/paging';
import { readRecordId } from '../recordIdProperty';
import { asNodeError, clientFor, errorItem, getModule } from '../common';
import { fieldsProperty, fieldsToRead } from './fieldsOption';

const show = { resource: ['record'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'ID of the record. Several items are read 100 IDs per call.',
		displayOptions: { show },
	},
	fieldsProperty(['get']),
];

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
	{
		const found = new Map<string, IDataObject>();
		const columnSets = chunk(group.fields.filter((f) => f !== 'id'), MAX_FIELDS_PER_CALL - 1).map((c) => ['id', ...c]);
		const uniqueIds = [...new Set(group.wanted.map((w) => w.id))];
		for (const ids of chunk(uniqueIds, 100)) {
			for (const columns of columnSets.length ? columnSets : [['id']]) {
				const answer = await zohoCall(ctx, client, {
					method: 'GET',
					path: `/${encodeURIComponent(group.module)}`,
					qs: { ids: ids.join(','), fields: columns.join(',') },
				});
				if (answer.status === 204) continue;
				const body = expectOk(ctx, answer, { module: group.module, action: 'get' }) ?? {};
				for (const record of (body.data as IDataObject[] | undefined) ?? []) {
					const id = String(record.id);
					found.set(id, { ...(found.get(id) ?? {}), ...record });
				}
			}
		}
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
}
