/**
 * The bad-input matrix: each bad value sits in item 1 of three, run with continue-on-fail (items
 * 0 and 2 must still succeed; item 1 gets an error naming item, field and code) and without it
 * (the node fails with a NodeOperationError / NodeApiError naming the item). Never "unknown
 * error", never a stack trace in the message, never a crash. Every output and error is scanned
 * for the tokens and secrets.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { CustomServiceRequest } from '../../nodes/CustomService/CustomServiceRequest.node';
import { MailchimpCampaigns } from '../../nodes/Mailchimp/MailchimpCampaigns.node';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { runNode } from '../helpers/nodeRunner';
import { customServiceCredential, CUSTOM_CLIENT, MAILCHIMP_CLIENT, mailchimpOAuthCredential, zohoCredential, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { startSandbox, type Sandbox } from '../sandbox';
import { pairedIndex } from './kit';
import { LEADS } from '../helpers/zohoModules';

jest.setTimeout(120_000);

let sandbox: Sandbox;
const ledger = new SecretLedger({ zohoClientSecret: ZOHO_CLIENT.clientSecret, customClientSecret: CUSTOM_CLIENT.clientSecret, mcClientSecret: MAILCHIMP_CLIENT.clientSecret });

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox?.close());
beforeEach(() => sandbox.reset());

type Service = 'zoho' | 'mailchimp' | 'custom';

function credentialsFor(service: Service): Record<string, ICredentialDataDecryptedObject> {
	if (service === 'zoho') {
		const tokens = sandbox.zoho.issueTokens();
		ledger.add({ zohoAccess: tokens.access_token, zohoRefresh: tokens.refresh_token });
		return { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) };
	}
	if (service === 'mailchimp') {
		const token = sandbox.mailchimp.issueToken();
		ledger.add({ mcAccess: token });
		return { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, token) };
	}
	const tokens = sandbox.custom.issueTokens();
	ledger.add({ customAccess: tokens.access_token, customRefresh: tokens.refresh_token });
	return { customServiceOAuth2Api: customServiceCredential(sandbox.url, tokens) };
}

const nodes: Record<Service, () => INodeType> = {
	zoho: () => new ZohoCrmConnect(),
	mailchimp: () => new MailchimpCampaigns(),
	custom: () => new CustomServiceRequest(),
};

interface Case {
	name: string;
	service: Service;
	parameters: INodeParameters;
	/** Three items; item 1 is the bad one. */
	items: IDataObject[];
	/** What item 1's error must say (the item index is checked separately). */
	message: RegExp;
	/** The field and code item 1's error names (in the message or as json fields). */
	field: string;
	code?: string;
	before?: () => void;
	/** No request may reach the service for item 1 (refused before sending). */
	refusedLocally?: boolean;
}

const lead = (i: number): IDataObject => ({ Last_Name: `Input ${i}`, Company: 'Northwind', Email: `input${i}@northwind.io` });
const createFromJson: INodeParameters = { resource: 'record', operation: 'create', module: LEADS, fieldsToSend: 'json', jsonFields: '={{ $json.raw }}' };
const rawItems = (bad: string): IDataObject[] => [{ raw: JSON.stringify(lead(0)) }, { raw: bad }, { raw: JSON.stringify(lead(2)) }];

