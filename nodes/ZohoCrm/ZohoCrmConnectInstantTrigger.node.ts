import type { IDataObject, IHookFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { searchModules } from './methods/listSearch';
import { getFields } from './methods/loadOptions';
import { logZohoUsage, zohoClient } from './transport';
import { channelMatches, deleteChannel, newChannelIdentity, parseDelivery, readChannel, verifyDelivery, writeChannel } from './trigger/channel';
import { channelSettings, renewIfDue, storeChannel, storedChannel } from './trigger/channelState';
import { instantProperties } from './trigger/instantDescription';
import { fetchFields } from './trigger/fields';

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
		properties: instantProperties,
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
