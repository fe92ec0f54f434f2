import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { startSandbox, type Sandbox } from '../sandbox';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';
import { LEADS } from '../helpers/zohoModules';

describe('Zoho CRM Connect: notes, tags, lead conversion and related lists against the sandbox', () => {
	let sandbox: Sandbox;
	const node = new ZohoCrmConnect();

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const run = (parameters: INodeParameters, items: IDataObject[] = [{}], continueOnFail = false) =>
		runNode({
			node,
			parameters: { module: LEADS, ...parameters },
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
			continueOnFail,
		});
	const calls = (method: string, pattern: RegExp) => sandbox.server.log.filter((e) => e.method === method && pattern.test(e.path)).length;

	it('adds notes of several records in one POST /Notes (each parent in Parent_Id), and lists them back', async () => {
		const [a, b] = sandbox.zoho.seed({ module: 'Leads', count: 2, seed: 1 }).map(String);
		const items = [
			{ id: a, text: 'first (a)' },
			{ id: a, text: 'second, a' },
			{ id: b, text: 'only b' },
		];
		const added = await run({ resource: 'note', operation: 'create', title: 'From n8n', content: '={{ $json.text }}' }, items);
		expect(added.output[0]).toHaveLength(3);
		expect(added.output[0].every((o) => o.json.status === 'success')).toBe(true);
		expect(added.output[0].map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		// Zoho's v8 SDK and API definition create notes at POST /Notes, the parent in Parent_Id (not POST /{module}/{id}/Notes).
		expect(calls('POST', /^\/crm\/v8\/Notes$/)).toBe(1);
		expect(calls('POST', /\/Leads\/\d+\/Notes$/)).toBe(0);
		const sentNotes = sandbox.zoho.records('Notes').map((n) => [(n.Parent_Id as { id: string }).id, n.Note_Content]);
		expect(sentNotes).toEqual([
			[a, 'first (a)'],
			[a, 'second, a'],
			[b, 'only b'],
		]);
		const listed = await run({ resource: 'note', operation: 'getMany' }, [{ id: a }]);
		expect(listed.output[0].map((o) => o.json.Note_Content).sort()).toEqual(['first (a)', 'second, a']);
	});

	it('adds and removes tags', async () => {
		const [id] = sandbox.zoho.seed({ module: 'Leads', count: 1, seed: 2 }).map(String);
		await run({ resource: 'tag', operation: 'add', tags: 'vip, newsletter' }, [{ id }]);
		const tagged = sandbox.zoho.record('Leads', id) as IDataObject;
		expect(JSON.stringify(tagged.Tag)).toMatch(/vip/);
		expect(JSON.stringify(tagged.Tag)).toMatch(/newsletter/);
		await run({ resource: 'tag', operation: 'remove', tags: 'vip' }, [{ id }]);
		const untagged = sandbox.zoho.record('Leads', id) as IDataObject;
		expect(JSON.stringify(untagged.Tag)).not.toMatch(/vip/);
		expect(JSON.stringify(untagged.Tag)).toMatch(/newsletter/);
	});

	it('converts a lead into a contact and account, and names a bad id per item', async () => {
		const [id] = sandbox.zoho.seed({ module: 'Leads', count: 1, seed: 3 }).map(String);
		const { output } = await run({ resource: 'lead', operation: 'convert' }, [{ id }, { id: '123' }, { id: 'x' }], true);
		expect(output[0][0].json.lead_id).toBe(id);
		expect(sandbox.zoho.records('Contacts').length).toBe(1);
		expect(String(output[0][1].json.error)).toMatch(/Item 1/);
		expect(String(output[0][2].json.error)).toMatch(/Item 2, field "Record ID"/);
	});

	it('reads a related list of a record', async () => {
		const [id] = sandbox.zoho.seed({ module: 'Leads', count: 1, seed: 4 }).map(String);
		await run({ resource: 'note', operation: 'create', title: 't', content: 'related note' }, [{ id }]);
		const { output } = await run({ resource: 'related', operation: 'getMany', relatedList: 'Notes', relatedFields: 'Note_Content' }, [{ id }]);
		expect(output[0].map((o) => o.json.Note_Content)).toEqual(['related note']);
	});
});
