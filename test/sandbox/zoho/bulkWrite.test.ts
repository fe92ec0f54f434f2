import { zipSync, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import axios, { type AxiosInstance } from 'axios';
import { SANDBOX_ORG } from './bulkWrite';
import { useZohoKit } from './testkit';

function zippedCsv(rows: string[][], name = 'leads.csv'): Buffer {
	return Buffer.from(zipSync({ [name]: new TextEncoder().encode(stringify(rows, { record_delimiter: '\r\n' })) }));
}

function multipart(content: Buffer, fileName = 'leads.zip'): { body: Buffer; type: string } {
	const boundary = '----sandboxtest42';
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`);
	return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

describe('Zoho sandbox: Bulk Write (org, upload on the file host, jobs, result ZIP)', () => {
	const kit = useZohoKit({ relogin: true });
	let files: AxiosInstance;
	let bulk: AxiosInstance;
	beforeEach(() => {
		kit.zoho.bulkWrite.config.queuedMs = 0;
		kit.zoho.bulkWrite.config.runMs = 0;
		const headers = { Authorization: `Zoho-oauthtoken ${kit.accessToken}` };
		files = axios.create({ baseURL: kit.zoho.fileDomain, validateStatus: () => true, headers });
		bulk = axios.create({ baseURL: `${kit.url}/crm/bulk/v8`, validateStatus: () => true, headers });
	});

	async function upload(rows: string[][], headers: Record<string, string> = { feature: 'bulk-write', 'X-CRM-ORG': SANDBOX_ORG.zgid }) {
		const { body, type } = multipart(zippedCsv(rows));
		return await files.post('/crm/v8/upload', body, { headers: { ...headers, 'Content-Type': type } });
	}

	it('GET /crm/v8/org answers the org under "org" with its zgid', async () => {
		const res = await kit.v8.get('/org');
		expect(res.status).toBe(200);
		expect(res.data.org[0]).toMatchObject({ zgid: SANDBOX_ORG.zgid, time_zone: 'America/New_York' });
	});

	it('the upload lives on the file host only, and needs feature: bulk-write and X-CRM-ORG', async () => {
		const rows = [['Last_Name', 'Email'], ['A', 'a@example.com']];
		const { body, type } = multipart(zippedCsv(rows));
		const onApiHost = await kit.http.post('/crm/v8/upload', body, { headers: { 'Content-Type': type, feature: 'bulk-write', 'X-CRM-ORG': SANDBOX_ORG.zgid, Authorization: `Zoho-oauthtoken ${kit.accessToken}` } });
		// On the API host the path is read as a module named "upload".
		expect(onApiHost.data.code).toBe('INVALID_MODULE');
		expect((await upload(rows, { 'X-CRM-ORG': SANDBOX_ORG.zgid })).data.code).toBe('INVALID_REQUEST');
		expect((await upload(rows, { feature: 'bulk-write', 'X-CRM-ORG': '1' })).data.details).toEqual({ header_name: 'X-CRM-ORG' });
		const ok = await upload(rows);
		expect(ok.status).toBe(200);
		expect(ok.data).toMatchObject({ status: 'success', code: 'FILE_UPLOAD_SUCCESS', details: { file_id: expect.stringMatching(/^\d+$/) } });
	});

	it('refuses files past the records limit, and a file that is not one zipped CSV', async () => {
		kit.zoho.bulkWrite.config.recordsPerFile = 3;
		const tooMany = await upload([['Last_Name'], ['a'], ['b'], ['c'], ['d']]);
		expect(tooMany.data).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 3 } });
		const { body, type } = multipart(Buffer.from('not a zip'));
		const bad = await files.post('/crm/v8/upload', body, { headers: { 'Content-Type': type, feature: 'bulk-write', 'X-CRM-ORG': SANDBOX_ORG.zgid } });
		expect(bad.data.code).toBe('INVALID_FILE_FORMAT');
	});

	it('an upsert job runs ADDED -> IN PROGRESS -> COMPLETED and its result CSV answers every row', async () => {
		kit.zoho.insertDirect('Leads', [{ Last_Name: 'Old', Company: 'X', Email: 'old@example.com' }]);
		const existing = kit.zoho.records('Leads')[0].id;
		const rows = [
			['Last_Name', 'Company', 'Email', 'Date_of_Birth', 'Email_Opt_Out'],
			['New', 'Acme', 'new@example.com', '12/31/1990', 'true'],
			['Renamed', 'Acme', 'old@example.com', '', 'false'],
			['Bad', 'Acme', 'not-an-email', '', ''],
		];
		const fileId = (await upload(rows)).data.details.file_id as string;
		kit.zoho.bulkWrite.config.queuedMs = 60_000;
		const created = await bulk.post('/write', {
			operation: 'upsert',
			resource: [{ type: 'data', module: { api_name: 'Leads' }, file_id: fileId, find_by: 'Email', field_mappings: rows[0].map((api_name, index) => ({ api_name, index })) }],
		});
		expect(created.status).toBe(201);
		const jobId = created.data.details.id as string;
		expect((await bulk.get(`/write/${jobId}`)).data.status).toBe('ADDED');
		kit.zoho.bulkWrite.config.queuedMs = 0;
		const done = await bulk.get(`/write/${jobId}`);
		expect(done.data).toMatchObject({ status: 'COMPLETED', operation: 'upsert', resource: [{ file: { added_count: 1, updated_count: 1, skipped_count: 1, total_count: 3 } }] });
		const url = new URL(done.data.result.download_url as string);
		expect(url.origin).toBe(kit.zoho.fileDomain);
		const zip = await files.get(url.pathname, { responseType: 'arraybuffer' });
		expect(zip.status).toBe(200);
		const entries = unzipSync(new Uint8Array(zip.data as ArrayBuffer));
		const [header, ...result] = parse(Buffer.from(Object.values(entries)[0])) as string[][];
		expect(header.slice(-3)).toEqual(['STATUS', 'RECORD_ID', 'ERRORS']);
		expect(result.map((r) => r.slice(-3))).toEqual([
			['added', expect.stringMatching(/^\d+$/), ''],
			['updated', existing, ''],
			['skipped', '', 'INVALID_DATA-Email'],
		]);
		const added = kit.zoho.record('Leads', result[0][header.indexOf('RECORD_ID')])!;
		expect(added).toMatchObject({ Date_of_Birth: '1990-12-31', Email_Opt_Out: true });
		expect(kit.zoho.record('Leads', existing)).toMatchObject({ Last_Name: 'Renamed' });
	});

	it('a file feeds one job only; find_by is required for upsert; Notes are refused', async () => {
		const fileId = (await upload([['Last_Name', 'Company', 'Email'], ['A', 'B', 'a@example.com']])).data.details.file_id as string;
		const body = (operation: string, extra: Record<string, unknown> = {}, module = 'Leads') => ({ operation, resource: [{ type: 'data', module: { api_name: module }, file_id: fileId, ...extra }] });
		expect((await bulk.post('/write', body('upsert'))).data.code).toBe('MANDATORY_NOT_FOUND');
		expect((await bulk.post('/write', body('insert', {}, 'Notes'))).data.code).toBe('NOT_SUPPORTED');
		expect((await bulk.post('/write', body('insert'))).status).toBe(201);
		expect((await bulk.post('/write', body('insert'))).data.code).toBe('ALREADY_USED');
		expect((await bulk.post('/write', { ...body('insert'), extra: 1 })).data.code).toBe('INVALID_DATA');
	});

	it('date-times in the default format are read in the org time zone; a failed job writes nothing', async () => {
		const rows = [['Last_Name', 'Company', 'Email', 'Next_Follow_Up'], ['A', 'B', 'a@example.com', '07/01/2026 09:30:00']];
		const ok = (await upload(rows)).data.details.file_id as string;
		const job = (await bulk.post('/write', { operation: 'insert', resource: [{ type: 'data', module: { api_name: 'Leads' }, file_id: ok }] })).data.details.id as string;
		expect((await bulk.get(`/write/${job}`)).data.status).toBe('COMPLETED');
		expect(kit.zoho.records('Leads')[0].Next_Follow_Up).toBe('2026-07-01T13:30:00+00:00');
		kit.zoho.bulkWrite.failJobs(1);
		const again = (await upload([['Last_Name', 'Company'], ['C', 'D']])).data.details.file_id as string;
		const failed = (await bulk.post('/write', { operation: 'insert', resource: [{ type: 'data', module: { api_name: 'Leads' }, file_id: again }] })).data.details.id as string;
		const status = await bulk.get(`/write/${failed}`);
		expect(status.data.status).toBe('FAILED');
		expect(status.data.result).toBeUndefined();
		expect(kit.zoho.records('Leads')).toHaveLength(1);
	});

	it('bills 500 credits per job and 1 per upload, status and org call; scopes are checked', async () => {
		await kit.v8.get('/org');
		const fileId = (await upload([['Last_Name', 'Company'], ['A', 'B']])).data.details.file_id as string;
		const job = (await bulk.post('/write', { operation: 'insert', resource: [{ type: 'data', module: { api_name: 'Leads' }, file_id: fileId }] })).data.details.id as string;
		await bulk.get(`/write/${job}`);
		expect(kit.zoho.credits().total).toBe(1 + 1 + 500 + 1);
		const narrow = kit.zoho.issueTokens({ scope: 'ZohoCRM.modules.ALL,ZohoCRM.org.READ,ZohoFiles.files.ALL' }).access_token;
		const denied = await axios.post(`${kit.url}/crm/bulk/v8/write`, {}, { headers: { Authorization: `Zoho-oauthtoken ${narrow}` }, validateStatus: () => true });
		expect(denied.data.code).toBe('OAUTH_SCOPE_MISMATCH');
		const noFiles = kit.zoho.issueTokens({ scope: 'ZohoCRM.modules.ALL,ZohoCRM.bulk.ALL' }).access_token;
		const { body, type } = multipart(zippedCsv([['Last_Name'], ['x']]));
		const upDenied = await files.post('/crm/v8/upload', body, { headers: { 'Content-Type': type, feature: 'bulk-write', 'X-CRM-ORG': SANDBOX_ORG.zgid, Authorization: `Zoho-oauthtoken ${noFiles}` } });
		expect(upDenied.data.code).toBe('OAUTH_SCOPE_MISMATCH');
	});
});
