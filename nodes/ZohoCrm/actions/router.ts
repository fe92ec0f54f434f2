import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { chosenOperation, type OperationRegistry } from '../../shared/operations';
import { reportZohoUsage } from '../transport';
import * as bulkRead from './bulkRead/read';
import * as apiCall from './custom/apiCall';
import * as convert from './lead/convert';
import * as noteCreate from './note/create';
import * as noteGetMany from './note/getMany';
import * as coql from './query/coql';
import * as create from './record/create';
import * as remove from './record/delete';
import * as get from './record/get';
import * as getMany from './record/getMany';
import * as search from './record/search';
import * as update from './record/update';
import * as upsert from './record/upsert';
import * as relatedGetMany from './related/getMany';
import * as relatedLink from './related/link';
import * as relatedUnlink from './related/unlink';
import * as tagAdd from './tag/add';
import * as tagRemove from './tag/remove';

/** resource → operation → its file (nodes/shared/operations.ts); the node's properties follow this order. */
export const operations = {
	record: { create, update, upsert, delete: remove, get, getMany, search },
	query: { coql },
	bulkRead: { read: bulkRead },
	note: { create: noteCreate, getMany: noteGetMany },
	tag: { add: tagAdd, remove: tagRemove },
	lead: { convert },
	related: { getMany: relatedGetMany, link: relatedLink, unlink: relatedUnlink },
	customApiCall: { call: apiCall },
} as const satisfies OperationRegistry;

export type Resource = keyof typeof operations;

/**
 * Resource and operation are fixed per node (read from item 0, as n8n's v2 nodes do); every
 * other parameter is read per item inside the operation. The credits the execution spent are
 * reported once, after it.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = await chosenOperation(this, operations).execute.call(this);
	reportZohoUsage(this);
	return [items];
}
