/**
 * Zoho CRM API credits: the one cost table. The transport prices every call it sends with
 * `zohoCredits` (beside the call counter, nodes/shared/serviceClient.ts), and the test sandbox
 * imports the same function to tally what it serves, so both count with one definition.
 *
 * Sources: Zoho's "API Limits" pages (v2 to current: most calls 1 credit, convert lead 5), a Zoho
 * COQL overview (LIMIT 1-200: 1, 201-1000: 2, 1001-2000: 3; not seen on a v8 page), the facts sheet
 * of this project for the rest. `GET /crm/v8/__apis` answers `min_credits`/`max_credits` per path and method
 * (shape: Zoho's published OpenAPI `v8.0/apis.json` and the SDK's `apis/operation_types`); each
 * rule below declares the range it can produce in that form so a test can hold it against an answer.
 * Rules marked `verified: false` could not be checked against a Zoho publication.
 */

/** One request as priced: the URL's path (e.g. `/crm/v8/Leads/upsert`), its query and its JSON body. */
export interface PricedCall {
	method: string;
	path: string;
	query?: Record<string, unknown>;
	body?: unknown;
}

export interface CreditRule {
	/** What Zoho calls the API. */
	name: string;
	method: string;
	/** The path as `GET /crm/v8/__apis` lists it (templated segments in braces). */
	apiPath: string;
	/** The smallest and largest price this rule gives (what `__apis` calls min_credits / max_credits). */
	minCredits: number;
	maxCredits: number;
	verified: boolean;
	source: string;
	price: (call: PricedCall) => number;
}

/** Zoho's bands for a COQL call: LIMIT 1-200, 201-1000, 1001-2000 (no LIMIT = 200). */
export function coqlCredits(limit: number): number {
	if (limit <= 200) return 1;
	if (limit <= 1000) return 2;
	return 3;
}

const LIMIT_CLAUSE = /\s+limit\s+(\d+)(?:\s*,\s*(\d+)|\s+offset\s+(\d+))?\s*;?\s*$/i;

/**
 * Splits a COQL statement into its body and its LIMIT/OFFSET, if any (`limit n`, `limit offset, n`,
 * `limit n offset m`). The COQL paging (paging.ts) and the price of a COQL call both read it here.
 */
export function splitCoqlLimit(query: string): { body: string; offset: number; limit?: number } {
	const trimmed = query.trim().replace(/;\s*$/, '');
	const match = LIMIT_CLAUSE.exec(trimmed);
	if (!match) return { body: trimmed, offset: 0 };
	const body = trimmed.slice(0, match.index);
	if (match[2] !== undefined) return { body, offset: Number(match[1]), limit: Number(match[2]) };
	return { body, offset: Number(match[3] ?? 0), limit: Number(match[1]) };
}

/** The row count a COQL statement asks for; Zoho's default LIMIT is 200. */
export function coqlLimit(query: string): number {
	return splitCoqlLimit(query).limit ?? 200;
}

function records(body: unknown): number {
	const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
	return Array.isArray(data) ? data.length : 1;
}

/** 1 credit per `per` records of the call, rounded up; an empty call still costs 1. */
const perRecords = (per: number) => (call: PricedCall): number => Math.max(1, Math.ceil(records(call.body) / per));

const MODULE = '{module_api_name}';
const RECORD = '{record_id}';
const VERSION = 'v8';

/** Insert, update and upsert: the same price, 1 credit per 10 records of the call (at most 100). */
function recordWrite(name: string, method: string, apiPath: string): CreditRule {
	return {
		name,
		method,
		apiPath,
		minCredits: 1,
		maxCredits: 10,
		verified: false,
		source: 'facts sheet: insert/update/upsert 1 credit per 10 records (100 per call)',
		price: perRecords(10),
	};
}

