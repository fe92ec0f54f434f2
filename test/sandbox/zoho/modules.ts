import { f, SYSTEM_FIELDS, type FieldDef, type ModuleDef } from './fieldTypes';

const LEAD_SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Sales Email Alias', 'Seminar Partner', 'Internal Seminar', 'Trade Show', 'Web Download', 'Web Research', 'Chat', 'MailChimp'];
const LEAD_STATUSES = ['Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre-Qualified', 'Not Qualified'];
const INDUSTRIES = ['ASP (Application Service Provider)', 'Data/Telecom OEM', 'ERP (Enterprise Resource Planning)', 'Government/Military', 'Large Enterprise', 'ManagementISV', 'MSP (Management Service Provider)', 'Network Equipment Enterprise', 'Non-management ISV', 'Optical Networking', 'Service Provider', 'Small/Medium Enterprise', 'Storage Equipment', 'Storage Service Provider', 'Systems Integrator', 'Wireless Industry'];
const RATINGS = ['Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'];
const SALUTATIONS = ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'];

const contactish = (): FieldDef[] => [
	f('First_Name', 'text', { length: 40 }),
	f('Last_Name', 'text', { length: 80, system_mandatory: true }),
	f('Full_Name', 'text', { read_only: true }),
	f('Salutation', 'picklist', { pick_list_values: SALUTATIONS }),
	f('Email', 'email'),
	f('Secondary_Email', 'email'),
	f('Phone', 'phone'),
	f('Mobile', 'phone'),
	f('Fax', 'phone'),
	f('Email_Opt_Out', 'boolean'),
	f('Lead_Source', 'picklist', { pick_list_values: LEAD_SOURCES }),
	f('Skype_ID', 'text', { length: 50 }),
	f('Twitter', 'text', { length: 50 }),
	f('Description', 'textarea'),
	f('Date_of_Birth', 'date'),
	f('Last_Activity_Time', 'datetime', { read_only: true }),
	f('Last_Open_Date', 'datetime', { custom_field: true }),
	f('Last_Click_Date', 'datetime', { custom_field: true }),
	f('Email_Bounced', 'boolean', { custom_field: true }),
	f('Mailchimp_Member_Id', 'text', { custom_field: true, length: 50 }),
	f('Mailchimp_Rating', 'integer', { custom_field: true }),
	f('Mailchimp_Opens', 'integer', { custom_field: true }),
	f('Mailchimp_Clicks', 'integer', { custom_field: true }),
	f('Newsletter_Subscribed', 'boolean', { custom_field: true }),
	f('Interests', 'multiselectpicklist', { custom_field: true, pick_list_values: ['Product News', 'Webinars', 'Events', 'Offers', 'Case Studies'] }),
];

/** Leads carry more than 50 fields so that field splitting (fields <= 50 per GET) can be tested. */
const LEADS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	...contactish(),
	f('Company', 'text', { length: 200, system_mandatory: true }),
	f('Designation', 'text', { field_label: 'Title', length: 100 }),
	f('Website', 'website'),
	f('Lead_Status', 'picklist', { pick_list_values: LEAD_STATUSES }),
	f('Industry', 'picklist', { pick_list_values: INDUSTRIES }),
	f('No_of_Employees', 'integer'),
	f('Annual_Revenue', 'currency'),
	f('Rating', 'picklist', { pick_list_values: RATINGS }),
	f('Street', 'text', { length: 250 }),
	f('City', 'text', { length: 100 }),
	f('State', 'text', { length: 100 }),
	f('Zip_Code', 'text', { length: 30 }),
	f('Country', 'text', { length: 100 }),
	f('Lead_Score', 'integer', { custom_field: true }),
	f('Visitor_Count', 'bigint', { custom_field: true }),
	f('Conversion_Probability', 'double', { custom_field: true }),
	f('Preferred_Contact_Method', 'picklist', { custom_field: true, pick_list_values: ['Email', 'Phone', 'SMS'] }),
	f('Next_Follow_Up', 'datetime', { custom_field: true }),
	f('Related_Campaign', 'lookup', { custom_field: true, lookup_module: 'Campaigns' }),
	f('Subscription_Source', 'text', { custom_field: true, length: 100 }),
	f('Campaign_Response', 'picklist', { custom_field: true, pick_list_values: ['Opened', 'Clicked', 'Bounced', 'Unsubscribed', 'None'] }),
	f('Referrer_URL', 'website', { custom_field: true }),
	f('Budget', 'currency', { custom_field: true }),
];

