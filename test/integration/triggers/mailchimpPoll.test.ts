import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MailchimpCampaignsTrigger } from '../../../nodes/Mailchimp/MailchimpCampaignsTrigger.node';
import { pollSession, type PollSession } from '../../helpers/pollRunner';
import { mailchimpOAuthCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';

const DAY = 86_400_000;

describe('MailChimp Campaigns Trigger (polling) against the sandbox, in n8n-core PollContext', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());
	afterEach(() => sandbox.mailchimp.setClock(undefined));

	const session = (parameters: INodeParameters = {}): PollSession =>
		pollSession({
			node: new MailchimpCampaignsTrigger(),
			parameters: { authentication: 'oAuth2', event: 'sent', ...parameters },
			credentials: { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()) },
		});
	const ids = (json: IDataObject[]) => json.map((c) => String(c.id));
	const calls = (endpoint: string) => sandbox.server.getStats().byEndpoint[endpoint] ?? 0;
	const sent = (title: string, at: number) => String(sandbox.mailchimp.addCampaign({ title, status: 'sent', sendTime: at }).id);
	const second = (ms: number) => Math.floor(ms / 1000) * 1000;

	it('emits each newly sent campaign once, including several sent in the same second across polls', async () => {
		sandbox.mailchimp.addList();
		sent('old 1', Date.now() - 3 * DAY);
		sent('old 2', Date.now() - 2 * DAY);
		const s = session();
		expect(await s.poll()).toBeNull();

		const draft = String(sandbox.mailchimp.addCampaign({ title: 'draft' }).id);
		expect(await s.poll()).toBeNull();
		const t = second(Date.now() - 60_000);
		sandbox.mailchimp.sendCampaign(draft, { at: t });
		const a = sent('same second A', t + 100);
		const first = await s.pollJson();
		expect(ids(first)).toEqual([draft, a]);
		expect(first[0]).toMatchObject({ event: 'campaignSent', status: 'sent' });
		expect(await s.poll()).toBeNull();

		const b = sent('same second B', t + 900); // lands on the cursor's second after it was read
		expect(ids(await s.pollJson())).toEqual([b]);
		expect(await s.poll()).toBeNull();
	});

	it('"Campaign Created" emits new campaigns whatever their status', async () => {
		// create_time is the sandbox's clock: set by hand, so the new campaigns are a second later at once.
		let now = second(Date.now() - 60_000);
		sandbox.mailchimp.setClock(() => now);
		sandbox.mailchimp.addList();
		sandbox.mailchimp.addCampaign({ title: 'before' });
		const s = session({ event: 'created' });
		expect(await s.poll()).toBeNull();
		now += 1_000;
		const c1 = String(sandbox.mailchimp.addCampaign({ title: 'new draft' }).id);
		const c2 = sent('new and sent', now);
		const json = await s.pollJson();
		expect(ids(json)).toEqual([c1, c2]);
		expect(json[0].event).toBe('campaignCreated');
		expect(await s.poll()).toBeNull();
	});

	it('from a date: a backlog of 1,500 is read at count=1000 and stops by total_items', async () => {
		sandbox.mailchimp.addList();
		const start = Date.now() - 30 * DAY;
		const all = Array.from({ length: 1_500 }, (_, i) => sent(`c${i}`, start + i * 60_000));
		const s = session({ startFrom: 'date', startDate: new Date(start).toISOString() });
		sandbox.server.resetStats();
		const json = await s.pollJson();
		expect(ids(json)).toEqual(all);
		expect(calls('GET /3.0/campaigns')).toBe(2);
		const counts = sandbox.server.log.filter((e) => e.path === '/3.0/campaigns').map((e) => e.query.count);
		expect(counts).toEqual(['1000', '500']);
		expect(await s.poll()).toBeNull();
	});

	it('re-emits the reports of campaigns sent within the window on every due poll; the campaign itself only once', async () => {
		sandbox.mailchimp.addList();
		const recent = sent('recent', Date.now() - 2 * DAY);
		sent('too old', Date.now() - 20 * DAY);
		const s = session({ options: { reportWindowDays: 7 } });
		const first = await s.pollJson();
		expect(first.map((i) => [i.event, i.id])).toEqual([['reportMetrics', recent]]);
		expect(first[0]).toHaveProperty('opens');
		expect(first[0]).toHaveProperty('clicks');

		const fresh = sent('fresh', Date.now());
		const second = await s.pollJson();
		expect(second.map((i) => [i.event, i.id])).toEqual([
			['campaignSent', fresh],
			['reportMetrics', recent],
			['reportMetrics', fresh],
		]);
		expect((await s.pollJson()).map((i) => i.event)).toEqual(['reportMetrics', 'reportMetrics']);
	});

	it('paces report emissions, and "fetch test event" returns the newest campaign without moving the cursor', async () => {
		sandbox.mailchimp.addList();
		const newest = sent('newest', Date.now() - DAY);
		const s = session({ options: { reportWindowDays: 7, reportEveryHours: 24 } });
		const sample = await s.pollJson('manual');
		expect(ids(sample)).toEqual([newest]);
		expect(s.staticData().cursor).toBeUndefined();
		expect((await s.pollJson()).map((i) => i.event)).toEqual(['reportMetrics']);
		expect(await s.poll()).toBeNull(); // within 24 h of the last report emission
	});
});
