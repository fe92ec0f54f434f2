import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { forOperation, requiredString, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';
import { campaignIdProperty } from './shared';
import { isoSecondsOf } from '../../../shared/time';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('campaign', 'schedule', [
	campaignIdProperty,
	{
		displayName: 'Schedule Time',
		name: 'scheduleTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When to send, in the future and on the quarter hour (:00, :15, :30, :45), as MailChimp requires',
	},
	{
		...optionsCollection(),
		options: [
			{
				displayName: 'Timewarp',
				name: 'timewarp',
				type: 'boolean',
				default: false,
				description: "Whether to deliver at the schedule time in each recipient's time zone (paid plans)",
			},
		],
	},
]);

export const execute = eachItem(async (ctx, client, itemIndex) => {
	const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
	const scheduleTime = isoSecondsOf(ctx.getNodeParameter('scheduleTime', itemIndex, ''));
	if (!scheduleTime || Number.isNaN(Date.parse(scheduleTime))) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Schedule Time": a valid date and time is required`, { itemIndex });
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { schedule_time: scheduleTime };
	if (options.timewarp !== undefined) body.timewarp = options.timewarp === true;
	await mailchimpRequest(
		ctx,
		client,
		{ method: 'POST', path: `/campaigns/${encodeURIComponent(id)}/actions/schedule`, body },
		{ itemIndex, action: 'Schedule campaign', subject: `campaign "${id}"` },
	);
	return [{ scheduled: true, campaign_id: id, schedule_time: scheduleTime }];
});
