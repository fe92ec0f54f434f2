/** Zoho CRM scenarios: upsert N Leads by Email, pull N Leads with every field. */
import { nodeType } from '../../test/e2e/harness/nodeTypes';
import { person } from '../data';
import type { BenchContext, Floor, RunOutput, Scenario, Variant } from '../types';
import { benchWorkflow } from '../workflow';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
const fmt = (n: number) => n.toLocaleString('en-US');

/** Empty the CRM's records (tokens stay valid: the credentials keep working). */
function clearRecords(ctx: BenchContext): void {
	ctx.sandbox.zoho.store.reset();
}

function leadCount(ctx: BenchContext): number {
	return ctx.sandbox.zoho.records('Leads').length;
}

/**
 * The upsert's starting state: the first half of the input people already are Leads (with an old
 * Designation), so half the upserts update by Email and half insert.
 */
function seedExistingLeads(ctx: BenchContext, seed: number, count: number): void {
	clearRecords(ctx);
	const existing = Math.floor(count / 2);
	const records = Array.from({ length: existing }, (_, i) => ({ ...person(seed, i), Designation: 'Previous title' }));
	ctx.sandbox.zoho.insertDirect('Leads', records);
}

function checkUpsert(ctx: BenchContext, output: RunOutput, seed: number, count: number): string {
	if (output.items.length !== count) throw new Error(`expected ${count} output items, got ${output.items.length}`);
	const leads = ctx.sandbox.zoho.records('Leads');
	if (leads.length !== count) throw new Error(`expected ${count} Leads after the upsert, found ${leads.length}`);
	const byEmail = new Map(leads.map((lead) => [String(lead.Email), lead]));
	for (const i of [0, Math.floor(count / 2) - 1, Math.floor(count / 2), count - 1]) {
		const want = person(seed, i);
		const got = byEmail.get(want.Email);
		if (!got || got.Designation !== want.Designation || got.Last_Name !== want.Last_Name) {
			throw new Error(`Lead ${want.Email} was not upserted (${JSON.stringify(got && { Designation: got.Designation })})`);
		}
	}
	return `${fmt(count)} upserted (${fmt(Math.floor(count / 2))} updates)`;
}

function upsertVariants(size: number, seedOf: (ctx: BenchContext) => number, impls: Array<'ours' | 'built-in'>): Variant[] {
	const ours: Variant = {
		impl: 'ours',
		label: 'Zoho CRM Connect: Record > Create or Update (v8)',
		node: 'Upsert',
		// The Records API as before Bulk Write existed (Automatic picks Bulk Write past about 5,100 items).
		prepare: async (ctx) => oursUpsert(ctx, 'bench: zoho upsert (ours)', seedOf(ctx), size, 'records'),
		check: (ctx, output) => checkUpsert(ctx, output, seedOf(ctx), size),
	};
	const builtIn: Variant = {
		impl: 'built-in',
		label: 'n8n Zoho CRM: Lead > Create or Update (v2)',
		node: 'Upsert',
		async prepare(ctx) {
			const seed = seedOf(ctx);
			seedExistingLeads(ctx, seed, size);
			return benchWorkflow(
				'bench: zoho upsert (built-in)',
				{
					name: 'Upsert',
					type: 'n8n-nodes-base.zohoCrm',
					parameters: {
						resource: 'lead',
						operation: 'upsert',
						Company: '={{ $json.Company }}',
						lastName: '={{ $json.Last_Name }}',
						additionalFields: { First_Name: '={{ $json.First_Name }}', Email: '={{ $json.Email }}', Designation: '={{ $json.Designation }}' },
					},
					credentials: ctx.credentials.zohoBuiltIn,
				},
				{ seed, count: size },
			);
		},
		check: (ctx, output) => checkUpsert(ctx, output, seedOf(ctx), size),
	};
	return impls.map((impl) => (impl === 'ours' ? ours : builtIn));
}

const credits = (ctx: BenchContext): string => `${fmt(ctx.sandbox.zoho.credits().total)} credits`;

