import { registerCrmRoutes, type CrmDeps } from './routes';

/**
 * CRM API v2, the version n8n's built-in Zoho CRM node calls (Bearer auth, one record per call).
 * Same store and auth as v8; differences, as in the real v2: `fields` is optional on list and
 * related-list reads, and there is no page_token, so page-number paging ends at 2,000 records
 * (`more_records` turns false there and pages past it fail with DISCRETE_PAGINATION_LIMIT_EXCEEDED).
 */
export function registerV2Routes(deps: CrmDeps): void {
	registerCrmRoutes(deps, 'v2');
}
