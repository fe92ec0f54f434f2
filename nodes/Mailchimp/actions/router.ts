import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY, mailchimpClient, type Authentication } from '../transport';
import type { OperationExecute } from './common';
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

export const operations: Record<string, Record<string, { execute: OperationExecute }>> = {
	campaign: {
		delete: campaignDelete,
		get: campaignGet,
		getMany: campaignGetMany,
		replicate: campaignReplicate,
		schedule: campaignSchedule,
		send: campaignSend,
		unschedule: campaignUnschedule,
	},
	customApiCall: { request: customRequest },
	member: { getMany: memberGetMany, upsert: memberUpsert, upsertMany: memberUpsertMany },
	report: {
		get: reportGet,
		getClickDetails: reportGetClickDetails,
		getEmailActivity: reportGetEmailActivity,
		getMany: reportGetMany,
		getOpenDetails: reportGetOpenDetails,
		getSentTo: reportGetSentTo,
		getUnsubscribes: reportGetUnsubscribes,
	},
};

/**
 * Resource and operation are fixed per node (read from item 0, as n8n's v2 nodes do); every
 * other parameter is read per item inside the operation. One client per execution.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const authentication = this.getNodeParameter('authentication', 0, 'oAuth2') as Authentication;
	const concurrency = Number(this.getNodeParameter('maxConcurrency', 0, DEFAULT_CONCURRENCY));
	const client = await mailchimpClient(this, authentication, concurrency);
	return [await op.execute(this, items, client)];
}
