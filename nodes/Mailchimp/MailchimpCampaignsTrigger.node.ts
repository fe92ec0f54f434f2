import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { getAudiences } from './methods/loadOptions';
import { mailchimpClient, type Authentication } from './transport';
import { isoSeconds } from '../shared/time';
import { isCampaignCursor, type CampaignCursor, type CampaignEvent } from './trigger/cursor';
import { campaignCursorFromNow, latestCampaigns, readCampaigns, recentReports, reportsDue, type CampaignTriggerSettings } from './trigger/poll';
import { mailchimpAuthentication, mailchimpCredentials } from './authentication';
import { optionsCollection, startFromProperties } from '../shared/descriptions';
import { copyStaticValue } from '../shared/staticData';
import { forgetContext } from '../shared/contextCache';
import { commitCursor, cursorRevision, pollExclusively } from '../shared/pollGuard';
import { campaignAudienceFilter } from './actions/common';

const EVENT_LABEL: Record<CampaignEvent, string> = { sent: 'campaignSent', created: 'campaignCreated' };

export class MailchimpCampaignsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MailChimp Campaigns Trigger',
		name: 'mailchimpCampaignsTrigger',
		icon: { light: 'file:mailchimpCampaigns.svg', dark: 'file:mailchimpCampaigns.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when MailChimp campaigns are sent or created, and re-emits recent report metrics',
		defaults: { name: 'MailChimp Campaigns Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: mailchimpCredentials,
		properties: [
			mailchimpAuthentication,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Campaign Sent', value: 'sent', description: 'Each campaign once it has been sent (cursor on send_time)' },
					{ name: 'Campaign Created', value: 'created', description: 'Each new campaign, whatever its status (cursor on create_time)' },
				],
				default: 'sent',
			},
			...startFromProperties({
				now: 'Only campaigns after activation (by MailChimp\'s newest campaign, not the n8n clock)',
				date: 'Every campaign sent (or created) at or after a date, then each new one',
			}),
			{
				...optionsCollection(),
				options: [
					campaignAudienceFilter,
					{
						displayName: 'Re-Emit Reports of the Last N Days',
						name: 'reportWindowDays',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 365 },
						default: 0,
						description:
							'Also emit the report (opens, clicks, bounces, unsubscribes) of every campaign sent in the last N days, as items with event "reportMetrics": reports keep changing after a send, so a scheduled sync can keep CRM metrics current. 0: off.',
					},
					{
						displayName: 'Hours Between Report Emissions',
						name: 'reportEveryHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 720 },
						default: 0,
						description: 'Re-emit the reports at most this often (0: on every poll)',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getAudiences },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// n8n does not wait for the previous poll of this activation: one runs at a time (a tick that
		// finds one in flight returns at once, before any memo is reset or any call made, MailChimp's
		// metadata call included), and a cursor that another poll moved meanwhile is never overwritten
		// (nodes/shared/pollGuard.ts).
		return await pollExclusively([this, this.getWorkflowStaticData('node')], async () => {
			// n8n reuses one context for every poll of an activation: nothing memoised may outlive a poll.
			forgetContext(this);
			return await pollOnce.call(this);
		});
	}
}

/** One poll: new campaigns since the cursor, and the report window when it is due. */
async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as Authentication;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const settings: CampaignTriggerSettings = {
		event: this.getNodeParameter('event', 'sent') as CampaignEvent,
		listId: String(options.listId ?? ''),
		reportWindowDays: Math.max(0, Number(options.reportWindowDays ?? 0) || 0),
		reportEveryHours: Math.max(0, Number(options.reportEveryHours ?? 0) || 0),
	};
	const startFrom = String(this.getNodeParameter('startFrom', 'now'));
	const startDate = startFrom === 'date' ? String(this.getNodeParameter('startDate', '')) : '';
	const client = await mailchimpClient(this, authentication);
	const label = EVENT_LABEL[settings.event];

	if (this.getMode() === 'manual') {
		// "Fetch test event": the newest campaign (or, with reports on, its report); the cursor is not touched.
		const sample = await latestCampaigns(this, client, settings, 1);
		if (sample.length) return [[{ json: { event: label, ...sample[0] } }]];
		if (settings.reportWindowDays > 0) {
			const reports = await recentReports(this, client, settings);
			if (reports.length) return [[{ json: { event: 'reportMetrics', ...reports[0] } }]];
		}
		return null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const revision = cursorRevision(staticData.cursor);
	const key = `${settings.event}|${settings.listId}|${startFrom === 'date' ? startDate : 'now'}`;
	let cursor: CampaignCursor | undefined = isCampaignCursor(staticData.cursor) && staticData.cursor.key === key ? copyStaticValue(staticData.cursor) : undefined;
	const items: INodeExecutionData[] = [];
	if (!cursor) {
		if (startFrom === 'date') {
			const ms = Date.parse(startDate);
			if (Number.isNaN(ms)) throw new NodeOperationError(this.getNode(), `Start Date "${startDate}" is not a date`);
			cursor = { v: 1, key, time: Math.floor(ms / 1000) * 1000, seen: [] };
			items.push(...(await readCampaigns(this, client, settings, cursor)).map((c) => ({ json: { event: label, ...c } })));
		} else {
			cursor = await campaignCursorFromNow(this, client, settings, key);
		}
	} else {
		items.push(...(await readCampaigns(this, client, settings, cursor)).map((c) => ({ json: { event: label, ...c } })));
	}

	const lastReportAt = typeof staticData.lastReportAt === 'number' ? staticData.lastReportAt : undefined;
	const now = Date.now();
	let reported = false;
	if (reportsDue(settings, lastReportAt, now)) {
		const reports = await recentReports(this, client, settings, now);
		items.push(...reports.map((r) => ({ json: { event: 'reportMetrics', reportedAt: isoSeconds(now), ...r } })));
		reported = true;
	}
	// Written only after every call succeeded: a failed poll leaves the cursor where it was.
	if (!commitCursor(staticData, cursor, revision, reported ? { lastReportAt: now } : {})) return null;
	return items.length ? [items] : null;
}
