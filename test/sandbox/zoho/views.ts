import type { ZRecord } from './store';

export interface CustomView {
	id: string;
	module: string;
	display_value: string;
	system_name: string;
	matches: (record: ZRecord) => boolean;
}

const all = (): boolean => true;

/** A few custom views so `cvid` can be exercised; ids are fixed across resets. */
export const CUSTOM_VIEWS: CustomView[] = [
	{ id: '5725767000000087501', module: 'Leads', display_value: 'All Leads', system_name: 'ALLVIEWS', matches: all },
	{ id: '5725767000000087502', module: 'Leads', display_value: 'Opted Out Leads', system_name: 'OPTEDOUT', matches: (r) => r.Email_Opt_Out === true },
	{ id: '5725767000000087503', module: 'Leads', display_value: 'MailChimp Leads', system_name: 'MAILCHIMP', matches: (r) => r.Lead_Source === 'MailChimp' },
	{ id: '5725767000000087511', module: 'Contacts', display_value: 'All Contacts', system_name: 'ALLVIEWS', matches: all },
	{ id: '5725767000000087521', module: 'Accounts', display_value: 'All Accounts', system_name: 'ALLVIEWS', matches: all },
	{ id: '5725767000000087531', module: 'Deals', display_value: 'All Deals', system_name: 'ALLVIEWS', matches: all },
	{ id: '5725767000000087541', module: 'Campaigns', display_value: 'All Campaigns', system_name: 'ALLVIEWS', matches: all },
	{ id: '5725767000000087542', module: 'Campaigns', display_value: 'Active Campaigns', system_name: 'ACTIVE', matches: (r) => r.Status === 'Active' },
];

export function viewsOf(module: string): CustomView[] {
	return CUSTOM_VIEWS.filter((v) => v.module === module);
}
