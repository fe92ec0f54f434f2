/**
 * Facts the vendors' clients do not carry in machine-readable form, added by hand, each with its
 * source. Kept small on purpose: everything else comes from the clients themselves (definitions.ts).
 */
import type { FieldSpec, Operation } from './definitions';

const names = (...list: string[]): FieldSpec[] => list.map((name) => ({ name }));

/** Endpoints outside the clients' operation classes. */
export const EXTRA_OPERATIONS: Operation[] = [
	{
		vendor: 'zoho',
		method: 'POST',
		template: '/oauth/v2/token',
		// The form fields OAuthToken.refreshAccessToken / generateAccessToken append.
		source: 'zoho SDK models/authenticator/oauth_token.js (refreshAccessToken, generateAccessToken)',
		query: [],
		headers: [],
		body: 'form:zoho-token',
		literals: 3,
	},
	{
		vendor: 'zoho',
		method: 'GET',
		// The SDK's downloadBulkWriteResult takes the status answer's download_url as a path ("/{downloadUrl}");
		// Zoho's Bulk Write docs show that URL as an absolute one on Zoho's file/download host of this shape.
		template: '/v2/crm/{org_id}/bulk-write/{job_id}/{file_name}',
		source: 'zoho SDK bulk_write/BulkWriteOperations.downloadBulkWriteResult + Zoho Bulk Write docs (result download_url)',
		query: [],
		headers: [],
		literals: 3,
	},
	{
		vendor: 'mailchimp',
		method: 'GET',
		template: '/oauth2/metadata',
		source: 'MailChimp OAuth 2 guide (login.mailchimp.com/oauth2/metadata; not part of the Marketing client)',
		query: [],
		headers: [],
		literals: 2,
	},
	{
		vendor: 'mailchimp',
		method: 'POST',
		template: '/oauth2/token',
		source: 'MailChimp OAuth 2 guide (login.mailchimp.com/oauth2/token; not part of the Marketing client)',
		query: [],
		headers: [],
		body: 'form:mailchimp-token',
		literals: 2,
	},
];

/**
 * Body keys. Zoho's come from json_details (definitions.ts); MailChimp's client passes bodies through
 * untyped, so its keys are the Marketing API reference's request-body fields for the endpoints we call.
 */
export const BODY_KEYS: Record<string, FieldSpec[]> = {
	'form:zoho-token': names('client_id', 'client_secret', 'grant_type', 'refresh_token', 'redirect_uri', 'code'),
	'form:mailchimp-token': names('grant_type', 'client_id', 'client_secret', 'redirect_uri', 'code'),
	'mailchimp:PUT /3.0/lists/{list_id}/members/{subscriber_hash}': [
		{ name: 'email_address', required: true },
		{ name: 'status_if_new', required: true, values: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] },
		{ name: 'status', values: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] },
		...names('email_type', 'merge_fields', 'interests', 'language', 'vip', 'location', 'marketing_permissions', 'ip_signup', 'timestamp_signup', 'ip_opt', 'timestamp_opt', 'skip_merge_validation'),
	],
	// Update a list member (PATCH): the same fields as the upsert, none required; `email_address` changes the address.
	'mailchimp:PATCH /3.0/lists/{list_id}/members/{subscriber_hash}': [
		{ name: 'status', values: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] },
		...names('email_address', 'email_type', 'merge_fields', 'interests', 'language', 'vip', 'location', 'marketing_permissions', 'ip_signup', 'timestamp_signup', 'ip_opt', 'timestamp_opt', 'skip_merge_validation'),
	],
	'mailchimp:POST /3.0/lists/{list_id}': [{ name: 'members', required: true, structure: 'mailchimp:batch-member' }, ...names('sync_tags', 'update_existing')],
	// `tags` per member: MailChimp's release note "Added ability to sync tags to existing members" (2022-01-24)
	// documents tags on members synced in bulk through the Lists endpoint (with sync_tags beside them).
	'mailchimp:batch-member': [
		{ name: 'email_address' },
		{ name: 'status', values: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] },
		...names('email_type', 'merge_fields', 'interests', 'language', 'vip', 'location', 'marketing_permissions', 'ip_signup', 'timestamp_signup', 'ip_opt', 'timestamp_opt', 'tags'),
	],
	'mailchimp:POST /3.0/campaigns/{campaign_id}/actions/schedule': [{ name: 'schedule_time', required: true }, ...names('timewarp', 'batch_delivery')],
	'mailchimp:POST /3.0/lists/{list_id}/members/{subscriber_hash}/tags': [{ name: 'tags', required: true, structure: 'mailchimp:member-tag' }, ...names('is_syncing')],
	'mailchimp:member-tag': [{ name: 'name', required: true }, { name: 'status', required: true, values: ['active', 'inactive'] }],
	'mailchimp:POST /3.0/batches': [{ name: 'operations', required: true, structure: 'mailchimp:batch-operation' }],
	'mailchimp:batch-operation': [{ name: 'method', required: true, values: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] }, { name: 'path', required: true }, ...names('params', 'body', 'operation_id')],
};

/**
 * Enumerated query/body values the clients type as plain strings. Zoho: records API reference and
 * zoho/crm-oas v8.0 (records, notifications); MailChimp: Marketing API reference (campaigns, reports,
 * members). Values json_details enumerates itself (users type, fields type) are read from it instead.
 */
export const ENUMS: Record<string, unknown[]> = {
	'zoho:sort_by': ['id', 'Created_Time', 'Modified_Time'],
	'zoho:sort_order': ['asc', 'desc'],
	'zoho:converted': ['true', 'false', 'both'],
	'zoho:approved': ['true', 'false', 'both'],
	'zoho:trigger': ['workflow', 'approval', 'blueprint', 'pathfinder', 'orchestration'],
	'mailchimp:status': ['save', 'paused', 'schedule', 'sending', 'sent', 'canceled', 'canceling', 'archived'],
	'mailchimp:/3.0/lists/{list_id}/members:status': ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional', 'archived'],
	'mailchimp:type': ['regular', 'plaintext', 'absplit', 'rss', 'variate'],
	'mailchimp:sort_field': ['create_time', 'send_time'],
	'mailchimp:sort_dir': ['ASC', 'DESC'],
};

/**
 * Authorization schemes. Zoho's SDK sends `Zoho-oauthtoken` (Constants.OAUTH_HEADER_PREFIX). n8n's
 * OAuth2 signing can only write `Bearer <token>` (client-oauth2 puts any other token type into the
 * query string), and Zoho accepts Bearer: n8n's own Zoho CRM node has always sent it. So both pass
 * for Zoho (docs/conformance.md, disagreement 4). MailChimp's client sends Basic (API key) or Bearer
 * (access token); the OAuth metadata endpoint takes `OAuth`.
 */
export const AUTH_SCHEMES: Record<string, string[]> = {
	'zoho-crm': ['Zoho-oauthtoken', 'Bearer'],
	'mailchimp-api': ['Basic', 'Bearer'],
	'mailchimp-login': ['OAuth'],
};
