import type { INodeProperties } from 'n8n-workflow';
import { forOperation, requiredString, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';
import { campaignIdProperty } from './shared';

export const description: INodeProperties[] = forOperation('campaign', 'replicate', [campaignIdProperty]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
	const body = await mailchimpRequest(
		ctx,
		client,
		{ method: 'POST', path: `/campaigns/${encodeURIComponent(id)}/actions/replicate` },
		{ itemIndex, action: 'Replicate campaign', subject: `campaign "${id}"` },
	);
	return [body ?? {}];
});
