/**
 * The shipped workflow examples/mailchimp-campaign-members-to-zoho-crm.json in a real n8n against the
 * sandbox, imported unchanged except for the credential ids. The recipients of the campaigns sent in
 * the last 7 days become members of the matching CRM campaign records (Leads and Contacts related
 * lists) with the strongest status they reached; recipients the CRM does not know are counted, not
 * created; a rerun without news writes nothing, with the same reads.
 */
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import type { N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { loadExample } from './harness/examples';
import { startSandbox, type Sandbox } from '../sandbox';
import { mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import { DAY, readMailchimpPages } from '../helpers/campaignSync';

const EXAMPLE = 'mailchimp-campaign-members-to-zoho-crm.json';
const WINDOW_DAYS = 7; // the example's Settings node
const RANK = ['Sent', 'Opened', 'Clicked', 'Bounced', 'Unsubscribed'];

let rest: N8nRest;
let sandbox: Sandbox;
let workflowId: string;
let token: string;
let listId: string;
let refs: Parameters<typeof loadExample>[1];

const calls = (method: string, path: string | RegExp) =>
	sandbox.server.log.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;

/** Every read the run made, by method and path with ids blanked: "GET /crm/v8/Campaigns/:id/Leads x4, …". */
function reads(): string {
	const counts = new Map<string, number>();
	for (const e of sandbox.server.log) {
		if (e.method !== 'GET' && !(e.method === 'POST' && e.path === '/crm/v8/coql')) continue;
		const key = `${e.method} ${e.path.replace(/\/\d{6,}(?=\/|$)/g, '/:id').replace(/\/[0-9a-f]{10}(?=\/|$)/g, '/:id')}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].sort().map(([key, n]) => `${key} x${n}`).join(', ');
}

const readAll = async (path: string, collection: string) => await readMailchimpPages(sandbox, token, path, collection);

/** The test's own reading of MailChimp: campaign id -> email -> strongest status. */
async function strongestStatuses(): Promise<Map<string, Map<string, string>>> {
	const since = Date.now() - WINDOW_DAYS * DAY;
	const campaigns = (sandbox.mailchimp.campaigns() as unknown as Array<{ id: string; status: string; send_time?: string }>).filter(
		(c) => (c.status === 'sent' || c.status === 'sending') && c.send_time && Date.parse(c.send_time) >= since,
	);
	const out = new Map<string, Map<string, string>>();
	for (const campaign of campaigns) {
		const statuses = new Map<string, string>();
		const raise = (email: unknown, status: string) => {
			const key = String(email).toLowerCase();
			if (RANK.indexOf(status) > RANK.indexOf(statuses.get(key) ?? '')) statuses.set(key, status);
		};
		for (const row of await readAll(`/reports/${campaign.id}/sent-to`, 'sent_to')) raise(row.email_address, row.status === 'sent' ? 'Sent' : 'Bounced');
		for (const row of await readAll(`/reports/${campaign.id}/email-activity`, 'emails')) {
			for (const a of row.activity as Array<{ action: string }>) raise(row.email_address, a.action === 'open' ? 'Opened' : a.action === 'click' ? 'Clicked' : 'Bounced');
		}
		for (const row of await readAll(`/reports/${campaign.id}/unsubscribed`, 'unsubscribes')) raise(row.email_address, 'Unsubscribed');
		out.set(campaign.id, statuses);
	}
	return out;
}

type Person = { id: string; Email?: string };
const crmCampaignOf = (mailchimpId: string) => sandbox.zoho.records('Campaigns').find((c) => c.Mailchimp_Campaign_Id === mailchimpId)?.id as string | undefined;

/** What the CRM should hold: CRM campaign id -> "Leads:id" / "Contacts:id" -> status. */
function expectedMembers(statuses: Map<string, Map<string, string>>): Map<string, Map<string, string>> {
	const byEmail = new Map<string, string[]>();
	for (const module of ['Leads', 'Contacts']) {
		for (const p of sandbox.zoho.records(module) as Person[]) {
			const key = String(p.Email).toLowerCase();
			byEmail.set(key, [...(byEmail.get(key) ?? []), `${module}:${p.id}`]);
		}
	}
	const out = new Map<string, Map<string, string>>();
	for (const [mailchimpId, perEmail] of statuses) {
		const campaign = crmCampaignOf(mailchimpId);
		if (!campaign) continue;
		const members = new Map<string, string>();
		for (const [email, status] of perEmail) for (const person of byEmail.get(email) ?? []) members.set(person, status);
		out.set(campaign, members);
	}
	return out;
}

function actualMembers(): Map<string, Map<string, string>> {
	const out = new Map<string, Map<string, string>>();
	for (const [campaign, members] of sandbox.zoho.store.memberships) {
		out.set(campaign, new Map([...members].map(([id, link]) => [`${link.module}:${id}`, link.Member_Status])));
	}
	return out;
}

const sorted = (m: Map<string, Map<string, string>>) => [...m].filter(([, v]) => v.size > 0).map(([k, v]) => [k, [...v].sort()]).sort();
const putCalls = () => calls('PUT', /^\/crm\/v8\/Campaigns\/\d+\/(Leads|Contacts)$/);
/** The PUT calls a set of new or changed members needs: 100 per call, per campaign and list. */
function callsNeeded(members: Map<string, Map<string, string>>): number {
	let n = 0;
	for (const m of members.values()) for (const list of ['Leads', 'Contacts']) n += Math.ceil([...m.keys()].filter((k) => k.startsWith(`${list}:`)).length / 100);
	return n;
}

beforeAll(async () => {
	const n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	sandbox.mailchimp.seed({ campaigns: 60, listMembers: 600, seed: 41 });
	token = sandbox.mailchimp.issueToken();
	listId = String(sandbox.mailchimp.lists()[0].id);
	for (let i = 0; i < 3; i++) sandbox.mailchimp.addCampaign({ title: `Members ${i}`, listId, status: 'sent', sendTime: Date.now() - (1 + i) * DAY, activity: true });
	// The CRM knows each recent campaign but one (the campaigns sync writes them), and two of three
	// audience members: one third as leads, one third as contacts, one address as both.
	const recent = [...(await strongestStatuses()).keys()];
	expect(recent.length).toBeGreaterThanOrEqual(3);
	sandbox.zoho.insertDirect('Campaigns', recent.slice(1).map((id, i) => ({ Campaign_Name: `MailChimp ${i}`, Mailchimp_Campaign_Id: id })));
	const audience = sandbox.mailchimp.members(listId) as Array<{ email_address: string }>;
	const person = (m: { email_address: string }, i: number) => ({ Last_Name: `Member ${i}`, Company: 'From MailChimp', Email: m.email_address });
	sandbox.zoho.insertDirect('Leads', [...audience.filter((_, i) => i % 3 === 1).map(person), { ...person(audience[2], 2) }]);
	sandbox.zoho.insertDirect('Contacts', audience.filter((_, i) => i % 3 === 2).map(person));
	const zoho = plainCredential('zohoCrmConnectOAuth2Api', 'sync members zoho', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	const mailchimp = plainCredential('mailchimpConnectOAuth2Api', 'sync members mailchimp', mailchimpOAuthCredential(sandbox.url, token));
	await importCredentials(n8n, [zoho, mailchimp]);
	refs = { ...credentialRef(zoho), ...credentialRef(mailchimp) };
	workflowId = (await rest.createWorkflow(loadExample(EXAMPLE, refs))).id;
});

afterAll(async () => sandbox?.close());

async function run(id = workflowId) {
	sandbox.server.resetStats();
	const execution = await rest.runWorkflow(id, { triggerNode: 'Every 6 Hours', timeoutMs: 120_000 });
	expect(runError(execution)).toBeUndefined();
	return execution;
}

let firstReads = '';

it('first run: every recipient the CRM knows becomes a member of its campaign with the strongest status, Leads and Contacts; nobody created', async () => {
	const leadsBefore = sandbox.zoho.records('Leads').length;
	const statuses = await strongestStatuses();
	const expected = expectedMembers(statuses);
	const execution = await run();
	expect(sorted(actualMembers())).toEqual(sorted(expected));
	const all = [...expected.values()].flatMap((m) => [...m]);
	expect(all.some(([k]) => k.startsWith('Contacts:'))).toBe(true);
	for (const status of ['Sent', 'Opened', 'Clicked', 'Unsubscribed']) expect(all.some(([, s]) => s === status)).toBe(true);
	expect(putCalls()).toBe(callsNeeded(expected));
	expect(nodeOutput(execution, 'Link Members')).toHaveLength(all.length);
	expect(sandbox.zoho.records('Leads')).toHaveLength(leadsBefore);
	const [report] = nodeOutput(execution, 'Report');
	const known = new Set(['Leads', 'Contacts'].flatMap((m) => (sandbox.zoho.records(m) as Person[]).map((p) => String(p.Email).toLowerCase())));
	const recipients = new Set([...statuses.values()].flatMap((m) => [...m.keys()]));
	expect(report).toMatchObject({ recipients: recipients.size, unmatched: [...recipients].filter((e) => !known.has(e)).length, withoutCrmCampaign: [[...statuses.keys()][0]] });
	expect(report.unmatched).toBeGreaterThan(0);
	firstReads = reads();
	console.log(`sync-members first run: ${all.length} members written in ${putCalls()} PUT calls; ${report.unmatched} recipients unknown to the CRM; reads: ${firstReads}`);
});

it('second run without news: the same reads, not a single write', async () => {
	const before = actualMembers();
	await run();
	expect(putCalls()).toBe(0);
	expect(calls('DELETE', /\/crm\/v8\//)).toBe(0);
	expect(calls('POST', /^\/crm\/v8\/(?!coql)/)).toBe(0);
	expect(reads()).toBe(firstReads);
	expect(sorted(actualMembers())).toEqual(sorted(before));
	console.log(`sync-members second run: 0 writes, ${sandbox.server.log.length} calls`);
});

it('a campaign sent between runs: only its members are written, 100 per call', async () => {
	const before = actualMembers();
	const draft = sandbox.mailchimp.addCampaign({ title: 'Members between runs', listId }) as { id: string };
	sandbox.mailchimp.sendCampaign(draft.id, { at: Date.now() - DAY / 2, activity: true });
	sandbox.zoho.insertDirect('Campaigns', [{ Campaign_Name: 'Between runs', Mailchimp_Campaign_Id: draft.id }]);
	const expected = expectedMembers(await strongestStatuses());
	const execution = await run();
	expect(sorted(actualMembers())).toEqual(sorted(expected));
	const fresh = new Map([[crmCampaignOf(draft.id)!, expected.get(crmCampaignOf(draft.id)!)!]]);
	expect(fresh.get(crmCampaignOf(draft.id)!)!.size).toBeGreaterThan(0);
	for (const [campaign, members] of before) expect([...actualMembers().get(campaign)!]).toEqual([...members]);
	expect(nodeOutput(execution, 'Link Members')).toHaveLength(fresh.get(crmCampaignOf(draft.id)!)!.size);
	expect(putCalls()).toBe(callsNeeded(fresh));
	console.log(`sync-members after a new campaign: ${fresh.get(crmCampaignOf(draft.id)!)!.size} new members in ${putCalls()} PUT calls; reads: ${reads()}`);
});

it('with createMissingAsLeads on: unknown recipients become leads (upsert on Email), and members on the next run', async () => {
	// The user's switch in the Settings node, nothing else changed.
	const workflow = loadExample(EXAMPLE, refs);
	const nodes = workflow.nodes.map((node) => {
		if (node.name !== 'Settings') return node;
		const parameters = structuredClone(node.parameters) as { assignments: { assignments: Array<{ name: string; value: unknown }> } };
		for (const a of parameters.assignments.assignments) if (a.name === 'createMissingAsLeads') a.value = true;
		return { ...node, parameters: parameters as unknown as typeof node.parameters };
	});
	const creating = (await rest.createWorkflow({ ...workflow, nodes })).id;
	const leadsBefore = sandbox.zoho.records('Leads').length;
	const known = new Set(['Leads', 'Contacts'].flatMap((m) => (sandbox.zoho.records(m) as Person[]).map((p) => String(p.Email).toLowerCase())));
	const unknown = new Set([...(await strongestStatuses()).values()].flatMap((m) => [...m.keys()]).filter((e) => !known.has(e)));
	expect(unknown.size).toBeGreaterThan(0);
	const first = await run(creating);
	expect(nodeOutput(first, 'Report')[0]).toMatchObject({ unmatched: unknown.size });
	expect(sandbox.zoho.records('Leads')).toHaveLength(leadsBefore + unknown.size);
	expect(calls('POST', '/crm/v8/Leads/upsert')).toBe(Math.ceil(unknown.size / 100));
	const created = (sandbox.zoho.records('Leads') as Person[]).filter((l) => unknown.has(String(l.Email).toLowerCase()));
	expect(created).toHaveLength(unknown.size);
	const second = await run(creating);
	expect(nodeOutput(second, 'Report')[0]).toMatchObject({ unmatched: 0 });
	expect(calls('POST', '/crm/v8/Leads/upsert')).toBe(0);
	expect(sorted(actualMembers())).toEqual(sorted(expectedMembers(await strongestStatuses())));
	console.log(`sync-members createMissingAsLeads: ${unknown.size} leads created in ${Math.ceil(unknown.size / 100)} upserts, members on the next run (${putCalls()} PUT calls)`);
});
