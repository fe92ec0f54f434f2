/**
 * Zoho CRM Bulk Write under faults: an upsert of SIZES.zohoWrite leads by Email through Bulk Write
 * jobs of JOB_SIZE records (so several jobs), through transport faults on every bulk call (429,
 * 5xx, dropped answers, latency), an upload whose answer is lost after Zoho stored it, a job whose
 * creation answer is lost, a job Zoho fails and rows Zoho rejects. Then the sandbox's Leads
 * compared with the input: every item answered, 0 lost, 0 duplicated.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { FaultRule } from '../sandbox/core/types';
import { ZohoCrmConnect } from '../../nodes/ZohoCrm/ZohoCrmConnect.node';
import { runNode } from '../helpers/nodeRunner';
import { zohoCredential } from '../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../sandbox';
import { apiCalls, BOUND, flushRows, pairedIndex, record, SIZES, scale } from './kit';

jest.setTimeout(300_000);

const N = SIZES[scale()].zohoWrite;
const JOB_SIZE = 1_000;
const JOBS = Math.ceil(N / JOB_SIZE);
const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
const INVALID_EVERY = 50;

const email = (i: number): string => `bulk.fault${i}@northwind.io`;
const inputs = (withInvalid: boolean): IDataObject[] =>
	Array.from({ length: N }, (_, i) => ({
		Last_Name: `Bulk ${i}`,
		Company: `Northwind ${i % 97}`,
		Email: email(i),
		...(withInvalid && i % INVALID_EVERY === 7 ? { No_of_Employees: 'many' } : {}),
	}));

let sandbox: Sandbox;
const node = new ZohoCrmConnect();

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	flushRows('zoho-bulk-write');
	await sandbox?.close();
});

const BULK = /^\/(crm\/bulk\/v8\/write|crm\/v8\/upload|v2\/crm\/)/;

interface BulkScenario {
	name: string;
	faults?: FaultRule[];
	arm?: (s: Sandbox) => void;
	invalid?: boolean;
	/** Items expected to end in an error (the rest must succeed). */
	expectedErrors?: (items: IDataObject[]) => number;
	note?: string;
}

