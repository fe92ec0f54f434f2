import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
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

interface Operation {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
}

export const OPERATIONS: Record<string, Operation> = {
	'record:create': create,
	'record:update': update,
	'record:upsert': upsert,
	'record:delete': remove,
	'record:get': get,
	'record:getMany': getMany,
	'record:search': search,
	'query:coql': coql,
	'bulkRead:read': bulkRead,
	'note:create': noteCreate,
	'note:getMany': noteGetMany,
	'tag:add': tagAdd,
	'tag:remove': tagRemove,
	'lead:convert': convert,
	'related:getMany': relatedGetMany,
	'related:link': relatedLink,
	'related:unlink': relatedUnlink,
	'customApiCall:call': apiCall,
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = OPERATIONS[`${resource}:${operation}`];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const items = await handler.execute.call(this);
	reportZohoUsage(this);
	return [items];
}
