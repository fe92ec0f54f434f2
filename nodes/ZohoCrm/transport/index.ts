/** Zoho CRM's transport, the one entry the node's actions, methods and triggers import. */
export { ZOHO_CREDENTIAL, DEFAULT_CONCURRENCY, zohoClient, type ZohoClient } from './client';
export { zohoCall, type ZohoAnswer, type ZohoRequest } from './call';
export { expectOk, zohoError, type ZohoErrorBody } from './errors';
export { logZohoUsage, reportZohoUsage, usageSummary, zohoUsage } from './usage';
