/**
 * `npm run bench`: our nodes and n8n's built-in Zoho CRM / Mailchimp nodes side by side, in one run,
 * in one real n8n (the pinned host, our package loaded) against one sandbox with a fixed latency.
 * See bench/README.md. Options (flag or environment variable):
 *   --latency=50     BENCH_LATENCY_MS   latency the sandbox adds to every API request (ms)
 *   --runs=3         BENCH_RUNS         measured runs per node and scenario (alternating A/B)
 *   --builtin-runs=N BENCH_BUILTIN_RUNS cap the built-in nodes' runs (default: --runs)
 *   --scale=1        BENCH_SCALE        multiply every size (0.1 = a quick check)
 *   --only=a,b       BENCH_SCENARIOS    zoho-upsert, zoho-pull, zoho-bulk-upsert, zoho-read-250k, zoho-rest-vs-bulk, mc-campaigns, mc-members, micro-zoho, micro-mc
 *   --seed=42        BENCH_SEED         seed of every generated data set
 *   --out=path       BENCH_OUT          markdown output (default bench/results/latest.md for a full run)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ensureBuilt } from '../test/e2e/harness/buildCheck';
import { credentialRef, importCredentials, plainCredential } from '../test/e2e/harness/credentials';
import { startN8n, type N8nInstance } from '../test/e2e/harness/n8n';
import { N8nRest } from '../test/e2e/harness/rest';
import { nodeTask } from '../test/e2e/harness/runData';
import { mailchimpOAuthCredential, MAILCHIMP_CLIENT, ZOHO_CLIENT, zohoCredential } from '../test/helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../test/sandbox';
import { REPO_ROOT } from '../scripts/host';
import { GroupMemory } from './rss';
import { mailchimpCampaignsScenario, mailchimpMembersScenario, mailchimpMicroScenario } from './scenarios/mailchimp';
import { zohoBulkUpsertScenario, zohoMicroScenario, zohoPullScenario, zohoUpsertScenario } from './scenarios/zoho';
import { zohoLargeReadScenario, zohoRestVsBulkScenario } from './scenarios/zohoLarge';
import { comparisonTable, markdownReport, microTable, type Environment, type ScenarioResult } from './table';
import type { BenchContext, BenchOptions, RunResult, Scenario, Variant } from './types';

const BASE_SIZES = { zohoUpsert: 5_000, zohoPull: 20_000, mcCampaigns: 3_000, mcMembers: 2_000, micro: 10_000, zohoBulkUpsert: 100_000, zohoBulkBuiltIn: 5_000, zohoLarge: 250_000, zohoRestVsBulk: 100_000 };

function flag(name: string): string | undefined {
	const prefix = `--${name}=`;
	return process.argv.slice(2).find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function numberOption(name: string, env: string, fallback: number): number {
	const raw = flag(name) ?? process.env[env];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} / ${env} must be a non-negative number, got "${raw}"`);
	return value;
}

export function parseOptions(): BenchOptions {
	const runs = Math.max(1, Math.round(numberOption('runs', 'BENCH_RUNS', 3)));
	const scale = numberOption('scale', 'BENCH_SCALE', 1);
	const onlyRaw = flag('only') ?? process.env.BENCH_SCENARIOS;
	const only = onlyRaw ? onlyRaw.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
	const full = scale === 1 && !only;
	return {
		latencyMs: Math.round(numberOption('latency', 'BENCH_LATENCY_MS', 50)),
		runs,
		builtinRuns: Math.max(1, Math.min(runs, Math.round(numberOption('builtin-runs', 'BENCH_BUILTIN_RUNS', runs)))),
		scale,
		only,
		seed: Math.round(numberOption('seed', 'BENCH_SEED', 42)),
		out: flag('out') ?? process.env.BENCH_OUT ?? join(REPO_ROOT, 'bench', 'results', full ? 'latest.md' : 'partial.md'),
	};
}

export function scenarios(options: BenchOptions): Scenario[] {
	const size = (n: number) => Math.max(2, Math.round(n * options.scale));
	const all = [
		zohoUpsertScenario(size(BASE_SIZES.zohoUpsert)),
		zohoPullScenario(size(BASE_SIZES.zohoPull)),
		zohoBulkUpsertScenario(size(BASE_SIZES.zohoBulkUpsert), size(BASE_SIZES.zohoBulkBuiltIn)),
		zohoLargeReadScenario(size(BASE_SIZES.zohoLarge)),
		zohoRestVsBulkScenario(size(BASE_SIZES.zohoRestVsBulk)),
		mailchimpCampaignsScenario(size(BASE_SIZES.mcCampaigns)),
		mailchimpMembersScenario(size(BASE_SIZES.mcMembers)),
		zohoMicroScenario(size(BASE_SIZES.micro)),
		mailchimpMicroScenario(size(BASE_SIZES.micro)),
	];
	if (!options.only) return all;
	const unknown = options.only.filter((id) => !all.some((s) => s.id === id));
	if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.map((s) => s.id).join(', ')}`);
	return all.filter((s) => options.only!.includes(s.id));
}

function log(message: string): void {
	process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Credentials for both sides, pointing at the sandbox, imported through n8n's CLI. */
