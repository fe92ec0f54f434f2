import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { chosenOperation, type OperationRegistry } from '../../shared/operations';
import * as campaignDelete from './campaign/delete';
import * as campaignGet from './campaign/get';
import * as campaignGetMany from './campaign/getMany';
import * as campaignReplicate from './campaign/replicate';
import * as campaignSchedule from './campaign/schedule';
import * as campaignSend from './campaign/send';
import * as campaignUnschedule from './campaign/unschedule';
import * as customRequest from './custom/request';
import * as memberGetMany from './member/getMany';
import * as memberUpsert from './member/upsert';
import * as memberUpsertMany from './member/upsertMany';
import * as reportGet from './report/get';
import * as reportGetClickDetails from './report/getClickDetails';
import * as reportGetEmailActivity from './report/getEmailActivity';
import * as reportGetMany from './report/getMany';
import * as reportGetOpenDetails from './report/getOpenDetails';
import * as reportGetSentTo from './report/getSentTo';
import * as reportGetUnsubscribes from './report/getUnsubscribes';

/** resource → operation → its file (nodes/shared/operations.ts); the node's properties follow this order. */
export const operations = {
	campaign: {
		delete: campaignDelete,
		get: campaignGet,
		getMany: campaignGetMany,
		replicate: campaignReplicate,
		schedule: campaignSchedule,
		send: campaignSend,
		unschedule: campaignUnschedule,
	},
	report: {
		get: reportGet,
		getMany: reportGetMany,
		getEmailActivity: reportGetEmailActivity,
		getSentTo: reportGetSentTo,
		getUnsubscribes: reportGetUnsubscribes,
		getClickDetails: reportGetClickDetails,
		getOpenDetails: reportGetOpenDetails,
	},
	member: { getMany: memberGetMany, upsert: memberUpsert, upsertMany: memberUpsertMany },
	customApiCall: { request: customRequest },
} as const satisfies OperationRegistry;

export type Resource = keyof typeof operations;

/**
 * Resource and operation are fixed per node (read from item 0, as n8n's v2 nodes do); every
 * other parameter is read per item inside the operation, which gets the execution's one client.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [await chosenOperation(this, operations).execute.call(this)];
}
