import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { recordNodeRequest, recordingRequests } from './requestRecord';
import type {
	FaultBodyFactory,
	FaultRule,
	Handler,
	LogEntry,
	Reply,
	RequestContext,
	RouteOptions,
	ServiceName,
} from './types';

interface Route {
	host: string;
	method: string;
	pattern: string;
	regex: RegExp;
	keys: string[];
	handler: Handler;
	service: ServiceName;
}

/** The origin every service lives on unless a route names another (addHost). */
export const MAIN_HOST = 'main';

interface ActiveFault extends FaultRule {
	id: number;
	seen: number;
	fired: number;
	/** Requests waiting at a barrier. */
	held: Array<() => void>;
}

export interface Stats {
	total: number;
	byService: Record<string, number>;
	/** "GET /crm/v8/:module" -> count. Faulted requests count too (they cost the user a call). */
	byEndpoint: Record<string, number>;
	byStatus: Record<string, number>;
	/** Highest number of requests a service had in flight at once since the last reset. */
	maxConcurrency: Record<string, number>;
	faultsFired: number;
	/** API credits the services billed (Zoho CRM prices with the package's own cost table), by service and by endpoint. */
	credits: Record<string, number>;
	creditsByEndpoint: Record<string, number>;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
	const keys: string[] = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				keys.push(part.slice(1));
				return '([^/]+)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${source}/?$`), keys };
}

function authScheme(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const space = header.indexOf(' ');
	return space > 0 ? header.slice(0, space) : 'unknown';
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const text = raw.toString('utf8');
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	if (type.includes('multipart/form-data')) return parseMultipart(text, contentType ?? '');
	if (type.includes('json') || /^\s*[[{]/.test(text)) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return { __invalidJson: text.slice(0, 200) };
		}
	}
	return text;
}

/**
 * The text fields of a multipart/form-data body (files are not taken). Zoho's own Node SDK sends its
 * token requests this way (FormData from the form-data package), so the accounts server must read it.
 */
export function parseMultipart(text: string, contentType: string): Record<string, string> {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	const out: Record<string, string> = {};
	if (!boundary) return out;
	for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
		const split = part.indexOf('\r\n\r\n');
		if (split < 0) continue;
		const head = part.slice(0, split);
		const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head);
		if (!name || /\bfilename=/i.test(head)) continue;
		out[name[1]] = part.slice(split + 4).replace(/\r\n$/, '');
	}
	return out;
}

/**
 * A small HTTP server with routing, fault injection, a request log, call counters and an
 * in-flight gauge per service. Services (Zoho, MailChimp, ...) register routes on it.
 */
export class SandboxServer {
	private readonly routes: Route[] = [];
	private readonly faults: ActiveFault[] = [];
	private readonly faultBodies = new Map<ServiceName, FaultBodyFactory>();
	private readonly sockets = new Set<Socket>();
	private server?: Server;
	/** Further origins (own port each) a service lives on, e.g. Zoho's file host for uploads; name -> listener. */
	private readonly extraHosts = new Map<string, { server?: Server; baseUrl: string }>();
	private nextFaultId = 1;
	private seq = 0;
	private inflightNow: Record<string, number> = {};
	readonly log: LogEntry[] = [];
	private stats: Stats = SandboxServer.emptyStats();
	/** Fixed latency added to every request (the benchmark's "network"), in ms. */
	latencyMs = 0;
	/**
	 * Keep bodies and a few headers in the log entries (`LogEntry.request`), for the request-definition
	 * check. On by default in a jest run that records requests for the suite-wide check (see
	 * test/contracts/recordedRequests.ts).
	 */
	captureRequests = recordingRequests();
	/** Keep at most this many log entries (oldest dropped); counters are never truncated. */
	logLimit = 200_000;
	baseUrl = '';

	private static emptyStats(): Stats {
		return { total: 0, byService: {}, byEndpoint: {}, byStatus: {}, maxConcurrency: {}, faultsFired: 0, credits: {}, creditsByEndpoint: {} };
	}

	route(method: string, pattern: string, handler: Handler, options: RouteOptions): void {
		const { regex, keys } = compile(pattern);
		this.routes.push({ host: options.host ?? MAIN_HOST, method: method.toUpperCase(), pattern, regex, keys, handler, service: options.service });
	}

	/**
	 * Declares another origin (its own port, started by `listen`): routes registered with this host
	 * name answer only there, and the main origin's routes never answer on it.
	 */
	addHost(name: string): void {
		if (!this.extraHosts.has(name)) this.extraHosts.set(name, { baseUrl: '' });
	}

	/** The origin of a host declared with addHost (after listen). */
	hostUrl(name: string): string {
		const host = this.extraHosts.get(name);
		if (!host?.baseUrl) throw new Error(`sandbox host ${name} is not listening`);
		return host.baseUrl;
	}

	/** How a service words an injected status fault (Zoho JSON, MailChimp problem+json ...). */
	setFaultBody(service: ServiceName, factory: FaultBodyFactory): void {
		this.faultBodies.set(service, factory);
	}

