/**
 * Token discipline and where tokens may travel: one refresh per expiry for 20 parallel calls
 * (Zoho allows 10 refreshes per 10 minutes), a revoked refresh token stops the run with
 * "reconnect" after a single refresh attempt, a redirect to another host arrives without the
 * Authorization header, and no token ever appears in a URL, an output or an error.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import { CustomServiceRequest } from '../../nodes/CustomService/CustomServiceRequest.node';
import { MailchimpCampaigns } from '../../nodes/Mailchimp/MailchimpCampaigns.node';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { runNode } from '../helpers/nodeRunner';
import { customServiceCredential, CUSTOM_CLIENT, MAILCHIMP_CLIENT, mailchimpOAuthCredential, zohoCredential, ZOHO_CLIENT } from '../helpers/sandboxCredentials';
import { SecretLedger } from '../helpers/secretScan';
import { startSandbox, type Sandbox } from '../sandbox';
import { LEADS } from '../helpers/zohoModules';

jest.setTimeout(120_000);

/**
 * "Another host": a second listener on 127.0.0.2 (another loopback address, so another host name
 * and origin, not just another port) that records the headers it receives.
 */
interface OtherHost {
	url: string;
	seen: IncomingHttpHeaders[];
	close(): Promise<void>;
}

async function startOtherHost(): Promise<OtherHost> {
	const seen: IncomingHttpHeaders[] = [];
	const server: Server = createServer((req, res) => {
		seen.push(req.headers);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ data: [], info: { more_records: false }, campaigns: [], total_items: 0, id: 'elsewhere' }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
	return {
		url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`,
		seen,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let sandbox: Sandbox;
let other: OtherHost;
const ledger = new SecretLedger({ zohoClientSecret: ZOHO_CLIENT.clientSecret, customClientSecret: CUSTOM_CLIENT.clientSecret, mcClientSecret: MAILCHIMP_CLIENT.clientSecret });

beforeAll(async () => {
	sandbox = await startSandbox({ zoho: { concurrencyLimit: 25 } });
	other = await startOtherHost();
});
afterAll(async () => {
	await other?.close();
	await sandbox?.close();
});
beforeEach(() => {
	sandbox.reset();
	other.seen.length = 0;
});

function zohoTokens() {
	const tokens = sandbox.zoho.issueTokens();
	ledger.add({ zohoAccess: tokens.access_token, zohoRefresh: tokens.refresh_token });
	return tokens;
}

describe('one refresh per expiry', () => {
	it('Zoho: 20 parallel write calls meet an expired token: exactly one refresh, every record written once', async () => {
		const tokens = zohoTokens();
		sandbox.zoho.expireAccessTokens();
		const items: IDataObject[] = Array.from({ length: 2_000 }, (_, i) => ({ Last_Name: `Par ${i}`, Company: 'Northwind', Email: `par${i}@northwind.io` }));
		// The first 20 upsert calls are held until all 20 are in flight, so every one meets the expired
		// token at once however slowly a loaded machine starts them (a fixed latency did not guarantee it).
		sandbox.server.addFault({ service: 'zoho-crm', method: 'POST', path: '/crm/v8/Leads/upsert', kind: 'barrier', holdUntil: 20, times: 20 });
		const result = await runNode({
			node: new ZohoCrmConnect(),
			parameters: {
				resource: 'record',
				operation: 'upsert',
				module: LEADS,
				fieldsToSend: 'json',
				jsonFields: '={{ JSON.stringify($json) }}',
				duplicateCheckFields: ['Email'],
				options: { concurrency: 20 },
			},
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
		});
		const refreshed = result.credentials.zohoCrmConnectOAuth2Api.oauthTokenData as { access_token: string };
		ledger.add({ zohoRefreshed: refreshed.access_token });
		ledger.scan('zoho parallel output', result.output);
		expect(result.output[0]).toHaveLength(2_000);
		expect(result.output[0].every((o) => o.json.status === 'success')).toBe(true);
		const stats = sandbox.server.getStats();
		expect(stats.maxConcurrency['zoho-crm']).toBe(20);
		expect(stats.byStatus['401']).toBe(20);
		expect(sandbox.zoho.tokenStats().refreshGrants).toBe(1);
		expect(sandbox.zoho.refreshCount(tokens.refresh_token)).toBe(1);
		expect(result.tokenUpdates).toBe(1);
		expect(sandbox.zoho.records('Leads')).toHaveLength(2_000);
	});

	it('Custom Service: 20 parallel items with an expired token: one refresh at the refresh URL', async () => {
		const tokens = sandbox.custom.issueTokens();
		ledger.add({ customAccess: tokens.access_token, customRefresh: tokens.refresh_token });
		sandbox.custom.expireAccessTokens();
		const result = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me', options: { batchSize: 20 } },
			items: Array.from({ length: 20 }, (_, i) => ({ i })),
			credentials: { customServiceOAuth2Api: customServiceCredential(sandbox.url, tokens) },
		});
		ledger.add({ customRefreshed: (result.credentials.customServiceOAuth2Api.oauthTokenData as { access_token: string }).access_token });
		ledger.scan('custom parallel output', result.output);
		expect(result.output[0].every((o) => o.json.error === undefined)).toBe(true);
		expect(sandbox.custom.refreshCount()).toBe(1);
		expect(sandbox.server.log.filter((e) => e.path.startsWith('/custom/oauth/')).map((e) => e.path)).toEqual(['/custom/oauth/refresh']);
	});
});

describe('a revoked refresh token stops the run with "reconnect", no retry loop', () => {
	it('Zoho: 20 parallel calls, one refresh attempt, every item says reconnect', async () => {
		const tokens = zohoTokens();
		sandbox.zoho.revokeRefreshToken(tokens.refresh_token);
		sandbox.zoho.expireAccessTokens();
		const items: IDataObject[] = Array.from({ length: 2_000 }, (_, i) => ({ Last_Name: `Rev ${i}`, Company: 'Northwind', Email: `rev${i}@northwind.io` }));
		const parameters = {
			resource: 'record',
			operation: 'upsert',
			module: LEADS,
			fieldsToSend: 'json',
			jsonFields: '={{ JSON.stringify($json) }}',
			duplicateCheckFields: ['Email'],
			options: { concurrency: 20 },
		};
		const result = await runNode({
			node: new ZohoCrmConnect(),
			parameters,
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
			continueOnFail: true,
		});
		ledger.scan('zoho revoked output', result.output);
		const out = result.output[0];
		expect(out).toHaveLength(2_000);
		out.forEach((o, i) => expect(String(o.json.error)).toMatch(new RegExp(`^Item ${i}: Zoho CRM rejected the access token .*reconnect the Zoho CRM credential`)));
		const tokenCalls = sandbox.server.log.filter((e) => e.path === '/oauth/v2/token');
		expect(tokenCalls).toHaveLength(1);
		// Each of the 20 calls was sent once: no call retried after the failed refresh.
		expect(sandbox.server.log.filter((e) => e.service === 'zoho-crm')).toHaveLength(20);
		expect(sandbox.zoho.records('Leads')).toHaveLength(0);

		// Without continue-on-fail: the node fails, same words, no secret anywhere in the error.
		sandbox.server.resetStats();
		const error = await runNode({
			node: new ZohoCrmConnect(),
			parameters,
			items: items.slice(0, 5),
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, tokens) },
		}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(String((error as Error).message)).toMatch(/reconnect the Zoho CRM credential/);
		expect(ledger.scan('zoho revoked error', error)).toEqual([]);
		expect(sandbox.server.log.filter((e) => e.path === '/oauth/v2/token')).toHaveLength(1);
	});

	it('MailChimp: a revoked token (they never expire) answers reconnect without trying to refresh', async () => {
		const token = sandbox.mailchimp.issueToken();
		ledger.add({ mcAccess: token });
		sandbox.mailchimp.revokeToken(token);
		const error = await runNode({
			node: new MailchimpCampaigns(),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: true },
			credentials: { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, token) },
		}).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(String((error as Error).message)).toMatch(/Reconnect the MailChimp Connect OAuth2 credential/);
		expect(ledger.scan('mailchimp revoked error', error)).toEqual([]);
		expect(sandbox.server.log.filter((e) => e.path === '/oauth2/token')).toHaveLength(0);
		expect(sandbox.server.log.filter((e) => e.path === '/oauth2/metadata')).toHaveLength(1);
	});
});

describe('redirects and URLs', () => {
	it('a redirect to another host arrives there without the Authorization header (Zoho, MailChimp, Custom Service)', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		sandbox.server.addFault({ kind: 'redirect', location: `${other.url}/elsewhere`, path: /^\/(crm\/v8\/Leads|3\.0\/campaigns|custom\/api\/me)$/ });
		const zoho = await runNode({
			node: new ZohoCrmConnect(),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true, fields: ['Last_Name'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, zohoTokens()) },
			continueOnFail: true,
		});
		const mcToken = sandbox.mailchimp.issueToken();
		ledger.add({ mcAccess: mcToken });
		const mc = await runNode({
			node: new MailchimpCampaigns(),
			parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: false, limit: 5 },
			credentials: { mailchimpConnectOAuth2Api: mailchimpOAuthCredential(sandbox.url, mcToken) },
			continueOnFail: true,
		});
		const customTokens = sandbox.custom.issueTokens();
		ledger.add({ customAccess: customTokens.access_token, customRefresh: customTokens.refresh_token });
		const custom = await runNode({
			node: new CustomServiceRequest(),
			parameters: { method: 'GET', url: '/me' },
			credentials: { customServiceOAuth2Api: customServiceCredential(sandbox.url, customTokens) },
			continueOnFail: true,
		});
		for (const [label, run] of [['zoho', zoho], ['mailchimp', mc], ['custom', custom]] as const) ledger.scan(`redirect ${label}`, run.output);
		// Every node followed its redirect to the other host...
		expect(other.seen.length).toBeGreaterThanOrEqual(3);
		// ...and none of them brought the token along.
		expect(other.seen.map((h) => h.authorization)).toEqual(other.seen.map(() => undefined));
		expect(ledger.scan('headers seen by the other host', other.seen)).toEqual([]);
	});

	it('the same redirect within the API host keeps the Authorization header (the check above can fail)', async () => {
		sandbox.zoho.seed({ module: 'Leads', count: 3, seed: 1 });
		sandbox.server.addFault({ kind: 'redirect', location: `${sandbox.url}/crm/v8/Leads?fields=Last_Name`, path: '/crm/v8/Leads', times: 1 });
		const result = await runNode({
			node: new ZohoCrmConnect(),
			parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true, fields: ['Last_Name'] },
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, zohoTokens()) },
		});
		expect(result.output[0]).toHaveLength(3);
		const served = sandbox.server.log.filter((e) => e.path === '/crm/v8/Leads' && e.status === 200);
		expect(served.map((e) => e.authScheme)).toEqual(['Bearer']);
	});

	it('no token or secret in any URL, output or error of the runs above (and the scan saw them)', () => {
		expect(ledger.sources).toBeGreaterThanOrEqual(8);
		expect(ledger.scanUrls(sandbox.server.log)).toEqual([]);
		expect(ledger.hits).toEqual([]);
	});
});
