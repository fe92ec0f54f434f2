import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export type ServiceName = 'zoho-accounts' | 'zoho-crm' | 'mailchimp-login' | 'mailchimp-api' | 'custom' | 'control';

/** What a handler sees of one request. */
export interface RequestContext {
	req: IncomingMessage;
	method: string;
	/** Path without the query string, percent-decoding NOT applied (params are decoded). */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** Parsed body: object for JSON, Record<string,string> for form bodies, string otherwise, undefined when empty. */
	body: unknown;
	rawBody: Buffer;
	/** Attach facts to this request's log entry (e.g. grant_type, token kind). Never attach secrets. */
	note(facts: Record<string, unknown>): void;
}

/** What a handler answers. `body` objects are sent as JSON; strings/Buffers as-is. */
export interface Reply {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteOptions {
	service: ServiceName;
	/** A host declared with SandboxServer.addHost (its own origin); default the main origin. */
	host?: string;
}

export interface LogEntry {
	seq: number;
	service: ServiceName;
	method: string;
	path: string;
	/** Route pattern, e.g. "GET /crm/v8/:module" — the key of the call counters. */
	endpoint: string;
	query: Record<string, string>;
	status: number;
	/** "Zoho-oauthtoken", "Bearer", "Basic", "OAuth" or undefined. Tokens themselves are never logged. */
	authScheme?: string;
	startedAt: number;
	durationMs: number;
	fault?: string;
	facts?: Record<string, unknown>;
	/**
	 * Only when `server.captureRequests` is on (the contracts tests): the parsed request body and the
	 * headers the definition check reads. Bodies of the OAuth services keep their keys only (values
	 * redacted); API bodies are kept whole (they carry no credentials).
	 */
	request?: { body?: unknown; contentType?: string; ifModifiedSince?: string; userAgent?: string };
}

/**
 * status: answer with that status (service's own error body); latency: delay, then serve;
 * drop: close the connection ("before" the handler, "mid" answer before the handler runs, or
 * "after" the handler applied the request); redirect: answer `status` (default 307) with
 * `Location: location`; action: run `run()` (e.g. expire tokens), then serve normally; barrier:
 * hold each matching request until `holdUntil` of them are held, then serve them all (a condition
 * that puts N calls in flight at once however slow the client is to start them).
 */
export type FaultKind = 'status' | 'latency' | 'drop' | 'redirect' | 'action' | 'barrier';

export interface FaultRule {
	id?: number;
	service?: ServiceName;
	method?: string;
	/** Matches the request path: a string is a prefix, a RegExp is tested, undefined matches all. */
	path?: string | RegExp;
	kind: FaultKind;
	/** For kind "status": the HTTP status (429, 500, 502, 503 ...). The service decides the body. */
	status?: number;
	/** For kind "latency": extra milliseconds before the handler runs. */
	latencyMs?: number;
	/** Fire on every Nth matching request (1 = every one). Default 1. */
	every?: number;
	/** Fire at most this many times, then the rule is spent. Default: unlimited. */
	times?: number;
	/**
	 * For kind "drop": "before" closes the socket without answering, "mid" sends headers and half a
	 * body without running the handler, "after" runs the handler (the write is applied) and then
	 * sends headers and half its answer. Default "mid".
	 */
	when?: 'before' | 'mid' | 'after';
	/** Let this many matching requests pass before the rule starts counting. Default 0. */
	after?: number;
	/** For kind "redirect": the Location header. */
	location?: string;
	/** For kind "barrier": how many matching requests are held before all of them are served. */
	holdUntil?: number;
	/** For kind "action": what to do when the rule fires (in process only). */
	run?: () => void;
}

/** Body a service sends for an injected status fault, in that service's own error format. */
export type FaultBodyFactory = (status: number) => Reply;
