/**
 * The shipped workflow examples/zoho-crm-people-to-mailchimp.json activated in a real n8n against the
 * sandbox: two Zoho CRM Connect Triggers (Leads, Contacts) feed one audience. Each member carries its
 * CRM record in the merge field ZOHO_ID, so a person whose email changes in the CRM moves their
 * member to the new address (PATCH at the old subscriber hash) instead of getting a second one;
 * cleaned and archived members are never written; an address that is both a lead and a contact
 * belongs to the contact.
 *
 * Imported as shipped except for the credential ids and the triggers' Poll Times (every 2 seconds).
 */
import type { INode } from 'n8n-workflow';
import { everyTwoSeconds } from './harness/pollTimes';
import { credentialRef, importCredentials, plainCredential } from './harness/credentials';
import type { Execution, N8nRest } from './harness/rest';
import { nodeOutput, runError } from './harness/runData';
import { sharedN8n, sharedRest } from './harness/shared';
import { loadExample } from './harness/examples';
import { startSandbox, type Sandbox } from '../sandbox';
import { subscriberHash } from '../sandbox/mailchimp';
import { mailchimpOAuthCredential, zohoCredential } from '../helpers/sandboxCredentials';
import { markCalls, waitForCalls, zohoPollCall } from '../helpers/sandboxCalls';
import { waitFor } from '../helpers/waitFor';

const EXAMPLE = 'zoho-crm-people-to-mailchimp.json';
const TRIGGERS = ['New or Changed Leads', 'New or Changed Contacts'];
const AUDIENCE = 'CRM People'; // the example's Settings node
const LEADS = 300;
const CONTACTS = 200;

let rest: N8nRest;
let sandbox: Sandbox;
let workflowId: string | undefined;
let active = false;
let listId: string;
let token: string;

interface Member {
	id: string;
	email_address: string;
	status: string;
	merge_fields: Record<string, unknown>;
}
type Person = Record<string, unknown> & { id: string };

const calls = (method: string, path: string | RegExp) =>
	sandbox.server.log.filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path))).length;
const mailchimpWrites = () => sandbox.server.log.filter((e) => e.service.startsWith('mailchimp') && e.method !== 'GET').length;
const members = () => new Map((sandbox.mailchimp.members(listId) as unknown as Member[]).map((m) => [m.email_address.toLowerCase(), m]));
const people = (module: string) => sandbox.zoho.records(module) as Person[];
const emailOf = (p: Person) => String(p.Email).toLowerCase();

async function executionIds(): Promise<string[]> {
	const response = await rest.http.get('/rest/executions', { params: { filter: JSON.stringify({ workflowId }) } });
	const body = response.data as { data?: { results?: Array<{ id: string }> } };
	return (body.data?.results ?? []).map((e) => String(e.id)).sort((a, b) => Number(a) - Number(b));
}

/** Waits for `min` executions and `done()`, then for two more polls of each trigger (nothing more to emit). */
async function settle(min: number, done: () => boolean): Promise<Execution[]> {
	await waitFor(async () => done() && (await executionIds()).length >= min, {
		what: `${min} executions of workflow ${workflowId} and the synced state`,
		timeoutMs: 120_000,
		describe: async () => `${(await executionIds()).length} executions`,
	});
	const mark = markCalls(sandbox);
	await waitForCalls(sandbox, mark, zohoPollCall('Leads'), 2, { what: 'two more polls of the Leads trigger', timeoutMs: 60_000 });
	await waitForCalls(sandbox, mark, zohoPollCall('Contacts'), 2, { what: 'two more polls of the Contacts trigger', timeoutMs: 60_000 });
	return await Promise.all((await executionIds()).map((id) => rest.waitForExecution(id, 60_000)));
}

