/**
 * The suite-wide half of the request check: what every sandbox of the jest run recorded of our
 * nodes' requests (test/sandbox/core/requestRecord.ts) is checked against Zoho's SDK and
 * MailChimp's client definitions at the end of the run. The contracts project's own
 * nodeRequests.test.ts drives every operation once; this sees what the integration, faults, e2e,
 * queue and browser suites made our nodes send too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_ENV } from '../sandbox/core/requestRecord';
import type { LogEntry } from '../sandbox/core/types';
import { checkRequests, describeViolations } from './conformance/checker';

/** Makes the run's record folder and tells every sandbox started from now on to record into it. */
export function startRecording(): string {
	const existing = process.env[RECORD_ENV];
	if (existing && existsSync(existing)) return existing;
	const dir = mkdtempSync(join(tmpdir(), 'zoho-connect-requests-'));
	process.env[RECORD_ENV] = dir;
	return dir;
}

export function readRecorded(dir: string): LogEntry[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.jsonl'))
		.flatMap((file) =>
			readFileSync(join(dir, file), 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as LogEntry),
		);
}

/** Checks and removes the run's record; throws naming every request the vendors do not define. */
export function checkRecorded(): void {
	const dir = process.env[RECORD_ENV];
	if (!dir) return;
	try {
		const entries = readRecorded(dir);
		if (entries.length === 0) return;
		const { violations, matched } = checkRequests(entries);
		process.stderr.write(
			`\nrequest check: ${entries.length} requests our nodes sent in this run, ${Object.keys(matched).length} vendor operations, ${violations.length} not as the vendors define them\n`,
		);
		if (violations.length) throw new Error(`requests the vendors do not define (docs/conformance.md):\n${describeViolations(violations.slice(0, 50))}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
