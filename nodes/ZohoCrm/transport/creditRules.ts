import { coqlLimit } from './coqlLimit';

/**
 * The cost table, one rule per priced Zoho API. Sources: Zoho's "API Limits" pages (v2 to current:
 * most calls 1 credit, convert lead 5), a Zoho COQL overview (LIMIT 1-200: 1, 201-1000: 2,
 * 1001-2000: 3; not seen on a v8 page), the facts sheet of this project for the rest.
 * `GET /crm/v8/__apis` answers `min_credits`/`max_credits` per path and method (shape: Zoho's
 * published OpenAPI `v8.0/apis.json` and the SDK's `apis/operation_types`); each rule declares the
 * range it can produce in that form so a test can hold it against an answer. Rules marked
 * `verified: false` could not be checked against a Zoho publication.
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

function records(body: unknown): number {
	const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
	return Array.isArray(data) ? data.length : 1;
}

/** 1 credit per `per` records of the call, rounded up; an empty call still costs 1. */
const perRecords = (per: number) => (call: PricedCall): number => Math.max(1, Math.ceil(records(call.body) / per));

const MODULE = '{module_api_name}';
const RECORD = '{record_id}';
/** The CRM API version every call (call.ts) and every price rule is written for. */
export const VERSION = 'v8';
/** Insert, update and upsert cost 1 credit per this many records of a call. */
export const RECORDS_PER_WRITE_CREDIT = 10;
/** One Bulk Write job. */
export const BULK_WRITE_JOB_CREDITS = 500;

/** A rule whose every call costs the same. */
function fixedPrice(name: string, method: string, apiPath: string, credits: number, source: string, verified = false): CreditRule {
	return { name, method, apiPath, minCredits: credits, maxCredits: credits, verified, source, price: () => credits };
}

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
		price: perRecords(RECORDS_PER_WRITE_CREDIT),
	};
}

/** Add or remove tags of many records: 1 credit per 50 records (500 per call). */
function bulkTags(name: string, apiPath: string): CreditRule {
	return {
		name,
		method: 'POST',
		apiPath,
		minCredits: 1,
		maxCredits: 10,
		verified: false,
		source: 'facts sheet: tags 1 credit per 50 records (500 per call)',
		price: perRecords(50),
	};
}

const ONE_RECORD_TAGS = 'facts sheet: tags 1 credit per 50 records; one record per call';
const UNPRICED_BULK_READ_CALL = 'no price of its own in the facts sheet or the v8 docs we could read: priced as every other call (1)';

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
	fixedPrice('Convert lead', 'POST', `/crm/${VERSION}/Leads/${RECORD}/actions/convert`, 5, 'Zoho API Limits: "Convert Lead API" 5 credits per call', true),
	fixedPrice(
		'Bulk write file upload',
		'POST',
		`/crm/${VERSION}/upload`,
		1,
		'facts sheet: most calls 1 credit (the upload is on the file host, content.zohoapis.<tld>)',
	),
	recordWrite('Upsert records', 'POST', `/crm/${VERSION}/${MODULE}/upsert`),
	recordWrite('Insert records', 'POST', `/crm/${VERSION}/${MODULE}`),
	recordWrite('Update records', 'PUT', `/crm/${VERSION}/${MODULE}`),
	fixedPrice('Add tags (one record)', 'POST', `/crm/${VERSION}/${MODULE}/${RECORD}/actions/add_tags`, 1, ONE_RECORD_TAGS),
	fixedPrice('Remove tags (one record)', 'POST', `/crm/${VERSION}/${MODULE}/${RECORD}/actions/remove_tags`, 1, ONE_RECORD_TAGS),
	bulkTags('Add tags', `/crm/${VERSION}/${MODULE}/actions/add_tags`),
	bulkTags('Remove tags', `/crm/${VERSION}/${MODULE}/actions/remove_tags`),
	fixedPrice('Get organization', 'GET', `/crm/${VERSION}/org`, 1, 'facts sheet: most calls 1 credit (Bulk Write reads the org zgid here)'),
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
	fixedPrice('Bulk read job', 'POST', `/crm/bulk/${VERSION}/read`, 50, 'facts sheet: 50 credits per Bulk Read job'),
	fixedPrice('Bulk read job status', 'GET', `/crm/bulk/${VERSION}/read/{job_id}`, 1, UNPRICED_BULK_READ_CALL),
	fixedPrice('Bulk read result download', 'GET', `/crm/bulk/${VERSION}/read/{job_id}/result`, 1, UNPRICED_BULK_READ_CALL),
	fixedPrice('Bulk write job', 'POST', `/crm/bulk/${VERSION}/write`, BULK_WRITE_JOB_CREDITS, 'facts sheet: 500 credits per Bulk Write job'),
	fixedPrice('Bulk write job status', 'GET', `/crm/bulk/${VERSION}/write/{job_id}`, 1, 'facts sheet: most calls 1 credit; Zoho prices only the job itself'),
];
