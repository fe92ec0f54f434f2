import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Reply } from '../core/types';
import { ERRORS_DOC } from './constants';

export interface FieldError {
	field: string;
	message: string;
}

/** MailChimp's error shape: RFC 7807 problem+json, `errors[]` only on validation failures. */
export function problem(status: number, title: string, detail: string, errors?: FieldError[]): Reply {
	const body: Record<string, unknown> = { type: ERRORS_DOC, title, status, detail, instance: randomUUID() };
	if (errors) body.errors = errors;
	return { status, headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body };
}

export function invalidResource(errors: FieldError[]): Reply {
	return problem(
		400,
		'Invalid Resource',
		"The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
		errors,
	);
}

export function zodProblem(error: z.ZodError): Reply {
	return invalidResource(error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

export function notFound(): Reply {
	return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
}

export function badRequest(detail: string): Reply {
	return problem(400, 'Bad Request', detail);
}

export function apiKeyInvalid(): Reply {
	return problem(401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
}

export function tooManyRequests(): Reply {
	return problem(
		429,
		'Too Many Requests',
		'You have exceeded the limit of 10 simultaneous connections.',
	);
}

export function jsonParseError(): Reply {
	return problem(400, 'JSON Parse Exception', 'We encountered an unspecified JSON parsing error.');
}

/** Body for injected faults (core fault rules), so clients see what MailChimp would send. */
export function faultProblem(status: number): Reply {
	if (status === 429) return tooManyRequests();
	if (status === 401) return apiKeyInvalid();
	if (status === 404) return notFound();
	if (status >= 500) return problem(status, 'Internal Server Error', 'An unexpected internal error has occurred. Please contact Support for more information.');
	return problem(status, 'Bad Request', 'Injected fault.');
}
