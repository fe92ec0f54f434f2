import type { N8nInstance } from '../test/e2e/harness/n8n';
import type { N8nRest, WorkflowInput } from '../test/e2e/harness/rest';
import type { Sandbox } from '../test/sandbox';
import type { GroupMemory, MemoryPeak } from './rss';

export interface BenchOptions {
	/** Fixed latency the sandbox adds to every API request (ms). */
	latencyMs: number;
	/** Measured runs per node and scenario (alternating ours / built-in). */
	runs: number;
	/** Runs of the built-in nodes, when capped below `runs` (documented in the table). */
	builtinRuns: number;
	/** Multiplies every scenario size (0.1 for a quick check); the table says when it is not 1. */
	scale: number;
	/** Scenario ids to run (default: all). */
	only?: string[];
	/** Where the markdown table goes. */
	out: string;
	/** Seed of every generated data set. */
	seed: number;
}

export type CredentialRef = Record<string, { id: string; name: string }>;

export interface BenchContext {
	options: BenchOptions;
	sandbox: Sandbox;
	n8n: N8nInstance;
	rest: N8nRest;
	memory: GroupMemory;
	credentials: {
		zohoOurs: CredentialRef;
		zohoBuiltIn: CredentialRef;
		mailchimpOurs: CredentialRef;
		mailchimpBuiltIn: CredentialRef;
	};
	/** A MailChimp API key the bench uses for its own setup calls (never counted: made before the counters reset). */
	mailchimpApiKey: string;
	log(message: string): void;
}

export type Implementation = 'ours' | 'built-in';

/** What a finished run produced, for the variant's check. */
export interface RunOutput {
	items: Array<Record<string, unknown>>;
}

export interface Variant {
	impl: Implementation;
	/** The node and operation, as the table shows it. */
	label: string;
	/** Name of the measured node in the workflow. */
	node: string;
	/** Put the sandbox into the run's starting state and return the workflow to run. */
	prepare(ctx: BenchContext, run: number): Promise<WorkflowInput>;
	/** Throw when the run did not do the job; return a note for the table ("2,000 of 20,000: ..."). */
	check(ctx: BenchContext, output: RunOutput): string;
	/** A floor of its own (another endpoint or a narrower job), known after the scenario's setup. */
	floor?(): Floor;
	/** An extra row that shows another route; the ratio row compares the first "ours" and "built-in" rows. */
	extra?: boolean;
}

export interface Floor {
	calls: number;
	/** The fewest Zoho credits the job can cost (Zoho scenarios). */
	credits?: number;
	/** How the floor is computed, for the table footnote. */
	how: string;
}

export interface Scenario {
	id: string;
	title: string;
	/** Latency override (the micro-benchmark runs at 0). */
	latencyMs?: number;
	/** Micro-benchmarks report items per second instead of ratios. */
	micro?: boolean;
	/** Records the scenario handles (after scaling). */
	size: number;
	setup(ctx: BenchContext): Promise<Floor>;
	variants: Variant[];
}

export interface RunResult {
	scenario: string;
	impl: Implementation;
	label: string;
	run: number;
	status: string;
	error?: string;
	calls: number;
	/** Zoho API credits the sandbox billed for the run (priced with the package's cost table); 0 for MailChimp. */
	credits: number;
	byEndpoint: Record<string, number>;
	/** Execution wall time as n8n records it (startedAt -> stoppedAt). */
	wallMs: number;
	/** The measured node's own execution time. */
	nodeMs: number;
	/** Time during which the sandbox was answering at least one request (latency excluded). */
	sandboxMs: number;
	memory: MemoryPeak;
	items: number;
	note: string;
}
