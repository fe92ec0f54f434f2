import type { Reply } from '../core/types';

export interface ZohoErrorBody {
	code: string;
	message: string;
	status: 'error';
	details: Record<string, unknown>;
}

export function zohoError(code: string, message: string, details: Record<string, unknown> = {}): ZohoErrorBody {
	return { code, details, message, status: 'error' };
}

export function errorReply(httpStatus: number, code: string, message: string, details: Record<string, unknown> = {}): Reply {
	return { status: httpStatus, body: zohoError(code, message, details) };
}

export const invalidToken = (): Reply => errorReply(401, 'INVALID_TOKEN', 'invalid oauth token');
export const authFailure = (): Reply => errorReply(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
export const scopeMismatch = (): Reply => errorReply(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
export const tooManyRequests = (): Reply =>
	errorReply(429, 'TOO_MANY_REQUESTS', 'concurrency limit exceeded: too many requests are being processed for this account', {});

export const invalidModule = (module: string): Reply =>
	errorReply(400, 'INVALID_MODULE', `the module name given seems to be invalid: ${module}`, { resource_path_index: 0 });

export const requiredParamMissing = (param: string): Reply =>
	errorReply(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: param });

export const invalidParam = (param: string, message: string, extra: Record<string, unknown> = {}): Reply =>
	errorReply(400, 'INVALID_DATA', message, { param_name: param, ...extra });

/** Body shape errors (zod failures) say exactly what was wrong, so a developer can fix the request. */
export const badBody = (message: string): Reply => errorReply(400, 'INVALID_DATA', `invalid request body: ${message}`);

export const noContent = (): Reply => ({ status: 204 });

/** Injected faults (core fault rules) answer in Zoho's CRM JSON. */
export function crmFaultBody(status: number): Reply {
	if (status === 429) return tooManyRequests();
	if (status === 401) return invalidToken();
	if (status >= 500) {
		return errorReply(status, 'INTERNAL_ERROR', 'Internal Server Error occurred while processing this request');
	}
	return errorReply(status, 'INVALID_REQUEST', 'injected fault');
}

/** Injected faults on the accounts server: throttling reads like Zoho's "Access Denied". */
export function accountsFaultBody(status: number): Reply {
	if (status === 429) {
		return { status, body: { error: 'Access Denied', error_description: 'You have made too many requests continuously. Please try again after some time.' } };
	}
	return { status, body: { error: 'server_error', error_description: 'injected fault' } };
}
