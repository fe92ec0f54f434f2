/**
 * The shipped workflow examples/mailchimp-engagement-to-zoho-crm.json in a real n8n against the
 * sandbox, imported unchanged except for the credential ids. Per-recipient activity and unsubscribes of the campaigns sent in the last
 * 7 days update the matching Leads and Contacts (Last_Open_Date, Last_Click_Date, Email_Bounced, Email_Opt_Out):
 * one COQL call per 50 addresses and module, one update call per 100 changed records of a module,
 * nobody created, and a rerun without news writes nothing.
 */
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { loadExample } from './harness/examples';
import { startSandbox, type Sandbox } from '../sandbox';
import { mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import { DAY, readMailchimpPages } from '../helpers/campaignSync';

const EXAMPLE = 'mailchimp-engagement-to-zoho-crm.json';
const WINDOW_DAYS = 7; // the example's Settings node


let rest: N8nRest;
let sandbox: Sandbox;
let workflowId: string;
let token: string;
let listId: string;

const calls = (method: string, path: string | RegExp) =>
	sandbox.server.log.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;

interface Engagement {
	lastOpen?: string;
	lastClick?: string;
	bounced: boolean;
	unsubscribed: boolean;
}

/** Reads every page of a report sub-resource straight from the sandbox API (the test's own view). */
const readAll = async (path: string, collection: string) => await readMailchimpPages(sandbox, token, path, collection);

/** What MailChimp knows per address about the campaigns sent within the window. */
async function expectedEngagement(): Promise<Map<string, Engagement>> {
	const since = Date.now() - WINDOW_DAYS * DAY;
	const campaigns = (sandbox.mailchimp.campaigns() as unknown as Array<{ id: string; status: string; send_time?: string }>).filter(
		(c) => (c.status === 'sent' || c.status === 'sending') && c.send_time && Date.parse(c.send_time) >= since,
	);
	const people = new Map<string, Engagement>();
	const person = (email: unknown) => {
		const key = String(email).toLowerCase();
		if (!people.has(key)) people.set(key, { bounced: false, unsubscribed: false });
		return people.get(key)!;
	};
	const later = (a: string | undefined, b: string) => (!a || Date.parse(b) > Date.parse(a) ? b : a);
	for (const campaign of campaigns) {
		for (const row of await readAll(`/reports/${campaign.id}/email-activity`, 'emails')) {
			const p = person(row.email_address);
			for (const a of row.activity as Array<{ action: string; type: string; timestamp: string }>) {
				if (a.action === 'open') p.lastOpen = later(p.lastOpen, a.timestamp);
				if (a.action === 'click') p.lastClick = later(p.lastClick, a.timestamp);
				if (a.action === 'bounce' && a.type === 'hard') p.bounced = true;
			}
		}
		for (const row of await readAll(`/reports/${campaign.id}/unsubscribed`, 'unsubscribes')) person(row.email_address).unsubscribed = true;
	}
	for (const [email, p] of people) if (!p.lastOpen && !p.lastClick && !p.bounced && !p.unsubscribed) people.delete(email);
	return people;
}

/** "GET /3.0/reports/:id/email-activity x5, …" */
function callSummary(): string {
	const counts = new Map<string, number>();
	for (const e of sandbox.server.log) {
		const key = `${e.method} ${e.path.replace(/\/[0-9a-f]{10}(?=\/|$)/g, '/:id')}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([key, n]) => `${key} x${n}`).join(', ');
}

type Lead = Record<string, unknown> & { id: string };
/** Leads and Contacts: the people the workflow writes (ids are unique across modules). */
const leads = () => [...sandbox.zoho.records('Leads'), ...sandbox.zoho.records('Contacts')] as Lead[];
const inModule = (module: string) => sandbox.zoho.records(module).length;
const UPDATE = 'Update Leads and Contacts';
const time = (value: unknown) => (value ? Date.parse(String(value)) : undefined);

function expectLeadsMatch(expected: Map<string, Engagement>): void {
	for (const lead of leads()) {
		const e = expected.get(String(lead.Email).toLowerCase());
		expect({ email: lead.Email, open: time(lead.Last_Open_Date), click: time(lead.Last_Click_Date), bounced: lead.Email_Bounced === true, optOut: lead.Email_Opt_Out === true }).toEqual({
			email: lead.Email,
			open: time(e?.lastOpen),
			click: time(e?.lastClick),
			bounced: e?.bounced ?? false,
			optOut: e?.unsubscribed ?? false,
		});
	}
}

beforeAll(async () => {
	const n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	sandbox.mailchimp.seed({ campaigns: 200, listMembers: 500, seed: 29 });
	token = sandbox.mailchimp.issueToken();
	listId = String(sandbox.mailchimp.lists()[0].id);
	for (let i = 0; i < 4; i++) {
		sandbox.mailchimp.addCampaign({ title: `Engagement ${i}`, listId, status: 'sent', sendTime: Date.now() - (1 + i) * DAY, activity: true });
	}
	// The CRM knows two out of three audience members, one third as leads, one third as contacts (and
	// a few people MailChimp never mailed).
	const audience = sandbox.mailchimp.members(listId) as Array<{ email_address: string; merge_fields: { FNAME?: string; LNAME?: string } }>;
	const person = (m: (typeof audience)[number]) => ({ First_Name: m.merge_fields.FNAME || 'Known', Last_Name: m.merge_fields.LNAME || 'Member', Email: m.email_address, Email_Opt_Out: false });
	sandbox.zoho.insertDirect('Leads', [
		...audience.filter((_, i) => i % 3 === 1).map((m) => ({ ...person(m), Company: 'From MailChimp' })),
		{ Last_Name: 'Never Mailed', Company: 'Quiet', Email: 'never.mailed@quiet-co.com', Email_Opt_Out: false },
	]);
	sandbox.zoho.insertDirect('Contacts', audience.filter((_, i) => i % 3 === 2).map(person));
	const zoho = plainCredential('zohoCrmConnectOAuth2Api', 'sync engagement zoho', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	const mailchimp = plainCredential('mailchimpConnectOAuth2Api', 'sync engagement mailchimp', mailchimpOAuthCredential(sandbox.url, token));
	await importCredentials(n8n, [zoho, mailchimp]);
	workflowId = (await rest.createWorkflow(loadExample(EXAMPLE, { ...credentialRef(zoho), ...credentialRef(mailchimp) }))).id;
});

afterAll(async () => sandbox?.close());

async function run() {
	sandbox.server.resetStats();
	const execution = await rest.runWorkflow(workflowId, { triggerNode: 'Every 6 Hours', timeoutMs: 90_000 });
	expect(runError(execution)).toBeUndefined();
	return execution;
}

let firstUpdated = 0;

it('first run: matching leads and contacts get last open/click, bounces and opt-outs; nobody created; 50 addresses per COQL call', async () => {
	const expected = await expectedEngagement();
	const before = leads().length;
	const byModule = (module: string) => sandbox.zoho.records(module).filter((p) => expected.has(String(p.Email).toLowerCase())).length;
	const [changedLeads, changedContacts] = [byModule('Leads'), byModule('Contacts')];
	expect(changedContacts).toBeGreaterThan(0);
	const inCrm = new Set(leads().map((l) => String(l.Email).toLowerCase()));
	const changed = [...expected.keys()].filter((email) => inCrm.has(email)).length;
	expect(changed).toBeGreaterThan(100);
	expect([...expected.values()].some((e) => e.unsubscribed || e.bounced)).toBe(true);
	const execution = await run();
	expect(leads()).toHaveLength(before);
	expectLeadsMatch(expected);
	expect(calls('POST', '/crm/v8/coql')).toBe(2 * Math.ceil(expected.size / 50));
	expect(calls('PUT', '/crm/v8/Leads')).toBe(Math.ceil(changedLeads / 100));
	expect(calls('PUT', '/crm/v8/Contacts')).toBe(Math.ceil(changedContacts / 100));
	expect(changedLeads + changedContacts).toBe(changed);
	expect(nodeOutput(execution, UPDATE)).toHaveLength(changed);
	expect(inModule('Contacts') + inModule('Leads')).toBe(before);
	firstUpdated = changed;
	const count = (f: (l: Lead) => boolean) => leads().filter(f).length;
	expect(count((l) => l.Email_Opt_Out === true)).toBeGreaterThan(0);
	expect(count((l) => !!l.Last_Click_Date)).toBeGreaterThan(0);
	console.log(
		`leads with open ${count((l) => !!l.Last_Open_Date)}, click ${count((l) => !!l.Last_Click_Date)}, bounced ${count((l) => l.Email_Bounced === true)}, opted out ${count((l) => l.Email_Opt_Out === true)}; calls: ${callSummary()}`,
	);
	console.log(
		`sync-engagement first run: ${expected.size} engaged addresses, ${changedLeads} leads + ${changedContacts} contacts updated, ${calls('POST', '/crm/v8/coql')} COQL + ${calls('PUT', '/crm/v8/Leads')} + ${calls('PUT', '/crm/v8/Contacts')} update calls, ${sandbox.server.log.length} calls in all`,
	);
});

it('second run without news: same reads, not a single write', async () => {
	const modified = new Map(leads().map((l) => [l.id, l.Modified_Time]));
	const expected = await expectedEngagement();
	await run();
	expect(calls('PUT', '/crm/v8/Leads')).toBe(0);
	expect(calls('PUT', '/crm/v8/Contacts')).toBe(0);
	expect(calls('POST', '/crm/v8/coql')).toBe(2 * Math.ceil(expected.size / 50));
	expect(new Map(leads().map((l) => [l.id, l.Modified_Time]))).toEqual(modified);
	expectLeadsMatch(expected);
	expect(firstUpdated).toBeGreaterThan(0);
});

it('a campaign sent between runs: only the leads and contacts whose engagement moved are written', async () => {
	const before = new Map(leads().map((l) => [l.id, { ...l }]));
	const draft = sandbox.mailchimp.addCampaign({ title: 'Engagement between runs', listId }) as { id: string };
	sandbox.mailchimp.sendCampaign(draft.id, { at: Date.now() - DAY / 2, activity: true });
	const expected = await expectedEngagement();
	const execution = await run();
	expectLeadsMatch(expected);
	const written = nodeOutput(execution, UPDATE);
	const moved = leads().filter((l) => {
		const old = before.get(l.id)!;
		return ['Last_Open_Date', 'Last_Click_Date', 'Email_Bounced', 'Email_Opt_Out'].some((f) => l[f] !== old[f]);
	});
	expect(moved.length).toBeGreaterThan(0);
	expect(written).toHaveLength(moved.length);
	const movedIn = (module: string) => moved.filter((p) => sandbox.zoho.records(module).some((r) => r.id === p.id)).length;
	expect(calls('PUT', '/crm/v8/Leads')).toBe(Math.ceil(movedIn('Leads') / 100));
	expect(calls('PUT', '/crm/v8/Contacts')).toBe(Math.ceil(movedIn('Contacts') / 100));
	expect(leads()).toHaveLength(before.size);
});
