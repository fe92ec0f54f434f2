import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { authorizedRequest, type AuthSpec, type HostContext, type ServiceResponse } from './authorizedRequest';
import { readHttpFailure } from './httpError';
import type { Semaphore } from './pool';
import { nextRetry, parseRetryAfter, type RetryPolicy } from './retry';

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/** Absolute URL, already checked against the service's host. */
	url: string;
	qs?: IDataObject;
	headers?: IDataObject;
	body?: unknown;
	/** Send `body` as application/x-www-form-urlencoded instead of JSON. */
	form?: boolean;
	/** `body` is bytes sent as they are (e.g. multipart), Content-Type given in `headers`. */
	raw?: boolean;
	/** Answer as raw bytes (a file download), whatever its status; the caller reads JSON errors from them. */
	bytes?: boolean;
	/**
	 * Sent through the host's plain httpRequest, not signed with the credential: the request
	 * carries its own Authorization (MailChimp's metadata call wants `OAuth <token>`, which n8n's
	 * OAuth2 signer cannot write).
	 */
	unsigned?: boolean;
	timeoutMs?: number;
	/**
	 * Safe to send twice. Non-idempotent calls (inserts) are retried only where the service cannot
	 * have applied them (429, refused connection), never after a dropped response.
	 */
	idempotent: boolean;
}

export interface ServiceProfile {
	auth: AuthSpec;
	limiter: Semaphore;
	retry: RetryPolicy;
	/**
	 * Counters for this context, for a transport that reports them (Zoho: execution hints and poll
	 * logs); credits stay 0 without `price`. A service that reports nothing leaves them out.
	 */
	stats?: ServiceStats;
	/** The service's cost table: what one answered attempt costs (Zoho's API credits). */
	price?: (request: ServiceRequest, status: number) => number;
}

export interface ServiceStats {
	calls: number;
	retries: number;
	credits: number;
}

export type ServiceOutcome =
	| { kind: 'response'; response: ServiceResponse }
	| { kind: 'reconnect'; reason: 'revoked' | 'refreshFailed'; status?: number; body?: unknown }
	| { kind: 'network'; message: string };

/** Network failures that prove the request never reached the service (safe to retry any call). */
export const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/;

function shouldRetry(status: number): boolean {
	return status === 429 || status >= 500;
}

function toOptions(request: ServiceRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		qs: request.qs,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		timeout: request.timeoutMs ?? 120_000,
		sendCredentialsOnCrossOriginRedirect: false,
		json: true,
	};
	if (request.bytes) {
		options.json = false;
		options.encoding = 'arraybuffer';
		options.headers = { ...options.headers, Accept: '*/*' };
	}
	if (request.body !== undefined) {
		options.body = request.body as IDataObject;
		if (request.raw) options.json = false;
		if (request.form) {
			options.json = false;
			options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		}
	}
	return options;
}

async function sendUnsigned(ctx: HostContext, options: IHttpRequestOptions): Promise<ServiceResponse> {
	return (await ctx.helpers.httpRequest({ ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as ServiceResponse;
}

/**
 * One logical API call: bounded concurrency, retries with backoff and jitter (Retry-After wins),
 * token expiry handled by authorizedRequest. Never throws for HTTP or network failures: the
 * caller maps the outcome to its service's error wording.
 */
export async function callService(ctx: HostContext, profile: ServiceProfile, request: ServiceRequest): Promise<ServiceOutcome> {
	const options = toOptions(request);
	const stats = profile.stats ?? { calls: 0, retries: 0, credits: 0 };
	for (let attempt = 1; ; attempt++) {
		stats.calls++;
		let outcome: ServiceOutcome;
		let retryAfter: number | undefined;
		let retryable = false;
		let throttled = false;
		try {
			const result = await profile.limiter.run(async () =>
				request.unsigned ? { response: await sendUnsigned(ctx, options) } : await authorizedRequest(ctx, profile.auth, options),
			);
			if ('reconnect' in result) {
				return { kind: 'reconnect', reason: result.reconnect, status: result.status, body: result.body };
			}
			outcome = { kind: 'response', response: result.response };
			const status = result.response.statusCode;
			if (profile.price) stats.credits += profile.price(request, status);
			retryable = shouldRetry(status) && (request.idempotent || status === 429);
			throttled = status === 429;
			retryAfter = parseRetryAfter(result.response.headers['retry-after']);
		} catch (error) {
			const failure = readHttpFailure(error);
			if (failure.status !== undefined) {
				outcome = { kind: 'response', response: { statusCode: failure.status, headers: failure.headers, body: failure.body } };
				if (profile.price) stats.credits += profile.price(request, failure.status);
				retryable = shouldRetry(failure.status) && (request.idempotent || failure.status === 429);
				throttled = failure.status === 429;
				retryAfter = parseRetryAfter(failure.headers['retry-after']);
			} else {
				outcome = { kind: 'network', message: failure.message };
				retryable = request.idempotent || NOT_SENT.test(failure.message);
			}
		}
		if (!retryable) return outcome;
		const next = nextRetry(attempt, profile.retry, throttled, retryAfter);
		if (!next.retry) return outcome;
		stats.retries++;
		await sleep(next.delayMs);
	}
}