	addFault(rule: FaultRule): number {
		const id = this.nextFaultId++;
		this.faults.push({ ...rule, id, seen: 0, fired: 0, held: [] });
		return id;
	}

	removeFault(id: number): void {
		const index = this.faults.findIndex((f) => f.id === id);
		if (index >= 0) this.faults.splice(index, 1);
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/**
	 * Sequence number of the newest request received so far (log entries carry theirs): a test marks
	 * it, then waits for calls after the mark (`test/helpers/sandboxCalls.ts`). Not reset by resetStats.
	 */
	get lastSeq(): number {
		return this.seq;
	}

	inflight(service: ServiceName): number {
		return this.inflightNow[service] ?? 0;
	}

	/** A service bills `credits` for one request it served (reset with the other counters). */
	charge(service: ServiceName, endpoint: string, credits: number): void {
		if (credits <= 0) return;
		this.stats.credits[service] = (this.stats.credits[service] ?? 0) + credits;
		this.stats.creditsByEndpoint[endpoint] = (this.stats.creditsByEndpoint[endpoint] ?? 0) + credits;
	}

	getStats(): Stats {
		return JSON.parse(JSON.stringify(this.stats)) as Stats;
	}

	/** Zero the counters and the log (state of the fake services is theirs to reset). */
	resetStats(): void {
		this.stats = SandboxServer.emptyStats();
		this.log.length = 0;
	}

	private async listenOne(hostName: string, port: number, host: string): Promise<{ server: Server; baseUrl: string }> {
		const server = createServer((req, res) => {
			void this.dispatch(req, res, hostName);
		});
		server.keepAliveTimeout = 5_000;
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => resolve());
		});
		const address = server.address() as AddressInfo;
		return { server, baseUrl: `http://${host}:${address.port}` };
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		const main = await this.listenOne(MAIN_HOST, port, host);
		this.server = main.server;
		this.baseUrl = main.baseUrl;
		for (const [name, extra] of this.extraHosts) Object.assign(extra, await this.listenOne(name, 0, host));
		return this.baseUrl;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		for (const socket of this.sockets) socket.destroy();
		const servers = [this.server, ...[...this.extraHosts.values()].map((h) => h.server)].filter((s): s is Server => s !== undefined);
		await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
		this.server = undefined;
		for (const extra of this.extraHosts.values()) {
			extra.server = undefined;
			extra.baseUrl = '';
		}
	}

	private match(method: string, path: string, host: string): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method || route.host !== host) continue;
			const m = route.regex.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => {
				params[key] = decodeURIComponent(m[i + 1]);
			});
			return { route, params };
		}
		return undefined;
	}

	private fires(fault: ActiveFault, service: ServiceName, method: string, path: string): boolean {
		if (fault.times !== undefined && fault.fired >= fault.times) return false;
		if (fault.service && fault.service !== service) return false;
		if (fault.method && fault.method.toUpperCase() !== method) return false;
		if (fault.path instanceof RegExp && !fault.path.test(path)) return false;
		if (typeof fault.path === 'string' && !path.startsWith(fault.path)) return false;
		fault.seen++;
		const counted = fault.seen - (fault.after ?? 0);
		if (counted <= 0 || (counted - 1) % (fault.every ?? 1) !== 0) return false;
		fault.fired++;
		return true;
	}

	private pickFault(service: ServiceName, method: string, path: string): ActiveFault | undefined {
		for (const fault of this.faults) {
			if (fault.kind === 'action') continue;
			if (this.fires(fault, service, method, path)) return fault;
		}
		return undefined;
	}

	/** Action rules run before the request is served (they do not count as faults). */
	private runActions(service: ServiceName, method: string, path: string): string[] {
		const ran: string[] = [];
		for (const fault of this.faults) {
			if (fault.kind !== 'action' || !this.fires(fault, service, method, path)) continue;
			fault.run?.();
			ran.push(`action ${fault.id}`);
		}
		return ran;
	}

	private async readBody(req: IncomingMessage): Promise<Buffer> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	}

	private count(entry: LogEntry): void {
		const s = this.stats;
		s.total++;
		s.byService[entry.service] = (s.byService[entry.service] ?? 0) + 1;
		s.byEndpoint[entry.endpoint] = (s.byEndpoint[entry.endpoint] ?? 0) + 1;
		s.byStatus[String(entry.status)] = (s.byStatus[String(entry.status)] ?? 0) + 1;
		if (entry.fault) s.faultsFired++;
		this.log.push(entry);
		if (entry.request) recordNodeRequest(entry);
		if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
		const startedAt = Date.now();
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const found = this.match(method, path, host);
		const service: ServiceName = found?.route.service ?? 'control';
		const entry: LogEntry = {
			seq: ++this.seq,
			service,
			method,
			path,
			endpoint: found ? `${method} ${found.route.pattern}` : `${method} (no route)`,
			query: Object.fromEntries(url.searchParams),
			status: 0,
			authScheme: authScheme(req.headers.authorization),
			startedAt,
			durationMs: 0,
		};
		const counted = service !== 'control';
		this.inflightNow[service] = (this.inflightNow[service] ?? 0) + 1;
		if (counted) {
			const max = this.stats.maxConcurrency[service] ?? 0;
			if (this.inflightNow[service] > max) this.stats.maxConcurrency[service] = this.inflightNow[service];
		}
		try {
			const rawBody = await this.readBody(req);
			if (this.captureRequests && counted) entry.request = captured(service, rawBody, req.headers);
			if (counted && this.latencyMs > 0) await delay(this.latencyMs);
			if (counted) {
				const ran = this.runActions(service, method, path);
				if (ran.length) entry.facts = { ...(entry.facts ?? {}), actions: ran };
			}
			const fault = counted ? this.pickFault(service, method, path) : undefined;
			if (fault) entry.fault = fault.kind === 'status' ? `status ${fault.status}` : fault.kind === 'drop' ? `drop ${fault.when ?? 'mid'}` : fault.kind;
			if (fault?.kind === 'latency') await delay(fault.latencyMs ?? 1000);
			if (fault?.kind === 'barrier') await atBarrier(fault);
			if (fault?.kind === 'drop' && fault.when !== 'after') {
				entry.status = -1;
				if ((fault.when ?? 'mid') === 'before') {
					req.socket.destroy();
				} else {
					res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
					res.write('{"data":[{"id":"');
					await delay(5);
					req.socket.destroy();
				}
				return;
			}
			let reply: Reply;
			if (fault?.kind === 'status') {
				const factory = this.faultBodies.get(service);
				reply = factory ? factory(fault.status ?? 500) : { status: fault.status ?? 500, body: { error: 'injected fault' } };
			} else if (fault?.kind === 'redirect') {
				reply = { status: fault.status ?? 307, headers: { location: fault.location ?? '/' } };
			} else if (!found) {
				reply = { status: 404, body: { code: 'NOT_FOUND', message: `sandbox: no route for ${method} ${path}`, status: 'error' } };
			} else {
				const ctx: RequestContext = {
					req,
					method,
					path,
					params: found.params,
					query: url.searchParams,
					headers: req.headers,
					body: parseBody(rawBody, req.headers['content-type']),
					rawBody,
					note: (facts) => {
						entry.facts = { ...(entry.facts ?? {}), ...facts };
					},
				};
				reply = await found.route.handler(ctx);
			}
			if (fault?.kind === 'drop') {
				// "after": the handler ran (a write is applied), then the answer is cut off half way.
				entry.status = -1;
				this.sendHalf(res, reply);
				await delay(5);
				req.socket.destroy();
				return;
			}
			entry.status = reply.status;
			this.send(res, reply);
		} catch (error) {
			entry.status = 500;
			const message = error instanceof Error ? error.message : String(error);
			this.send(res, { status: 500, body: { code: 'SANDBOX_BUG', message, status: 'error' } });
		} finally {
			this.inflightNow[service]--;
			entry.durationMs = Date.now() - startedAt;
			if (counted) this.count(entry);
		}
	}

	/** Headers and the first half of the answer, announcing the full length (the client waits for the rest). */
	private sendHalf(res: ServerResponse, reply: Reply): void {
		const payload = Buffer.from(
			typeof reply.body === 'string' ? reply.body : Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : JSON.stringify(reply.body ?? {}),
		);
		res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(payload.length) });
		res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
	}

	private send(res: ServerResponse, reply: Reply): void {
		const headers: Record<string, string> = { ...(reply.headers ?? {}) };
		let payload: string | Buffer | undefined;
		if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
			payload = undefined;
		} else if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
			payload = reply.body;
		} else {
			payload = JSON.stringify(reply.body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['content-type'] = 'application/json;charset=utf-8';
			}
		}
		res.writeHead(reply.status, headers);
		res.end(payload);
	}
}

/** Holds a request until the barrier's `holdUntil` requests are held, then lets them all go. */
function atBarrier(fault: ActiveFault): Promise<void> {
	return new Promise((resolve) => {
		fault.held.push(resolve);
		if (fault.held.length >= (fault.holdUntil ?? 2)) for (const release of fault.held.splice(0)) release();
	});
}

/** API services whose bodies hold no credentials: logged whole when requests are captured. */
const API_SERVICES: ServiceName[] = ['zoho-crm', 'mailchimp-api'];

function captured(service: ServiceName, raw: Buffer, headers: IncomingMessage['headers']): NonNullable<LogEntry['request']> {
	const contentType = headers['content-type'];
	let body = parseBody(raw, contentType);
	if (!API_SERVICES.includes(service) && body && typeof body === 'object') {
		body = Object.fromEntries(Object.keys(body).map((k) => [k, '[redacted]']));
	} else if (!API_SERVICES.includes(service) && body !== undefined) {
		body = '[redacted]';
	}
	const ifModifiedSince = headers['if-modified-since'];
	const userAgent = headers['user-agent'];
	return { body, contentType, ifModifiedSince: Array.isArray(ifModifiedSince) ? ifModifiedSince[0] : ifModifiedSince, userAgent };
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
