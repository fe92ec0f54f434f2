/**
 * Checks requests (sandbox log entries captured with `server.captureRequests`) against what the
 * vendors define: method + path template, query parameter names and enumerated values, JSON body keys
 * (top level and nested models: the record envelope, `watch[]`, tags, convert, MailChimp members and
 * batches), required fields, the auth scheme, If-Modified-Since and Content-Type.
 */
import type { LogEntry } from '../../sandbox/core/types';
import { vendorDefinitions, type FieldSpec, type Operation } from './definitions';
import { AUTH_SCHEMES, BODY_KEYS, ENUMS, EXTRA_OPERATIONS } from './supplements';

export interface Violation {
	request: string;
	operation?: string;
	problem: string;
}

export interface CheckResult {
	violations: Violation[];
	/** "GET /crm/v8/{moduleAPIName}" -> { source, count } for every template a request matched. */
	matched: Record<string, { source: string; count: number }>;
}

const SERVICES = new Set(['zoho-crm', 'zoho-accounts', 'mailchimp-api', 'mailchimp-login']);

function operations(): Operation[] {
	return [...vendorDefinitions().operations, ...EXTRA_OPERATIONS];
}

function matches(template: string, path: string): boolean {
	const t = template.split('/');
	const p = path.split('/');
	if (t.length !== p.length) return false;
	return t.every((seg, i) => (seg.startsWith('{') ? p[i].length > 0 : seg === p[i]));
}

/** The most specific vendor operations (most literal segments) for this method and path. */
export function findOperations(method: string, path: string): Operation[] {
	const vendor = path.startsWith('/3.0') || path.startsWith('/oauth2/') ? 'mailchimp' : 'zoho';
	const candidates = operations().filter((o) => o.vendor === vendor && o.method === method && matches(o.template, path.replace(/\/$/, '')));
	const best = Math.max(-1, ...candidates.map((o) => o.literals));
	return candidates.filter((o) => o.literals === best);
}

function bodyFields(model: string): { fields: FieldSpec[]; open: boolean } | undefined {
	if (BODY_KEYS[model]) return { fields: BODY_KEYS[model], open: false };
	return vendorDefinitions().models[model];
}

function enumFor(vendor: string, spec: FieldSpec, template?: string): unknown[] | undefined {
	return spec.values ?? (template ? ENUMS[`${vendor}:${template}:${spec.name}`] : undefined) ?? ENUMS[`${vendor}:${spec.name}`];
}

/** Body keys against a model, recursively: unknown keys, missing required keys, values outside enums. */
function checkBody(vendor: string, value: unknown, model: string, where: string, out: string[]): void {
	const spec = bodyFields(model);
	if (!spec) {
		out.push(`${where}: the vendor defines no body model ${model}`);
		return;
	}
	if (spec.open || value === null || typeof value !== 'object' || Array.isArray(value)) return;
	const object = value as Record<string, unknown>;
	for (const [key, item] of Object.entries(object)) {
		const field = spec.fields.find((f) => f.name === key);
		if (!field) {
			out.push(`${where}.${key}: body key not defined by ${model}`);
			continue;
		}
		const allowed = enumFor(vendor, field);
		const values = Array.isArray(item) ? item : [item];
		if (allowed) {
			for (const v of values) if (typeof v !== 'object' && !allowed.includes(v)) out.push(`${where}.${key}: value ${JSON.stringify(v)} not one of ${JSON.stringify(allowed)}`);
		}
		if (field.structure) values.forEach((v, i) => checkBody(vendor, v, field.structure!, Array.isArray(item) ? `${where}.${key}[${i}]` : `${where}.${key}`, out));
	}
	for (const field of spec.fields) if (field.required && !(field.name in object)) out.push(`${where}.${field.name}: required body key missing`);
}

