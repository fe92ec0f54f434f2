/**
 * Shared by the fault-injection suites: sizes per FAULT_SCALE, the figures table rows, and the
 * checks every run must pass. Runs go through our nodes inside n8n-core's real ExecuteContext
 * (test/helpers/nodeRunner.ts) against the sandbox over real sockets.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeExecutionData } from 'n8n-workflow';
import type { Sandbox } from '../sandbox';
import type { FaultRule, LogEntry } from '../sandbox/core/types';

export type Scale = 'ci' | 'full';

export function scale(): Scale {
	return process.env.FAULT_SCALE === 'full' ? 'full' : 'ci';
}

/** Record counts per workload. CI keeps every scenario and the paging/batching edges, fewer records. */
export const SIZES: Record<Scale, { zohoWrite: number; zohoRead: number; mcPull: number; mcUpsert: number }> = {
	// Zoho: 21 write calls of 100; reads past the 2,000-record page_token threshold. MailChimp: 3
	// pages of <= 1,000 campaigns; 3 bulk calls of <= 500 members.
	ci: { zohoWrite: 2_050, zohoRead: 2_600, mcPull: 2_500, mcUpsert: 1_200 },
	full: { zohoWrite: 5_000, zohoRead: 20_000, mcPull: 3_000, mcUpsert: 2_000 },
};

/** The node's concurrency bound used by every run (the nodes' default). */
export const BOUND = 5;

export interface Row {
	workload: string;
	scenario: string;
	/** Input items (writes) or records expected (reads). */
	items: number;
	/** API calls the service saw (retries included; token endpoint not included). */
	calls: number;
	/** calls minus the calls of the same run without faults. */
	retries: number;
	faults: number;
	/** Items answered with an error (expected: invalid input, OUTCOME_UNKNOWN, reconnect). */
	errors: number;
	/** Input records missing from the service although their item did not report an error (silent loss). */
	lost: number;
	/** Records the service holds more than once for one input (writes), or output records repeated (reads). */
	duplicated: number;
	maxConcurrency: number;
	refreshes: number;
	wallMs: number;
	note?: string;
}

const rows: Row[] = [];

export function record(row: Row): void {
	rows.push(row);
	process.stderr.write(
		`[faults ${scale()}] ${row.workload} | ${row.scenario}: calls ${row.calls}, retries ${row.retries}, errors ${row.errors}, lost ${row.lost}, duplicated ${row.duplicated}, max concurrency ${row.maxConcurrency}, ${(row.wallMs / 1000).toFixed(1)} s\n`,
	);
}

/** Each suite file hands its rows to the project's globalTeardown (table printed and written there). */
export function flushRows(file: string): void {
	const dir = process.env.FAULT_ROWS_DIR;
	if (!dir || rows.length === 0) return;
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, `${file}.json`), JSON.stringify(rows));
}

/** Requests a service answered (or had dropped), excluding the sandbox's control routes. */
export function apiCalls(log: readonly LogEntry[], service: LogEntry['service']): LogEntry[] {
	return log.filter((e) => e.service === service);
}

export interface Scenario {
	name: string;
	/** Fault rules to add, given the ideal number of calls of the workload. */
	faults?: (ideal: number) => FaultRule[];
	/** Anything else to arm (token expiry after N calls ...). */
	arm?: (sandbox: Sandbox, ideal: number) => void;
	/** Extra retries the scenario may legitimately cost beyond one per fired fault. */
	extraRetries?: (ideal: number) => number;
}

/** "every Nth call" such that a run meets about five of them whatever the scale. */
export function everyNth(ideal: number, per = 5): number {
	return Math.max(2, Math.round(ideal / per));
}

/** The scenarios every workload runs (workload-specific ones are added by the suites). */
export function commonScenarios(service: 'zoho-crm' | 'mailchimp-api'): Scenario[] {
	return [
		{ name: 'no faults (baseline)' },
		{
			name: '429 every Nth call',
			faults: (ideal) => [{ service, kind: 'status', status: 429, every: everyNth(ideal) }],
		},
		{
			name: '429 storm: 20 in a row',
			faults: (ideal) => [{ service, kind: 'status', status: 429, after: Math.floor(ideal / 3), times: 20 }],
		},
		{
			name: '5xx (500/502/503) every Nth call',
			// About one call in four fails, never every call: a run of 6 failures would exhaust a call.
			faults: (ideal) => [
				{ service, kind: 'status', status: 503, every: Math.max(4, everyNth(ideal, 3)) },
				{ service, kind: 'status', status: 500, after: 1, every: Math.max(4, everyNth(ideal, 2)) },
				{ service, kind: 'status', status: 502, after: 2, times: 1 },
			],
		},
		{
			name: 'latency spikes (1.5 s every Nth call)',
			faults: (ideal) => [{ service, kind: 'latency', latencyMs: 1_500, every: everyNth(ideal, 4) }],
		},
		{
			name: 'connection drops mid-response',
			faults: (ideal) => [
				{ service, kind: 'drop', when: 'after', after: 1, every: everyNth(ideal, 3) },
				{ service, kind: 'drop', when: 'mid', after: 2, times: 1 },
				{ service, kind: 'drop', when: 'before', after: 3, times: 1 },
			],
		},
	];
}

/** Latency faults cost time, not calls: the retries a scenario may cost. */
export function retryBound(rules: FaultRule[], fired: number): number {
	return rules.every((r) => r.kind === 'latency') ? 0 : fired;
}

/** The input index an output item answers. */
export function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item ?? -1;
	return paired?.item ?? -1;
}

export function seconds(ms: number): string {
	return (ms / 1000).toFixed(1);
}
