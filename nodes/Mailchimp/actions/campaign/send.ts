import type { INodeProperties } from 'n8n-workflow';
import { forOperation, perItem, requiredString, type OperationExecute } from '../common';
import { mailchimpRequest } from '../../transport';
import { campaignIdProperty } from './shared';

export const description: INodeProperties[] = forOperation('campaign', 'send', [campaignIdProperty]);

export const execute: OperationExecute = async (ctx, items, client) =>
	await perItem(ctx, items, client, async (itemIndex) => {
		const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
		await mailchimpRequest(
			ctx,
			client,
			{ method: 'POST', path: `/campaigns/${encodeURIComponent(id)}/actions/send` },
			{ itemIndex, action: 'Send campaign', subject: `campaign "${id}"` },
		);
		return [{ sent: true, campaign_id: id }];
	});
