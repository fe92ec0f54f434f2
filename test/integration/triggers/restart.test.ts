/**
 * The polling triggers after an n8n restart (and on every queue-mode main start): n8n loads the
 * workflow's static data from its database and wraps it in change-tracking proxies
 * (Workflow.overrideStaticData / the Workflow constructor do the same). The cursor must be read from
 * there, exactly once per change, with nothing kept in the process. structuredClone refused those
 * proxies ("#<Object> could not be cloned"), so the workflow could not be activated again; the
 * queue-mode test (test/queue) shows it in a real n8n.
 */
import type { IDataObject } from 'n8n-workflow';
import { MailchimpCampaignsTrigger } from '../../../nodes/Mailchimp/MailchimpCampaignsTrigger.node';
import { ZohoCrmConnectTrigger } from '../../../nodes/ZohoCrm/ZohoCrmConnectTrigger.node';
import { pollSession, type PollSession } from '../../helpers/pollRunner';
import { mailchimpOAuthCredential, zohoCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';
import { LEADS } from '../../helpers/zohoModules';

/** What a restart does: static data as stored (JSON), loaded back through n8n's Workflow. */
function restart(session: PollSession): void {
	session.workflow.overrideStaticData(JSON.parse(JSON.stringify(session.workflow.staticData)) as IDataObject);
}

describe('polling triggers resume from static data n8n loaded from its database', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());
	afterEach(() => sandbox.zoho.setClock(undefined));
	const ids = (json: IDataObject[]) => json.map((r) => String(r.id));

	it('MailChimp Campaigns Trigger: campaigns sent while n8n was down come once, nothing is re-emitted', async () => {
		sandbox.mailchimp.addList();
		sandbox.mailchimp.addCampaign({ title: 'before', status: 'sent', sendTime: Date.now() - 60_000 });
		const s = pollSession({
			node: new MailchimpCampaignsTrigger(),
			parameters: { authentication: 'oAuth2', event: 'sent' },
			credentials: { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, sandbox.mailchimp.issueToken()) },
		});
		expect(await s.poll()).toBeNull();
		const first = String(sandbox.mailchimp.addCampaign({ title: 'first', status: 'sent' }).id);
		expect(ids(await s.pollJson())).toEqual([first]);

		restart(s);
		const whileDown = String(sandbox.mailchimp.addCampaign({ title: 'while down', status: 'sent' }).id);
		expect(ids(await s.pollJson())).toEqual([whileDown]);
		expect(await s.poll()).toBeNull();
	});

	it('Zoho CRM Connect Trigger: records changed while n8n was down come once, nothing is re-emitted', async () => {
		// The sandbox's clock, moved by hand a second at a time; an hour in the past, so the server's
		// Date header has closed every second a record was written in (the trigger reads closed seconds).
		let now = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
		sandbox.zoho.setClock(() => now);
		sandbox.zoho.seed({ module: 'Leads', count: 5 });
		const s = pollSession({
			node: new ZohoCrmConnectTrigger(),
			parameters: { module: LEADS, event: 'createdOrUpdated', fields: ['Last_Name'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
		});
		expect(await s.poll()).toBeNull();
		now += 1_000; // records are stamped with the sandbox clock's second: this one is after the cursor
		const [first] = sandbox.zoho.insertDirect('Leads', [{ Last_Name: 'First', Company: 'A' }]);
		expect(ids(await s.pollJson())).toEqual([first.id]);

		restart(s);
		now += 1_000;
		const [whileDown] = sandbox.zoho.insertDirect('Leads', [{ Last_Name: 'While down', Company: 'B' }]);
		expect(ids(await s.pollJson())).toEqual([whileDown.id]);
		expect(await s.poll()).toBeNull();
	});
});
