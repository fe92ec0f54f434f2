/** The results as a markdown table (bench/results/latest.md and the console). */
import type { Floor, Implementation, RunResult, Scenario } from './types';

export interface ScenarioResult {
	scenario: Scenario;
	floor: Floor;
	latencyMs: number;
	runs: RunResult[];
}

export interface Summary {
	impl: Implementation;
	label: string;
	floor: Floor;
	extra: boolean;
	runs: number;
	failed: number;
	/** Calls of every run (identical runs collapse to one number). */
	calls: number[];
	/** Zoho credits of every run (identical runs collapse to one number); empty for MailChimp. */
	credits: number[];
	wallMs: number;
	nodeMs: number;
	mainMb: number;
	deltaMb: number;
	groupMb: number;
	sandboxMs: number;
	ownMs: number;
	items: number;
	note: string;
	error?: string;
}

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(result: ScenarioResult): Summary[] {
	return result.scenario.variants
		.map((variant) => result.runs.filter((r) => r.label === variant.label))
		.filter((runs) => runs.length > 0)
		.map((runs) => {
			const variant = result.scenario.variants.find((v) => v.label === runs[0].label);
			const ok = runs.filter((r) => r.status === 'success' && !r.error);
			const use = ok.length ? ok : runs;
			return {
				impl: runs[0].impl,
				label: runs[0].label,
				floor: variant?.floor?.() ?? result.floor,
				extra: variant?.extra === true,
				runs: runs.length,
				failed: runs.length - ok.length,
				calls: [...new Set(use.map((r) => r.calls))].sort((a, b) => a - b),
				credits: result.scenario.id.startsWith('mc-') ? [] : [...new Set(use.map((r) => r.credits ?? 0))].sort((a, b) => a - b),
				wallMs: median(use.map((r) => r.wallMs)),
				nodeMs: median(use.map((r) => r.nodeMs)),
				mainMb: median(use.map((r) => r.memory.mainMb)),
				deltaMb: median(use.map((r) => r.memory.mainMb - r.memory.startMainMb)),
				sandboxMs: median(use.map((r) => r.sandboxMs)),
				ownMs: median(use.map((r) => r.nodeMs - r.sandboxMs)),
				groupMb: median(use.map((r) => r.memory.groupMb)),
				items: median(use.map((r) => r.items)),
				note: use[use.length - 1].note,
				error: runs.find((r) => r.error)?.error,
			};
		});
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const calls = (list: number[]) => (list.length === 0 ? '—' : list.length === 1 ? int(list[0]) : `${int(list[0])}–${int(list[list.length - 1])}`);
const ratio = (a: number, b: number) => {
	if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
	const r = a / b;
	if (r >= 0.1) return `${r.toFixed(2)}×`;
	return `${r >= 0.001 ? r.toFixed(3) : r.toExponential(1)}× (1/${Math.round(1 / r).toLocaleString('en-US')})`;
};

export interface Environment {
	date: string;
	cpu: string;
	cores: number;
	memoryGb: number;
	node: string;
	n8n: string;
	load: string;
	os: string;
}

/** Comparison scenarios: one row per node, then the ratio row. */
export function comparisonTable(results: ScenarioResult[]): string {
	const lines = [
		'| Scenario | Node | Runs | API calls | Floor | Zoho credits | Wall time (median) | Peak RSS n8n, MB (rise during run) | Result |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const result of results.filter((r) => !r.scenario.micro)) {
		const rows = summarise(result);
		for (const s of rows) {
			const atFloor = s.calls.length === 1 && s.calls[0] === s.floor.calls ? ' (at floor)' : '';
			const failed = s.failed ? ` ⚠ ${s.failed} failed: ${s.error ?? ''}` : '';
			lines.push(
				`| ${result.scenario.title} | **${s.impl}**: ${s.label} | ${s.runs} | ${calls(s.calls)}${atFloor} | ${int(s.floor.calls)}${s.floor === result.floor ? '' : '¹'} | ${calls(s.credits)} | ${seconds(s.wallMs)} | ${int(s.mainMb)} (+${int(s.deltaMb)}) | ${s.note}${failed} |`,
			);
		}
		const ours = rows.find((r) => r.impl === 'ours' && !r.extra);
		const builtIn = rows.find((r) => r.impl === 'built-in' && !r.extra);
		if (ours && builtIn) {
			const perRecord =
				ours.items !== builtIn.items && ours.items > 0 && builtIn.items > 0
					? `per record returned: calls ${ratio(median(ours.calls) / ours.items, median(builtIn.calls) / builtIn.items)}, time ${ratio(ours.wallMs / ours.items, builtIn.wallMs / builtIn.items)}`
					: '';
			lines.push(
				`| | *ours / built-in* | | *${ratio(median(ours.calls), median(builtIn.calls))}* | | *${ours.credits.length ? ratio(median(ours.credits), median(builtIn.credits)) : '—'}* | *${ratio(ours.wallMs, builtIn.wallMs)}* | *${ratio(ours.mainMb, builtIn.mainMb)}* | ${perRecord} |`,
			);
		}
	}
	return lines.join('\n');
}

export function microTable(results: ScenarioResult[]): string {
	const micro = results.filter((r) => r.scenario.micro);
	if (!micro.length) return '';
	const lines = [
		'| Micro-benchmark (0 ms latency) | Runs | API calls | Node time (median) | Items / s | Sandbox busy | Node time without a request in flight | Items / s on that time | Peak RSS n8n, MB (rise) |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const result of micro) {
		for (const s of summarise(result)) {
			lines.push(
				`| ${result.scenario.title} — ${s.label} | ${s.runs} | ${calls(s.calls)} | ${seconds(s.nodeMs)} | ${int((result.scenario.size / s.nodeMs) * 1000)} | ${seconds(s.sandboxMs)} | ${seconds(s.ownMs)} | ${int((result.scenario.size / s.ownMs) * 1000)} | ${int(s.mainMb)} (+${int(s.deltaMb)}) |`,
			);
		}
	}
	return lines.join('\n');
}

export function floorNotes(results: ScenarioResult[]): string {
	const lines: string[] = [];
	for (const r of results) {
		lines.push(`- ${r.scenario.title}: floor ${int(r.floor.calls)} = ${r.floor.how}.`);
		for (const v of r.scenario.variants) {
			const own = v.floor?.();
			if (own) lines.push(`  - ¹ ${v.label}: floor ${int(own.calls)} = ${own.how}.`);
		}
	}
	return lines.join('\n');
}

export function markdownReport(results: ScenarioResult[], env: Environment, header: string[]): string {
	const micro = microTable(results);
	return [
		'# Benchmark: our nodes vs n8n\'s built-in Zoho CRM and Mailchimp nodes',
		'',
		`Date: ${env.date} · Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGb} GB RAM, ${env.os} · Node ${env.node} · n8n ${env.n8n}`,
		`Load average at start / end: ${env.load}`,
		...header.map((line) => line),
		'',
		comparisonTable(results),
		'',
		micro,
		'',
		'Floors (the fewest calls the APIs allow for the job):',
		'',
		floorNotes(results),
		'',
		'API calls are counted by the sandbox (every request to the Zoho or MailChimp fakes, token and metadata calls included); ',
		'Zoho credits are what the sandbox billed for the run with the package\'s cost table (nodes/ZohoCrm/transport/credits.ts; several prices unverified, see the README); ',
		'wall time is the execution\'s own time as n8n records it (startedAt → stoppedAt, including the Code node that generates the input); ',
		'peak RSS is the VmHWM of the n8n main process during the run (reset before each run), in brackets how far it rose above the RSS at the start of the run. ',
		'Micro-benchmark: "sandbox busy" is the time at least one API request was being answered; the node time without a request in flight is what n8n and the node itself spent (expressions, batching, output). ',
		'Raw numbers: `latest.json` (git-ignored).',
		'',
	].join('\n');
}
