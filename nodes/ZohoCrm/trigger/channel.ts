import { randomBytes, randomInt, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { expectOk, zohoCall, zohoError, type ZohoClient, type ZohoErrorBody } from '../transport';
import { isoSeconds } from '../../shared/time';

/**
 * Zoho CRM notification channels (`/actions/watch`) for the instant trigger: what is stored in the
 * workflow's static data, the calls that subscribe, renew and unsubscribe, and the pure checks a
 * delivery goes through.
 */

export type WatchEvent = 'create' | 'edit' | 'delete';

/** Zoho's channel_expiry is at most one day ahead. */
export const MAX_LIFETIME_HOURS = 24;
export const DEFAULT_LIFETIME_HOURS = 23;
export const DEFAULT_RENEW_WITHIN_HOURS = 6;
const HOUR = 3_600_000;

export interface ChannelState {
	channelId: string;
	token: string;
	module: string;
	events: WatchEvent[];
	notifyUrl: string;
	/** channel_expiry as Zoho confirmed it (epoch ms). */
	expiresAt: number;
}

export interface ChannelSettings {
	module: string;
	events: WatchEvent[];
	notifyUrl: string;
	lifetimeHours: number;
	renewWithinHours: number;
}

export function isChannelState(value: unknown): value is ChannelState {
	const s = value as ChannelState | undefined;
	return !!s && typeof s.channelId === 'string' && typeof s.token === 'string' && typeof s.expiresAt === 'number';
}

export function watchEvents(module: string, events: WatchEvent[]): string[] {
	return events.map((e) => `${module}.${e}`);
}

/** A numeric channel id (Zoho wants a long) and a 48-character secret token (Zoho allows 50). */
export function newChannelIdentity(): { channelId: string; token: string } {
	return { channelId: `${Date.now()}${String(randomInt(0, 1000)).padStart(3, '0')}`, token: randomBytes(24).toString('hex') };
}

function lifetimeMs(hours: number): number {
	return Math.max(1, Math.min(MAX_LIFETIME_HOURS, hours)) * HOUR;
}

/** True when the channel expires within the renewal window (or already has). */
export function renewDue(state: ChannelState, renewWithinHours: number, now = Date.now()): boolean {
	return state.expiresAt - now <= renewWithinHours * HOUR;
}

/** The channel matches what the node asks for (module, events, URL): otherwise it is replaced. */
export function channelMatches(state: ChannelState, settings: Pick<ChannelSettings, 'module' | 'events' | 'notifyUrl'>): boolean {
	const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
	return state.module === settings.module && state.notifyUrl === settings.notifyUrl && same(state.events, settings.events);
}

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** A delivery is ours when it names our channel and carries our token; anything else is refused. */
export function verifyDelivery(state: ChannelState | undefined, body: IDataObject): boolean {
	if (!state) return false;
	const token = typeof body.token === 'string' ? body.token : '';
	return String(body.channel_id ?? '') === state.channelId && token !== '' && sameSecret(token, state.token);
}

const OPERATION_EVENT: Record<string, WatchEvent> = { insert: 'create', create: 'create', update: 'edit', edit: 'edit', delete: 'delete' };

export interface Delivery {
	event: WatchEvent;
	module: string;
	ids: string[];
	/** id -> API names of the fields the edit touched (edit events). */
	affectedFields: Record<string, string[]>;
	serverTime?: number;
}

/** Reads Zoho's notification body: `{module, operation: insert|update|delete, ids, affected_fields, server_time, ...}`. */
export function parseDelivery(body: IDataObject): Delivery | undefined {
	const event = OPERATION_EVENT[String(body.operation ?? '').toLowerCase()];
	if (!event) return undefined;
	const ids = Array.isArray(body.ids) ? (body.ids as unknown[]).map(String) : [];
	const affectedFields: Record<string, string[]> = {};
	if (Array.isArray(body.affected_fields)) {
		for (const entry of body.affected_fields as IDataObject[]) {
			for (const [id, fields] of Object.entries(entry ?? {})) if (Array.isArray(fields)) affectedFields[id] = fields.map(String);
		}
	}
	const serverTime = Number(body.server_time);
	return { event, module: String(body.module ?? ''), ids, affectedFields, serverTime: Number.isFinite(serverTime) ? serverTime : undefined };
}

function failure(ctx: HostContext, answer: { status: number; body: IDataObject | undefined }, module: string, action: string): Error {
	const item = ((answer.body?.watch as IDataObject[] | undefined) ?? [])[0] as ZohoErrorBody | undefined;
	return zohoError(ctx, { status: answer.status, error: item ?? (answer.body as ZohoErrorBody) ?? {} }, { module, action });
}

/** POST (subscribe) or PATCH (renew) one channel; returns the confirmed state. */
export async function writeChannel(
	ctx: HostContext,
	client: ZohoClient,
	method: 'POST' | 'PATCH',
	identity: { channelId: string; token: string },
	settings: ChannelSettings,
	now = Date.now(),
): Promise<ChannelState> {
	const expiresAt = Math.floor((now + lifetimeMs(settings.lifetimeHours)) / 1000) * 1000;
	const entry: IDataObject = {
		channel_id: Number(identity.channelId),
		events: watchEvents(settings.module, settings.events),
		notify_url: settings.notifyUrl,
		token: identity.token,
		channel_expiry: isoSeconds(expiresAt),
	};
	const action = method === 'POST' ? 'subscribe to notifications' : 'renew the notification channel';
	const answer = await zohoCall(ctx, client, { method, path: '/actions/watch', body: { watch: [entry] }, idempotent: true });
	const item = ((answer.body?.watch as IDataObject[] | undefined) ?? [])[0];
	if (answer.status >= 400 || !item || item.status !== 'success') throw failure(ctx, answer, settings.module, action);
	const confirmed = (((item.details as IDataObject | undefined)?.events as IDataObject[] | undefined) ?? [])[0]?.channel_expiry;
	const confirmedMs = typeof confirmed === 'string' ? Date.parse(confirmed) : Number.NaN;
	return {
		...identity,
		module: settings.module,
		events: settings.events,
		notifyUrl: settings.notifyUrl,
		expiresAt: Number.isNaN(confirmedMs) ? expiresAt : confirmedMs,
	};
}

/** The channel as Zoho knows it now, or undefined when it is gone (deleted or expired). */
export async function readChannel(ctx: HostContext, client: ZohoClient, channelId: string, module: string): Promise<IDataObject | undefined> {
	const answer = await zohoCall(ctx, client, { method: 'GET', path: '/actions/watch', qs: { channel_id: channelId } });
	if (answer.status === 204) return undefined;
	const body = expectOk(ctx, answer, { module, action: 'read the notification channel' }) ?? {};
	return ((body.watch as IDataObject[] | undefined) ?? []).find((w) => String(w.channel_id) === channelId);
}

/** Unsubscribes; a channel Zoho no longer knows counts as removed. */
export async function deleteChannel(ctx: HostContext, client: ZohoClient, channelId: string, module: string): Promise<void> {
	const answer = await zohoCall(ctx, client, { method: 'DELETE', path: '/actions/watch', qs: { channel_ids: channelId } });
	if (answer.status < 400) return;
	const item = ((answer.body?.watch as IDataObject[] | undefined) ?? [])[0];
	if (item && item.code === 'INVALID_DATA') return;
	throw failure(ctx, answer, module, 'unsubscribe from notifications');
}
