/** MailChimp scenarios: pull N campaigns with their report data, bulk-upsert N audience members. */
import { nodeType } from '../../test/e2e/harness/nodeTypes';
import { person } from '../data';
import type { BenchContext, Floor, RunOutput, Scenario, Variant } from '../types';
import { benchWorkflow } from '../workflow';

const fmt = (n: number) => n.toLocaleString('en-US');
/** Seeded data is pinned to this "now", so every run of the bench sees byte-identical campaigns. */
const SEED_NOW = Date.UTC(2025, 0, 1);

export function mailchimpCampaignsScenario(size: number): Scenario {
	let sent = 0;
	const check = (_ctx: BenchContext, output: RunOutput): string => {
		if (output.items.length !== size) throw new Error(`expected ${size} campaigns, got ${output.items.length}`);
		const withReport = output.items.filter((c) => typeof c.report_summary === 'object' && c.report_summary !== null).length;
		if (withReport !== sent) throw new Error(`expected report_summary on the ${sent} sent campaigns, found ${withReport}`);
		return `${fmt(size)} campaigns, ${fmt(withReport)} with report_summary`;
	};
	const ours: Variant = {
		impl: 'ours',
		label: 'MailChimp Campaigns: Campaign > Get Many (OAuth2)',
		node: 'Campaigns',
		async prepare(ctx) {
			return benchWorkflow('bench: mailchimp campaigns (ours)', {
				name: 'Campaigns',
				type: nodeType('mailchimpCampaigns'),
				parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getMany', returnAll: true },
				credentials: ctx.credentials.mailchimpOurs,
			});
		},
		check,
	};
	const builtIn: Variant = {
		impl: 'built-in',
		label: 'n8n Mailchimp: Campaign > Get Many, fields * (OAuth2)',
		node: 'Campaigns',
		async prepare(ctx) {
			return benchWorkflow('bench: mailchimp campaigns (built-in)', {
				name: 'Campaigns',
				type: 'n8n-nodes-base.mailchimp',
				// Fields "*": the built-in's own list of every campaign field, report_summary included.
				parameters: { authentication: 'oAuth2', resource: 'campaign', operation: 'getAll', returnAll: true, options: { fields: ['*'] } },
				credentials: ctx.credentials.mailchimpBuiltIn,
			});
		},
		check,
	};
	return {
		id: 'mc-campaigns',
		title: `Pull ${fmt(size)} MailChimp campaigns with report data`,
		size,
		async setup(ctx): Promise<Floor> {
			const before = ctx.sandbox.mailchimp.campaigns().length;
			if (before !== 0) throw new Error('the MailChimp sandbox already holds campaigns');
			ctx.sandbox.mailchimp.seed({ campaigns: size, listMembers: 300, seed: ctx.options.seed, now: SEED_NOW });
			sent = ctx.sandbox.mailchimp.campaigns().filter((c) => c.report_summary !== undefined).length;
			return { calls: 1 + Math.ceil(size / 1000), how: `1 metadata call (OAuth2) + ⌈${fmt(size)} / 1,000 per page⌉` };
		},
		variants: [ours, builtIn],
	};
}

/** A fresh audience per run in which the first half of the input people are members already. */
async function prepareAudience(ctx: BenchContext, seed: number, size: number, run: number): Promise<string> {
	const listId = String(ctx.sandbox.mailchimp.addList(`Bench audience ${seed}/${run}`).id);
	const existing = Math.floor(size / 2);
	const auth = `Basic ${Buffer.from(`bench:${ctx.mailchimpApiKey}`).toString('base64')}`;
	for (let start = 0; start < existing; start += 500) {
		const members = Array.from({ length: Math.min(500, existing - start) }, (_, k) => {
			const p = person(seed, start + k);
			return { email_address: p.Email, status: 'subscribed', merge_fields: { FNAME: p.First_Name, LNAME: p.Last_Name, COMPANY: 'Previous company' } };
		});
		const response = await fetch(`${ctx.sandbox.url}/3.0/lists/${listId}`, {
			method: 'POST',
			headers: { Authorization: auth, 'Content-Type': 'application/json' },
			body: JSON.stringify({ members, update_existing: true }),
		});
		const body = (await response.json()) as { total_created?: number };
		if (response.status !== 200 || body.total_created !== members.length) throw new Error(`seeding the audience failed: HTTP ${response.status}`);
	}
	return listId;
}

