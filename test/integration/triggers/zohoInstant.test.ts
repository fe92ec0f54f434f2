import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { ZohoCrmConnect } from '../../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { ZohoCrmConnectInstantTrigger } from '../../../nodes/ZohoCrm/ZohoCrmConnectInstantTrigger.node';
import type { ChannelState } from '../../../nodes/ZohoCrm/trigger/channel';
import { hookSession, type HookSession } from '../../helpers/hookRunner';
import { runNode } from '../../helpers/nodeRunner';
import { zohoCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';
import { LEADS } from '../../helpers/zohoModules';

const HOUR = 3_600_000;

describe('Zoho CRM Connect Instant Trigger: channel lifecycle and deliveries over real HTTP (n8n-core HookContext/WebhookContext)', () => {
	let sandbox: Sandbox;
	const open: HookSession[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());
	afterEach(async () => {
		sandbox.zoho.setClock(undefined);
		await sandbox.zoho.flushNotifications();
		while (open.length) await open.pop()!.close();
	});

	const credentials = () => ({ zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) });
	const session = async (parameters: INodeParameters = {}) => {
		const s = await hookSession({
			node: new ZohoCrmConnectInstantTrigger(),
			parameters: { module: LEADS, events: ['create', 'edit', 'delete'], ...parameters },
			credentials: credentials(),
		});
		open.push(s);
		return s;
	};
	const crm = (parameters: INodeParameters, items: IDataObject[]) =>
		runNode({ node: new ZohoCrmConnect(), parameters: { module: LEADS, resource: 'record', ...parameters }, items, credentials: credentials() });
	const createLeads = async (n: number) =>
		(
			await crm(
				{ operation: 'create', fieldsToSend: 'json', jsonFields: '={{ JSON.stringify($json) }}' },
				Array.from({ length: n }, (_, i) => ({ Last_Name: `Instant ${i}`, Company: 'Acme', Email: `i${i}@example.com` })),
			)
		).output[0].map((o) => String(o.json.id));
	const channel = (s: HookSession) => s.staticData().channel as unknown as ChannelState;
	const watchCalls = (method: string) => sandbox.server.log.filter((e) => e.path === '/crm/v8/actions/watch' && e.method === method);
	const liveChannel = async (s: HookSession): Promise<IDataObject | undefined> => {
		const { access_token } = sandbox.zoho.issueTokens();
		const res = await fetch(`${sandbox.url}/crm/v8/actions/watch?channel_id=${channel(s).channelId}`, {
			headers: { Authorization: `Zoho-oauthtoken ${access_token}` },
		});
		return res.status === 204 ? undefined : ((await res.json()) as { watch: IDataObject[] }).watch[0];
	};

	it('registers a channel on activation, emits create / edit / delete notifications, and removes it on deactivation', async () => {
		const s = await session();
		expect(await s.activate()).toBe(true);
		const state = channel(s);
		expect(state.token).toHaveLength(48);
		expect(state.notifyUrl).toBe(s.url);
		const posted = watchCalls('POST');
		expect(posted).toHaveLength(1);
		expect(await liveChannel(s)).toMatchObject({ notify_url: s.url, events: ['Leads.create', 'Leads.edit', 'Leads.delete'] });
		expect(state.expiresAt - Date.now()).toBeGreaterThan(22 * HOUR);
		// n8n restarts / re-activates: the channel exists, nothing is created again.
		expect(await s.activate()).toBe(false);
		expect(watchCalls('POST')).toHaveLength(1);

		const ids = await createLeads(3);
		await sandbox.zoho.flushNotifications();
		sandbox.zoho.touch('Leads', ids[1], { City: 'Oslo' });
		await sandbox.zoho.flushNotifications();
		await crm({ operation: 'delete' }, ids.slice(0, 2).map((id) => ({ id })));
		await sandbox.zoho.flushNotifications();

		expect(sandbox.zoho.notificationFailures).toEqual([]);
		const runs = s.executions();
		expect(runs).toHaveLength(3);
		expect(runs[0]).toEqual(ids.map((id) => expect.objectContaining({ id, module: 'Leads', event: 'create' })));
		expect(runs[1]).toEqual([expect.objectContaining({ id: ids[1], event: 'edit', affectedFields: ['City'] })]);
		expect(runs[2].map((r) => [r.id, r.event])).toEqual([
			[ids[0], 'delete'],
			[ids[1], 'delete'],
		]);
		expect(runs[0][0].record).toBeUndefined();

		expect(await s.delete()).toBe(true);
		expect(s.staticData().channel).toBeUndefined();
		expect(watchCalls('DELETE')).toHaveLength(1);
		sandbox.zoho.touch('Leads', ids[2], { City: 'Bergen' });
		await sandbox.zoho.flushNotifications();
		expect(s.executions()).toHaveLength(3);
	});

	it('refuses deliveries with a wrong token or channel (401, no execution)', async () => {
		const s = await session();
		await s.activate();
		const { channelId, token } = channel(s);
		const post = (body: IDataObject) =>
			fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const base = { module: 'Leads', operation: 'insert', ids: ['1'], server_time: Date.now() };
		expect((await post({ ...base, channel_id: Number(channelId), token: 'x'.repeat(48) })).status).toBe(401);
		expect((await post({ ...base, channel_id: 42, token })).status).toBe(401);
		expect((await post({ ...base, channel_id: Number(channelId) })).status).toBe(401);
		expect(s.executions()).toHaveLength(0);
		expect((await post({ ...base, channel_id: Number(channelId), token })).status).toBe(200);
		expect(s.executions()).toHaveLength(1);
	});

	it('fetches the full records of a notification in one call by ids', async () => {
		const s = await session({ events: ['create', 'edit'], fetchRecords: true, fields: ['Last_Name', 'Email'] });
		await s.activate();
		sandbox.server.resetStats();
		const ids = await createLeads(120);
		await sandbox.zoho.flushNotifications();
		// Two create calls (100 + 20 records), two notifications, each read back in one call.
		const run = s.executions().flat();
		expect(run).toHaveLength(120);
		expect(run[7].record).toMatchObject({ id: ids[7], Last_Name: 'Instant 7', Email: 'i7@example.com' });
		const reads = sandbox.server.log.filter((e) => e.method === 'GET' && e.path === '/crm/v8/Leads');
		expect(reads.map((e) => e.query.ids.split(',').length)).toEqual([100, 20]);
	});

	it('renews a channel near expiry on a delivery and on a GET of the webhook URL; an expired channel is re-created on activation', async () => {
		const s = await session();
		await s.activate();
		const first = channel(s).expiresAt;
		// Pretend the channel has 2 hours left: the next delivery renews it (PATCH), then emits as usual.
		s.staticData().channel = { ...channel(s), expiresAt: Date.now() + 2 * HOUR } as unknown as IDataObject;
		await createLeads(1);
		await sandbox.zoho.flushNotifications();
		expect(watchCalls('PATCH')).toHaveLength(1);
		expect(channel(s).expiresAt).toBeGreaterThanOrEqual(first);
		expect(s.executions()).toHaveLength(1);

		// Far from expiry: a GET answers the status and renews nothing.
		const status = await (await fetch(s.url)).json();
		expect(status).toMatchObject({ channel: channel(s).channelId, renewed: false });
		s.staticData().channel = { ...channel(s), expiresAt: Date.now() + HOUR } as unknown as IDataObject;
		expect(await (await fetch(s.url)).json()).toMatchObject({ renewed: true });
		expect(watchCalls('PATCH')).toHaveLength(2);
		expect(Date.parse(String((await liveChannel(s))!.channel_expiry))).toBeGreaterThan(Date.now() + 22 * HOUR);

		// Zoho has dropped the channel (expired while nothing renewed it): activation (n8n start) sees it gone and subscribes anew.
		const before = channel(s).channelId;
		const { access_token } = sandbox.zoho.issueTokens();
		await fetch(`${sandbox.url}/crm/v8/actions/watch?channel_ids=${before}`, { method: 'DELETE', headers: { Authorization: `Zoho-oauthtoken ${access_token}` } });
		expect(await s.activate()).toBe(true);
		expect(channel(s).channelId).not.toBe(before);
		expect(watchCalls('POST')).toHaveLength(2);
	});

	it('a changed event set replaces the channel instead of leaving the old one delivering', async () => {
		const s = await session({ events: ['create'] });
		await s.activate();
		const old = channel(s).channelId;
		s.setParameters({ module: LEADS, events: ['create', 'delete'] });
		expect(await s.activate()).toBe(true);
		expect(channel(s).channelId).not.toBe(old);
		expect(watchCalls('DELETE')).toHaveLength(1);
		expect(await liveChannel(s)).toMatchObject({ events: ['Leads.create', 'Leads.delete'] });
	});
});
