/** Accounts server -> production API domain, per Zoho data center (as Zoho's multi-DC documentation lists them). */
export const DATA_CENTERS: Record<string, { apiDomain: string; location: string }> = {
	'https://accounts.zoho.com': { apiDomain: 'https://www.zohoapis.com', location: 'us' },
	'https://accounts.zoho.eu': { apiDomain: 'https://www.zohoapis.eu', location: 'eu' },
	'https://accounts.zoho.in': { apiDomain: 'https://www.zohoapis.in', location: 'in' },
	'https://accounts.zoho.com.au': { apiDomain: 'https://www.zohoapis.com.au', location: 'au' },
	'https://accounts.zoho.jp': { apiDomain: 'https://www.zohoapis.jp', location: 'jp' },
	'https://accounts.zoho.com.cn': { apiDomain: 'https://www.zohoapis.com.cn', location: 'cn' },
	'https://accounts.zohocloud.ca': { apiDomain: 'https://www.zohoapis.ca', location: 'ca' },
	'https://accounts.zoho.sa': { apiDomain: 'https://www.zohoapis.sa', location: 'sa' },
	'https://accounts.zoho.uk': { apiDomain: 'https://www.zohoapis.uk', location: 'uk' },
};

export type ZohoEnvironment = 'production' | 'sandbox' | 'developer';

export interface ZohoConnectionSettings {
	dataCenter?: string;
	environment?: ZohoEnvironment;
	customAccountsUrl?: string;
	customApiDomain?: string;
	customFileDomain?: string;
	oauthTokenData?: { api_domain?: string };
}

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** `https://www.zohoapis.eu` -> `https://sandbox.zohoapis.eu` for the sandbox/developer environments. */
export function environmentDomain(apiDomain: string, environment: ZohoEnvironment = 'production'): string {
	if (environment === 'production') return apiDomain;
	const url = new URL(apiDomain);
	if (!/(^|\.)zohoapis\./.test(url.hostname)) return apiDomain;
	url.hostname = url.hostname.replace(/^(www|sandbox|developer)\./, '').replace(/^/, `${environment}.`);
	return trimSlash(url.href);
}

/**
 * The CRM host to call: an explicit custom API domain wins; else the `api_domain` Zoho returned with
 * the token (it names the account's real data center); else the data center's default. Sandbox and
 * developer orgs live on their own hosts of the same data center.
 */
export function resolveApiDomain(settings: ZohoConnectionSettings): string | undefined {
	if (settings.dataCenter === 'custom' && settings.customApiDomain) return trimSlash(settings.customApiDomain);
	const fromToken = settings.oauthTokenData?.api_domain;
	const fallback = settings.dataCenter ? DATA_CENTERS[trimSlash(settings.dataCenter)]?.apiDomain : undefined;
	const domain = fromToken ? trimSlash(fromToken) : fallback;
	if (!domain) return undefined;
	return environmentDomain(domain, settings.environment);
}

/**
 * Zoho's file host, where Bulk Write uploads go (Zoho's OpenAPI bulk_write.json: the upload's server is
 * https://content.zohoapis.com): the API domain with `content.` in place of `www.` (or of the
 * sandbox/developer label). A custom data center names it, else it is the API domain itself.
 */
export function resolveFileDomain(settings: ZohoConnectionSettings, apiDomain: string): string {
	if (settings.dataCenter === 'custom' && settings.customFileDomain) return trimSlash(settings.customFileDomain);
	const url = new URL(apiDomain);
	if (!/(^|\.)zohoapis\./.test(url.hostname)) return apiDomain;
	url.hostname = url.hostname.replace(/^(www|sandbox|developer)\./, '').replace(/^/, 'content.');
	return trimSlash(url.href);
}
