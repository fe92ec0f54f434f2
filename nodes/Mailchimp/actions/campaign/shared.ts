import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { forOperation, forEachItem, requiredString, type OperationExecute } from '../common';
import { mailchimpRequest } from '../../transport';

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 42694e9e57',
	description: 'The campaign ID the API returns (not the web ID shown in URLs)',
};

export interface CampaignAction {
	description: INodeProperties[];
	execute: OperationExecute;
}

/**
 * An operation that calls one endpoint per campaign id and answers `{ [done]: true, campaign_id }`
 * (delete, send, unschedule): MailChimp has no batch form of these calls.
 */
export function campaignAction(operation: string, method: IHttpRequestMethods, pathOf: (encodedId: string) => string, action: string, done: string): CampaignAction {
	return {
		description: forOperation('campaign', operation, [campaignIdProperty]),
		execute: async (ctx, _items, client) =>
			await forEachItem(ctx, client, async (itemIndex) => {
				const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
				await mailchimpRequest(ctx, client, { method, path: pathOf(encodeURIComponent(id)) }, { itemIndex, action, subject: `campaign "${id}"` });
				return [{ [done]: true, campaign_id: id }];
			}),
	};
}