/** MailChimp as a user prepares it: the ZOHO_ID merge field, plus a few members the sync must respect. */
async function mailchimp(path: string, method: string, body?: unknown): Promise<void> {
	const response = await fetch(`${sandbox.url}/3.0${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
}

function holdZohoSecond(): void {
	const second = Math.floor(Date.now() / 1000) * 1000;
	sandbox.zoho.clock.set(() => second);
}

const CLEANED = 'lead.7@people-sync.com';
const ARCHIVED = 'contact.3@people-sync.com';
const UNSUBSCRIBED = 'lead.9@people-sync.com';

beforeAll(async () => {
	const n8n = await sharedN8n();
	rest = await sharedRest();
	sandbox = await startSandbox();
	token = sandbox.mailchimp.issueToken();
	sandbox.mailchimp.addList('Another audience');
	listId = String(sandbox.mailchimp.addList(AUDIENCE).id);
	await mailchimp(`/lists/${listId}/merge-fields`, 'POST', { name: 'Zoho CRM record', type: 'text', tag: 'ZOHO_ID' });
	for (const email of [CLEANED, ARCHIVED, UNSUBSCRIBED]) await mailchimp(`/lists/${listId}/members/${subscriberHash(email)}`, 'PUT', { email_address: email, status_if_new: 'subscribed' });
	sandbox.mailchimp.clean(listId, CLEANED);
	await mailchimp(`/lists/${listId}/members/${subscriberHash(ARCHIVED)}`, 'DELETE');
	sandbox.mailchimp.unsubscribe(listId, UNSUBSCRIBED);

	sandbox.zoho.insertDirect(
		'Leads',
		Array.from({ length: LEADS }, (_, i) => ({ First_Name: 'Lead', Last_Name: `L${i}`, Company: `Co ${i % 7}`, Email: `lead.${i}@people-sync.com`, Email_Opt_Out: i % 10 === 4 })),
	);
	const [account] = sandbox.zoho.insertDirect('Accounts', [{ Account_Name: 'Contact Co' }]);
	sandbox.zoho.insertDirect(
		'Contacts',
		Array.from({ length: CONTACTS }, (_, i) => ({ First_Name: 'Contact', Last_Name: `C${i}`, Email: `contact.${i}@people-sync.com`, Account_Name: { id: account.id }, Email_Opt_Out: false })),
	);
	const zoho = plainCredential('zohoCrmConnectOAuth2Api', 'sync people zoho', zohoCredential(sandbox.url, sandbox.zoho.issueTokens()));
	const mc = plainCredential('mailchimpConnectOAuth2Api', 'sync people mailchimp', mailchimpOAuthCredential(sandbox.url, token));
	await importCredentials(n8n, [zoho, mc]);
	const workflow = loadExample(EXAMPLE, { ...credentialRef(zoho), ...credentialRef(mc) });
	const nodes = workflow.nodes.map((node): INode => (TRIGGERS.includes(node.name) ? { ...node, parameters: { ...node.parameters, pollTimes: everyTwoSeconds() } } : node));
	workflowId = (await rest.createWorkflow({ ...workflow, nodes })).id;
});

afterAll(async () => {
	try {
		if (workflowId && active) await rest.deactivateWorkflow(workflowId);
	} finally {
		await sandbox?.close();
	}
});

/** Every CRM person is the member at their address with their ZOHO_ID, except the ones MailChimp holds back. */
function expectAudienceMirrorsCrm(): void {
	const audience = members();
	for (const module of ['Leads', 'Contacts']) {
		for (const p of people(module)) {
			const m = audience.get(emailOf(p));
			expect(m).toBeDefined();
			if (emailOf(p) === CLEANED || emailOf(p) === ARCHIVED) continue;
			expect({ email: emailOf(p), zoho: m!.merge_fields.ZOHO_ID }).toEqual({ email: emailOf(p), zoho: `${module}:${p.id}` });
			const unsubscribed = p.Email_Opt_Out === true || emailOf(p) === UNSUBSCRIBED;
			expect({ email: emailOf(p), status: m!.status }).toEqual({ email: emailOf(p), status: unsubscribed ? 'unsubscribed' : 'subscribed' });
		}
	}
	expect(audience.get(CLEANED)).toMatchObject({ status: 'cleaned' });
	expect(audience.get(ARCHIVED)).toMatchObject({ status: 'archived' });
}

it('activation: leads and contacts mirrored with their ZOHO_ID; cleaned and archived members left alone, unsubscribed kept', async () => {
	sandbox.server.resetStats();
	await rest.activateWorkflow(workflowId!);
	active = true;
	const runs = await settle(2, () => members().size >= LEADS + CONTACTS);
	for (const run of runs) expect(runError(run)).toBeUndefined();
	expect(runs).toHaveLength(2);
	expectAudienceMirrorsCrm();
	expect(members().size).toBe(LEADS + CONTACTS);
	const skipped = runs.flatMap((run) => nodeOutput(run, 'Plan')).filter((p) => p.action === 'skip');
	expect(skipped.map((p) => [p.email, p.reason]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
		[ARCHIVED, 'member is archived'],
		[CLEANED, 'member is cleaned'],
	]);
	expect(calls('PATCH', /\/members\//)).toBe(0);
	expect(sandbox.mailchimp.members(String(sandbox.mailchimp.lists()[0].id))).toHaveLength(0);
	console.log(`sync-people activation: ${LEADS} leads + ${CONTACTS} contacts in ${runs.length} executions, ${sandbox.server.log.length} calls (${calls('POST', `/3.0/lists/${listId}`)} batch subscribes)`);
});

it('quiet polls: no execution, no MailChimp call', async () => {
	const before = (await executionIds()).length;
	sandbox.server.resetStats();
	const mark = markCalls(sandbox);
	await waitForCalls(sandbox, mark, zohoPollCall('Leads'), 3, { what: 'three quiet polls of Leads', timeoutMs: 60_000 });
	await waitForCalls(sandbox, mark, zohoPollCall('Contacts'), 3, { what: 'three quiet polls of Contacts', timeoutMs: 60_000 });
	expect(await executionIds()).toHaveLength(before);
	expect(sandbox.server.log.filter((e) => e.service.startsWith('mailchimp'))).toHaveLength(0);
});

it('an email changed in the CRM moves the member (old subscriber hash), no second member; a contact at a lead’s address takes it over', async () => {
	const before = members();
	const executionsBefore = (await executionIds()).length;
	const lead = people('Leads').find((p) => emailOf(p) === 'lead.20@people-sync.com')!;
	const contact = people('Contacts').find((p) => emailOf(p) === 'contact.30@people-sync.com')!;
	const oldLead = before.get('lead.20@people-sync.com')!;
	sandbox.server.resetStats();
	// All CRM writes in the same Zoho second (the sandbox clock held on it), so one poll per module carries them.
	holdZohoSecond();
	sandbox.zoho.touch('Leads', lead.id, { Email: 'Lead.Twenty@new-address.com' });
	sandbox.zoho.touch('Contacts', contact.id, { Email: 'contact.30@moved.com', Email_Opt_Out: true });
	const [shared] = sandbox.zoho.insertDirect('Contacts', [{ Last_Name: 'Both', Email: 'lead.5@people-sync.com', Email_Opt_Out: false }]);
	sandbox.zoho.clock.set(undefined);
	const runs = await settle(executionsBefore + 2, () => members().has('lead.twenty@new-address.com') && members().has('contact.30@moved.com') && members().get('lead.5@people-sync.com')?.merge_fields.ZOHO_ID === `Contacts:${shared.id}`);
	expect(runs).toHaveLength(executionsBefore + 2);
	for (const run of runs) expect(runError(run)).toBeUndefined();
	const after = members();
	expect(after.size).toBe(before.size); // moved, not added
	expect(after.has('lead.20@people-sync.com')).toBe(false);
	expect(after.has('contact.30@people-sync.com')).toBe(false);
	expect(after.get('lead.twenty@new-address.com')).toMatchObject({ id: subscriberHash('lead.twenty@new-address.com'), status: oldLead.status, merge_fields: expect.objectContaining({ ZOHO_ID: `Leads:${lead.id}` }) });
	expect(after.get('contact.30@moved.com')).toMatchObject({ status: 'unsubscribed', merge_fields: expect.objectContaining({ ZOHO_ID: `Contacts:${contact.id}` }) });
	// Exactly the calls the changes need: two PATCHes at the old hashes, one batch for the shared address.
	expect(calls('PATCH', `/3.0/lists/${listId}/members/${subscriberHash('lead.20@people-sync.com')}`)).toBe(1);
	expect(calls('PATCH', `/3.0/lists/${listId}/members/${subscriberHash('contact.30@people-sync.com')}`)).toBe(1);
	expect(calls('POST', `/3.0/lists/${listId}`)).toBe(1);
	expect(mailchimpWrites()).toBe(3);
	for (const [email, member] of before) {
		if (['lead.20@people-sync.com', 'contact.30@people-sync.com', 'lead.5@people-sync.com'].includes(email)) continue;
		expect(after.get(email)).toEqual(member);
	}
});

it('a change to the lead at a contact’s address, to a cleaned and to an archived person: nothing written', async () => {
	const before = members();
	const executionsBefore = (await executionIds()).length;
	const byEmail = (module: string, email: string) => people(module).find((p) => emailOf(p) === email)!;
	sandbox.server.resetStats();
	holdZohoSecond();
	sandbox.zoho.touch('Leads', byEmail('Leads', 'lead.5@people-sync.com').id, { Phone: '+1 555 0105' });
	sandbox.zoho.touch('Leads', byEmail('Leads', CLEANED).id, { Phone: '+1 555 0107' });
	sandbox.zoho.touch('Contacts', byEmail('Contacts', ARCHIVED).id, { Phone: '+1 555 0103' });
	sandbox.zoho.clock.set(undefined);
	const runs = await settle(executionsBefore + 2, () => true);
	const fresh = runs.slice(executionsBefore);
	expect(fresh).toHaveLength(2);
	const plans = fresh.flatMap((run) => nodeOutput(run, 'Plan'));
	const key = (p: Record<string, unknown>) => String(p.email);
	expect(plans.map((p) => [p.email, p.action, p.reason]).sort((a, b) => key({ email: a[0] }).localeCompare(key({ email: b[0] })))).toEqual([
		[ARCHIVED, 'skip', 'member is archived'],
		['lead.5@people-sync.com', 'skip', 'the address belongs to a contact'],
		[CLEANED, 'skip', 'member is cleaned'],
	]);
	expect(mailchimpWrites()).toBe(0);
	expect(members()).toEqual(before);
});
