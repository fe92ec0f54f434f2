import type { IDataObject } from 'n8n-workflow';

/** What the host's HTTP helpers tell us about a failed call, without the request (it holds the token). */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	headers: IDataObject;
	/** Network-level failure (reset, timeout, refused) rather than an HTTP answer. */
	network: boolean;
	message: string;
}

interface ResponseLike {
	status?: number;
	data?: unknown;
	headers?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ERR_BAD_RESPONSE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

/**
 * httpRequestWithAuthentication wraps failures in NodeApiError with the axios error as `cause`;
 * plain httpRequest throws the axios error itself. Read status, body and headers from either.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = asRecord(error) ?? {};
	const cause = asRecord(outer.cause) ?? {};
	const response = (asRecord(outer.response) ?? asRecord(cause.response)) as ResponseLike | undefined;
	const code = String(cause.code ?? outer.code ?? '');
	const httpCode = Number(outer.httpCode);
	const status = response?.status ?? (Number.isFinite(httpCode) && httpCode > 0 ? httpCode : undefined);
	const message = typeof cause.message === 'string' ? cause.message : typeof outer.message === 'string' ? outer.message : 'request failed';
	return {
		status,
		body: response?.data,
		headers: (asRecord(response?.headers) ?? {}) as IDataObject,
		network: !response && (NETWORK_CODES.has(code) || /socket hang up|aborted|timeout|ECONNRESET|EPIPE/i.test(message)),
		message,
	};
}
