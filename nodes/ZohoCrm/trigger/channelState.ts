import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { singleFlight } from '../../shared/singleFlight';
import { API_NAME } from '../apiName';
import { zohoClient } from '../transport';
import {
	DEFAULT_LIFETIME_HOURS,
	DEFAULT_RENEW_WITHIN_HOURS,
	isChannelState,
	renewDue,
	writeChannel,
	type ChannelSettings,
	type ChannelState,
	type WatchEvent,
} from './channel';

/** The Instant Trigger's state: its settings, the channel kept in the workflow's static data, its renewal. */

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export function channelSettings(ctx: TriggerContext): ChannelSettings {
	const module = String(ctx.getNodeParameter('module', '', { extractValue: true }) ?? '').trim();
	if (!API_NAME.test(module)) throw new NodeOperationError(ctx.getNode(), `"${module}" is not a Zoho module API name`);
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

export function storedChannel(ctx: TriggerContext): ChannelState | undefined {
	const data = ctx.getWorkflowStaticData('node');
	return isChannelState(data.channel) ? data.channel : undefined;
}

export function storeChannel(ctx: TriggerContext, state: ChannelState | undefined): void {
	const data = ctx.getWorkflowStaticData('node');
	if (state) data.channel = state as unknown as IDataObject;
	else delete data.channel;
}

/** Extends the channel when it is within the renewal window; returns whether it did. Never throws. */
export async function renewIfDue(ctx: TriggerContext, settings: ChannelSettings): Promise<boolean> {
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
