import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { moduleLocator } from './actions/common';
import { searchModules } from './methods/listSearch';
import { getFields } from './methods/loadOptions';
import { logZohoUsage, zohoClient } from './transport';
import {
	channelMatches,
	DEFAULT_LIFETIME_HOURS,
	DEFAULT_RENEW_WITHIN_HOURS,
	deleteChannel,
	isChannelState,
	newChannelIdentity,
	parseDelivery,
	readChannel,
	renewDue,
	verifyDelivery,
	writeChannel,
	type ChannelSettings,
	type ChannelState,
	type WatchEvent,
} from './trigger/channel';
import { fetchFields } from './trigger/poll';
import { singleFlight } from '../shared/singleFlight';

const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type TriggerContext = IHookFunctions | IWebhookFunctions;

function channelSettings(ctx: TriggerContext): ChannelSettings {
	const module = String(ctx.getNodeParameter('module', '', { extractValue: true }) ?? '').trim();
	if (!MODULE_NAME.test(module)) throw new NodeOperationError(ctx.getNode(), `"${module}" is not a Zoho module API name`);
	const events = ctx.getNodeParameter('events', []) as WatchEvent[];
	if (events.length === 0) throw new NodeOperationError(ctx.getNode(), 'Choose at least one event');
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		module,
		events,
		notifyUrl: ctx.getNodeWebhookUrl('default') ?? '',
		lifetimeHours: Number(options.channelLifetimeHours ?? DEFAULT_LIFETIME_HOURS) || DEFAULT_LIFETIME_HOURS,
		renewWithinHours: Number(options.renewWithinHours ?? DEFAULT_RENEW_WITHIN_HOURS),
	};
}

function storedChannel(ctx: TriggerContext): ChannelState | undefined {
	const data = ctx.getWorkflowStaticData('node');
	return isChannelState(data.channel) ? data.channel : undefined;
}

function storeChannel(ctx: TriggerContext, state: ChannelState | undefined): void {
	const data = ctx.getWorkflowStaticData('node');
	if (state) data.channel = state as unknown as IDataObject;
	else delete data.channel;
}

/** Extends the channel when it is within the renewal window; returns whether it did. Never throws. */
async function renewIfDue(ctx: TriggerContext, settings: ChannelSettings): Promise<boolean> {
	const state = storedChannel(ctx);
	if (!state || !renewDue(state, settings.renewWithinHours)) return false;
	try {
		const client = await zohoClient(ctx);
		// Deliveries arriving together near expiry share one renewal (PATCH is idempotent, one call is enough).
		const renewed = await singleFlight(`zoho-channel:${state.channelId}`, async () =>
			await writeChannel(ctx, client, 'PATCH', state, { ...settings, events: state.events, notifyUrl: state.notifyUrl }),
		);
		storeChannel(ctx, renewed);
		return true;
	} catch (error) {
		// A failed renewal must not lose the delivery; the next delivery (or renewal call) tries again.
		ctx.logger.warn(`Zoho CRM notification channel ${state.channelId} could not be renewed: ${(error as Error).message}`);
		return false;
	}
}

