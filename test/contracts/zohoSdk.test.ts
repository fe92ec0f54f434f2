/**
 * Zoho's official Node SDK for CRM v8 (@zohocrm/nodejs-sdk-8.0) against our sandbox: every operation
 * our nodes use, run through the SDK's own operation classes, must succeed and parse into the SDK's
 * models; every error our nodes handle must reach the SDK as the documented exception. Where the SDK
 * and the sandbox disagreed the sandbox was changed (docs/conformance.md lists each case).
 */
import { zipSync } from 'fflate';
import { startSandbox, type Sandbox } from '../sandbox';
import { checkRequests, describeViolations } from './conformance/checker';
import { ZOHO_SANDBOX_CLIENT_ID, ZOHO_SANDBOX_CLIENT_SECRET } from '../sandbox/zoho';
import { ZohoSdk, type SdkAnswer } from './zoho/sdkClient';

describe('contracts: Zoho CRM v8 SDK against the sandbox', () => {
	let sandbox: Sandbox;
	let sdk: ZohoSdk;
	let refreshToken: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		sandbox.server.captureRequests = true;
		refreshToken = sandbox.zoho.issueTokens().refresh_token;
		sdk = await ZohoSdk.start({ apiDomain: sandbox.url, refreshToken, clientId: ZOHO_SANDBOX_CLIENT_ID, clientSecret: ZOHO_SANDBOX_CLIENT_SECRET });
	}, 60_000);
	afterAll(async () => {
		await sdk?.stop();
		await sandbox?.close();
	});

	const call = (op: string, args: Record<string, unknown> = {}) => sdk.call<SdkAnswer>(op, args);
	const lead = (i: number, extra: Record<string, unknown> = {}) => ({ Last_Name: `Judge ${i}`, Company: `Court ${i}`, Email: `judge.${i}@example.com`, ...extra });
	const ok = (answer: SdkAnswer) => (answer.data ?? []).map((d) => [d.class, d.code, d.status]);
	const insertLeads = async (count: number, from = 0): Promise<string[]> => {
		const answer = await call('createRecords', { module: 'Leads', records: Array.from({ length: count }, (_, i) => lead(from + i)) });
		expect(answer.statusCode).toBe(201);
		return (answer.data ?? []).map((d) => String((d.details as { id: string }).id));
	};

	it('token: the first call gets an access token with the refresh token the sandbox issued', async () => {
		const answer = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name,Email' } });
		expect(answer.statusCode).toBe(204);
		expect(sandbox.zoho.refreshCount(refreshToken)).toBe(1);
		expect(await sdk.call('tokenState')).toMatchObject({ hasAccessToken: true });
	});

	it('token: an expired token is refreshed by the SDK, once', async () => {
		const before = sandbox.zoho.refreshCount(refreshToken);
		await sdk.call('expireToken');
		sandbox.zoho.expireAccessTokens();
		const answer = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name' } });
		expect([204, 200]).toContain(answer.statusCode);
		expect(sandbox.zoho.refreshCount(refreshToken)).toBe(before + 1);
	});

	it('records: insert, get by id and by ids, list with fields/sort/page/cvid/If-Modified-Since, page_token', async () => {
		const ids = await insertLeads(3);
		const one = await call('getRecord', { module: 'Leads', id: ids[0], query: { FIELDS: 'Last_Name,Email' } });
		expect([one.statusCode, one.class, one.data?.[0].id, one.data?.[0].values.Email]).toEqual([200, 'ResponseWrapper', ids[0], 'judge.0@example.com']);

		const byIds = await call('getRecords', { module: 'Leads', query: { IDS: ids.slice(0, 2).join(','), FIELDS: 'Last_Name' } });
		expect(byIds.data?.map((d) => d.id).sort()).toEqual(ids.slice(0, 2).sort());

		const sorted = await call('getRecords', {
			module: 'Leads',
			query: { FIELDS: 'Last_Name,Modified_Time', SORT_BY: 'Modified_Time', SORT_ORDER: 'desc', PAGE: 1, PER_PAGE: 2 },
		});
		expect(sorted.statusCode).toBe(200);
		expect(sorted.info).toMatchObject({ class: 'Info', count: 2, moreRecords: true, perPage: 2, page: 1, sortBy: 'Modified_Time', sortOrder: 'desc' });
		expect(sorted.info?.nextPageToken).toEqual(expect.any(String));
		const next = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name', PAGE_TOKEN: sorted.info!.nextPageToken, PER_PAGE: 2 } });
		expect([next.statusCode, next.data?.length, next.info?.moreRecords]).toEqual([200, 1, false]);

		const view = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name', CVID: '5725767000000087501' } });
		expect([200, 204]).toContain(view.statusCode);

		const since = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name' }, ifModifiedSince: new Date(sandbox.zoho.now() + 3_600_000).toISOString() });
		expect(since.statusCode).toBe(304);
		expect(since.class).toBeNull();
	});

	it('records: update, upsert with duplicate_check_fields and trigger, delete by ids (207 per-record results)', async () => {
		const ids = await insertLeads(2, 10);
		const updated = await call('updateRecords', { module: 'Leads', records: [{ id: ids[0], City: 'Oslo' }], trigger: [] });
		expect([updated.statusCode, ...ok(updated)]).toEqual([200, ['SuccessResponse', 'SUCCESS', 'success']]);

		const upserted = await call('upsertRecords', {
			module: 'Leads',
			records: [lead(10, { City: 'Bergen' }), lead(12)],
			duplicateCheckFields: ['Email'],
			trigger: ['workflow'],
		});
		expect(upserted.statusCode).toBe(200);
		expect(ok(upserted)).toEqual([
			['SuccessResponse', 'SUCCESS', 'success'],
			['SuccessResponse', 'SUCCESS', 'success'],
		]);
		expect(upserted.data?.map((d) => (d.details as { id: string }).id)[0]).toBe(ids[0]);

		const deleted = await call('deleteRecords', { module: 'Leads', ids: [ids[1], '5725767000000999999'] });
		expect(deleted.statusCode).toBe(207);
		expect(ok(deleted)).toEqual([
			['SuccessResponse', 'SUCCESS', 'success'],
			['APIException', 'INVALID_DATA', 'error'],
		]);
	});

	it('errors: MANDATORY_NOT_FOUND inside a 207 reads as the record APIException with api_name and json_path', async () => {
		const answer = await call('createRecords', { module: 'Leads', records: [lead(20), { Company: 'No Name' }] });
		expect(answer.statusCode).toBe(207);
		expect(ok(answer)).toEqual([
			['SuccessResponse', 'SUCCESS', 'success'],
			['APIException', 'MANDATORY_NOT_FOUND', 'error'],
		]);
		expect(answer.data?.[1].details).toMatchObject({ api_name: 'Last_Name', json_path: '$.data[1].Last_Name' });
	});

	it('search by criteria, email, phone and word; COQL', async () => {
		await insertLeads(2, 30);
		const byCriteria = await call('searchRecords', { module: 'Leads', query: { CRITERIA: '(Last_Name:equals:Judge 30)', FIELDS: 'Last_Name' } });
		expect([byCriteria.statusCode, byCriteria.class, byCriteria.data?.length]).toEqual([200, 'ResponseWrapper', 1]);
		const byEmail = await call('searchRecords', { module: 'Leads', query: { EMAIL: 'judge.31@example.com' } });
		expect(byEmail.data?.[0].values.Email).toBe('judge.31@example.com');
		const byPhone = await call('searchRecords', { module: 'Leads', query: { PHONE: '0000000' } });
		expect(byPhone.statusCode).toBe(204);
		const byWord = await call('searchRecords', { module: 'Leads', query: { WORD: 'Court', PAGE: 1, PER_PAGE: 200 } });
		expect(byWord.statusCode).toBe(200);

		const count = await call('recordCount', { module: 'Leads' });
		// count is a Long in the SDK's model (BigInt, read back here as a string).
		expect([count.statusCode, count.class, count.count]).toEqual([200, 'CountWrapper', String(sandbox.zoho.records('Leads').length)]);

		const coql = await call('coql', { selectQuery: "select Last_Name, Email from Leads where Last_Name like 'Judge 3%' limit 0, 10" });
		expect([coql.statusCode, coql.class, coql.data?.length, coql.info?.class, coql.info?.moreRecords]).toEqual([200, 'ResponseWrapper', 2, 'Info', false]);
	});

	it('metadata: modules, fields, related lists and users parse into their models', async () => {
		const modules = await call('getModules');
		expect(modules.class).toBe('ResponseWrapper');
		expect((modules.modules as Array<{ apiName: string }>).map((m) => m.apiName)).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Campaigns']));
		const fields = await call('getFields', { module: 'Leads' });
		expect(fields.class).toBe('ResponseWrapper');
		expect((fields.fields as Array<{ apiName: string; class: string }>).find((f) => f.apiName === 'Last_Name')).toMatchObject({ class: 'Fields', systemMandatory: true });
		const related = await call('getRelatedLists', { module: 'Leads' });
		expect((related.relatedLists as Array<{ apiName: string }>).map((r) => r.apiName)).toEqual(expect.arrayContaining(['Notes']));
		const users = await call('getUsers', { type: 'ActiveUsers', page: 1, perPage: 200 });
		expect(users.class).toBe('ResponseWrapper');
		expect((users.users as unknown[]).length).toBeGreaterThan(0);
	});

	it('related records and notes (related list Notes), campaign members', async () => {
		const [leadId] = await insertLeads(1, 40);
		const noNotes = await call('getRelatedRecords', { module: 'Leads', id: leadId, related: 'Notes', query: { FIELDS: 'Note_Title,Note_Content' } });
		expect(noNotes.statusCode).toBe(204);
		sandbox.zoho.insertDirect('Notes', [{ Note_Title: 'Hello', Note_Content: 'World', Parent_Id: { id: leadId, module: { api_name: 'Leads' } } }]);
		const notes = await call('getRelatedRecords', { module: 'Leads', id: leadId, related: 'Notes', query: { FIELDS: 'Note_Title,Note_Content', PAGE: 1, PER_PAGE: 200 } });
		expect([notes.statusCode, notes.class, notes.data?.[0].values.Note_Title]).toEqual([200, 'ResponseWrapper', 'Hello']);
		// Notes created the way our node creates them: POST /Notes, the parent in Parent_Id, two records in one call.
		const [otherId] = await insertLeads(1, 41);
		const created = await call('createNotes', {
			notes: [
				{ title: 'Via SDK', content: 'one', module: 'Leads', parentId: leadId },
				{ title: 'Via SDK', content: 'two', module: 'Leads', parentId: otherId },
			],
		});
		expect([created.statusCode, created.class]).toEqual([201, 'ActionWrapper']);
		expect((created.data as Array<{ class: string; status: string }>).map((d) => [d.class, d.status])).toEqual([
			['SuccessResponse', 'success'],
			['SuccessResponse', 'success'],
		]);
		const parents = sandbox.zoho.records('Notes').filter((n) => n.Note_Title === 'Via SDK').map((n) => (n.Parent_Id as { id: string }).id);
		expect(parents.sort()).toEqual([leadId, otherId].sort());

		const [campaign] = sandbox.zoho.insertDirect('Campaigns', [{ Campaign_Name: 'Spring' }]);
		const linked = await call('updateRelatedRecords', { module: 'Campaigns', id: campaign.id, related: 'Leads', records: [{ id: leadId, Member_Status: 'Sent' }] });
		expect([linked.statusCode, ...ok(linked)]).toEqual([200, ['SuccessResponse', 'SUCCESS', 'success']]);
		const members = await call('getRelatedRecords', { module: 'Campaigns', id: campaign.id, related: 'Leads', query: { FIELDS: 'Last_Name' } });
		expect(members.data?.[0]).toMatchObject({ id: leadId, values: expect.objectContaining({ Member_Status: 'Sent' }) });
		const unlinked = await call('delinkRecords', { module: 'Campaigns', id: campaign.id, related: 'Leads', ids: [leadId] });
		expect(ok(unlinked)).toEqual([['SuccessResponse', 'SUCCESS', 'success']]);
		// A contact linked from its side (Contacts/{id}/Campaigns); a status outside the picklist reads as the SDK's APIException.
		// The SDK types Member_Status by the related module's field metadata (Campaigns: a picklist, so a Choice).
		const [contact] = sandbox.zoho.insertDirect('Contacts', [{ Last_Name: 'Member' }]);
		const mixed = await call('updateRelatedRecords', {
			module: 'Contacts',
			id: contact.id,
			related: 'Campaigns',
			records: [{ id: campaign.id, Member_Status: { choice: 'Clicked' } }, { id: campaign.id, Member_Status: { choice: 'clicked' } }],
		});
		expect(mixed.statusCode).toBe(207);
		expect(ok(mixed)).toEqual([
			['SuccessResponse', 'SUCCESS', 'success'],
			['APIException', 'INVALID_DATA', 'error'],
		]);
		const contacts = await call('getRelatedRecords', { module: 'Campaigns', id: campaign.id, related: 'Contacts', query: { FIELDS: 'Last_Name,Member_Status' } });
		expect(contacts.data?.[0]).toMatchObject({ id: contact.id, values: expect.objectContaining({ Member_Status: 'Clicked' }) });
	});

	it('tags: add and remove', async () => {
		const [leadId] = await insertLeads(1, 50);
		const added = await call('addTags', { module: 'Leads', id: leadId, tags: ['vip', 'spring'], overWrite: false });
		expect([added.statusCode, ...ok(added)]).toEqual([200, ['RecordSuccessResponse', 'SUCCESS', 'success']]);
		const removed = await call('removeTags', { module: 'Leads', id: leadId, tags: ['spring'] });
		expect([removed.statusCode, ...ok(removed)]).toEqual([200, ['RecordSuccessResponse', 'SUCCESS', 'success']]);
		expect((sandbox.zoho.record('Leads', leadId)!.Tag as Array<{ name: string }>).map((t) => t.name)).toEqual(['vip']);
	});

	it('convert lead: the SDK reads the contact, account and deal', async () => {
		const [leadId] = await insertLeads(1, 60);
		const answer = await call('convertLead', { id: leadId, values: { overwrite: true, notifyLeadOwner: false, deal: { Deal_Name: 'Big one', Stage: { choice: 'Qualification' }, Closing_Date: { date: '2030-01-31' } } } });
		expect(answer.statusCode).toBe(200);
		const [slot] = answer.data as Array<Record<string, unknown>>;
		expect(slot.class).toBe('SuccessResponse');
		expect(slot).toMatchObject({ code: 'SUCCESS', status: 'success' });
		const details = slot.details as Record<string, { id: string }>;
		expect(details.Contacts.id).toMatch(/^\d{19}$/);
		expect(details.Accounts.id).toMatch(/^\d{19}$/);
		expect(details.Deals.id).toMatch(/^\d{19}$/);
	});

	it('bulk read: the SDK creates a job with criteria, reads its state and result, downloads the ZIP', async () => {
		sandbox.zoho.bulkRead.configure({ addedMs: 0, queuedMs: 0, inProgressMs: 0, pageSize: 2 });
		await insertLeads(3, 70);
		const criteria = {
			group_operator: 'and',
			group: [
				{ field: { api_name: 'Last_Name' }, comparator: 'starts_with', value: 'Judge 7' },
				{ field: { api_name: 'Lead_Source' }, comparator: 'equal', value: '${EMPTY}' },
			],
		};
		const created = await call('createBulkReadJob', { module: 'Leads', fields: ['Last_Name', 'Email'], criteria });
		expect([created.statusCode, ...ok(created)]).toEqual([201, ['SuccessResponse', 'ADDED_SUCCESSFULLY', 'success']]);
		const id = String(((created.data ?? [])[0].details as { id: string }).id);
		const status = (await call('getBulkReadJobDetails', { id })) as SdkAnswer & { jobs: Array<Record<string, unknown>> };
		expect(status.statusCode).toBe(200);
		expect(status.jobs[0]).toMatchObject({ class: 'JobDetail', id, state: 'COMPLETED', result: { class: 'Result', count: 2, perPage: 2, moreRecords: true } });
		const token = (status.jobs[0].result as { nextPageToken: string }).nextPageToken;
		const next = await call('createBulkReadJob', { module: 'Leads', fields: ['Last_Name'], criteria, pageToken: token });
		expect(next.statusCode).toBe(201);
		const file = (await call('downloadBulkReadResult', { id })) as SdkAnswer & { fileName?: string; bytes?: number };
		expect(file.statusCode).toBe(200);
		expect(file.class).toBe('FileBodyWrapper');
		expect(file.fileName).toBe(`${id}.zip`);
		const bad = await call('createBulkReadJob', { module: 'Leads', criteria: { field: { api_name: 'Lead_Source' }, comparator: 'greater_than', value: 'x' } });
		expect(bad.statusCode).toBe(400);
		expect(bad.exception).toMatchObject({ class: 'APIException', code: 'FIELD_COMPARATOR_IN_CRITERIA_NOT_SUPPORTED' });
		sandbox.zoho.bulkRead.configure({ pageSize: 200_000 });
	});

	it('notifications: enable, get, disable events, delete the channel', async () => {
		const channelId = '1000000068001';
		const expiry = new Date(sandbox.zoho.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
		const enabled = await call('enableNotifications', {
			watch: [{ channelId, events: ['Leads.create', 'Leads.edit'], notifyUrl: 'http://127.0.0.1:9/hook', token: 'contract-token', channelExpiry: expiry }],
		});
		expect([enabled.statusCode, ...ok(enabled)]).toEqual([200, ['SuccessResponse', 'SUCCESS', 'success']]);
		const listed = await call('getNotifications', { channelId });
		expect(listed.class).toBe('ResponseWrapper');
		expect((listed.watch as Array<Record<string, unknown>>)[0]).toMatchObject({ class: 'Notification', channelId, notifyUrl: 'http://127.0.0.1:9/hook' });
		const disabled = await call('disableNotification', { watch: [{ channelId, events: ['Leads.edit'] }] });
		expect([disabled.statusCode, ...ok(disabled)]).toEqual([200, ['SuccessResponse', 'SUCCESS', 'success']]);
		const removed = await call('deleteNotification', { channelIds: [channelId] });
		expect([removed.statusCode, ...ok(removed)]).toEqual([200, ['SuccessResponse', 'SUCCESS', 'success']]);
		expect((await call('getNotifications', { channelId })).statusCode).toBe(204);
	});

	describe('errors our nodes handle, as the SDK reads them', () => {
		it('INVALID_TOKEN (401) reads as APIException', async () => {
			// The sandbox expires the token the SDK holds; the SDK trusts its own clock, sends it and meets INVALID_TOKEN.
			sandbox.zoho.expireAccessTokens();
			const answer = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name' } });
			expect(answer).toMatchObject({ statusCode: 401, class: 'APIException', exception: { code: 'INVALID_TOKEN', status: 'error', message: 'invalid oauth token' } });
			await sdk.call('expireToken');
			expect((await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name' } })).statusCode).toBe(200);
		});

		it('DISCRETE_PAGINATION_LIMIT_EXCEEDED past 2,000 records by page number', async () => {
			const answer = await call('getRecords', { module: 'Leads', query: { FIELDS: 'Last_Name', PAGE: 11, PER_PAGE: 200 } });
			expect(answer).toMatchObject({ statusCode: 400, class: 'APIException', exception: { code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', status: 'error' } });
		});

		it('LIMIT_EXCEEDED for more than 50 fields and more than 100 records', async () => {
			const fields = (await call('getFields', { module: 'Leads' })).fields as Array<{ apiName: string }>;
			const tooMany = await call('getRecords', { module: 'Leads', query: { FIELDS: fields.slice(0, 51).map((f) => f.apiName).join(',') } });
			expect(tooMany).toMatchObject({ statusCode: 400, class: 'APIException', exception: { code: 'LIMIT_EXCEEDED', details: { limit: 50 } } });
		});

		it('204 with no body: the SDK builds no model', async () => {
			const answer = await call('searchRecords', { module: 'Leads', query: { EMAIL: 'nobody@nowhere.test' } });
			expect(answer).toEqual({ statusCode: 204, class: null });
		});
	});
	it('bulk write: org zgid, a job created from an uploaded file, its details parsed into BulkWriteResponse', async () => {
		const org = await call('getOrganization');
		expect(org).toMatchObject({ statusCode: 200, class: 'ResponseWrapper', org: [{ class: 'Org', zgid: expect.stringMatching(/^\d+$/) }] });
		// The SDK uploads to https://content.zohoapis.com (absolute): the file goes to the sandbox's file host directly.
		const csv = 'Last_Name,Company,Email\r\nBulk,Judge,bulk.judge@example.com\r\n';
		const zip = Buffer.from(zipSync({ 'leads.csv': new TextEncoder().encode(csv) }));
		const boundary = '----contracts';
		const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="leads.zip"\r\n\r\n`), zip, Buffer.from(`\r\n--${boundary}--\r\n`)]);
		const { access_token } = sandbox.zoho.issueTokens();
		const uploaded = await fetch(`${sandbox.zoho.fileDomain}/crm/v8/upload`, {
			method: 'POST',
			headers: { Authorization: `Zoho-oauthtoken ${access_token}`, feature: 'bulk-write', 'X-CRM-ORG': (org.org as Array<{ zgid: string }>)[0].zgid, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
			body,
		});
		const fileId = ((await uploaded.json()) as { details: { file_id: string } }).details.file_id;
		sandbox.zoho.bulkWrite.config.queuedMs = 0;
		sandbox.zoho.bulkWrite.config.runMs = 0;
		const job = await call('createBulkWriteJob', { operation: 'upsert', module: 'Leads', fileId, findBy: 'Email', columns: ['Last_Name', 'Company', 'Email'] });
		expect(job).toMatchObject({ statusCode: 201, class: 'SuccessResponse', code: 'SUCCESS', status: 'success' });
		const details = await call('getBulkWriteJobDetails', { id: String((job.details as { id: string }).id) });
		expect(details).toMatchObject({ statusCode: 200, class: 'BulkWriteResponse', status: 'COMPLETED', operation: 'upsert', files: [{ status: 'COMPLETED', added: 1, total: 1 }] });
		expect(String(details.downloadUrl)).toMatch(/\/bulk-write\/\d+\/\d+\.zip$/);
	});

	it('every request the vendor client sent passes our definition check (the checker agrees with the vendor)', () => {
		const { violations, matched } = checkRequests(sandbox.server.log);
		expect(describeViolations(violations)).toBe('');
		expect(Object.keys(matched).length).toBeGreaterThan(10);
	});
});
