#!/usr/bin/env node
/**
 * n8n's community-package scanner (`@n8n/scan-community-package`, pinned in devDependencies), run on
 * this repository the way `npx @n8n/scan-community-package n8n-nodes-zoho-connect` runs on a
 * published version, minus the two legs that need the package on npm:
 *
 *   the CLI (scanner/scanner.mjs analyzePackageByName)      here
 *   1. provenance check of the published version            not possible before publishing (publish.yml
 *                                                           publishes with --provenance)
 *   2. downloads the source the attestation names           copies the files git knows (tracked, plus
 *      (codeload tarball of the commit), finds the dir      untracked not ignored, so uncommitted edits
 *      whose package.json has our name (findPackageRoot)    count) and uses the scanner's findPackageRoot
 *   3. analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)      the same call
 *   4. `npm pack <name>@<version>`, `tar -xzf --strip-      `npm pack --ignore-scripts` of dist/ (rebuilt
 *      components=1` into `<name>-<version>/`              first when older than the sources), same tar
 *   5. analyzePackage(packageDir, ['**\/*.js','package.json']) the same call
 *
 * The verdict of each leg is the scanner's own `analyzePackage`. The scanner fails only on errors;
 * this script also lints each leg with the same ESLint options and `buildScanConfig()` to list
 * every finding, and fails on warnings too. A canary (a node file with `console.log`, an `fs`
 * import and `process.env`) must be refused first, so a scanner that silently lints nothing
 * cannot pass.
 *
 * Usage: node scripts/scan-package.mjs [--no-build] [--skip-canary]   (exit 1 on any finding)
 * Run by test/unit/scanner.test.ts (part of `npm test` and `.ci/run`) and by publish.yml.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// eslint-plugin-n8n-nodes-base changes its rules when NODE_ENV is "test" (fake file names, default
// package names): jest sets it, n8n's scanner never runs with it.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const requireFromRepo = createRequire(join(REPO_ROOT, 'package.json'));
const SCANNER_PATH = requireFromRepo.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const SCANNER_VERSION = requireFromRepo('@n8n/scan-community-package/package.json').version;
// eslint and fast-glob exactly as the scanner resolves them (its own dependencies).
const requireFromScanner = createRequire(SCANNER_PATH);
// scanner.mjs makes a download folder with `tmp` when it is imported; have tmp remove it at exit.
requireFromScanner('tmp').setGracefulCleanup();
const scanner = await import(pathToFileURL(SCANNER_PATH).href);
const { ESLint } = await import(pathToFileURL(requireFromScanner.resolve('eslint')).href);
const glob = requireFromScanner('fast-glob');

// What analyzePackageByName passes for the tarball leg (scanner.mjs); the source leg uses the exported SOURCE_FILE_PATTERNS.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-scan-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/**
 * One leg: the scanner's verdict (analyzePackage) plus every message of the same lint (errors and
 * warnings) so the report can name them.
 */