const CONTACTS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	...contactish(),
	f('Account_Name', 'lookup', { lookup_module: 'Accounts' }),
	f('Title', 'text', { length: 100 }),
	f('Department', 'text', { length: 30 }),
	f('Mailing_Street', 'text', { length: 250 }),
	f('Mailing_City', 'text', { length: 100 }),
	f('Mailing_State', 'text', { length: 100 }),
	f('Mailing_Zip', 'text', { length: 30 }),
	f('Mailing_Country', 'text', { length: 100 }),
];

const ACCOUNTS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	f('Account_Name', 'text', { length: 200, system_mandatory: true }),
	f('Account_Number', 'bigint'),
	f('Phone', 'phone'),
	f('Website', 'website'),
	f('Account_Type', 'picklist', { pick_list_values: ['Analyst', 'Competitor', 'Customer', 'Distributor', 'Integrator', 'Investor', 'Other', 'Partner', 'Press', 'Prospect', 'Reseller', 'Supplier', 'Vendor'] }),
	f('Industry', 'picklist', { pick_list_values: INDUSTRIES }),
	f('Employees', 'integer'),
	f('Annual_Revenue', 'currency'),
	f('Billing_Street', 'text', { length: 250 }),
	f('Billing_City', 'text', { length: 100 }),
	f('Billing_Country', 'text', { length: 100 }),
	f('Description', 'textarea'),
];