export class ZohoCrmConnectInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho CRM Connect Instant Trigger',
		name: 'zohoCrmConnectInstantTrigger',
		icon: { light: 'file:zohoCrmConnect.svg', dark: 'file:zohoCrmConnect.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ") + ": " + $parameter["module"].value}}',
		description: 'Starts the workflow the moment records of a Zoho CRM module are created, edited or deleted (notification channel)',
		defaults: { name: 'Zoho CRM Connect Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoCrmConnectOAuth2Api', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			// GET on the same URL renews a channel close to expiry: call it from a Schedule Trigger so a quiet module keeps its channel.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Needs the scope ZohoCRM.notifications.ALL on the Zoho CRM credential. Zoho ends a notification channel after at most one day: the node renews it on activation and on every notification that arrives within the renewal window. n8n has no timer for webhook nodes, so for a module that can stay quiet for a day, call this URL with GET every few hours (Schedule Trigger + HTTP Request), or re-activate the workflow.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			moduleLocator,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Record Created', value: 'create' },
					{ name: 'Record Deleted', value: 'delete' },
					{ name: 'Record Edited', value: 'edit' },
				],
				default: ['create', 'edit'],
				required: true,
			},
			{
				displayName: 'Fetch Full Records',
				name: 'fetchRecords',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the created or edited records by ID (100 per call) and emit them under "record"; otherwise only IDs and changed field names are emitted',
			},
			{
				displayName: 'Field Names or IDs',
				name: 'fields',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
				default: [],
				displayOptions: { show: { fetchRecords: [true] } },
				description:
					'Fields to read; empty: every field. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Channel Lifetime (Hours)',
						name: 'channelLifetimeHours',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 24 },
						default: DEFAULT_LIFETIME_HOURS,
						description: 'Channel expiry set on each subscription and renewal; Zoho allows at most 24 (23 leaves room for clock skew)',
					},
					{
						displayName: 'Renew Within (Hours)',
						name: 'renewWithinHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 24 },
						default: DEFAULT_RENEW_WITHIN_HOURS,
						description: 'A notification or renewal call arriving when the channel has less than this left extends it',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchModules },
		loadOptions: { getFields },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = storedChannel(this);
				if (!state) return false;
				const settings = channelSettings(this);
				if (!channelMatches(state, settings)) return false;
				const client = await zohoClient(this);
				const live = await readChannel(this, client, state.channelId, state.module);
				if (!live) return false;
				await renewIfDue(this, settings);
				logZohoUsage(this, 'channel check');
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const settings = channelSettings(this);
				if (!settings.notifyUrl) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
				const client = await zohoClient(this);
				const previous = storedChannel(this);
				if (previous) {
					// A channel for another module, event set or URL: replace it rather than leave it delivering.
					await deleteChannel(this, client, previous.channelId, previous.module).catch((error: Error) =>
						this.logger.warn(`Replaced Zoho CRM notification channel ${previous.channelId} could not be removed: ${error.message}`),
					);
					storeChannel(this, undefined);
				}
				storeChannel(this, await writeChannel(this, client, 'POST', newChannelIdentity(), settings));
				logZohoUsage(this, 'channel registration');
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = storedChannel(this);
				if (!state) return true;
				try {
					await deleteChannel(this, await zohoClient(this), state.channelId, state.module);
				} catch (error) {
					this.logger.warn(`Zoho CRM notification channel ${state.channelId} could not be removed: ${(error as Error).message}`);
					return false;
				}
				storeChannel(this, undefined);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			return await receive.call(this);
		} finally {
			// Webhook contexts have no execution hints: renewals and record fetches go to n8n's log.
			logZohoUsage(this, this.getWebhookName() === 'setup' ? 'channel check' : 'notification');
		}
	}
}

/** One call of the webhook URL: a notification (or the setup GET) and the Zoho calls it makes. */
async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = channelSettings(this);
	if (this.getWebhookName() === 'setup') {
		const renewed = await renewIfDue(this, settings);
		const state = storedChannel(this);
		return {
			webhookResponse: {
				channel: state ? state.channelId : null,
				expiresAt: state ? new Date(state.expiresAt).toISOString() : null,
				renewed,
			},
		};
	}

	const body = this.getBodyData();
	if (!verifyDelivery(storedChannel(this), body)) {
		const res = this.getResponseObject();
		res.status(401).json({ message: 'Unknown channel or wrong token' });
		return { noWebhookResponse: true };
	}
	await renewIfDue(this, settings);
	const delivery = parseDelivery(body);
	if (!delivery || !settings.events.includes(delivery.event) || delivery.ids.length === 0) return { webhookResponse: { received: true } };

	let records = new Map<string, IDataObject>();
	if (delivery.event !== 'delete' && this.getNodeParameter('fetchRecords', false) === true) {
		const fields = (this.getNodeParameter('fields', []) as string[]).map(String);
		const client = await zohoClient(this);
		const fetched = await fetchFields(this, client, settings.module, delivery.ids.map((id) => ({ id })), fields.length ? fields : undefined);
		records = new Map(fetched.map((r) => [String(r.id), r]));
	}
	const items: INodeExecutionData[] = delivery.ids.map((id) => ({
		json: {
			id,
			module: delivery.module || settings.module,
			event: delivery.event,
			...(delivery.event === 'edit' ? { affectedFields: delivery.affectedFields[id] ?? [] } : {}),
			...(delivery.serverTime !== undefined ? { serverTime: new Date(delivery.serverTime).toISOString() } : {}),
			...(records.has(id) ? { record: records.get(id) } : {}),
		},
	}));
	return { workflowData: [items] };
}
