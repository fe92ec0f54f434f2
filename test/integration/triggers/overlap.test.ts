/**
 * n8n starts a poll on every cron tick without waiting for the previous poll of the same activation
 * (each Poll Times entry is its own cron job too). These tests start polls of ONE activation (one
 * PollContext, one static data object, as n8n has it) while another is in flight, deterministically:
 * `Promise.all([poll(), poll()])`, and a second poll started from inside the first poll's API call
 * (a sandbox "action" fault runs when the request arrives, i.e. after the first poll read its cursor).
 * Every record must be emitted exactly once and the cursor must never move backwards.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { MailchimpCampaignsTrigger } from '../../../nodes/Mailchimp/MailchimpCampaignsTrigger.node';
import { ZohoCrmConnectTrigger } from '../../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import type { ZohoCursorState } from '../../../nodes/ZohoCrm/trigger/cursor';
import { zohoUsage } from '../../../nodes/ZohoCrm/transport';
import { pollSession, type PollSession } from '../../helpers/pollRunner';
import { mailchimpOAuthCredential, zohoCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';
import { LEADS } from '../../helpers/zohoModules';

const HOUR = 3_600_000;
const ZOHO_LIST = '/crm/v8/Leads';

const emitted = (result: INodeExecutionData[][] | null): string[] => (result?.[0] ?? []).map((item) => String((item.json as IDataObject).id));

describe('overlapping polls of one activation', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());
	afterEach(() => sandbox.zoho.setClock(undefined));

	const listCalls = () => sandbox.server.log.filter((e) => e.method === 'GET' && e.path === ZOHO_LIST).length;
	/** Runs `run` when the next Zoho listing call arrives: the poll making it has read its cursor and awaits Zoho. */
	const duringNextListCall = (run: () => void) =>
		sandbox.server.addFault({ service: 'zoho-crm', method: 'GET', path: ZOHO_LIST, kind: 'action', times: 1, run });

	describe('Zoho CRM Connect Trigger', () => {
		const LEAD_COUNT = 500;
		let leadIds: string[];

		beforeEach(() => {
			// A few hundred leads, one second apart, an hour ago: one page (200) per poll with Max Pages 1.
			let now = Math.floor((Date.now() - 2 * HOUR) / 1000) * 1000;
			sandbox.zoho.setClock(() => now);
			leadIds = [];
			for (let i = 0; i < LEAD_COUNT; i++) {
				now += 1000;
				leadIds.push(...sandbox.zoho.insertDirect('Leads', [{ Last_Name: `Lead ${i}`, Company: `Co ${i}`, Email: `lead${i}@example.com` }]).map((r) => r.id));
			}
			now += HOUR;
		});

		const session = (parameters: INodeParameters = {}): PollSession =>
			pollSession({
				node: new ZohoCrmConnectTrigger(),
				parameters: {
					module: LEADS,
					event: 'createdOrUpdated',
					fields: ['Last_Name'],
					startFrom: 'date',
					startDate: '2000-01-01T00:00:00Z',
					options: { maxPages: 1 },
					...parameters,
				},
				credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
			});
		const cursor = (s: PollSession) => s.staticData().cursor as unknown as ZohoCursorState | undefined;

		it('two polls started at once, then more: every lead emitted exactly once, the cursor only moves forward', async () => {
			const s = session();
			const all: string[] = [];
			const times: number[] = [];

			const [first, second] = await Promise.all([s.poll(), s.poll()]);
			// The second tick found the first poll in flight: no API call of its own, nothing emitted.
			expect(listCalls()).toBe(1);
			all.push(...emitted(first), ...emitted(second));
			expect(all).toHaveLength(200);
			times.push(cursor(s)!.time!);

			for (let poll = 0; poll < 4; poll++) {
				const [a, b, c] = await Promise.all([s.poll(), s.poll(), s.poll()]);
				all.push(...emitted(a), ...emitted(b), ...emitted(c));
				times.push(cursor(s)!.time!);
			}
			expect(all).toHaveLength(LEAD_COUNT);
			expect(new Set(all)).toEqual(new Set(leadIds));
			expect(times).toEqual([...times].sort((x, y) => x - y));
			expect(cursor(s)!.rev).toBe(5);
		});

		it('a poll started while another waits on Zoho returns at once, without a call, and leaves the cursor alone', async () => {
			const s = session();
			let overlapping: Promise<INodeExecutionData[][] | null> | undefined;
			let callsWhenStarted = 0;
			duringNextListCall(() => {
				callsWhenStarted = listCalls();
				overlapping = s.poll();
			});
			const first = await s.poll();
			expect(overlapping).toBeDefined();
			expect(await overlapping).toBeNull();
			// Only the first poll's own request reached Zoho.
			expect(listCalls()).toBe(callsWhenStarted + 1);
			expect(emitted(first)).toEqual(leadIds.slice(0, 200));

			const next = emitted(await s.poll());
			// The page re-reads the cursor's own second (lead 199, skipped), so 199 new ones fit beside it.
			expect(next).toEqual(leadIds.slice(200, 399));
		});

		it('a tick during a poll resets nothing of it: its tally of calls and credits stays whole', async () => {
			const s = session({ fields: [] }); // every field: listing, field metadata, then reads by id
			const context = s.contextOf('trigger');
			let tick: Promise<INodeExecutionData[][] | null> | undefined;
			duringNextListCall(() => {
				tick = s.poll();
			});
			sandbox.server.resetStats();
			expect(emitted(await s.poll())).toEqual(leadIds.slice(0, 200));
			expect(await tick).toBeNull();
			const billed = { calls: sandbox.server.getStats().byService['zoho-crm'] ?? 0, credits: sandbox.zoho.credits().total };
			expect(billed.calls).toBeGreaterThanOrEqual(3);
			expect({ calls: zohoUsage(context)?.calls, credits: zohoUsage(context)?.credits }).toEqual(billed);
		});

		it('a poll whose cursor was moved by another meanwhile emits nothing and does not move it back', async () => {
			const s = session();
			expect(emitted(await s.poll())).toEqual(leadIds.slice(0, 200));
			const before = cursor(s)!;
			let moved: ZohoCursorState | undefined;
			duringNextListCall(() => {
				// What a newer poll (another activation of this workflow, say) leaves behind: a later cursor, next revision.
				moved = { ...before, time: before.time! + 250_000, seen: [], rev: (before.rev ?? 0) + 1 };
				s.staticData().cursor = moved as unknown as IDataObject;
			});
			expect(await s.poll()).toBeNull();
			expect(cursor(s)).toEqual(moved);
			// The next poll carries on from the newer cursor.
			const rest = emitted(await s.poll());
			expect(rest[0]).toBe(leadIds[449]);
		});

		it('"start from now": ticks overlapping the activation poll do not reset or duplicate the cursor', async () => {
			const s = session({ startFrom: 'now' });
			const [a, b] = await Promise.all([s.poll(), s.poll()]);
			expect(a).toBeNull();
			expect(b).toBeNull();
			expect(cursor(s)).toMatchObject({ rev: 1, time: expect.any(Number) });
			expect(cursor(s)!.seen).toEqual([`${leadIds[LEAD_COUNT - 1]}@${cursor(s)!.time! / 1000}`]);
		});
	});

	describe('MailChimp Campaigns Trigger', () => {
		const session = (): PollSession =>
			pollSession({
				node: new MailchimpCampaignsTrigger(),
				parameters: { authentication: 'oAuth2', event: 'sent', startFrom: 'date', startDate: '2000-01-01T00:00:00Z' },
				credentials: { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()) },
			});
		const campaignCalls = () => sandbox.server.log.filter((e) => e.method === 'GET' && e.path === '/3.0/campaigns').length;

		it('overlapping polls emit every sent campaign once', async () => {
			sandbox.mailchimp.addList();
			const start = Math.floor((Date.now() - 48 * HOUR) / 1000) * 1000;
			const sent = Array.from({ length: 30 }, (_, i) => String(sandbox.mailchimp.addCampaign({ title: `c${i}`, status: 'sent', sendTime: start + i * 60_000 }).id));
			const s = session();

			const [a, b] = await Promise.all([s.poll(), s.poll()]);
			// The second tick made no call at all: not even MailChimp's metadata call that starts a poll.
			expect(campaignCalls()).toBe(1);
			expect(sandbox.server.log.filter((e) => e.path === '/oauth2/metadata')).toHaveLength(1);
			const all = [...emitted(a), ...emitted(b)];
			expect(all).toEqual(sent);

			const more = Array.from({ length: 5 }, (_, i) => String(sandbox.mailchimp.addCampaign({ title: `d${i}`, status: 'sent', sendTime: start + HOUR + i * 60_000 }).id));
			let overlapping: Promise<INodeExecutionData[][] | null> | undefined;
			sandbox.server.addFault({
				service: 'mailchimp-api',
				method: 'GET',
				path: '/3.0/campaigns',
				kind: 'action',
				times: 1,
				run: () => {
					overlapping = s.poll();
				},
			});
			const next = emitted(await s.poll());
			expect(await overlapping).toBeNull();
			expect(next).toEqual(more);
			expect(await s.poll()).toBeNull();
			expect((s.staticData().cursor as IDataObject).rev).toBe(3);
		});
	});
});
