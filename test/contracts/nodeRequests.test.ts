/**
 * Every request our nodes and triggers send is one the vendors define. Each node operation, editor
 * method and trigger runs against one sandbox inside n8n-core's real contexts (the integration tests'
 * runners); the sandbox keeps every request (bodies and the headers checked, no secrets); then each
 * request is checked against Zoho's SDK and MailChimp's client definitions (conformance/checker.ts).
 * A request that carries anything the vendor does not define fails the test with that request.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import { MailchimpCampaigns } from '../../nodes/Mailchimp/MailchimpCampaigns.node';
import { MailchimpCampaignsTrigger } from '../../nodes/Mailchimp/MailchimpCampaignsTrigger.node';
import { getAudiences, getFolders } from '../../nodes/Mailchimp/methods/loadOptions';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { ZohoCrmConnectInstantTrigger } from '../../nodes/ZohoCrm/ZohoCrmConnectInstantTrigger.node';
import { ZohoCrmConnectTrigger } from '../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import { searchModules, searchRelatedLists } from '../../nodes/ZohoCrm/methods/listSearch';
import { getDuplicateCheckFields, getFields } from '../../nodes/ZohoCrm/methods/loadOptions';
import { getMappingColumns } from '../../nodes/ZohoCrm/methods/resourceMapping';
import { hookSession } from '../helpers/hookRunner';
import { loadOptionsContext } from '../helpers/loadOptionsRunner';
import { runNode } from '../helpers/nodeRunner';
import { pollSession } from '../helpers/pollRunner';
import { mailchimpApiKeyCredential, mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import { waitFor } from '../helpers/waitFor';
import { startSandbox, type Sandbox } from '../sandbox';
import { checkRequests, describeViolations } from './conformance/checker';
import { LEADS, LEADS_FROM_LIST } from '../helpers/zohoModules';

const HOUR = 3_600_000;

describe('contracts: every request our nodes send is one the vendors define', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
		sandbox.server.captureRequests = true;
	});
	afterAll(async () => sandbox?.close());

	const zoho = (): Record<string, ICredentialDataDecryptedObject> => ({ zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) });
	const mcOAuth = (): Record<string, ICredentialDataDecryptedObject> => ({ mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()) });
	const run = async (node: INodeType, parameters: INodeParameters, items: IDataObject[] = [{}], credentials = zoho()) => {
		const { output } = await runNode({ node, parameters, items, credentials, continueOnFail: true });
		const errors = output[0].filter((o) => o.json.error !== undefined).map((o) => String(o.json.error));
		expect(errors).toEqual([]);
		return output[0].map((o) => o.json);
	};
	const crm = (parameters: INodeParameters, items?: IDataObject[]) => run(new ZohoCrmConnect(), { module: LEADS, ...parameters }, items);
	const mc = (parameters: INodeParameters, items?: IDataObject[]) => run(new MailchimpCampaigns(), { authentication: 'oAuth2', ...parameters }, items, mcOAuth());

	it('Zoho CRM Connect: every resource and operation, the editor methods, and a token refresh', async () => {
		const json = (values: IDataObject[]) => values;
		const created = await crm(
			{ resource: 'record', operation: 'create', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' },
			json([
				{ Last_Name: 'Conform 1', Company: 'Judge Co', Email: 'conform.1@example.com' },
				{ Last_Name: 'Conform 2', Company: 'Judge Co', Email: 'conform.2@example.com' },
				{ Last_Name: 'Conform 3', Company: 'Judge Co', Email: 'conform.3@example.com' },
			]),
		);
		const ids = created.map((c) => String(c.id));
		await crm({ resource: 'record', operation: 'update', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify({ City: "Oslo" }) }}' }, [{ id: ids[0] }]);
		await crm({ resource: 'record', operation: 'upsert', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' }, [{ Last_Name: 'Conform 1', Email: 'conform.1@example.com', City: 'Bergen' }]);
		await crm({ resource: 'record', operation: 'get', fields: ['Last_Name', 'Email'] }, [{ id: ids[0] }, { id: ids[1] }]);
		await crm({ resource: 'record', operation: 'getMany', returnAll: true, fields: ['Last_Name', 'Email'] });
		await crm({ resource: 'record', operation: 'getMany', returnAll: false, limit: 2, fields: ['Last_Name'], filters: { modifiedSince: new Date(Date.now() - HOUR).toISOString() } });
		await crm({ resource: 'record', operation: 'search', searchBy: 'criteria', criteria: '(Last_Name:starts_with:Conform)', returnAll: true });
		await crm({ resource: 'record', operation: 'search', searchBy: 'email', term: 'conform.2@example.com', returnAll: true });
		await crm({ resource: 'record', operation: 'search', searchBy: 'word', term: 'Judge', returnAll: true });
		await crm({ resource: 'record', operation: 'search', searchBy: 'phone', term: '555000', returnAll: true });
		await crm({ resource: 'query', operation: 'coql', query: "select Last_Name from Leads where Last_Name like 'Conform%'" });
		await crm({ resource: 'note', operation: 'create', title: 'Judged', content: 'by the vendor' }, [{ id: ids[0] }]);
		await crm({ resource: 'related', operation: 'getMany', relatedList: 'Notes', relatedFields: 'Note_Content' }, [{ id: ids[0] }]);
		const [campaign] = sandbox.zoho.insertDirect('Campaigns', [{ Campaign_Name: 'Judged' }]);
		const members = { module: { __rl: true, mode: 'name', value: 'Campaigns' }, recordId: campaign.id, relatedListName: { __rl: true, mode: 'name', value: 'Leads' } };
		await run(new ZohoCrmConnect(), { resource: 'related', operation: 'link', ...members, relationFields: '{"Member_Status": "Opened"}' }, [{ id: ids[0] }, { id: ids[1] }]);
		await crm({ resource: 'related', operation: 'getMany', recordId: campaign.id, module: { __rl: true, mode: 'name', value: 'Campaigns' }, relatedList: 'Leads', relatedFields: 'Email,Member_Status' });
		await run(new ZohoCrmConnect(), { resource: 'related', operation: 'unlink', ...members }, [{ id: ids[1] }]);
		await crm({ resource: 'tag', operation: 'add', tags: 'vip, judged' }, [{ id: ids[0] }]);
		await crm({ resource: 'tag', operation: 'remove', tags: 'vip' }, [{ id: ids[0] }]);
		await crm({ resource: 'lead', operation: 'convert' }, [{ id: ids[1] }]);
		await crm({ resource: 'customApiCall', operation: 'call', method: 'GET', path: '/crm/v8/Leads/actions/count' });
		await crm({ resource: 'record', operation: 'delete' }, [{ id: ids[2] }]);

		const editor = (parameters: INodeParameters) => loadOptionsContext(new ZohoCrmConnect(), { resource: 'record', module: LEADS_FROM_LIST, ...parameters }, zoho());
		await searchModules.call(editor({ operation: 'create' }));
		await searchRelatedLists.call(editor({ resource: 'related', operation: 'link' }));
		await getFields.call(editor({ operation: 'getMany' }));
		await getDuplicateCheckFields.call(editor({ operation: 'upsert' }));
		await getMappingColumns.call(editor({ operation: 'create' }));

		// An expired access token: n8n refreshes at the credential's token URL, then the call is retried.
		sandbox.zoho.expireAccessTokens();
		const tokens = sandbox.zoho.issueTokens();
		sandbox.zoho.expireAccessTokens();
		await runNode({
			node: new ZohoCrmConnect(),
			parameters: { module: LEADS, resource: 'record', operation: 'getMany', returnAll: false, limit: 1, fields: ['Last_Name'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
		});
		expect(sandbox.zoho.refreshCount(tokens.refresh_token)).toBe(1);
	});

	it('Zoho triggers: polling (created, updated, createdOrUpdated, test event) and instant (activate, notify, renew, deactivate)', async () => {
		for (const event of ['createdOrUpdated', 'created', 'updated']) {
			const s = pollSession({ node: new ZohoCrmConnectTrigger(), parameters: { module: LEADS, event, fields: ['Last_Name', 'Email'] }, credentials: zoho() });
			await s.poll();
			await s.poll();
			await s.poll('manual');
		}
		const hook = await hookSession({ node: new ZohoCrmConnectInstantTrigger(), parameters: { module: LEADS, events: ['create', 'edit', 'delete'] }, credentials: zoho() });
		try {
			expect(await hook.activate()).toBe(true);
			const state = hook.staticData().channel as IDataObject;
			hook.staticData().channel = { ...state, expiresAt: Date.now() + 2 * HOUR };
			await crm({ resource: 'record', operation: 'create', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' }, [{ Last_Name: 'Instant', Company: 'Judge Co' }]);
			await sandbox.zoho.flushNotifications();
			await waitFor(() => hook.executions().length === 1, { what: 'the instant trigger\'s execution' });
			expect(sandbox.server.log.some((e) => e.method === 'PATCH' && e.path === '/crm/v8/actions/watch')).toBe(true);
			expect(await hook.delete()).toBe(true);
		} finally {
			await hook.close();
		}
	});

	it('MailChimp Campaigns: every resource and operation, both credentials, editor methods; the trigger', async () => {
		sandbox.mailchimp.seed({ campaigns: 8, listMembers: 30, seed: 5, sentRatio: 0.6 });
		const listId = String(sandbox.mailchimp.lists()[0].id);
		const sent = sandbox.mailchimp.campaigns().filter((c) => c.status === 'sent');
		const draft = sandbox.mailchimp.campaigns().find((c) => c.status === 'save')!;
		const member = sandbox.mailchimp.members(listId)[0];

		await mc({ resource: 'campaign', operation: 'getMany', returnAll: true });
		await mc({
			resource: 'campaign',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: { status: 'sent', type: 'regular', listId, member: member.email_address as string, sinceSendTime: '2020-01-01T00:00:00Z', beforeCreateTime: '2100-01-01T00:00:00Z' },
			options: { sortField: 'send_time', sortDir: 'DESC', fields: 'id,status' },
		});
		await mc({ resource: 'campaign', operation: 'get', campaignId: String(sent[0].id), options: { fields: 'id,settings.title' } });
		const [copy] = await mc({ resource: 'campaign', operation: 'replicate', campaignId: String(draft.id) });
		const quarter = 900_000;
		const at = new Date(Math.ceil((Date.now() + 2 * HOUR) / quarter) * quarter).toISOString();
		await mc({ resource: 'campaign', operation: 'schedule', campaignId: String(copy.id), scheduleTime: at });
		await mc({ resource: 'campaign', operation: 'unschedule', campaignId: String(copy.id) });
		await mc({ resource: 'campaign', operation: 'send', campaignId: String(copy.id) });
		const [other] = await mc({ resource: 'campaign', operation: 'replicate', campaignId: String(draft.id) });
		await mc({ resource: 'campaign', operation: 'delete', campaignId: String(other.id) });

		await mc({ resource: 'report', operation: 'getMany', returnAll: true, simplify: true, filters: { sinceSendTime: '2020-01-01T00:00:00Z', type: 'regular' } });
		await mc({ resource: 'report', operation: 'get', campaignId: String(sent[0].id) });
		await mc({ resource: 'report', operation: 'get', campaignId: String(sent[0].id), simplify: true });
		for (const operation of ['getEmailActivity', 'getSentTo', 'getUnsubscribes', 'getClickDetails', 'getOpenDetails']) {
			await mc({ resource: 'report', operation, campaignId: String(sent[0].id), returnAll: true });
		}
		await mc({ resource: 'report', operation: 'getEmailActivity', campaignId: String(sent[0].id), returnAll: false, limit: 3, options: { since: '2020-01-01T00:00:00Z' } });

		await mc({ resource: 'member', operation: 'getMany', listId, returnAll: true, filters: { status: 'subscribed', sinceLastChanged: '2020-01-01T00:00:00Z' } });
		await mc({
			resource: 'member',
			operation: 'upsert',
			listId,
			email: 'Judge.Single@Example.com',
			statusIfNew: 'pending',
			additionalFields: { mergeFields: { field: [{ name: 'FNAME', value: 'Judge' }] }, tags: 'Lead, CRM' },
		});
		await mc(
			{
				resource: 'member',
				operation: 'upsertMany',
				listId: '={{ $json.listId }}',
				email: '={{ $json.email }}',
				status: 'subscribed',
				additionalFields: { mergeFields: { field: [{ name: 'FNAME', value: '={{ $json.first }}' }] }, tags: 'CRM Sync' },
			},
			[
				{ listId, email: 'many.1@example.com', first: 'One' },
				{ listId, email: 'many.2@example.com', first: 'Two' },
			],
		);
		// The API-key credential (Basic) on one read.
		await run(new MailchimpCampaigns(), { authentication: 'apiKey', resource: 'campaign', operation: 'getMany', returnAll: false, limit: 2 }, [{}], {
			mailchimpConnectApi: mailchimpApiKeyCredential(sandbox.url, sandbox.mailchimp.createApiKey()),
		});

		const editor = loadOptionsContext(new MailchimpCampaigns(), { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany' }, mcOAuth());
		await getAudiences.call(editor);
		await getFolders.call(editor);

		for (const event of ['sent', 'created']) {
			const s = pollSession({ node: new MailchimpCampaignsTrigger(), parameters: { authentication: 'oAuth2', event }, credentials: mcOAuth() });
			await s.poll();
			await s.poll();
			await s.poll('manual');
		}
	});

	it('the sandbox log holds no request outside the vendors\' definitions', () => {
		const { violations, matched } = checkRequests(sandbox.server.log);
		expect(describeViolations(violations)).toBe('');
		// What the nodes called, for docs/conformance.md (printed when CONFORMANCE_TABLE=1).
		if (process.env.CONFORMANCE_TABLE) process.stdout.write(`${JSON.stringify(matched, null, 1)}\n`);
		expect(Object.keys(matched).length).toBeGreaterThan(25);
	});
});
