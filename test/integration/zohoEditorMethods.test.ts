import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { searchModules } from '../../nodes/ZohoCrm/methods/listSearch';
import { getDuplicateCheckFields, getFields } from '../../nodes/ZohoCrm/methods/loadOptions';
import { getMappingColumns } from '../../nodes/ZohoCrm/methods/resourceMapping';
import { startSandbox, type Sandbox } from '../sandbox';
import { loadOptionsContext } from '../helpers/loadOptionsRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';

describe('Zoho CRM Connect editor methods in n8n-core’s LoadOptionsContext against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	const context = (module = 'Leads') =>
		loadOptionsContext(
			new ZohoCrmConnect(),
			{ resource: 'record', operation: 'create', module: { __rl: true, mode: 'list', value: module } },
			{ zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		);

	it('lists API-supported modules including custom ones, searchable', async () => {
		const all = await searchModules.call(context());
		const values = all.results.map((r) => r.value);
		expect(values).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Campaigns']));
		expect(all.results.some((r) => String(r.name).includes('(custom)'))).toBe(true);
		const filtered = await searchModules.call(context(), 'camp');
		expect(filtered.results.map((r) => r.value)).toEqual(['Campaigns']);
	});

	it('loads typed resource-mapper columns with picklist values and mandatory fields', async () => {
		const { fields } = await getMappingColumns.call(context());
		const byId = new Map(fields.map((f) => [f.id, f]));
		expect(byId.get('Last_Name')).toMatchObject({ required: true, type: 'string' });
		expect(byId.get('No_of_Employees')?.type).toBe('number');
		expect(byId.get('Email_Opt_Out')?.type).toBe('boolean');
		expect(byId.get('Interests')?.type).toBe('array');
		expect(byId.get('Lead_Status')?.type).toBe('options');
		expect((byId.get('Lead_Status')?.options ?? []).length).toBeGreaterThan(2);
		expect(byId.get('Owner')?.type).toBe('options');
		expect(byId.has('Full_Name')).toBe(false);
	});

	it('offers fields and duplicate-check fields (unique custom field included)', async () => {
		expect((await getFields.call(context())).length).toBeGreaterThan(50);
		const unique = (await getDuplicateCheckFields.call(context('Campaigns'))).map((o) => o.value);
		expect(unique).toEqual(expect.arrayContaining(['Mailchimp_Campaign_Id', 'Campaign_Name']));
	});
});