function membersVariants(
	size: number,
	seedOf: (ctx: BenchContext) => number,
	impls: Array<'ours' | 'built-in'>,
): Variant[] {
	let listId = '';
	const check = (ctx: BenchContext, output: RunOutput): string => {
		if (output.items.length !== size) throw new Error(`expected ${size} output items, got ${output.items.length}`);
		const members = ctx.sandbox.mailchimp.members(listId);
		if (members.length !== size) throw new Error(`expected ${size} audience members, found ${members.length}`);
		const seed = seedOf(ctx);
		const byEmail = new Map(members.map((m) => [String(m.email_address), m]));
		for (const i of [0, Math.floor(size / 2), size - 1]) {
			const want = person(seed, i);
			const merge = byEmail.get(want.Email.toLowerCase())?.merge_fields as Record<string, unknown> | undefined;
			if (merge?.COMPANY !== want.Company) throw new Error(`member ${want.Email} was not upserted (${JSON.stringify(merge)})`);
		}
		return `${fmt(size)} upserted (${fmt(Math.floor(size / 2))} updates)`;
	};
	const mergeFields = [
		{ name: 'FNAME', value: '={{ $json.First_Name }}' },
		{ name: 'LNAME', value: '={{ $json.Last_Name }}' },
		{ name: 'COMPANY', value: '={{ $json.Company }}' },
	];
	const ours: Variant = {
		impl: 'ours',
		label: 'MailChimp Campaigns: Audience Member > Create or Update Many (OAuth2)',
		node: 'Members',
		async prepare(ctx, run) {
			const seed = seedOf(ctx);
			listId = await prepareAudience(ctx, seed, size, run);
			return benchWorkflow(
				'bench: mailchimp members (ours)',
				{
					name: 'Members',
					type: nodeType('mailchimpCampaigns'),
					parameters: {
						authentication: 'oAuth2',
						resource: 'member',
						operation: 'upsertMany',
						listId,
						email: '={{ $json.Email }}',
						status: 'subscribed',
						additionalFields: { mergeFields: { field: mergeFields } },
					},
					credentials: ctx.credentials.mailchimpOurs,
				},
				{ seed, count: size },
			);
		},
		check,
	};
	const builtIn: Variant = {
		impl: 'built-in',
		label: 'n8n Mailchimp: Member > Update (PUT, creates when new; OAuth2)',
		node: 'Members',
		async prepare(ctx, run) {
			const seed = seedOf(ctx);
			listId = await prepareAudience(ctx, seed, size, run);
			return benchWorkflow(
				'bench: mailchimp members (built-in)',
				{
					name: 'Members',
					type: 'n8n-nodes-base.mailchimp',
					parameters: {
						authentication: 'oAuth2',
						resource: 'member',
						operation: 'update',
						list: listId,
						email: '={{ $json.Email }}',
						jsonParameters: false,
						updateFields: { status: 'subscribed', mergeFieldsUi: { mergeFieldsValues: mergeFields } },
					},
					credentials: ctx.credentials.mailchimpBuiltIn,
				},
				{ seed, count: size },
			);
		},
		check,
	};
	return impls.map((impl) => (impl === 'ours' ? ours : builtIn));
}

export function mailchimpMembersScenario(size: number): Scenario {
	return {
		id: 'mc-members',
		title: `Bulk-upsert ${fmt(size)} MailChimp audience members`,
		size,
		async setup(): Promise<Floor> {
			return { calls: 1 + Math.ceil(size / 500), how: `1 metadata call (OAuth2) + ⌈${fmt(size)} / 500 members per batch call⌉` };
		},
		variants: membersVariants(size, (ctx) => ctx.options.seed + 2, ['ours', 'built-in']),
	};
}

export function mailchimpMicroScenario(size: number): Scenario {
	return {
		id: 'micro-mc',
		title: `Micro: our MailChimp bulk upsert of ${fmt(size)} items at 0 ms latency`,
		size,
		latencyMs: 0,
		micro: true,
		async setup(): Promise<Floor> {
			return { calls: 1 + Math.ceil(size / 500), how: `1 + ⌈${fmt(size)} / 500⌉` };
		},
		variants: membersVariants(size, (ctx) => ctx.options.seed + 3, ['ours']),
	};
}