export const CREDIT_RULES: readonly CreditRule[] = [
	{
		name: 'COQL query',
		method: 'POST',
		apiPath: `/crm/${VERSION}/coql`,
		minCredits: 1,
		maxCredits: 3,
		verified: false,
		source: "Zoho's COQL overview: LIMIT 1-200 1 credit, 201-1000 2, 1001-2000 3 (read on a Zoho page of the same COQL, not on a CRM v8 page)",
		price: (call) => {
			const query = call.body && typeof call.body === 'object' ? (call.body as { select_query?: unknown }).select_query : undefined;
			return coqlCredits(typeof query === 'string' ? coqlLimit(query) : 200);
		},
	},
	{
		name: 'Convert lead',
		method: 'POST',
		apiPath: `/crm/${VERSION}/Leads/${RECORD}/actions/convert`,
		minCredits: 5,
		maxCredits: 5,
		verified: true,
		source: 'Zoho API Limits: "Convert Lead API" 5 credits per call',
		price: () => 5,
	},
	{
		name: 'Bulk write file upload',
		method: 'POST',
		apiPath: `/crm/${VERSION}/upload`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'facts sheet: most calls 1 credit (the upload is on the file host, content.zohoapis.<tld>)',
		price: () => 1,
	},
	recordWrite('Upsert records', 'POST', `/crm/${VERSION}/${MODULE}/upsert`),
	recordWrite('Insert records', 'POST', `/crm/${VERSION}/${MODULE}`),
	recordWrite('Update records', 'PUT', `/crm/${VERSION}/${MODULE}`),
	{
		name: 'Add tags (one record)',
		method: 'POST',
		apiPath: `/crm/${VERSION}/${MODULE}/${RECORD}/actions/add_tags`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'facts sheet: tags 1 credit per 50 records; one record per call',
		price: () => 1,
	},
	{
		name: 'Remove tags (one record)',
		method: 'POST',
		apiPath: `/crm/${VERSION}/${MODULE}/${RECORD}/actions/remove_tags`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'facts sheet: tags 1 credit per 50 records; one record per call',
		price: () => 1,
	},
	{
		name: 'Add tags',
		method: 'POST',
		apiPath: `/crm/${VERSION}/${MODULE}/actions/add_tags`,
		minCredits: 1,
		maxCredits: 10,
		verified: false,
		source: 'facts sheet: tags 1 credit per 50 records (500 per call)',
		price: perRecords(50),
	},
	{
		name: 'Remove tags',
		method: 'POST',
		apiPath: `/crm/${VERSION}/${MODULE}/actions/remove_tags`,
		minCredits: 1,
		maxCredits: 10,
		verified: false,
		source: 'facts sheet: tags 1 credit per 50 records (500 per call)',
		price: perRecords(50),
	},
	{
		name: 'Get organization',
		method: 'GET',
		apiPath: `/crm/${VERSION}/org`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'facts sheet: most calls 1 credit (Bulk Write reads the org zgid here)',
		price: () => 1,
	},
	{
		name: 'Get records',
		method: 'GET',
		apiPath: `/crm/${VERSION}/${MODULE}`,
		minCredits: 1,
		maxCredits: 3,
		verified: false,
		source: 'facts sheet: 1 credit, 3 with a custom view (cvid); the cvid price is not in a v8 publication we could read',
		price: (call) => (call.query?.cvid !== undefined && call.query.cvid !== '' ? 3 : 1),
	},
	{
		name: 'Bulk read job',
		method: 'POST',
		apiPath: `/crm/bulk/${VERSION}/read`,
		minCredits: 50,
		maxCredits: 50,
		verified: false,
		source: 'facts sheet: 50 credits per Bulk Read job',
		price: () => 50,
	},
	{
		name: 'Bulk read job status',
		method: 'GET',
		apiPath: `/crm/bulk/${VERSION}/read/{job_id}`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'no price of its own in the facts sheet or the v8 docs we could read: priced as every other call (1)',
		price: () => 1,
	},
	{
		name: 'Bulk read result download',
		method: 'GET',
		apiPath: `/crm/bulk/${VERSION}/read/{job_id}/result`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'no price of its own in the facts sheet or the v8 docs we could read: priced as every other call (1)',
		price: () => 1,
	},
	{
		name: 'Bulk write job',
		method: 'POST',
		apiPath: `/crm/bulk/${VERSION}/write`,
		minCredits: 500,
		maxCredits: 500,
		verified: false,
		source: 'facts sheet: 500 credits per Bulk Write job',
		price: () => 500,
	},
	{
		name: 'Bulk write job status',
		method: 'GET',
		apiPath: `/crm/bulk/${VERSION}/write/{job_id}`,
		minCredits: 1,
		maxCredits: 1,
		verified: false,
		source: 'facts sheet: most calls 1 credit; Zoho prices only the job itself',
		price: () => 1,
	},
];

/** Every call no rule names. */
export const DEFAULT_CREDITS = 1;

function pathPattern(apiPath: string): RegExp {
	const source = apiPath
		.split('/')
		.map((part) => {
			if (part === VERSION) return 'v\\d+';
			if (part.startsWith('{')) return '[^/]+';
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return new RegExp(`^${source}/?$`);
}

const COMPILED = CREDIT_RULES.map((rule) => ({ rule, pattern: pathPattern(rule.apiPath) }));

/** The rule that prices a call, if any (rules are tried in table order; any API version). */
export function creditRuleFor(method: string, path: string): CreditRule | undefined {
	const upper = method.toUpperCase();
	return COMPILED.find((c) => c.rule.method === upper && c.pattern.test(path))?.rule;
}

/** Credits one call costs. */
export function zohoCredits(call: PricedCall): number {
	const rule = creditRuleFor(call.method, call.path);
	return rule ? rule.price(call) : DEFAULT_CREDITS;
}

/**
 * Whether an answer with this status is counted. Zoho cannot bill an org for a request it did not
 * accept: token and scope rejections (401), throttling (429) and its own failures (5xx) are not
 * priced; every other answer is (unverified: Zoho does not publish which answers it bills).
 * A request whose answer never arrived is not priced either.
 */
export function isPricedStatus(status: number): boolean {
	return status > 0 && status < 500 && status !== 401 && status !== 429;
}