async function setupCredentials(sandbox: Sandbox, n8n: N8nInstance): Promise<BenchContext['credentials']> {
	const url = sandbox.url;
	const zohoOurs = plainCredential('zohoCrmConnectOAuth2Api', 'bench zoho (ours)', zohoCredential(url, sandbox.zoho.issueTokens()));
	// n8n's zohoOAuth2Api offers only Zoho's own URLs in its editor, but stores whatever it is given; the
	// built-in node builds every URL from oauthTokenData.api_domain, so token data naming the sandbox
	// is all it takes (no patch). A token lifetime of a week keeps refreshes out of the counts.
	const zohoBuiltIn = plainCredential('zohoOAuth2Api', 'bench zoho (built-in)', {
		clientId: ZOHO_CLIENT.clientId,
		clientSecret: ZOHO_CLIENT.clientSecret,
		grantType: 'authorizationCode',
		authUrl: `${url}/oauth/v2/auth`,
		accessTokenUrl: `${url}/oauth/v2/token`,
		scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.all,ZohoCRM.users.all',
		authQueryParameters: 'access_type=offline',
		authentication: 'body',
		oauthTokenData: { token_type: 'Bearer', ...sandbox.zoho.issueTokens() },
	});
	const mailchimpOurs = plainCredential('mailchimpConnectOAuth2Api', 'bench mailchimp (ours)', mailchimpOAuthCredential(url, sandbox.mailchimp.issueToken()));
	// The built-in Mailchimp node asks the credential's (hidden) metadataUrl for api_endpoint before every request.
	const mailchimpBuiltIn = plainCredential('mailchimpOAuth2Api', 'bench mailchimp (built-in)', {
		clientId: MAILCHIMP_CLIENT.clientId,
		clientSecret: MAILCHIMP_CLIENT.clientSecret,
		grantType: 'authorizationCode',
		authUrl: `${url}/oauth2/authorize`,
		accessTokenUrl: `${url}/oauth2/token`,
		metadataUrl: `${url}/oauth2/metadata`,
		scope: '',
		authQueryParameters: '',
		authentication: 'body',
		oauthTokenData: { access_token: sandbox.mailchimp.issueToken(), token_type: 'Bearer', expires_in: 0 },
	});
	await importCredentials(n8n, [zohoOurs, zohoBuiltIn, mailchimpOurs, mailchimpBuiltIn]);
	return {
		zohoOurs: credentialRef(zohoOurs),
		zohoBuiltIn: credentialRef(zohoBuiltIn),
		mailchimpOurs: credentialRef(mailchimpOurs),
		mailchimpBuiltIn: credentialRef(mailchimpBuiltIn),
	};
}

/**
 * How long at least one API request was being answered (the union of the request intervals, the
 * added latency left out): the rest of the node's time is spent in n8n and the node alone.
 */
function busyTime(entries: Array<{ startedAt: number; durationMs: number }>, latencyMs: number): number {
	const intervals = entries
		.map((e) => [e.startedAt + Math.min(latencyMs, e.durationMs), e.startedAt + e.durationMs] as const)
		.sort((a, b) => a[0] - b[0]);
	let total = 0;
	let end = Number.NEGATIVE_INFINITY;
	for (const [from, to] of intervals) {
		if (to <= end) continue;
		total += to - Math.max(from, end);
		end = to;
	}
	return total;
}

async function measure(ctx: BenchContext, scenario: Scenario, variant: Variant, run: number, latencyMs: number): Promise<RunResult> {
	const workflow = await variant.prepare(ctx, run);
	const { id } = await ctx.rest.createWorkflow(workflow);
	const { server } = ctx.sandbox;
	server.resetStats();
	server.latencyMs = latencyMs;
	ctx.memory.reset();
	let execution;
	try {
		execution = await ctx.rest.runWorkflow(id, { timeoutMs: 60 * 60_000 });
	} finally {
		server.latencyMs = 0;
	}
	const stats = server.getStats();
	const sandboxMs = busyTime(server.log.filter((entry) => entry.service !== 'control'), latencyMs);
	const memory = ctx.memory.peak();
	const times = execution as unknown as { startedAt?: string; stoppedAt?: string };
	const wallMs = Date.parse(times.stoppedAt ?? '') - Date.parse(times.startedAt ?? '');
	const result: RunResult = {
		scenario: scenario.id,
		impl: variant.impl,
		label: variant.label,
		run,
		status: execution.status,
		calls: stats.total,
		credits: stats.credits['zoho-crm'] ?? 0,
		byEndpoint: stats.byEndpoint,
		wallMs,
		nodeMs: Number.NaN,
		sandboxMs,
		memory,
		items: 0,
		note: '',
	};
	try {
		const task = nodeTask(execution, variant.node);
		result.nodeMs = task.executionTime;
		const items = (task.data?.main?.[0] ?? []).map((item) => item.json as Record<string, unknown>);
		result.items = items.length;
		const error = execution.data.resultData.error;
		if (execution.status !== 'success') throw new Error(`execution ${execution.status}: ${error?.message ?? 'no error message'}`);
		result.note = variant.check(ctx, { items });
	} catch (error) {
		result.error = error instanceof Error ? error.message : String(error);
	}
	return result;
}

