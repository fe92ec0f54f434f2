import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { searchRelatedLists } from '../../nodes/ZohoCrm/methods/listSearch';
import { startSandbox, type Sandbox } from '../sandbox';
import { loadOptionsContext } from '../helpers/loadOptionsRunner';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';

const CAMPAIGNS = { __rl: true, mode: 'name', value: 'Campaigns' };
const list = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Zoho CRM Connect: Related Record Link / Update and Unlink (campaign members) against the sandbox', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const credentials = () => ({ zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) });
	const run = (parameters: INodeParameters, items: IDataObject[], continueOnFail = false) =>
		runNode({ node, parameters: { resource: 'related', module: CAMPAIGNS, ...parameters }, items, credentials: credentials(), continueOnFail });
	const calls = (method: string, pattern: RegExp) => sandbox.server.log.filter((e) => e.method === method && pattern.test(e.path)).length;
	const members = (campaign: string) =>
		Object.fromEntries([...(sandbox.zoho.store.memberships.get(campaign) ?? new Map()).entries()].map(([id, link]) => [id, `${link.module}:${link.Member_Status}`]));
	const link = (campaign: string, relatedList: string, status: string) => ({
		operation: 'link',
		recordId: campaign,
		relatedListName: list(relatedList),
		relatedRecordId: '={{ $json.id }}',
		relationFields: `={{ JSON.stringify({ Member_Status: $json.status ?? "${status}" }) }}`,
	});

	it('lists the related lists of the module from /settings/related_lists', async () => {
		const context = loadOptionsContext(node, { resource: 'related', operation: 'link', module: CAMPAIGNS }, credentials());
		const all = await searchRelatedLists.call(context);
		expect(all.results.map((r) => r.value)).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Notes']));
		expect((await searchRelatedLists.call(context, 'contac')).results.map((r) => r.value)).toEqual(['Contacts']);
	});

	it('links 250 leads to a campaign in 3 PUT calls, each item answered and paired, then updates statuses', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 1 }).map(String);
		const leads = sandbox.zoho.seed({ module: 'Leads', count: 250, seed: 1 }).map(String);
		const first = await run(link(campaign, 'Leads', 'Sent'), leads.map((id) => ({ id })));
		expect(calls('PUT', new RegExp(`/crm/v8/Campaigns/${campaign}/Leads$`))).toBe(3);
		expect(first.output[0]).toHaveLength(250);
		expect(first.output[0].every((o, i) => o.json.status === 'success' && o.json.id === leads[i] && (o.pairedItem as { item: number }).item === i)).toBe(true);
		expect(Object.values(members(campaign))).toEqual(leads.map(() => 'Leads:Sent'));
		await run(link(campaign, 'Leads', 'Sent'), [{ id: leads[0], status: 'Clicked' }]);
		expect(members(campaign)[leads[0]]).toBe('Leads:Clicked');
		expect(members(campaign)[leads[1]]).toBe('Leads:Sent');
	});

	it('links contacts from either side (Campaigns/{id}/Contacts and Contacts/{id}/Campaigns)', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 2 }).map(String);
		const contacts = sandbox.zoho.seed({ module: 'Contacts', count: 2, seed: 2 }).map(String);
		await run(link(campaign, 'Contacts', 'Opened'), [{ id: contacts[0] }]);
		await runNode({
			node,
			parameters: { resource: 'related', module: { __rl: true, mode: 'name', value: 'Contacts' }, ...link(contacts[1], 'Campaigns', 'Bounced'), relatedRecordId: campaign },
			items: [{}],
			credentials: credentials(),
		});
		expect(members(campaign)).toEqual({ [contacts[0]]: 'Contacts:Opened', [contacts[1]]: 'Contacts:Bounced' });
	});

	it('answers a bad picklist value per item (item, field, code) and writes the others; without Continue On Fail the node stops naming them', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 3 }).map(String);
		const leads = sandbox.zoho.seed({ module: 'Leads', count: 3, seed: 3 }).map(String);
		const items = [{ id: leads[0] }, { id: leads[1], status: 'opened-ish' }, { id: 'not-an-id' }, { id: leads[2] }];
		const { output } = await run(link(campaign, 'Leads', 'Opened'), items, true);
		expect(output[0].map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect(output[0][0].json).toMatchObject({ status: 'success', id: leads[0] });
		expect(output[0][1].json).toMatchObject({ code: 'INVALID_DATA', field: 'Member_Status' });
		expect(String(output[0][1].json.error)).toMatch(/Item 1.*field Member_Status.*INVALID_DATA/);
		expect(String(output[0][2].json.error)).toMatch(/Item 2, field "Related Record ID"/);
		expect(output[0][3].json).toMatchObject({ status: 'success', id: leads[2] });
		expect(members(campaign)).toEqual({ [leads[0]]: 'Leads:Opened', [leads[2]]: 'Leads:Opened' });
		await expect(run(link(campaign, 'Leads', 'Opened'), [{ id: leads[1], status: 'Nope' }])).rejects.toThrow(/Item 0.*field Member_Status.*INVALID_DATA/);
	});

	it('unlinks 150 members in 2 DELETE calls, and names an id that is not linked', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 4 }).map(String);
		const leads = sandbox.zoho.seed({ module: 'Leads', count: 151, seed: 4 }).map(String);
		await run(link(campaign, 'Leads', 'Sent'), leads.map((id) => ({ id })));
		const unlinkParams = { operation: 'unlink', recordId: campaign, relatedListName: list('Leads'), relatedRecordId: '={{ $json.id }}' };
		const { output } = await run(unlinkParams, leads.slice(0, 150).map((id) => ({ id })));
		expect(calls('DELETE', new RegExp(`/crm/v8/Campaigns/${campaign}/Leads$`))).toBe(2);
		expect(output[0].every((o, i) => o.json.unlinked === true && o.json.id === leads[i])).toBe(true);
		expect(Object.keys(members(campaign))).toEqual([leads[150]]);
		const again = await run(unlinkParams, [{ id: leads[0] }, { id: leads[150] }], true);
		expect(again.output[0][0].json).toMatchObject({ code: 'INVALID_DATA' });
		expect(String(again.output[0][0].json.error)).toMatch(/Item 0/);
		expect(again.output[0][1].json).toMatchObject({ status: 'success', id: leads[150] });
	});

	it('names a bad related list and bad JSON per item', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 5 }).map(String);
		const [lead] = sandbox.zoho.seed({ module: 'Leads', count: 1, seed: 5 }).map(String);
		const bogus = await run({ ...link(campaign, 'Bogus', 'Sent') }, [{ id: lead }], true);
		expect(bogus.output[0][0].json).toMatchObject({ code: 'INVALID_URL_PATTERN' });
		const badJson = await run({ ...link(campaign, 'Leads', 'Sent'), relationFields: '{nope' }, [{ id: lead }], true);
		expect(String(badJson.output[0][0].json.error)).toMatch(/Item 0, field "Relation Fields \(JSON\)": not valid JSON/);
	});

	it('a campaign sent to 20,000 recipients becomes 20,000 members in 200 write calls', async () => {
		const [campaign] = sandbox.zoho.seed({ module: 'Campaigns', count: 1, seed: 6 }).map(String);
		const leads = sandbox.zoho.seed({ module: 'Leads', count: 20_000, seed: 6 }).map(String);
		const statuses = ['Sent', 'Opened', 'Clicked', 'Bounced', 'Unsubscribed'];
		const params = { ...link(campaign, 'Leads', 'Sent'), relationFields: '={{ JSON.stringify({ Member_Status: $json.status }) }}' };
		const { output } = await run(params, leads.map((id, i) => ({ id, status: statuses[i % 5] })));
		const writes = sandbox.server.log.filter((e) => e.method !== 'GET' && e.path.startsWith('/crm/v8/')).length;
		expect(writes).toBe(200);
		expect(output[0].filter((o) => o.json.status === 'success')).toHaveLength(20_000);
		expect(sandbox.zoho.store.memberships.get(campaign)?.size).toBe(20_000);
		expect(members(campaign)[leads[19_999]]).toBe('Leads:Unsubscribed');
	}, 120_000);
});