const cases: Case[] = [
	{
		name: 'unknown module',
		service: 'zoho',
		parameters: { resource: 'record', operation: 'getMany', module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, returnAll: false, limit: 2, fields: ['Last_Name'] },
		items: [{ module: 'Leads' }, { module: 'Not_A_Module' }, { module: 'Leads' }],
		before: () => sandbox.zoho.seed({ module: 'Leads', count: 3, seed: 1 }),
		message: /Item 1, module Not_A_Module: Zoho CRM INVALID_MODULE on get many/,
		field: 'Not_A_Module',
		code: 'INVALID_MODULE',
	},
	{
		name: 'unknown field',
		service: 'zoho',
		parameters: createFromJson,
		items: rawItems(JSON.stringify({ ...lead(1), Not_A_Field__c: 'x' })),
		message: /Item 1, module Leads, field Not_A_Field__c: Zoho CRM INVALID_DATA/,
		field: 'Not_A_Field__c',
		code: 'INVALID_DATA',
	},
	{
		name: 'wrong field type',
		service: 'zoho',
		parameters: createFromJson,
		items: rawItems(JSON.stringify({ ...lead(1), No_of_Employees: 'lots' })),
		message: /Item 1, module Leads, field No_of_Employees: Zoho CRM INVALID_DATA .*\(expected integer\)/,
		field: 'No_of_Employees',
		code: 'INVALID_DATA',
	},
	{
		name: 'missing mandatory field',
		service: 'zoho',
		parameters: createFromJson,
		items: rawItems(JSON.stringify({ Company: 'No last name' })),
		message: /Item 1, module Leads, field Last_Name: Zoho CRM MANDATORY_NOT_FOUND/,
		field: 'Last_Name',
		code: 'MANDATORY_NOT_FOUND',
	},
	{
		name: 'malformed JSON',
		service: 'zoho',
		parameters: createFromJson,
		items: rawItems('{"Last_Name": "half'),
		message: /^Item 1, field "JSON": not valid JSON/,
		field: 'JSON',
		refusedLocally: true,
	},
	{
		name: '10 MB field value',
		service: 'zoho',
		parameters: createFromJson,
		items: rawItems(JSON.stringify({ ...lead(1), Description: 'x'.repeat(10 * 1024 * 1024) })),
		message: /Item 1, module Leads, field Description: Zoho CRM INVALID_DATA/,
		field: 'Description',
		code: 'INVALID_DATA',
	},
	{
		name: 'invalid email (MailChimp)',
		service: 'mailchimp',
		parameters: { resource: 'member', operation: 'upsert', listId: '={{ $json.listId }}', email: '={{ $json.email }}', status: 'subscribed' },
		items: [],
		message: /^Item 1, field "Email": "not-an-email" is not an email address/,
		field: 'Email',
		refusedLocally: true,
	},
	{
		name: 'Custom Service URL on another host',
		service: 'custom',
		parameters: { method: 'GET', url: '={{ $json.url }}' },
		items: [{ url: '/me' }, { url: 'https://attacker.example.com/me' }, { url: '/me' }],
		message: /^Item 1, field "URL": The host "attacker\.example\.com" is not the credential's API host/,
		field: 'URL',
		refusedLocally: true,
	},
	{
		name: 'javascript: URL',
		service: 'custom',
		parameters: { method: 'GET', url: '={{ $json.url }}' },
		items: [{ url: '/me' }, { url: 'javascript:alert(document.cookie)' }, { url: '/me' }],
		message: /^Item 1, field "URL": The URL scheme "javascript:" is not allowed/,
		field: 'URL',
		refusedLocally: true,
	},
	{
		name: 'file: URL',
		service: 'custom',
		parameters: { method: 'GET', url: '={{ $json.url }}' },
		items: [{ url: '/me' }, { url: 'file:///etc/passwd' }, { url: '/me' }],
		message: /^Item 1, field "URL": The URL scheme "file:" is not allowed/,
		field: 'URL',
		refusedLocally: true,
	},
	{
		name: 'file: URL in the Zoho Custom API Call',
		service: 'zoho',
		parameters: { resource: 'customApiCall', operation: 'call', method: 'GET', path: '={{ $json.path }}' },
		items: [{ path: '/crm/v8/settings/modules' }, { path: 'file:///etc/passwd' }, { path: '/crm/v8/settings/modules' }],
		message: /Item 1.*file:/,
		field: 'Path',
		refusedLocally: true,
	},
	{
		name: 'javascript: URL in the MailChimp Custom API Call',
		service: 'mailchimp',
		parameters: { resource: 'customApiCall', operation: 'request', method: 'GET', path: '={{ $json.path }}' },
		items: [{ path: '/ping' }, { path: 'javascript:alert(1)' }, { path: '/ping' }],
		message: /Item 1.*javascript:/,
		field: 'javascript:',
		refusedLocally: true,
	},
];

function expectClear(text: string): void {
	expect(text).not.toMatch(/unknown error/i);
	expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
	expect(text).not.toMatch(/\[object Object\]|undefined/);
}

