import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Reply } from '../core/types';
import { parseZohoTime, toZohoTime, type Clock } from './clock';
import { errorReply, noContent } from './errors';
import type { WatchEntry } from './schemas';
import type { ChangeEvent, ZohoStore } from './store';

interface Channel {
	channel_id: string | number;
	events: string[];
	notify_url: string;
	token?: string;
	expiresAt: number;
	notify_on_related_action: boolean;
}

export interface NotificationDelivery {
	channel_id: string | number;
	url: string;
	module: string;
	operation: string;
	ids: string[];
	body: Record<string, unknown>;
	status?: number;
	error?: string;
	at: number;
}

const OPERATION_EVENT: Record<ChangeEvent['operation'], string> = { insert: 'create', update: 'edit', delete: 'delete' };
const MAX_EXPIRY_MS = 24 * 3600 * 1000;
const DEFAULT_EXPIRY_MS = 3600 * 1000;

/** Instant notifications (/actions/watch): channels, and real HTTP POSTs to notify_url on every matching write. */
export class Notifications {
	private channels = new Map<string, Channel>();
	readonly deliveries: NotificationDelivery[] = [];
	private pending = new Set<Promise<void>>();

	constructor(private readonly store: ZohoStore, private readonly clock: Clock, private readonly apiBase: () => string) {
		store.onChange((event) => this.dispatch(event));
	}

	reset(): void {
		this.channels.clear();
		this.deliveries.length = 0;
	}

	get failures(): NotificationDelivery[] {
		return this.deliveries.filter((d) => d.error !== undefined || (d.status !== undefined && d.status >= 400));
	}

