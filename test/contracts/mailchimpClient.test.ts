/**
 * MailChimp's official Node client (@mailchimp/mailchimp_marketing) against our sandbox: every
 * endpoint our nodes call, through the client's own functions (its paths, methods, query names and
 * bodies), must succeed; its errors must come back as problem+json the client hands over.
 */
import { createHash } from 'node:crypto';
import mailchimp from '@mailchimp/mailchimp_marketing';
import { startSandbox, type Sandbox } from '../sandbox';
import { checkRequests, describeViolations } from './conformance/checker';

const md5 = (email: string) => createHash('md5').update(email.toLowerCase()).digest('hex');

describe('contracts: MailChimp Marketing client against the sandbox', () => {
	let sandbox: Sandbox;
	let listId: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		sandbox.server.captureRequests = true;
		sandbox.mailchimp.seed({ campaigns: 6, listMembers: 40, seed: 17, sentRatio: 0.5 });
		listId = String(sandbox.mailchimp.lists()[0].id);
		// The client's own configuration: an OAuth access token and a server (data center); its base
		// path (https://server.api.mailchimp.com/3.0) is the one thing pointed at the sandbox.
		mailchimp.setConfig({ accessToken: sandbox.mailchimp.issueToken(), server: 'us6' });
		mailchimp.basePath = `${sandbox.url}/3.0`;
	});
	afterAll(() => sandbox?.close());

	const sent = () => sandbox.mailchimp.campaigns().filter((c) => c.status === 'sent');
	const drafts = () => sandbox.mailchimp.campaigns().filter((c) => c.status === 'save');

	it('ping.get answers the health check and sends the Bearer scheme', async () => {
		expect(await mailchimp.ping.get()).toEqual({ health_status: "Everything's Chimpy!" });
		expect(sandbox.server.log.at(-1)).toMatchObject({ endpoint: 'GET /3.0/ping', authScheme: 'Bearer', status: 200 });
	});

	it('campaigns.list with the filters and paging our nodes send, campaigns.get', async () => {
		const page = await mailchimp.campaigns.list({ count: 1000, offset: 0, status: 'sent', sortField: 'send_time', sortDir: 'DESC', fields: ['campaigns.id', 'total_items'] });
		expect(page.total_items).toBe(sent().length);
		expect(page.campaigns.length).toBe(sent().length);
		const created = await mailchimp.campaigns.list({ count: 10, offset: 0, sinceCreateTime: '2000-01-01T00:00:00+00:00', listId, type: 'regular' });
		expect(created.total_items).toBeGreaterThan(0);
		const folders = await mailchimp.campaignFolders.list({ count: 1000, offset: 0, fields: ['folders.id', 'folders.name', 'total_items'] });
		expect(folders.total_items).toBe(new Set(sandbox.mailchimp.campaigns().map((c) => (c.settings as { folder_id?: string }).folder_id).filter(Boolean)).size);
		const one = await mailchimp.campaigns.get(sent()[0].id, { excludeFields: ['_links'] });
		expect(one.id).toBe(sent()[0].id);
	});

	it('campaigns.replicate, schedule, unschedule, send, remove', async () => {
		const copy = await mailchimp.campaigns.replicate(drafts()[0].id);
		expect(copy.status).toBe('save');
		const quarter = 900_000;
		const at = new Date(Math.ceil((sandbox.mailchimp.now() + 2 * 3_600_000) / quarter) * quarter).toISOString();
		// 204 No Content: the client resolves null.
		expect(await mailchimp.campaigns.schedule(copy.id, { schedule_time: at })).toBeNull();
		expect(sandbox.mailchimp.campaigns().find((c) => c.id === copy.id)!.status).toBe('schedule');
		await mailchimp.campaigns.unschedule(copy.id);
		await mailchimp.campaigns.send(copy.id);
		expect(sandbox.mailchimp.campaigns().find((c) => c.id === copy.id)!.status).toBe('sent');
		const other = await mailchimp.campaigns.replicate(drafts()[0].id);
		await mailchimp.campaigns.remove(other.id);
		expect(sandbox.mailchimp.campaigns().some((c) => c.id === other.id)).toBe(false);
	});

	it('reports: list, get and the five sub-resources', async () => {
		const id = String(sent()[0].id);
		const reports = await mailchimp.reports.getAllCampaignReports({ count: 1000, offset: 0, sinceSendTime: '2000-01-01T00:00:00+00:00', type: 'regular' });
		expect(reports.total_items).toBe(sent().length);
		const report = await mailchimp.reports.getCampaignReport(id, { fields: ['id', 'emails_sent', 'opens', 'clicks'] });
		expect(report).toMatchObject({ id, emails_sent: expect.any(Number), opens: expect.any(Object) });
		const activity = await mailchimp.reports.getEmailActivityForCampaign(id, { count: 1000, offset: 0, since: '2000-01-01T00:00:00+00:00' });
		expect(Array.isArray(activity.emails)).toBe(true);
		expect(Array.isArray((await mailchimp.reports.getCampaignRecipients(id, { count: 1000, offset: 0 })).sent_to)).toBe(true);
		expect(Array.isArray((await mailchimp.reports.getUnsubscribedListForCampaign(id, { count: 1000, offset: 0 })).unsubscribes)).toBe(true);
		expect(Array.isArray((await mailchimp.reports.getCampaignClickDetails(id, { count: 1000, offset: 0 })).urls_clicked)).toBe(true);
		expect(Array.isArray((await mailchimp.reports.getCampaignOpenDetails(id, { count: 1000, offset: 0, since: '2000-01-01T00:00:00+00:00' })).members)).toBe(true);
	});

	it('lists, members list/get, PUT upsert and batch subscribe', async () => {
		const lists = await mailchimp.lists.getAllLists({ count: 1000, offset: 0, fields: ['lists.id', 'lists.name', 'total_items'] });
		expect(lists.lists.map((l: { id: string }) => l.id)).toContain(listId);
		expect((await mailchimp.lists.getList(listId)).id).toBe(listId);
		const members = await mailchimp.lists.getListMembersInfo(listId, { count: 1000, offset: 0, status: 'subscribed', sinceLastChanged: '2000-01-01T00:00:00+00:00' });
		expect(members.members.length).toBeGreaterThan(0);
		const email = 'contract.judge@example.com';
		const upserted = await mailchimp.lists.setListMember(listId, md5(email), { email_address: email, status_if_new: 'subscribed', merge_fields: { FNAME: 'Contract' } }, { skipMergeValidation: true });
		expect(upserted).toMatchObject({ email_address: email, status: 'subscribed' });
		expect((await mailchimp.lists.getListMember(listId, md5(email))).id).toBe(md5(email));
		const batch = await mailchimp.lists.batchListMembers(
			listId,
			{ members: [{ email_address: 'batch.one@example.com', status: 'subscribed' }, { email_address: email, status: 'subscribed' }], update_existing: true },
			{ skipMergeValidation: false, skipDuplicateCheck: false },
		);
		expect([batch.total_created, batch.total_updated, batch.error_count]).toEqual([1, 1, 0]);
	});

	it('errors reach the client as problem+json (404 unknown campaign)', async () => {
		const error = await mailchimp.campaigns.get('nope0000').catch((e: { status: number; response: { body: unknown; headers: Record<string, string> } }) => e);
		expect(error.status).toBe(404);
		expect(error.response.headers['content-type']).toContain('application/problem+json');
		expect(error.response.body).toMatchObject({ status: 404, title: 'Resource Not Found', type: expect.any(String), detail: expect.any(String), instance: expect.any(String) });
	});
	it('every request the vendor client sent passes our definition check (the checker agrees with the vendor)', () => {
		const { violations, matched } = checkRequests(sandbox.server.log);
		expect(describeViolations(violations)).toBe('');
		expect(Object.keys(matched).length).toBeGreaterThan(10);
	});
});