describe('bad input: item 1 fails clearly, items 0 and 2 are answered (continue-on-fail)', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		c.before?.();
		let items = c.items;
		if (c.service === 'mailchimp' && items.length === 0) {
			const listId = String(sandbox.mailchimp.addList('Bad input').id);
			items = [{ listId, email: 'good0@northwind.io' }, { listId, email: 'not-an-email' }, { listId, email: 'good2@northwind.io' }];
		}
		const parameters = c.service === 'mailchimp' ? { authentication: 'oAuth2', ...c.parameters } : c.parameters;
		const result = await runNode({ node: nodes[c.service](), parameters, items, credentials: credentialsFor(c.service), continueOnFail: true });
		ledger.scan(`bad input ${c.name} output`, result.output);
		const out: INodeExecutionData[] = result.output[0];
		const byItem = (i: number) => out.filter((o) => pairedIndex(o) === i);
		for (const good of [0, 2]) {
			expect(byItem(good).length).toBeGreaterThan(0);
			for (const o of byItem(good)) expect(o.json.error).toBeUndefined();
		}
		const bad = byItem(1);
		expect(bad).toHaveLength(1);
		const json = bad[0].json;
		const text = String(json.error);
		expect(text).toMatch(c.message);
		expect(text).toMatch(/^Item 1\b/);
		expect(JSON.stringify(json)).toContain(c.field);
		if (c.code) expect(json.code).toBe(c.code);
		expectClear(text);

		// Without continue-on-fail the node fails naming the item, as an n8n node error.
		sandbox.server.resetStats();
		const failed = await runNode({ node: nodes[c.service](), parameters, items, credentials: credentialsFor(c.service) }).then(
			() => undefined,
			(error: unknown) => error,
		);
		ledger.scan(`bad input ${c.name} error`, failed);
		expect(failed instanceof NodeOperationError || failed instanceof NodeApiError).toBe(true);
		const error = failed as NodeOperationError | NodeApiError;
		expect(error.message).toMatch(c.message);
		expectClear(error.message);
		if (c.refusedLocally) {
			// Items run in order (MailChimp and Custom Service run up to 5 at once): item 1's URL or body never went out.
			const leaked = sandbox.server.log.filter((e) => /attacker|passwd|javascript|alert/.test(`${e.path}?${JSON.stringify(e.query)}`));
			expect(leaked).toEqual([]);
		}
	});

	it('criteria with ( ) , \\ and non-ASCII find exactly the record holding that value', async () => {
		const tricky = 'Müller (GmbH), Zürich \\ 東京';
		sandbox.zoho.insertDirect('Leads', [
			{ Last_Name: tricky, Company: 'A' },
			{ Last_Name: 'Müller (GmbH)', Company: 'B' },
			{ Last_Name: 'Other', Company: 'C' },
		]);
		const parameters: INodeParameters = {
			resource: 'record',
			operation: 'search',
			module: LEADS,
			searchBy: 'conditions',
			conditions: { condition: [{ field: 'Last_Name', operator: 'equals', value: '={{ $json.name }}' }] },
			returnAll: true,
		};
		const result = await runNode({
			node: new ZohoCrmConnect(),
			parameters,
			items: [{ name: tricky }, { name: 'Nobody (none), \\' }, { name: 'Other' }],
			credentials: credentialsFor('zoho'),
			continueOnFail: true,
		});
		ledger.scan('criteria output', result.output);
		const out = result.output[0];
		expect(out.filter((o) => pairedIndex(o) === 0).map((o) => o.json.Last_Name)).toEqual([tricky]);
		expect(out.filter((o) => pairedIndex(o) === 1 && o.json.error !== undefined)).toEqual([]);
		expect(out.filter((o) => pairedIndex(o) === 2).map((o) => o.json.Company)).toEqual(['C']);
		const sent = sandbox.server.log.find((e) => e.path === '/crm/v8/Leads/search');
		expect(sent?.query.criteria).toBe('(Last_Name:equals:Müller \\(GmbH\\)\\, Zürich \\\\ 東京)');
	});

	it('more than 100 ids: Delete sends 100 per call and answers every id', async () => {
		const ids = sandbox.zoho.seed({ module: 'Leads', count: 250, seed: 3 }).map(String);
		const result = await runNode({
			node: new ZohoCrmConnect(),
			parameters: { resource: 'record', operation: 'delete', module: LEADS, recordId: '={{ $json.id }}' },
			items: [...ids.map((id) => ({ id })), { id: '999999999' }],
			credentials: credentialsFor('zoho'),
			continueOnFail: true,
		});
		ledger.scan('delete output', result.output);
		const out = result.output[0];
		expect(out).toHaveLength(251);
		expect(out.slice(0, 250).every((o) => o.json.error === undefined)).toBe(true);
		expect(String(out[250].json.error)).toMatch(/^Item 250, module Leads(, field id)?: Zoho CRM INVALID_DATA/);
		const deletes = sandbox.server.log.filter((e) => e.method === 'DELETE' && e.path === '/crm/v8/Leads');
		expect(deletes.map((e) => e.query.ids.split(',').length)).toEqual([100, 100, 51]);
		expect(sandbox.zoho.records('Leads')).toHaveLength(0);
	});

	it('empty input: no call, no output, no crash', async () => {
		for (const service of ['zoho', 'mailchimp', 'custom'] as const) {
			const parameters: INodeParameters =
				service === 'zoho'
					? createFromJson
					: service === 'mailchimp'
						? { authentication: 'oAuth2', resource: 'member', operation: 'upsertMany', listId: 'x', email: '={{ $json.email }}' }
						: { method: 'GET', url: '/me' };
			const result = await runNode({ node: nodes[service](), parameters, items: [], credentials: credentialsFor(service) });
			expect(result.output).toEqual([[]]);
		}
		expect(sandbox.server.getStats().total).toBe(0);
	});

	it('no token or client secret in any output or error of the matrix', () => {
		expect(ledger.sources).toBeGreaterThan(cases.length * 2);
		expect(ledger.hits).toEqual([]);
	});
});