function oursUpsert(ctx: BenchContext, name: string, seed: number, count: number, writeMethod: 'records' | 'auto') {
	seedExistingLeads(ctx, seed, count);
	return benchWorkflow(
		name,
		{
			name: 'Upsert',
			type: nodeType('zohoCrmConnect'),
			parameters: {
				resource: 'record',
				operation: 'upsert',
				module: LEADS,
				fieldsToSend: 'json',
				jsonFields:
					'={{ JSON.stringify({ First_Name: $json.First_Name, Last_Name: $json.Last_Name, Company: $json.Company, Email: $json.Email, Designation: $json.Designation }) }}',
				duplicateCheckFields: ['Email'],
				writeMethod,
			},
			credentials: ctx.credentials.zohoOurs,
		},
		{ seed, count },
	);
}

/**
 * Upsert at bulk scale: the same 100,000 Leads by the Records API and by Automatic (which takes Bulk
 * Write: 4 jobs of 25,000), and n8n's built-in node at `builtInSize` (one call per item: 100,000
 * would take hours at the bench latency). Credits in the result column, as the sandbox billed them.
 */
export function zohoBulkUpsertScenario(size: number, builtInSize: number): Scenario {
	const seed = (ctx: BenchContext): number => ctx.options.seed + 2;
	const builtIn = upsertVariants(builtInSize, seed, ['built-in'])[0];
	return {
		id: 'zoho-bulk-upsert',
		title: `Upsert ${fmt(size)} Zoho CRM Leads by Email (Bulk Write)`,
		size,
		async setup(): Promise<Floor> {
			return { calls: Math.ceil(size / 100), how: `⌈${fmt(size)} / 100 records per write⌉ (Records API)` };
		},
		variants: [
			{
				impl: 'ours',
				label: 'Zoho CRM Connect: Create or Update, Write Method Records API (v8)',
				node: 'Upsert',
				prepare: async (ctx) => oursUpsert(ctx, 'bench: zoho bulk-scale upsert (records api)', seed(ctx), size, 'records'),
				check: (ctx, output) => `${checkUpsert(ctx, output, seed(ctx), size)}, ${credits(ctx)}`,
			},
			{
				impl: 'ours',
				extra: true,
				label: 'Zoho CRM Connect: Create or Update, Write Method Automatic → Bulk Write',
				node: 'Upsert',
				prepare: async (ctx) => oursUpsert(ctx, 'bench: zoho bulk-scale upsert (automatic)', seed(ctx), size, 'auto'),
				check: (ctx, output) => {
					const jobs = ctx.sandbox.server.getStats().byEndpoint['POST /crm/bulk/v8/write'] ?? 0;
					if (jobs === 0) throw new Error('Automatic did not use Bulk Write');
					return `${checkUpsert(ctx, output, seed(ctx), size)}, ${credits(ctx)}, ${jobs} Bulk Write jobs`;
				},
				floor: () => ({ calls: 2 + Math.ceil(size / 25_000) * 4, how: 'org + field metadata + per job upload, create, 1 status, download' }),
			},
			{
				...builtIn,
				label: `n8n Zoho CRM: Lead > Create or Update (v2), ${fmt(builtInSize)} items`,
				check: (ctx, output) => `${builtIn.check(ctx, output)}, ${credits(ctx)} (${fmt(builtInSize)} items only: one call per item would take hours at ${fmt(size)})`,
				floor: () => ({ calls: builtInSize, how: 'one call per item (v2)' }),
			},
		],
	};
}

export function zohoUpsertScenario(size: number): Scenario {
	return {
		id: 'zoho-upsert',
		title: `Upsert ${fmt(size)} Zoho CRM Leads by Email`,
		size,
		async setup(): Promise<Floor> {
			return { calls: Math.ceil(size / 100), how: `⌈${fmt(size)} / 100 records per write⌉` };
		},
		variants: upsertVariants(size, (ctx) => ctx.options.seed, ['ours', 'built-in']),
	};
}

/** Our node's own overhead: the same upsert at zero latency (items per second). */
export function zohoMicroScenario(size: number): Scenario {
	return {
		id: 'micro-zoho',
		title: `Micro: our Zoho upsert of ${fmt(size)} items at 0 ms latency`,
		size,
		latencyMs: 0,
		micro: true,
		async setup(): Promise<Floor> {
			return { calls: Math.ceil(size / 100), how: `⌈${fmt(size)} / 100⌉` };
		},
		variants: upsertVariants(size, (ctx) => ctx.options.seed + 1, ['ours']),
	};
}