const DEALS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	f('Deal_Name', 'text', { length: 120, system_mandatory: true }),
	f('Amount', 'currency'),
	f('Stage', 'picklist', { system_mandatory: true, pick_list_values: ['Qualification', 'Needs Analysis', 'Value Proposition', 'Identify Decision Makers', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost', 'Closed Lost to Competition'] }),
	f('Closing_Date', 'date'),
	f('Account_Name', 'lookup', { lookup_module: 'Accounts' }),
	f('Contact_Name', 'lookup', { lookup_module: 'Contacts' }),
	f('Campaign_Source', 'lookup', { lookup_module: 'Campaigns' }),
	f('Probability', 'integer'),
	f('Type', 'picklist', { pick_list_values: ['Existing Business', 'New Business'] }),
	f('Lead_Source', 'picklist', { pick_list_values: LEAD_SOURCES }),
	f('Description', 'textarea'),
];

/** Campaigns as API-FACTS describes them, plus the unique custom key holding the MailChimp campaign id. */
const CAMPAIGNS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	f('Campaign_Name', 'text', { length: 40, system_mandatory: true }),
	f('Type', 'picklist', { pick_list_values: ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct mail', 'Email', 'Telemarketing', 'Others'] }),
	f('Status', 'picklist', { pick_list_values: ['Planning', 'Active', 'Inactive', 'Complete'] }),
	f('Start_Date', 'date'),
	f('End_Date', 'date'),
	f('Expected_Revenue', 'currency'),
	f('Budgeted_Cost', 'currency'),
	f('Actual_Cost', 'currency'),
	f('Expected_Response', 'integer'),
	f('Num_sent', 'text', { field_label: 'Numbers sent', length: 255 }),
	f('Description', 'textarea'),
	f('Parent_Campaign', 'lookup', { lookup_module: 'Campaigns' }),
	// The campaign members' status (related lists Leads and Contacts): written only through those lists.
	f('Member_Status', 'picklist', {
		read_only: true,
		field_label: 'Member Status',
		pick_list_values: ['Planned', 'Invited', 'Sent', 'Received', 'Opened', 'Responded', 'Bounced', 'Opted Out', 'Clicked', 'Unsubscribed'],
	}),
	f('Mailchimp_Campaign_Id', 'text', { custom_field: true, unique: true, length: 50, field_label: 'MailChimp Campaign Id' }),
	f('Mailchimp_Title', 'text', { custom_field: true, length: 255, field_label: 'MailChimp Title' }),
	f('Mailchimp_List_Id', 'text', { custom_field: true, length: 50 }),
	f('Send_Time', 'datetime', { custom_field: true }),
	f('Emails_Sent', 'integer', { custom_field: true }),
	f('Unique_Opens', 'integer', { custom_field: true }),
	f('Unique_Clicks', 'integer', { custom_field: true }),
	f('Open_Rate', 'double', { custom_field: true }),
	f('Click_Rate', 'double', { custom_field: true }),
	f('Hard_Bounces', 'integer', { custom_field: true }),
	f('Soft_Bounces', 'integer', { custom_field: true }),
	f('Unsubscribes', 'integer', { custom_field: true }),
	f('Last_Synced', 'datetime', { custom_field: true }),
];

const TASKS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	f('Subject', 'text', { length: 300, system_mandatory: true }),
	f('Due_Date', 'date'),
	f('Status', 'picklist', { pick_list_values: ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'] }),
	f('Priority', 'picklist', { pick_list_values: ['High', 'Highest', 'Low', 'Lowest', 'Normal'] }),
	f('Description', 'textarea'),
];

const NOTES_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS.filter((x) => x.api_name !== 'Tag'),
	f('Note_Title', 'text', { length: 120 }),
	f('Note_Content', 'textarea', { system_mandatory: true }),
	f('Parent_Id', 'lookup', { system_mandatory: true }),
];

const PROJECTS_FIELDS: FieldDef[] = [
	...SYSTEM_FIELDS,
	f('Name', 'text', { length: 120, system_mandatory: true, field_label: 'Project Name' }),
	f('Project_Code', 'text', { length: 30, unique: true, custom_field: true }),
	f('Budget', 'currency', { custom_field: true }),
	f('Start', 'date', { custom_field: true }),
	f('Stage', 'picklist', { custom_field: true, pick_list_values: ['Proposed', 'Running', 'Done'] }),
	f('Email', 'email', { custom_field: true }),
	f('Account', 'lookup', { custom_field: true, lookup_module: 'Accounts' }),
];

let moduleSeq = 0;
const moduleId = (): string => `57257670000000020${String(++moduleSeq).padStart(2, '0')}`;

export function buildModules(): ModuleDef[] {
	moduleSeq = 0;
	const std = (api: string, singular: string, fields: FieldDef[], extra: Partial<ModuleDef>): ModuleDef => ({
		api_name: api,
		singular_label: singular,
		plural_label: api.replace(/_/g, ' '),
		generated_type: 'default',
		api_supported: true,
		id: moduleId(),
		fields,
		related_lists: [],
		...extra,
	});
	const notes = { api_name: 'Notes', display_label: 'Notes', module: 'Notes', kind: 'notes' as const };
	return [
		std('Leads', 'Lead', LEADS_FIELDS, {
			display_field: 'Full_Name',
			duplicate_check_default: ['Email'],
			related_lists: [notes, { api_name: 'Campaigns', display_label: 'Campaigns', module: 'Campaigns', kind: 'member-campaigns' }],
		}),
		std('Contacts', 'Contact', CONTACTS_FIELDS, {
			display_field: 'Full_Name',
			duplicate_check_default: ['Email'],
			related_lists: [
				notes,
				{ api_name: 'Campaigns', display_label: 'Campaigns', module: 'Campaigns', kind: 'member-campaigns' },
				{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', kind: 'lookup', lookup_field: 'Contact_Name' },
			],
		}),
		std('Accounts', 'Account', ACCOUNTS_FIELDS, {
			display_field: 'Account_Name',
			duplicate_check_default: ['Account_Name'],
			related_lists: [
				notes,
				{ api_name: 'Contacts', display_label: 'Contacts', module: 'Contacts', kind: 'lookup', lookup_field: 'Account_Name' },
				{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', kind: 'lookup', lookup_field: 'Account_Name' },
			],
		}),
		std('Deals', 'Deal', DEALS_FIELDS, { display_field: 'Deal_Name', duplicate_check_default: ['Deal_Name'], related_lists: [notes] }),
		std('Campaigns', 'Campaign', CAMPAIGNS_FIELDS, {
			display_field: 'Campaign_Name',
			duplicate_check_default: ['Campaign_Name'],
			related_lists: [
				notes,
				{ api_name: 'Leads', display_label: 'Leads', module: 'Leads', kind: 'campaign-members' },
				{ api_name: 'Contacts', display_label: 'Contacts', module: 'Contacts', kind: 'campaign-members' },
				{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', kind: 'lookup', lookup_field: 'Campaign_Source' },
			],
		}),
		std('Tasks', 'Task', TASKS_FIELDS, { display_field: 'Subject', duplicate_check_default: ['Subject'] }),
		std('Notes', 'Note', NOTES_FIELDS, { display_field: 'Note_Title', duplicate_check_default: [] }),
		std('Projects_X', 'Project', PROJECTS_FIELDS, {
			plural_label: 'Projects',
			generated_type: 'custom',
			display_field: 'Name',
			duplicate_check_default: ['Name'],
			related_lists: [notes],
		}),
		std('Visits', 'Visit', [...SYSTEM_FIELDS], { api_supported: false, plural_label: 'Visits' }),
	];
}
