import type { Row } from './kit';

/** The figures as a Markdown table (the README's Reliability section quotes the full-size one). */
export function renderTable(rows: Row[], scale: string): string {
	const header = ['workload', 'scenario', 'records', 'calls', 'retries', 'item errors', 'lost', 'duplicated', 'max concurrency (bound 5)', 'refreshes', 'wall time'];
	const lines = [
		`Fault-injection figures, FAULT_SCALE=${scale} (${new Date().toISOString().slice(0, 10)}, Node ${process.version}).`,
		'',
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
		...rows.map((r) =>
			[
				r.workload,
				r.scenario + (r.note ? ` (${r.note})` : ''),
				r.items.toLocaleString('en-US'),
				r.calls,
				r.retries,
				r.errors,
				r.lost,
				r.duplicated,
				r.maxConcurrency,
				r.refreshes,
				`${(r.wallMs / 1000).toFixed(1)} s`,
			].join(' | '),
		).map((l) => `| ${l} |`),
		'',
	];
	return lines.join('\n');
}