function environment(n8n: N8nInstance, loadStart: string): Environment {
	let node = process.version;
	try {
		node = execFileSync(n8n.host.node, ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		// the bench's own Node then
	}
	return {
		date: new Date().toISOString().slice(0, 10),
		cpu: cpus()[0]?.model ?? 'unknown CPU',
		cores: cpus().length,
		memoryGb: Math.round(totalmem() / 2 ** 30),
		node,
		n8n: n8n.host.version,
		os: `${type()} ${release()}`,
		load: `${loadStart} / ${loadavg().map((n) => n.toFixed(2)).join(' ')}`,
	};
}

async function main(): Promise<void> {
	const options = parseOptions();
	const selected = scenarios(options);
	const loadStart = loadavg().map((n) => n.toFixed(2)).join(' ');
	log(`latency ${options.latencyMs} ms, ${options.runs} run(s) (built-in ${options.builtinRuns}), scale ${options.scale}, scenarios ${selected.map((s) => s.id).join(', ')}`);
	ensureBuilt();
	const sandbox = await startSandbox({ zoho: { accessTokenLifetimeSec: 7 * 86_400 } });
	let n8n: N8nInstance | undefined;
	const killN8n = () => {
		if (n8n?.pid === undefined) return;
		try {
			process.kill(-n8n.pid, 'SIGKILL');
		} catch {
			// already stopped
		}
	};
	process.once('exit', killN8n);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			killN8n();
			process.exit(130);
		});
	}
	const results: ScenarioResult[] = [];
	try {
		n8n = await startN8n({ name: 'bench' });
		log(`n8n ${n8n.host.version} up in ${(n8n.startupMs / 1000).toFixed(1)} s at ${n8n.baseUrl} (pid ${n8n.pid}), sandbox ${sandbox.url}`);
		const rest = new N8nRest(n8n.baseUrl);
		await rest.setupOwner();
		if (n8n.pid === undefined) throw new Error('n8n has no pid: cannot measure its memory');
		const ctx: BenchContext = {
			options,
			sandbox,
			n8n,
			rest,
			memory: new GroupMemory(n8n.pid),
			credentials: await setupCredentials(sandbox, n8n),
			mailchimpApiKey: sandbox.mailchimp.createApiKey(),
			log,
		};
		for (const scenario of selected) {
			const latencyMs = scenario.latencyMs ?? options.latencyMs;
			log(`${scenario.title}: setting up`);
			const floor = await scenario.setup(ctx);
			const result: ScenarioResult = { scenario, floor, latencyMs, runs: [] };
			results.push(result);
			for (let run = 1; run <= options.runs; run++) {
				// Alternate which node goes first, so warm-up and drift do not favour one side.
				const order = run % 2 === 1 ? scenario.variants : [...scenario.variants].reverse();
				for (const variant of order) {
					if (variant.impl === 'built-in' && run > options.builtinRuns) continue;
					const r = await measure(ctx, scenario, variant, run, latencyMs);
					result.runs.push(r);
					log(
						`${scenario.id} run ${run} ${variant.impl}: ${r.calls} calls, ${r.credits} credits, ${(r.wallMs / 1000).toFixed(2)} s (node ${(r.nodeMs / 1000).toFixed(2)} s), ` +
							`RSS ${r.memory.mainMb} MB (start ${r.memory.startMainMb}, group ${r.memory.groupMb} MB), ${r.items} items${r.error ? `, ERROR ${r.error}` : `: ${r.note}`}`,
					);
				}
			}
		}
		const env = environment(n8n, loadStart);
		const header = [
			`Latency added by the sandbox to every API request: **${options.latencyMs} ms** (micro-benchmarks: 0 ms). Seed ${options.seed}.` +
				` Runs per node: ${options.runs}${options.builtinRuns < options.runs ? ` (built-in nodes: ${options.builtinRuns})` : ''}, alternating which node goes first.` +
				(options.scale !== 1 ? ` **Scale ${options.scale}** (sizes multiplied).` : ''),
		];
		const report = markdownReport(results, env, header);
		mkdirSync(dirname(options.out), { recursive: true });
		writeFileSync(options.out, report);
		writeFileSync(options.out.replace(/\.md$/, '.json'), JSON.stringify({ options, env, results: results.map((r) => ({ ...r, scenario: { id: r.scenario.id, title: r.scenario.title, size: r.scenario.size } })) }, null, 2));
		process.stdout.write(`\n${comparisonTable(results)}\n\n${microTable(results)}\n\n`);
		log(`written to ${relative(process.cwd(), options.out)}`);
		if (results.some((r) => r.runs.some((run) => run.error))) process.exitCode = 1;
	} finally {
		await n8n?.stop();
		await sandbox.close();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	});
}