async function scan(label, packageDir, filePatterns) {
	const files = glob.sync(filePatterns, { cwd: packageDir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const verdict = await scanner.analyzePackage(packageDir, filePatterns);
	const eslint = new ESLint({ cwd: packageDir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const results = files.length ? await eslint.lintFiles(files) : [];
	const findings = results.flatMap((result) =>
		result.messages.map((message) => ({
			file: relative(packageDir, result.filePath),
			line: message.line,
			severity: message.severity === 2 ? 'error' : 'warning',
			rule: message.ruleId,
			message: message.message,
		})),
	);
	const formatted = findings.length ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { label, packageDir, files: files.length, verdict, findings, formatted };
}

function report(leg) {
	const ok = leg.verdict.passed && leg.findings.length === 0 && leg.files > 0;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${leg.label}: ${leg.files} files, scanner verdict ${leg.verdict.passed ? 'passed' : `failed (${leg.verdict.message})`}, ${leg.findings.length} findings`);
	if (leg.files === 0) console.log('  no files to analyse: the scanner would pass an empty package ("No files found to analyze")');
	if (leg.formatted) console.log(leg.formatted.replaceAll(leg.packageDir + '/', ''));
	else if (leg.verdict.details) console.log(leg.verdict.details);
	return ok;
}

/** A node file the scanner must refuse: console, a restricted import, the environment. */
async function canary() {
	const dir = join(work, 'canary');
	mkdirSync(join(dir, 'nodes', 'Canary'), { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, n8n: { ...pkg.n8n, nodes: ['dist/nodes/Canary/Canary.node.js'], credentials: [] } }, null, 2));
	writeFileSync(
		join(dir, 'nodes', 'Canary', 'Canary.node.ts'),
		"import { readFileSync } from 'fs';\nexport function canary(): string {\n\tconsole.log('canary');\n\treturn readFileSync(process.env.CANARY_FILE ?? 'x', 'utf8');\n}\n",
	);
	const leg = await scan('canary (must be refused)', dir, scanner.SOURCE_FILE_PATTERNS);
	const rules = new Set(leg.findings.map((finding) => finding.rule));
	const expected = ['no-console', '@n8n/community-nodes/no-restricted-imports', '@n8n/community-nodes/no-restricted-globals'];
	const missing = expected.filter((rule) => !rules.has(rule));
	if (leg.verdict.passed || missing.length) {
		console.log(`FAIL canary: the scanner ${leg.verdict.passed ? 'passed' : 'refused'} a node with console.log, an fs import and process.env; missing findings: ${missing.join(', ') || 'none'}`);
		console.log(leg.formatted);
		return false;
	}
	console.log(`PASS canary: refused (${expected.join(', ')})`);
	return true;
}

/** The files a checkout of the current commit would hold, with uncommitted edits (null outside git). */
function gitFiles() {
	const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
	if (git.status !== 0) return null;
	return git.stdout.split('\0').filter((file) => file && existsSync(join(REPO_ROOT, file)) && statSync(join(REPO_ROOT, file)).isFile());
}

async function sourceLeg() {
	const files = gitFiles();
	let checkout = REPO_ROOT;
	if (files) {
		checkout = join(work, 'source');
		for (const file of files) cpSync(join(REPO_ROOT, file), join(checkout, file));
	} else {
		console.log('(not a git checkout: linting the working tree in place)');
	}
	const root = scanner.findPackageRoot(checkout, pkg.name);
	if (root !== checkout) {
		console.log(`FAIL source: the scanner's findPackageRoot picks ${root ? relative(checkout, root) : 'nothing'} instead of the repository root for ${pkg.name}`);
		return false;
	}
	return report(await scan('source (package.json, nodes/, credentials/)', root, scanner.SOURCE_FILE_PATTERNS));
}

/** Newest mtime of what the build reads, against dist/: true when dist/ is missing or older. */
function distIsStale() {
	const distFiles = ['package.json', ...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((file) => file.startsWith('dist/'));
	if (!existsSync(join(REPO_ROOT, 'dist')) || distFiles.some((file) => !existsSync(join(REPO_ROOT, file)))) return true;
	const walk = (dir) =>
		readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
		);
	for (const source of [...walk('nodes'), ...walk('credentials')]) {
		if (source.endsWith('.test.ts')) continue;
		if (source.endsWith('.ts')) {
			const built = join(REPO_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
			if (!existsSync(built) || statSync(built).mtimeMs < statSync(join(REPO_ROOT, source)).mtimeMs) return true;
		} else {
			// Icons and codex files: gulp copies them with the source's mtime (to the millisecond), so compare contents.
			const copied = join(REPO_ROOT, 'dist', source);
			if (!existsSync(copied) || !readFileSync(copied).equals(readFileSync(join(REPO_ROOT, source)))) return true;
		}
	}
	return false;
}

async function tarballLeg() {
	if (distIsStale()) {
		if (args.has('--no-build')) {
			console.log('FAIL tarball: dist/ is missing or older than nodes/ or credentials/: run `npm run build`');
			return false;
		}
		console.log('dist/ is missing or older than the sources: npm run build');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	// --ignore-scripts: prepack (clean + build) would delete dist/ under anything else reading it.
	const packDir = join(work, 'pack');
	mkdirSync(packDir);
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
	);
	// As downloadAndExtractPackage: `<name>-<version>/`, tar -xzf --strip-components=1.
	const packageDir = join(packDir, `${pkg.name}-${pkg.version}`);
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', packed.filename, '-C', packageDir, '--strip-components=1'], { cwd: packDir });
	return report(await scan(`tarball (${packed.filename}: compiled .js and package.json)`, packageDir, TARBALL_FILE_PATTERNS));
}

console.log(`@n8n/scan-community-package ${SCANNER_VERSION} on ${pkg.name}@${pkg.version}`);
const results = [];
if (!args.has('--skip-canary')) results.push(await canary());
results.push(await sourceLeg());
results.push(await tarballLeg());
const passed = results.every(Boolean);
console.log(passed ? 'scan passed: no findings' : 'scan FAILED');
process.exitCode = passed ? 0 : 1;
