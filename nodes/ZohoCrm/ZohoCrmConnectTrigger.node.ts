import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { API_NAME } from './apiName';
import { searchModules } from './methods/listSearch';
import { getFields } from './methods/loadOptions';
import { logZohoUsage, zohoClient } from './transport';
import { copyStaticValue } from '../shared/staticData';
import { forgetContext } from '../shared/contextCache';
import { commitCursor, cursorRevision, pollExclusively } from '../shared/pollGuard';
import { cursorFieldOf, cursorKey, isCursorState, type ZohoTriggerEvent } from './trigger/cursor';
import { pollProperties } from './trigger/pollDescription';
import { fetchFields, planFields } from './trigger/fields';
import { readChanges, type TriggerSettings } from './trigger/poll';
import { latestRecords, startFromDate, startFromNow } from './trigger/start';

function settingsOf(ctx: IPollFunctions): TriggerSettings & { startFrom: string; startDate: string; output: string } {
	const module = String(ctx.getNodeParameter('module', '', { extractValue: true }) ?? '').trim();
	if (!API_NAME.test(module)) {
		throw new NodeOperationError(ctx.getNode(), `"${module}" is not a Zoho module API name`);
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const startFrom = String(ctx.getNodeParameter('startFrom', 'now'));
	return {
		module,
		event: ctx.getNodeParameter('event', 'createdOrUpdated') as ZohoTriggerEvent,
		cvid: String(options.cvid ?? '').trim(),
		fields: (ctx.getNodeParameter('fields', []) as string[]).map(String),
		maxPages: Math.max(1, Math.min(500, Math.floor(Number(options.maxPages ?? 10)) || 10)),
		overlapMs: Math.max(0, Math.floor(Number(options.overlapSeconds ?? 0)) || 0) * 1000,
		output: String(options.output ?? 'perRecord'),
		startFrom,
		startDate: startFrom === 'date' ? String(ctx.getNodeParameter('startDate', '')) : '',
	};
}

function toItems(records: IDataObject[], output: string): INodeExecutionData[][] | null {
	if (records.length === 0) return null;
	if (output === 'single') return [[{ json: { records, count: records.length } }]];
	return [records.map((json) => ({ json }))];
}

export class ZohoCrmConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho CRM Connect Trigger',
		name: 'zohoCrmConnectTrigger',
		icon: { light: 'file:zohoCrmConnect.svg', dark: 'file:zohoCrmConnect.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] + ": " + $parameter["module"].value}}',
		description: 'Starts the workflow on new or updated records of any Zoho CRM module, each change exactly once',
		defaults: { name: 'Zoho CRM Connect Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoCrmConnectOAuth2Api', required: true }],
		properties: pollProperties,
	};

	methods = {
		listSearch: { searchModules },
		loadOptions: { getFields },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// n8n does not wait for the previous poll of this activation: one runs at a time (a tick that
		// finds one in flight returns at once, before any memo is reset or any call made), and a cursor
		// that another poll moved meanwhile is never overwritten (nodes/shared/pollGuard.ts).
		return await pollExclusively([this, this.getWorkflowStaticData('node')], async () => {
			// n8n reuses one context for every poll of an activation: nothing memoised may outlive a poll.
			forgetContext(this);
			try {
				return await pollOnce.call(this);
			} finally {
				logZohoUsage(this, 'poll');
			}
		});
	}
}

/** One poll; the Zoho calls it makes are tallied on the poll's context (transport/credits.ts). */
async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	const client = await zohoClient(this);
	const field = cursorFieldOf(settings.event);
	const plan = planFields(settings.fields);

	if (this.getMode() === 'manual') {
		// "Fetch test event": the newest record as a sample; the cursor is not touched.
		const latest = await latestRecords(this, client, settings, field, plan.pageFields, 1);
		const records = plan.rest !== undefined && plan.rest.length === 0 ? latest : await fetchFields(this, client, settings.module, latest, plan.rest);
		return toItems(records, settings.output);
	}

	const staticData = this.getWorkflowStaticData('node');
	const revision = cursorRevision(staticData.cursor);
	const start = settings.startFrom === 'date' ? `date:${settings.startDate}` : 'now';
	const key = `${cursorKey(settings.module, settings.event, settings.cvid)}|${start}`;
	let state = isCursorState(staticData.cursor) && staticData.cursor.key === key ? copyStaticValue(staticData.cursor) : undefined;
	if (!state) {
		if (settings.startFrom === 'date') {
			const ms = Date.parse(settings.startDate);
			if (Number.isNaN(ms)) throw new NodeOperationError(this.getNode(), `Start Date "${settings.startDate}" is not a date`);
			state = startFromDate(key, ms);
		} else {
			commitCursor(staticData, await startFromNow(this, client, settings, key), revision);
			return null;
		}
	}
	const result = await readChanges(this, client, settings, state, plan);
	// Written only after every read succeeded: a failed poll leaves the cursor where it was.
	if (!commitCursor(staticData, state, revision)) return null;
	return toItems(result.records, settings.output);
}
