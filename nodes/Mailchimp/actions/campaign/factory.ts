import type { IHttpRequestMethods } from 'n8n-workflow';
import type { Operation } from '../../../shared/operations';
import { eachItem, forOperation, requiredString } from '../common';
import { mailchimpRequest } from '../../transport';
import { campaignIdProperty } from './shared';

/**
 * An operation that calls one endpoint per campaign id and answers `{ [done]: true, campaign_id }`
 * (delete, send, unschedule): MailChimp has no batch form of these calls.
 */
export function campaignAction(operation: string, method: IHttpRequestMethods, pathOf: (encodedId: string) => string, action: string, done: string): Operation {
	return {
		description: forOperation('campaign', operation, [campaignIdProperty]),
		execute: eachItem(async (ctx, client, itemIndex) => {
			const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
			await mailchimpRequest(ctx, client, { method, path: pathOf(encodeURIComponent(id)) }, { itemIndex, action, subject: `campaign "${id}"` });
			return [{ [done]: true, campaign_id: id }];
		}),
	};
}