export function zohoPullScenario(size: number): Scenario {
	let fieldCount = 0;
	let coqlFields: string[] = [];
	const check = (ctx: BenchContext, output: RunOutput): string => {
		const got = output.items.length;
		if (got === 0) throw new Error('no records came back');
		const first = output.items[0];
		const fields = Object.keys(first).filter((key) => key !== 'id').length;
		if (fields < Math.min(fieldCount, 50)) throw new Error(`records carry ${fields} fields, expected all ${fieldCount}`);
		if (got === size) return `all ${fmt(size)} records, ${fieldCount} fields`;
		return `**stops at ${fmt(got)}** of ${fmt(size)} (v2 page-number limit, no error)`;
	};
	const ours: Variant = {
		impl: 'ours',
		label: 'Zoho CRM Connect: Record > Get Many, all fields (v8)',
		node: 'Pull',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho pull (ours)', {
				name: 'Pull',
				type: nodeType('zohoCrmConnect'),
				parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true },
				credentials: ctx.credentials.zohoOurs,
			});
		},
		check,
	};
	// Another route our node offers: COQL reads 2,000 rows per call (at most 50 fields per query).
	const coql: Variant = {
		impl: 'ours',
		extra: true,
		label: 'Zoho CRM Connect: COQL Query, 50 fields (v8)',
		node: 'Pull',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho pull (ours, COQL)', {
				name: 'Pull',
				type: nodeType('zohoCrmConnect'),
				parameters: { resource: 'query', operation: 'coql', query: `select ${coqlFields.join(', ')} from Leads where id is not null order by id asc` },
				credentials: ctx.credentials.zohoOurs,
			});
		},
		check(_ctx, output) {
			const got = output.items.length;
			if (got !== size) throw new Error(`expected ${size} rows, got ${got}`);
			return `all ${fmt(size)} records, ${coqlFields.length} of ${fieldCount} fields`;
		},
		floor: () => ({ calls: Math.ceil(size / 2000), how: `⌈${fmt(size)} / 2,000 rows per COQL call⌉, fields named in the query (≤ 50)` }),
	};
	const builtIn: Variant = {
		impl: 'built-in',
		label: 'n8n Zoho CRM: Lead > Get Many (v2)',
		node: 'Pull',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho pull (built-in)', {
				name: 'Pull',
				type: 'n8n-nodes-base.zohoCrm',
				parameters: { resource: 'lead', operation: 'getAll', returnAll: true, options: {} },
				credentials: ctx.credentials.zohoBuiltIn,
			});
		},
		check,
	};
	return {
		id: 'zoho-pull',
		title: `Pull ${fmt(size)} Zoho CRM Leads (every field)`,
		size,
		async setup(ctx): Promise<Floor> {
			clearRecords(ctx);
			ctx.sandbox.zoho.seed({ module: 'Leads', count: size, seed: ctx.options.seed });
			if (leadCount(ctx) !== size) throw new Error('seeding Leads failed');
			// The field list a client must name (v8 wants `fields`, at most 50 per call): what /settings/fields lists.
			const { access_token: token } = ctx.sandbox.zoho.issueTokens();
			const response = await fetch(`${ctx.sandbox.url}/crm/v8/settings/fields?module=Leads`, { headers: { Authorization: `Zoho-oauthtoken ${token}` } });
			const body = (await response.json()) as { fields?: Array<{ api_name: string }> };
			fieldCount = body.fields?.length ?? 0;
			coqlFields = (body.fields ?? []).map((f) => f.api_name).filter((name) => name !== 'id').slice(0, 50);
			if (!fieldCount) throw new Error(`could not count the Leads fields: HTTP ${response.status}`);
			const sets = Math.ceil(fieldCount / 50);
			const pages = Math.ceil(size / 200);
			return {
				calls: 1 + pages * sets,
				how: `1 field-list call + ⌈${fmt(size)} / 200 per page⌉ × ⌈${fieldCount} fields / 50 per call⌉`,
			};
		},
		variants: [ours, coql, builtIn],
	};
}
