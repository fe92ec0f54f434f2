import type { Reply } from '../core/types';
import { errorReply } from './errors';

/**
 * `GET /crm/v8/__apis`: Zoho's list of supported APIs with the credits each may cost, in the shape
 * Zoho publishes (OpenAPI `zoho/crm-oas` v8.0/apis.json, SDK `apis/supported_api` +
 * `operation_types`): `{__apis: [{path, operation_types: [{method, oauth_scope, min_credits,
 * max_credits}]}]}`, paths templated. This is the sandbox's model of Zoho's answer, written from
 * Zoho's documentation independently of the package's cost table (nodes/ZohoCrm/transport/credits.ts),
 * so a test can hold the one against the other. The values are documented prices, several of them
 * unverified (see credits.ts); the bulk paths are listed here although they live below /crm/bulk.
 */
interface Operation {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	oauth_scope: string;
	min_credits: number;
	max_credits: number;
}

const op = (method: Operation['method'], oauth_scope: string, min_credits = 1, max_credits = min_credits): Operation => ({
	method,
	oauth_scope,
	min_credits,
	max_credits,
});

const M = 'ZohoCRM.modules.{module_api_name}';

export const SUPPORTED_APIS: ReadonlyArray<{ path: string; operation_types: Operation[] }> = [
	{ path: '/crm/v8/__apis', operation_types: [op('GET', 'ZohoCRM.settings.modules.READ')] },
	{ path: '/crm/v8/settings/modules', operation_types: [op('GET', 'ZohoCRM.settings.modules.READ')] },
	{ path: '/crm/v8/settings/modules/{module_api_name}', operation_types: [op('GET', 'ZohoCRM.settings.modules.READ')] },
	{ path: '/crm/v8/settings/fields', operation_types: [op('GET', 'ZohoCRM.settings.fields.READ')] },
	{ path: '/crm/v8/settings/layouts', operation_types: [op('GET', 'ZohoCRM.settings.layouts.READ')] },
	{ path: '/crm/v8/settings/related_lists', operation_types: [op('GET', 'ZohoCRM.settings.related_lists.READ')] },
	{ path: '/crm/v8/settings/custom_views', operation_types: [op('GET', 'ZohoCRM.settings.custom_views.READ')] },
	{ path: '/crm/v8/users', operation_types: [op('GET', 'ZohoCRM.users.READ')] },
	{ path: '/crm/v8/coql', operation_types: [op('POST', 'ZohoCRM.coql.READ', 1, 3)] },
	{
		path: '/crm/v8/actions/watch',
		operation_types: [
			op('GET', 'ZohoCRM.notifications.READ'),
			op('POST', 'ZohoCRM.notifications.CREATE'),
			op('PUT', 'ZohoCRM.notifications.UPDATE'),
			op('PATCH', 'ZohoCRM.notifications.UPDATE'),
			op('DELETE', 'ZohoCRM.notifications.DELETE'),
		],
	},
	{
		path: '/crm/v8/{module_api_name}',
		operation_types: [op('GET', `${M}.READ`, 1, 3), op('POST', `${M}.CREATE`, 1, 10), op('PUT', `${M}.UPDATE`, 1, 10), op('DELETE', `${M}.DELETE`)],
	},
	{ path: '/crm/v8/{module_api_name}/upsert', operation_types: [op('POST', `${M}.CREATE`, 1, 10)] },
	{ path: '/crm/v8/{module_api_name}/search', operation_types: [op('GET', `${M}.READ`)] },
	{ path: '/crm/v8/{module_api_name}/deleted', operation_types: [op('GET', `${M}.READ`)] },
	{ path: '/crm/v8/{module_api_name}/actions/count', operation_types: [op('GET', `${M}.READ`)] },
	{ path: '/crm/v8/{module_api_name}/actions/add_tags', operation_types: [op('POST', `${M}.UPDATE`, 1, 10)] },
	{ path: '/crm/v8/{module_api_name}/actions/remove_tags', operation_types: [op('POST', `${M}.UPDATE`, 1, 10)] },
	{
		path: '/crm/v8/{module_api_name}/{record_id}',
		operation_types: [op('GET', `${M}.READ`), op('PUT', `${M}.UPDATE`), op('DELETE', `${M}.DELETE`)],
	},
	{ path: '/crm/v8/{module_api_name}/{record_id}/actions/add_tags', operation_types: [op('POST', `${M}.UPDATE`)] },
	{ path: '/crm/v8/{module_api_name}/{record_id}/actions/remove_tags', operation_types: [op('POST', `${M}.UPDATE`)] },
	{ path: '/crm/v8/Leads/{record_id}/actions/convert', operation_types: [op('POST', 'ZohoCRM.modules.leads.CREATE', 5)] },
	{
		path: '/crm/v8/{module_api_name}/{record_id}/{related_list_api_name}',
		operation_types: [op('GET', `${M}.READ`), op('POST', `${M}.CREATE`), op('PUT', `${M}.UPDATE`), op('DELETE', `${M}.DELETE`)],
	},
	{ path: '/crm/bulk/v8/read', operation_types: [op('POST', 'ZohoCRM.bulk.read', 50)] },
	{ path: '/crm/bulk/v8/read/{job_id}', operation_types: [op('GET', 'ZohoCRM.bulk.read')] },
	{ path: '/crm/bulk/v8/read/{job_id}/result', operation_types: [op('GET', 'ZohoCRM.bulk.read')] },
	{ path: '/crm/bulk/v8/write', operation_types: [op('POST', 'ZohoCRM.bulk.CREATE', 500)] },
	{ path: '/crm/bulk/v8/write/{job_id}', operation_types: [op('GET', 'ZohoCRM.bulk.READ')] },
	{ path: '/crm/v8/org', operation_types: [op('GET', 'ZohoCRM.org.READ')] },
	{ path: '/crm/v8/upload', operation_types: [op('POST', 'ZohoFiles.files.ALL')] },
];

const FILTERABLE: Record<string, (entry: Operation) => string> = {
	'operation_types.method': (o) => o.method,
	'operation_types.oauth_scope': (o) => o.oauth_scope,
};

/** The answer, optionally narrowed by Zoho's `filters` parameter (`{field:{api_name}, comparator:"equals", value}`). */
export function supportedApis(query: URLSearchParams): Reply {
	const raw = query.get('filters');
	let keep: (o: Operation) => boolean = () => true;
	if (raw !== null) {
		let filter: { field?: { api_name?: unknown }; comparator?: unknown; value?: unknown };
		try {
			filter = JSON.parse(raw) as typeof filter;
		} catch {
			return errorReply(400, 'INVALID_DATA', 'filters is not valid JSON', { param_name: 'filters' });
		}
		const read = FILTERABLE[String(filter.field?.api_name)];
		if (!read || filter.comparator !== 'equals' || typeof filter.value !== 'string') {
			return errorReply(400, 'INVALID_DATA', 'invalid filters', { param_name: 'filters' });
		}
		const value = filter.value.toLowerCase();
		keep = (o) => read(o).toLowerCase() === value;
	}
	const apis = SUPPORTED_APIS.map((api) => ({ path: api.path, operation_types: api.operation_types.filter(keep) })).filter(
		(api) => api.operation_types.length > 0,
	);
	if (apis.length === 0) return { status: 204 };
	return { status: 200, body: { __apis: apis } };
}
