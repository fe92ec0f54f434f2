/** The OAuth client every fresh Zoho sandbox knows (tests, the demo and e2e use it). */
export const ZOHO_SANDBOX_CLIENT_ID = '1000.SANDBOXZOHOCLIENT';
export const ZOHO_SANDBOX_CLIENT_SECRET = 'sandbox-zoho-client-secret';

/** Scopes minted by `issueTokens()` when none are asked for: everything the CRM routes check. */
export const ZOHO_ALL_SCOPES = [
	'ZohoCRM.modules.ALL',
	'ZohoCRM.settings.ALL',
	'ZohoCRM.users.ALL',
	'ZohoCRM.coql.READ',
	'ZohoCRM.notifications.ALL',
	'ZohoCRM.bulk.ALL',
	'ZohoCRM.org.READ',
	'ZohoFiles.files.ALL',
].join(',');

/** Name of the sandbox's second origin: Zoho's file host (content.zohoapis.<tld>) for Bulk Write uploads and results. */
export const ZOHO_FILE_HOST = 'zoho-files';

export const ZOHO_MAX_RECORDS_PER_WRITE = 100;
export const ZOHO_MAX_FIELDS_PER_GET = 50;
export const ZOHO_MAX_PER_PAGE = 200;
export const ZOHO_DISCRETE_PAGE_LIMIT = 2000;
export const ZOHO_PAGE_TOKEN_LIMIT = 100_000;
export const ZOHO_SEARCH_LIMIT = 2000;
export const ZOHO_COQL_MAX_LIMIT = 2000;
