/** The Leads module as the Zoho node's Module parameter holds it (resource locator), by API name or picked from the list. */
export const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
export const LEADS_FROM_LIST = { __rl: true, mode: 'list', value: 'Leads' };