const scenarios: BulkScenario[] = [
	{ name: 'no faults (baseline)' },
	{ name: '429 on bulk calls (every 3rd)', faults: [{ service: 'zoho-crm', kind: 'status', status: 429, path: BULK, every: 3 }] },
	{
		name: '5xx on job status and result download',
		faults: [
			{ service: 'zoho-crm', method: 'GET', kind: 'status', status: 503, path: /^\/crm\/bulk\/v8\/write\//, every: 2 },
			{ service: 'zoho-crm', method: 'GET', kind: 'status', status: 500, path: /^\/v2\/crm\//, times: 1 },
		],
	},
	{ name: 'upload answer lost after it was stored', faults: [{ service: 'zoho-crm', method: 'POST', kind: 'drop', when: 'after', path: '/crm/v8/upload', times: 2 }] },
	{
		name: 'job creation answer lost (upsert sent again as a new file)',
		faults: [{ service: 'zoho-crm', method: 'POST', kind: 'drop', when: 'after', path: '/crm/bulk/v8/write', times: 1 }],
	},
	{ name: 'result download dropped mid-answer', faults: [{ service: 'zoho-crm', method: 'GET', kind: 'drop', when: 'mid', path: /^\/v2\/crm\//, times: 2 }] },
	{
		name: 'one job fails in Zoho',
		arm: (s) => s.zoho.bulkWrite.failJobs(1),
		expectedErrors: () => Math.min(JOB_SIZE, N),
		note: `the ${JOB_SIZE.toLocaleString('en-US')} items of the failed job answered with its error`,
	},
	// The invalid records name one more field, so they travel in a job of their own (a field one record leaves out is never cleared).
	{ name: 'rows rejected by Zoho', invalid: true, expectedErrors: (items) => items.filter((i) => i.No_of_Employees !== undefined).length, note: `1 in ${INVALID_EVERY} rows invalid` },
];

function tally(items: IDataObject[], out: INodeExecutionData[]): { ok: number; errors: IDataObject[]; lost: number; duplicated: number } {
	expect(out).toHaveLength(items.length);
	const byEmail = new Map<string, string[]>();
	for (const lead of sandbox.zoho.records('Leads')) byEmail.set(String(lead.Email), [...(byEmail.get(String(lead.Email)) ?? []), lead.id]);
	const t = { ok: 0, errors: [] as IDataObject[], lost: 0, duplicated: 0 };
	out.forEach((item, i) => {
		expect(pairedIndex(item)).toBe(i);
		const stored = byEmail.get(String(items[i].Email)) ?? [];
		if (item.json.status === 'success') {
			t.ok++;
			expect(stored).toContain(String(item.json.id));
			if (stored.length === 0) t.lost++;
		} else {
			expect(String(item.json.error)).toMatch(new RegExp(`^Item ${i}[,:]`));
			t.errors.push(item.json);
		}
		if (stored.length > 1) t.duplicated += stored.length - 1;
	});
	return t;
}

describe(`Zoho CRM Bulk Write: upsert ${N.toLocaleString('en-US')} leads in jobs of ${JOB_SIZE.toLocaleString('en-US')} under faults`, () => {
	beforeEach(() => {
		sandbox.reset();
		sandbox.zoho.bulkWrite.config.queuedMs = 0;
		sandbox.zoho.bulkWrite.config.runMs = 0;
	});

	it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
		for (const rule of scenario.faults ?? []) sandbox.server.addFault(rule);
		scenario.arm?.(sandbox);
		const items = inputs(scenario.invalid ?? false);
		const started = Date.now();
		const result = await runNode({
			node,
			parameters: {
				resource: 'record',
				operation: 'upsert',
				module: LEADS,
				fieldsToSend: 'json',
				jsonFields: '={{ JSON.stringify($json) }}',
				duplicateCheckFields: ['Email'],
				writeMethod: 'bulk',
				bulkJobSize: JOB_SIZE,
				options: { concurrency: BOUND },
			},
			items,
			credentials: { zohoCrmConnectOAuth2Api: zohoCredential(sandbox.url, sandbox.zoho.issueTokens()) },
			continueOnFail: true,
		});
		const wallMs = Date.now() - started;
		const stats = sandbox.server.getStats();
		const calls = apiCalls(sandbox.server.log, 'zoho-crm').length;
		const t = tally(items, result.output[0]);
		const expectedErrors = scenario.expectedErrors?.(items) ?? 0;
		record({
			workload: 'Zoho CRM Bulk Write',
			scenario: scenario.name,
			items: N,
			calls,
			// Every call not answered 200/201: faulted or dropped ones, and the re-sent job creation Zoho refuses (ALREADY_USED).
			retries: apiCalls(sandbox.server.log, 'zoho-crm').filter((e) => e.status !== 200 && e.status !== 201).length,
			faults: stats.faultsFired,
			errors: t.errors.length,
			lost: t.lost,
			duplicated: t.duplicated,
			maxConcurrency: stats.maxConcurrency['zoho-crm'] ?? 0,
			refreshes: sandbox.zoho.tokenStats().refreshGrants,
			wallMs,
			note: scenario.note ?? `${sandbox.zoho.bulkWrite.created} jobs, ${sandbox.zoho.credits().total.toLocaleString('en-US')} credits`,
		});
		expect(t.errors).toHaveLength(expectedErrors);
		expect(t.ok).toBe(N - expectedErrors);
		expect(t.lost).toBe(0);
		expect(t.duplicated).toBe(0);
		if (scenario.faults?.length) expect(stats.faultsFired).toBeGreaterThan(0);
		if (!scenario.faults && !scenario.arm && !scenario.invalid) expect(calls).toBe(2 + JOBS * 4);
	});
});