	/** Resolves once every delivery started so far has finished (tests await it). */
	async flush(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	private checkEntry(entry: WatchEntry, index: number, needUrl: boolean): { expiresAt?: number } | Reply {
		const fail = (api: string, message: string): Reply =>
			errorReply(400, 'INVALID_DATA', message, { api_name: api, json_path: `$.watch[${index}].${api}` });
		for (const event of entry.events) {
			const m = this.store.module(event.split('.')[0]);
			if (!m || !m.api_supported) return fail('events', `the module in event ${event} is not supported`);
		}
		if (needUrl && !entry.notify_url) return fail('notify_url', 'notify_url is required');
		if (entry.channel_expiry === undefined) return {};
		const ms = parseZohoTime(entry.channel_expiry);
		if (ms === undefined) return fail('channel_expiry', 'channel_expiry must be a datetime like 2026-01-31T10:00:00+00:00');
		const now = this.clock.now();
		if (ms <= now) return fail('channel_expiry', 'channel_expiry is in the past');
		if (ms - now > MAX_EXPIRY_MS) return fail('channel_expiry', 'channel_expiry can be at most one day from now');
		return { expiresAt: ms };
	}

	private describe(channel: Channel): Record<string, unknown> {
		return {
			channel_id: channel.channel_id,
			events: channel.events,
			notify_url: channel.notify_url,
			token: channel.token ?? null,
			channel_expiry: toZohoTime(channel.expiresAt),
			notify_on_related_action: channel.notify_on_related_action,
			resource_uri: `${this.apiBase()}/${channel.events[0].split('.')[0]}`,
		};
	}

	private successItem(channel: Channel, message: string): Record<string, unknown> {
		return {
			code: 'SUCCESS',
			details: {
				// One entry per watched module, however many of its events are watched.
				events: [...new Set(channel.events.map((e) => this.store.module(e.split('.')[0])!))].map((module) => {
					return { channel_expiry: toZohoTime(channel.expiresAt), resource_uri: `${this.apiBase()}/${module.api_name}`, resource_id: module.id, resource_name: module.api_name, channel_id: channel.channel_id };
				}),
			},
			message,
			status: 'success',
		};
	}

	/** POST (subscribe), PUT (replace details), PATCH (update, or drop events with _delete_events). */
	write(entries: WatchEntry[], mode: 'POST' | 'PUT' | 'PATCH'): Reply {
		const now = this.clock.now();
		for (const [i, entry] of entries.entries()) {
			const checked = this.checkEntry(entry, i, mode === 'POST' && !this.channels.has(String(entry.channel_id)));
			if ('status' in checked) return checked;
			if (mode !== 'POST' && !this.channels.has(String(entry.channel_id))) {
				return errorReply(400, 'INVALID_DATA', `no channel ${entry.channel_id} is subscribed`, { api_name: 'channel_id', json_path: `$.watch[${i}].channel_id` });
			}
		}
		const items = entries.map((entry) => {
			const key = String(entry.channel_id);
			const existing = this.channels.get(key);
			const expiresAt = entry.channel_expiry ? parseZohoTime(entry.channel_expiry)! : (existing?.expiresAt ?? now + DEFAULT_EXPIRY_MS);
			if (mode === 'PATCH' && entry._delete_events && existing) {
				existing.events = existing.events.filter((e) => !entry.events.includes(e));
				if (existing.events.length === 0) this.channels.delete(key);
				return this.successItem({ ...existing, events: entry.events }, 'Successfully unsubscribed from actions-watch of the given events');
			}
			const events = mode === 'PUT' || !existing ? entry.events : [...new Set([...existing.events, ...entry.events])];
			const channel: Channel = {
				channel_id: entry.channel_id,
				events,
				notify_url: entry.notify_url ?? existing!.notify_url,
				token: entry.token ?? existing?.token,
				expiresAt,
				notify_on_related_action: entry.notify_on_related_action ?? existing?.notify_on_related_action ?? false,
			};
			this.channels.set(key, channel);
			return this.successItem(channel, 'Successfully subscribed for actions-watch of the given module');
		});
		return { status: 200, body: { watch: items } };
	}

	list(query: URLSearchParams): Reply {
		const now = this.clock.now();
		const wantChannel = query.get('channel_id');
		const wantModule = query.get('module')?.toLowerCase();
		const found = [...this.channels.values()].filter(
			(c) => c.expiresAt > now && (!wantChannel || String(c.channel_id) === wantChannel) && (!wantModule || c.events.some((e) => e.toLowerCase().startsWith(`${wantModule}.`))),
		);
		if (found.length === 0) return noContent();
		return { status: 200, body: { watch: found.map((c) => this.describe(c)) } };
	}

	remove(query: URLSearchParams): Reply {
		const ids = (query.get('channel_ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
		if (ids.length === 0) return errorReply(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'channel_ids' });
		const items = ids.map((id) => {
			const channel = this.channels.get(id);
			if (!channel) return { code: 'INVALID_DATA', details: { channel_id: id }, message: 'the channel id given is not subscribed', status: 'error' };
			this.channels.delete(id);
			return this.successItem(channel, 'Successfully unsubscribed from actions-watch');
		});
		return { status: 200, body: { watch: items } };
	}

	private dispatch(event: ChangeEvent): void {
		const now = this.clock.now();
		const wanted = new Set([`${event.module}.${OPERATION_EVENT[event.operation]}`, `${event.module}.all`].map((e) => e.toLowerCase()));
		for (const channel of this.channels.values()) {
			if (channel.expiresAt <= now || !channel.events.some((e) => wanted.has(e.toLowerCase()))) continue;
			const url = new URL(channel.notify_url);
			const body = {
				server_time: now,
				query_params: Object.fromEntries(url.searchParams),
				module: event.module,
				resource_uri: `${this.apiBase()}/${event.module}`,
				ids: event.ids,
				affected_fields: event.operation === 'update' ? event.ids.map((id) => ({ [id]: event.affected[id] ?? [] })) : [],
				operation: event.operation,
				channel_id: channel.channel_id,
				token: channel.token ?? null,
			};
			const delivery: NotificationDelivery = { channel_id: channel.channel_id, url: channel.notify_url, module: event.module, operation: event.operation, ids: event.ids, body, at: now };
			this.deliveries.push(delivery);
			const p = post(channel.notify_url, body).then(
				(status) => {
					delivery.status = status;
				},
				(error: unknown) => {
					delivery.error = error instanceof Error ? error.message : String(error);
				},
			);
			this.pending.add(p);
			void p.finally(() => this.pending.delete(p));
		}
	}
}

function post(target: string, body: unknown): Promise<number> {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const url = new URL(target);
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(url, { method: 'POST', agent: false, timeout: 10_000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error('notification delivery timed out')));
		req.on('error', reject);
		req.end(payload);
	});
}
