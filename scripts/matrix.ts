/**
 * `npm run test:matrix`: the package-load test and one shipped sync workflow end to end, with the
 * packed package installed like a user installs it, on every n8n line we support. Each entry gets
 * its own host (scripts/host.ts installs it on first use) and its own jest run.
 * `-- --only=<version>[,<version>]` narrows the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHost, pinnedVersion, REPO_ROOT } from './host';

export interface MatrixEntry {
	version: string;
	why: string;
}

export const MATRIX: MatrixEntry[] = [
	{ version: pinnedVersion(), why: 'the default host (npm start, npm test)' },
	{ version: '1.123.81', why: 'the last n8n 1.x line' },
	{ version: '2.40.7', why: 'the newest n8n 2.x installable from the registry here (2.41.x does not resolve); needs Node 24' },
];

// Loading, one shipped sync workflow, the OAuth connections (first grant, the distinct refresh URL,
// reconnect: the part that leans on n8n's OAuth2 internals) and the triggers' activation.
export const MATRIX_TESTS = ['test/e2e/package-load.test.ts', 'test/e2e/sync-campaigns.test.ts', 'test/e2e/oauth-connections.test.ts', 'test/e2e/triggers.test.ts'];

interface Outcome {
	entry: MatrixEntry;
	node: string;
	ok: boolean;
	seconds: number;
	tests: string;
}

function nodeVersion(binary: string): string {
	return spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

async function runEntry(entry: MatrixEntry): Promise<Outcome> {
	const started = Date.now();
	console.log(`\n=== n8n ${entry.version} (${entry.why}) ===`);
	const host = await ensureHost({ version: entry.version, log: (message) => console.log(message) });
	const jest = spawnSync('npx', ['jest', ...MATRIX_TESTS, '--selectProjects', 'e2e', '--json', `--outputFile=${join(REPO_ROOT, '.n8n-test', `matrix-${entry.version}.json`)}`], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
		env: { ...process.env, N8N_HOST_VERSION: entry.version, N8N_E2E_INSTALL: 'package' },
	});
	let tests = '';
	try {
		const report = JSON.parse(readFileSync(join(REPO_ROOT, '.n8n-test', `matrix-${entry.version}.json`), 'utf8')) as { numPassedTests: number; numTotalTests: number };
		tests = `${report.numPassedTests}/${report.numTotalTests}`;
	} catch {
		tests = 'no report';
	}
	return { entry, node: nodeVersion(host.node), ok: jest.status === 0, seconds: Math.round((Date.now() - started) / 1000), tests };
}

async function main(): Promise<void> {
	const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
	const entries = only ? MATRIX.filter((entry) => only.includes(entry.version)) : MATRIX;
	if (entries.length === 0) throw new Error(`--only matched no matrix entry (have ${MATRIX.map((entry) => entry.version).join(', ')})`);
	mkdirSync(join(REPO_ROOT, '.n8n-test'), { recursive: true });
	const outcomes: Outcome[] = [];
	for (const entry of entries) outcomes.push(await runEntry(entry));
	const date = new Date().toISOString().slice(0, 10);
	const table = [
		`Compatibility matrix, ${date} (package installed from its npm tarball; tests: ${MATRIX_TESTS.join(', ')})`,
		'',
		'| n8n | Node.js | result | tests passed | time (s, incl. host install) |',
		'|---|---|---|---|---|',
		...outcomes.map((o) => `| ${o.entry.version} | ${o.node} | ${o.ok ? 'pass' : 'FAIL'} | ${o.tests} | ${o.seconds} |`),
	].join('\n');
	console.log(`\n${table}\n`);
	writeFileSync(join(REPO_ROOT, '.n8n-test', 'matrix.md'), `${table}\n`);
	if (outcomes.some((o) => !o.ok)) process.exit(1);
}

main().catch((error: unknown) => {
	console.error(`test:matrix failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