function checkOne(entry: LogEntry, op: Operation): string[] {
	const problems: string[] = [];
	const vendor = op.vendor;
	for (const [name, value] of Object.entries(entry.query)) {
		const spec = op.query.find((q) => q.name === name);
		if (!spec) {
			problems.push(`query parameter "${name}" is not defined (allowed: ${op.query.map((q) => q.name).join(', ') || 'none'})`);
			continue;
		}
		const allowed = enumFor(vendor, spec, op.template);
		if (allowed && !allowed.includes(value)) problems.push(`query parameter "${name}" = ${JSON.stringify(value)} not one of ${JSON.stringify(allowed)}`);
	}
	const request = entry.request;
	if (request?.ifModifiedSince !== undefined) {
		if (!op.headers.some((h) => h.name === 'If-Modified-Since')) problems.push('header If-Modified-Since is not defined for this operation');
		// The SDK sends DateTime headers as ISO 8601 with offset (yyyy-MM-ddTHH:mm:ss+HH:MM); RFC 1123 is HTTP's own form.
		const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(request.ifModifiedSince);
		const rfc1123 = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(request.ifModifiedSince);
		if (!iso && !rfc1123) problems.push(`If-Modified-Since "${request.ifModifiedSince}" is neither ISO 8601 with offset nor an HTTP date`);
	}
	const hasBody = request?.body !== undefined;
	if (hasBody && !op.body) problems.push('a body was sent, the operation takes none');
	if (op.body && hasBody) {
		const type = (request!.contentType ?? '').toLowerCase();
		// File uploads (the SDK's FileBodyWrapper, e.g. Bulk Write's upload) are multipart/form-data.
		const form = op.body.startsWith('form:') || op.body.endsWith('/file_body_wrapper');
		// Zoho's own SDK sends its JSON bodies with no Content-Type at all (got, string body), so Zoho takes both.
		const jsonOk = type.includes('application/json') || (vendor === 'zoho' && type === '');
		if (form ? !/x-www-form-urlencoded|multipart\/form-data/.test(type) : !jsonOk) {
			problems.push(`Content-Type "${request!.contentType ?? ''}" (expected ${form ? 'a form' : 'application/json'})`);
		}
		checkBody(vendor, request!.body, op.body, 'body', problems);
	} else if (op.body && !hasBody && request && bodyFields(op.body)?.fields.some((f) => f.required)) {
		problems.push('the operation requires a body, none was sent');
	}
	const schemes = AUTH_SCHEMES[entry.service];
	if (schemes && entry.authScheme !== undefined && !schemes.includes(entry.authScheme)) problems.push(`auth scheme "${entry.authScheme}" (vendor: ${schemes.join(' or ')})`);
	if (schemes && entry.authScheme === undefined) problems.push('no Authorization header');
	return problems;
}

/** Check every API request of a log; control and custom-service requests are not the vendors'. */
export function checkRequests(log: LogEntry[]): CheckResult {
	const result: CheckResult = { violations: [], matched: {} };
	for (const entry of log) {
		if (!SERVICES.has(entry.service)) continue;
		const query = new URLSearchParams(entry.query).toString();
		const request = `${entry.method} ${entry.path}${query ? `?${query}` : ''}${entry.request?.body !== undefined ? ` body=${JSON.stringify(entry.request.body).slice(0, 300)}` : ''}`;
		const ops = findOperations(entry.method, entry.path);
		if (ops.length === 0) {
			result.violations.push({ request, problem: `${entry.method} ${entry.path}: no vendor operation defines this method and path` });
			continue;
		}
		const outcomes = ops.map((op) => ({ op, problems: checkOne(entry, op) }));
		const passed = outcomes.find((o) => o.problems.length === 0);
		const chosen = passed ?? outcomes[0];
		const key = `${chosen.op.method} ${chosen.op.template}`;
		result.matched[key] = { source: chosen.op.source, count: (result.matched[key]?.count ?? 0) + 1 };
		if (!passed) for (const problem of chosen.problems) result.violations.push({ request, operation: chosen.op.source, problem });
	}
	return result;
}

export function describeViolations(violations: Violation[]): string {
	return violations.map((v) => `- ${v.problem}\n    request: ${v.request}${v.operation ? `\n    vendor operation: ${v.operation}` : ''}`).join('\n');
}
