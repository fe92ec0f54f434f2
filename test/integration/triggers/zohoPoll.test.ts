import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ZohoCrmConnectTrigger } from '../../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import type { ZohoCursorState } from '../../../nodes/ZohoCrm/trigger/cursor';
import { pollSession, type PollSession } from '../../helpers/pollRunner';
import { zohoCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';
import { LEADS } from '../../helpers/zohoModules';

const MINUTE = 60_000;

describe('Zoho CRM Connect Trigger (polling) against the sandbox, in n8n-core PollContext', () => {
	let sandbox: Sandbox;
	/** The sandbox clock, moved by hand; kept in the past so the server's Date header has closed every second written. */
	let now = 0;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		now = Math.floor((Date.now() - 60 * MINUTE) / 1000) * 1000;
		sandbox.zoho.setClock(() => now);
	});
	afterEach(() => sandbox.zoho.setClock(undefined));

	const session = (parameters: INodeParameters = {}): PollSession =>
		pollSession({
			node: new ZohoCrmConnectTrigger(),
			parameters: { module: LEADS, event: 'createdOrUpdated', fields: ['Last_Name', 'Email'], ...parameters },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
	const lead = (i: number): IDataObject => ({ Last_Name: `Lead ${i}`, Company: `Co ${i}`, Email: `lead${i}@example.com` });
	const insert = (from: number, count: number): string[] =>
		sandbox.zoho.insertDirect('Leads', Array.from({ length: count }, (_, i) => lead(from + i))).map((r) => r.id);
	const listCalls = () => sandbox.server.log.filter((e) => e.method === 'GET' && e.path === '/crm/v8/Leads');
	const ids = (json: IDataObject[]) => json.map((r) => String(r.id));
	const cursor = (s: PollSession) => s.staticData().cursor as unknown as ZohoCursorState;

	it('starts from now on activation, then emits each creation and edit once, oldest first; an idle poll costs one call', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 50 });
		const s = session();
		expect(await s.poll()).toBeNull();
		expect(cursor(s).time).toBe(Math.max(...sandbox.zoho.records('Leads').map((r) => Date.parse(String(r.Modified_Time)))));

		now += 10_000;
		const created = insert(1, 3);
		now += 1_000;
		const old = sandbox.zoho.records('Leads').slice(0, 2).map((r) => r.id);
		for (const id of old) sandbox.zoho.touch('Leads', id, { Description: 'edited' });

		const second = await s.pollJson();
		expect(ids(second)).toEqual([...created, ...old]);
		expect(second[0]).toMatchObject({ Last_Name: 'Lead 1', Email: 'lead1@example.com' });
		expect(Object.keys(second[0]).sort()).toEqual(['Created_Time', 'Email', 'Last_Name', 'Modified_Time', 'id']);

		sandbox.server.resetStats();
		const before = listCalls().length;
		expect(await s.poll()).toBeNull();
		const idle = listCalls().slice(before);
		// One call: If-Modified-Since one second before the cursor re-reads only the cursor's own second.
		expect(idle).toHaveLength(1);
		expect(idle[0].query).toMatchObject({ sort_by: 'Modified_Time', sort_order: 'asc' });
	});

	it('many records on one second across polls (page budget 1): each once, including those written later in that second', async () => {
		const s = session({ startFrom: 'date', startDate: new Date(now - 5_000).toISOString(), options: { maxPages: 1 } });
		const first = insert(0, 450);
		const seen: string[] = [];
		seen.push(...ids(await s.pollJson()));
		expect(seen).toHaveLength(200);
		const late = insert(1000, 30); // same second as the 450
		seen.push(...ids(await s.pollJson()));
		expect(seen).toHaveLength(400);
		seen.push(...ids(await s.pollJson()));
		expect(seen).toHaveLength(480);
		expect(await s.poll()).toBeNull();
		expect(new Set(seen).size).toBe(480);
		expect(new Set(seen)).toEqual(new Set([...first, ...late]));
		expect(cursor(s).seen).toHaveLength(480);

		now += 1_000;
		const edited = [first[5], late[2], first[300]];
		for (const id of edited) sandbox.zoho.touch('Leads', id, { Description: 'again' });
		expect(ids(await s.pollJson()).sort()).toEqual([...edited].sort());
		expect(cursor(s).seen).toHaveLength(3);
		expect(await s.poll()).toBeNull();
	});

	it('after a mass update on one second is read and that second has closed, an idle poll costs one call', async () => {
		const s = session({ startFrom: 'date', startDate: new Date(now - 5_000).toISOString() });
		insert(0, 1_000); // one mass import: 1,000 records stamped with the same second
		expect(ids(await s.pollJson())).toHaveLength(1_000);
		expect(cursor(s).closedThrough).toBe(cursor(s).time);
		sandbox.server.resetStats();
		expect(await s.poll()).toBeNull();
		expect(await s.poll()).toBeNull();
		// Strictly after the closed second: not ⌈1,000 / 200⌉ calls per poll re-reading it.
		expect(listCalls()).toHaveLength(2);
		now += 1_000;
		const next = insert(5_000, 2);
		expect(ids(await s.pollJson())).toEqual(next);
	});

	it('a backlog of 2,500 on one second is carried over (10 pages per poll, page_token past 2,000) and never repeated', async () => {
		const s = session({ options: { maxPages: 10 } });
		expect(await s.poll()).toBeNull(); // module empty at activation: everything later is new
		now += 1_000;
		const all = insert(0, 2_500);
		const a = ids(await s.pollJson());
		expect(a).toHaveLength(2_000);
		expect(listCalls().some((e) => e.query.page_token)).toBe(true);
		const b = ids(await s.pollJson());
		expect(b).toHaveLength(500);
		expect(await s.poll()).toBeNull();
		expect(new Set([...a, ...b]).size).toBe(2_500);
		expect(new Set([...a, ...b])).toEqual(new Set(all));
	});

	it('a backlog spread over time keeps its order and continues after the budget', async () => {
		const s = session({ options: { maxPages: 2 } });
		expect(await s.poll()).toBeNull();
		const all: string[] = [];
		for (let batch = 0; batch < 9; batch++) {
			now += 1_000;
			all.push(...insert(batch * 100, 100));
		}
		const got: string[] = [];
		for (let i = 0; i < 4; i++) got.push(...ids(await s.pollJson()));
		expect(got).toEqual(all);
		expect(await s.poll()).toBeNull();
	});

	it('"New Record" ignores edits of older records and emits creations once', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 30 });
		const s = session({ event: 'created' });
		expect(await s.poll()).toBeNull();
		now += 5_000;
		for (const r of sandbox.zoho.records('Leads').slice(0, 20)) sandbox.zoho.touch('Leads', r.id, { Description: 'x' });
		const created = insert(0, 2);
		expect(ids(await s.pollJson())).toEqual(created);
		now += 1_000;
		sandbox.zoho.touch('Leads', created[0], { Description: 'edited after creation' });
		expect(await s.poll()).toBeNull();
		now += 1_000;
		const more = insert(10, 1);
		expect(ids(await s.pollJson())).toEqual(more);
		// After a full scan the If-Modified-Since watermark follows the newest Modified_Time: the 20 old edits are not re-read.
		const before = listCalls().length;
		expect(await s.poll()).toBeNull();
		expect(listCalls().length - before).toBe(1);
		expect(cursor(s).watermark).toBe(now);
	});

	it('"Updated Record" passes over creations and emits edits', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 10 });
		const s = session({ event: 'updated' });
		expect(await s.poll()).toBeNull();
		now += 2_000;
		const created = insert(0, 2);
		const old = sandbox.zoho.records('Leads')[0].id;
		now += 1_000;
		sandbox.zoho.touch('Leads', old, { Description: 'changed' });
		sandbox.zoho.touch('Leads', created[1], { Description: 'changed too' });
		expect(ids(await s.pollJson())).toEqual([old, created[1]]);
		expect(await s.poll()).toBeNull();
	});

	it('every field when none are chosen: one metadata call and reads by id for the changed records only', async () => {
		const s = session({ fields: [] });
		expect(await s.poll()).toBeNull();
		now += 1_000;
		insert(0, 120);
		sandbox.server.resetStats();
		const json = await s.pollJson();
		expect(json).toHaveLength(120);
		expect(json[0]).toMatchObject({ Last_Name: 'Lead 0', Company: 'Co 0', Email: 'lead0@example.com' });
		const byIds = listCalls().filter((e) => e.query.ids);
		expect(byIds.length).toBeGreaterThanOrEqual(2); // 120 ids = 2 calls per column set
		expect(byIds.every((e) => e.query.ids.split(',').length <= 100 && e.query.fields.split(',').length <= 50)).toBe(true);
		// An idle poll still costs one call: no metadata, no reads by id.
		const before = sandbox.server.log.length;
		expect(await s.poll()).toBeNull();
		expect(sandbox.server.log.length - before).toBe(1);
	});

	it('"fetch test event" returns the newest record and leaves the cursor alone; output can be one item', async () => {
		insert(0, 3);
		now += 1_000;
		const newest = insert(3, 1)[0];
		const s = session({ options: { output: 'single' } });
		const sample = await s.poll('manual');
		expect(sample![0]).toHaveLength(1);
		expect(ids(sample![0][0].json.records as IDataObject[])).toEqual([newest]);
		expect(s.staticData().cursor).toBeUndefined();
		expect(await s.poll()).toBeNull();
		now += 1_000;
		insert(10, 2);
		const one = await s.poll();
		expect(one![0]).toHaveLength(1);
		expect(one![0][0].json.count).toBe(2);
	});

	it('a custom view limits the feed, and changing the module starts a new cursor', async () => {
		const s = session({ options: { cvid: '5725767000000087503' } });
		expect(await s.poll()).toBeNull();
		now += 1_000;
		const [mc] = sandbox.zoho.insertDirect('Leads', [{ ...lead(1), Lead_Source: 'MailChimp' }]);
		insert(2, 2);
		expect(ids(await s.pollJson())).toEqual([mc.id]);

		s.setParameters({ module: { __rl: true, mode: 'name', value: 'Contacts' }, event: 'createdOrUpdated', fields: ['Last_Name'] });
		expect(await s.poll()).toBeNull();
		expect(cursor(s).key).toMatch(/^Contacts\|/);
	});

	it('a failed poll leaves the cursor where it was, and the next poll emits the changes', async () => {
		const s = session();
		expect(await s.poll()).toBeNull();
		now += 1_000;
		const created = insert(0, 2);
		const before = structuredClone(s.staticData().cursor);
		sandbox.zoho.expireAccessTokens();
		sandbox.zoho.revokeRefreshToken(String((s.store.data.zohoCrmConnectOAuth2Api.oauthTokenData as IDataObject).refresh_token));
		await expect(s.poll()).rejects.toThrow(/reconnect/i);
		expect(s.staticData().cursor).toEqual(before);
		s.store.data.zohoCrmConnectOAuth2Api = zohoCredential(sandbox.url, sandbox.zoho.issueTokens());
		expect(ids(await s.pollJson())).toEqual(created);
	});

	it('a refresh that failed in one poll is tried again in the next (n8n keeps one context per activation)', async () => {
		const s = session();
		expect(await s.poll()).toBeNull();
		now += 1_000;
		const created = insert(0, 3);
		sandbox.zoho.expireAccessTokens();
		// Zoho's accounts server fails the refresh once (an outage, or its 10-per-10-minutes limit).
		sandbox.server.addFault({ service: 'zoho-accounts', method: 'POST', path: /\/oauth\/v2\/token$/, kind: 'status', status: 500, times: 1 });
		await expect(s.poll()).rejects.toThrow();
		// Same activation, same credential: the next poll refreshes and emits the changes.
		const refreshesBefore = sandbox.server.log.filter((e) => /\/oauth\/v2\/token$/.test(e.path)).length;
		expect(ids(await s.pollJson())).toEqual(created);
		expect(sandbox.server.log.filter((e) => /\/oauth\/v2\/token$/.test(e.path)).length).toBe(refreshesBefore + 1);
	});
});
