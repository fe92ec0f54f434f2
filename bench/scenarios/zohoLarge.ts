/**
 * Reading whole Zoho modules past the REST listing's 100,000 records: the same leads read by every
 * route, side by side, with calls, credits, wall time and peak RSS.
 *   zoho-read-250k:    Get Many (REST to 100,000, then Bulk Read), Bulk Read directly, COQL (stops at
 *                      OFFSET 100,000), n8n's built-in node (v2, stops at 2,000)
 *   zoho-rest-vs-bulk: 100,000 leads by the REST listing (Get Many) and by Bulk Read
 * The leads carry a few fields (seeded cheaply); every route reads the same three.
 */
import { nodeType } from '../../test/e2e/harness/nodeTypes';
import type { BenchContext, Floor, RunOutput, Scenario, Variant } from '../types';
import { benchWorkflow } from '../workflow';

const LEADS = { __rl: true, mode: 'name', value: 'Leads' };
const FIELDS = ['Last_Name', 'Email', 'Company'];
const fmt = (n: number) => n.toLocaleString('en-US');
/** Zoho's documented page sizes and ceilings. */
const LISTING_LIMIT = 100_000;
const BULK_PAGE = 200_000;
const COQL_PAGE = 2_000;

function seedLeads(ctx: BenchContext, size: number): void {
	ctx.sandbox.zoho.store.reset();
	for (let done = 0, part = 0; done < size; part++) {
		const count = Math.min(200_000, size - done);
		ctx.sandbox.zoho.seed({ module: 'Leads', count, seed: ctx.options.seed + part, fields: FIELDS });
		done += count;
	}
	if (ctx.sandbox.zoho.records('Leads').length !== size) throw new Error('seeding Leads failed');
}

/** Every record once, with the three fields; a route that cannot reach them all says where it stopped. */
function checkAll(size: number, why?: string) {
	return (_ctx: BenchContext, output: RunOutput): string => {
		const got = output.items.length;
		const unique = new Set(output.items.map((r) => String(r.id))).size;
		if (unique !== got) throw new Error(`${got - unique} records came twice`);
		const first = output.items[0];
		if (got > 0 && FIELDS.some((f) => !(f in first))) throw new Error(`records lack fields: ${JSON.stringify(first)}`);
		if (got === size) return `all ${fmt(size)} records, each once`;
		if (!why) throw new Error(`expected ${fmt(size)} records, got ${fmt(got)}`);
		return `**stops at ${fmt(got)}** of ${fmt(size)} (${why})`;
	};
}

function getMany(size: number): Variant {
	return {
		impl: 'ours',
		label: 'Zoho CRM Connect: Record > Get Many (REST to 100,000, then Bulk Read)',
		node: 'Read',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho read (ours, get many)', {
				name: 'Read',
				type: nodeType('zohoCrmConnect'),
				parameters: { resource: 'record', operation: 'getMany', module: LEADS, returnAll: true, fields: FIELDS },
				credentials: ctx.credentials.zohoOurs,
			});
		},
		check: checkAll(size),
		floor: () => restFloor(size),
	};
}

function bulkRead(size: number, extra: boolean): Variant {
	return {
		impl: 'ours',
		extra,
		label: 'Zoho CRM Connect: Bulk Read > Read Module',
		node: 'Read',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho read (ours, bulk read)', {
				name: 'Read',
				type: nodeType('zohoCrmConnect'),
				parameters: { resource: 'bulkRead', operation: 'read', module: LEADS, bulkFields: FIELDS },
				credentials: ctx.credentials.zohoOurs,
			});
		},
		check: checkAll(size),
		floor: () => bulkFloor(size),
	};
}

function coql(size: number): Variant {
	const reachable = Math.min(size, LISTING_LIMIT);
	return {
		impl: 'ours',
		extra: true,
		label: 'Zoho CRM Connect: COQL Query (OFFSET to 100,000)',
		node: 'Read',
		async prepare(ctx) {
			// COQL's OFFSET + LIMIT stops at 100,000 rows: ask for what it can give, not for an error.
			return benchWorkflow('bench: zoho read (ours, coql)', {
				name: 'Read',
				type: nodeType('zohoCrmConnect'),
				parameters: { resource: 'query', operation: 'coql', query: `select ${FIELDS.join(', ')} from Leads where id is not null order by id asc limit ${reachable}` },
				credentials: ctx.credentials.zohoOurs,
			});
		},
		check: checkAll(size, 'COQL: OFFSET + LIMIT at most 100,000'),
		floor: () => ({ calls: Math.ceil(reachable / COQL_PAGE), credits: 3 * Math.ceil(reachable / COQL_PAGE), how: `⌈${fmt(reachable)} / 2,000 rows per COQL call⌉ (3 credits each), COQL reaches 100,000 at most` }),
	};
}

function builtIn(size: number): Variant {
	return {
		impl: 'built-in',
		label: 'n8n Zoho CRM: Lead > Get Many (v2)',
		node: 'Read',
		async prepare(ctx) {
			return benchWorkflow('bench: zoho read (built-in)', {
				name: 'Read',
				type: 'n8n-nodes-base.zohoCrm',
				parameters: { resource: 'lead', operation: 'getAll', returnAll: true, options: { fields: FIELDS } },
				credentials: ctx.credentials.zohoBuiltIn,
			});
		},
		check: checkAll(size, 'v2 page-number limit, no error'),
	};
}

/** 200 per listing call to 100,000; at the ceiling 1 count call; past it 1 field-metadata call and jobs of 200,000 (create, status, download). */
function restFloor(size: number): Floor {
	const listed = Math.min(size, LISTING_LIMIT);
	const count = size >= LISTING_LIMIT ? 1 : 0;
	const jobs = size > LISTING_LIMIT ? Math.ceil(size / BULK_PAGE) : 0;
	const metadata = jobs > 0 ? 1 : 0;
	return {
		calls: Math.ceil(listed / 200) + count + metadata + 3 * jobs,
		credits: Math.ceil(listed / 200) + count + metadata + 52 * jobs,
		how:
			`⌈${fmt(listed)} / 200 per listing call⌉` +
			(count ? ' + 1 count call at the 100,000 ceiling' : '') +
			(jobs ? ` + 1 field metadata + ${jobs} Bulk Read job(s) of 200,000 × (create 50 + status 1 + download 1 credits)` : ''),
	};
}

function bulkFloor(size: number): Floor {
	const jobs = Math.max(1, Math.ceil(size / BULK_PAGE));
	return { calls: 1 + 3 * jobs, credits: 1 + 52 * jobs, how: `1 field metadata + ${jobs} job(s) of 200,000 × (create, status, download) = 50 + 1 + 1 credits each` };
}

export function zohoLargeReadScenario(size: number): Scenario {
	return {
		id: 'zoho-read-250k',
		title: `Read ${fmt(size)} Zoho CRM Leads (3 fields)`,
		size,
		async setup(ctx): Promise<Floor> {
			seedLeads(ctx, size);
			return bulkFloor(size);
		},
		variants: [getMany(size), bulkRead(size, true), coql(size), builtIn(size)],
	};
}

export function zohoRestVsBulkScenario(size: number): Scenario {
	return {
		id: 'zoho-rest-vs-bulk',
		title: `Read ${fmt(size)} Zoho CRM Leads (3 fields): REST listing vs Bulk Read`,
		size,
		async setup(ctx): Promise<Floor> {
			seedLeads(ctx, size);
			return bulkFloor(size);
		},
		variants: [getMany(size), bulkRead(size, true)],
	};
}
