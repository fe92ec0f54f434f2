/**
 * n8n's community-package scanner (`@n8n/scan-community-package`, the gate n8n applies before it
 * lists a package as verified) on our sources and on our `npm pack` tarball: scripts/scan-package.mjs
 * imports the scanner's own `analyzePackage` / `buildScanConfig` and runs both legs as its CLI does
 * after downloading a version (see the script's header). It runs in a child `node` process: the
 * scanner is ESM (scanner.mjs, eslint 9 flat config) and jest's CommonJS sandbox can only load it
 * with --experimental-vm-modules, which ts-jest's dynamic import() does not get; a plain node
 * process loads it exactly as `npx` does. The tarball leg rebuilds dist/ first when it is older
 * than nodes/ or credentials/ (after `npm test`'s build it never is).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/** The package.json Node's resolution finds for `name` from `fromDir` (node_modules walk; ignores "exports"). */
function resolvedPackage(fromDir: string, name: string): { dir: string; version: string } {
	for (let dir = fromDir; ; dir = dirname(dir)) {
		const candidate = join(dir, 'node_modules', name, 'package.json');
		if (existsSync(candidate)) return { dir: dirname(candidate), version: JSON.parse(readFileSync(candidate, 'utf8')).version };
		if (dir === dirname(dir)) throw new Error(`${name} is not resolvable from ${fromDir}`);
	}
}

describe("n8n's community-package scanner", () => {
	it('finds nothing in package.json + nodes/ + credentials/ nor in the packed tarball, and refuses a planted console/fs/env canary', () => {
		const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'scan-package.mjs')], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			timeout: 240_000,
			// jest sets NODE_ENV=test, which makes eslint-plugin-n8n-nodes-base fake file names; the scanner never has it.
			env: { ...process.env, NODE_ENV: 'production' },
		});
		const output = `${run.stdout}${run.stderr}`;
		if (run.status !== 0) throw new Error(`scripts/scan-package.mjs exited ${run.status ?? run.signal}:\n${output}`);
		expect(output).toMatch(/^PASS canary: refused/m);
		expect(output).toMatch(/^PASS source .*: \d+ files, scanner verdict passed, 0 findings$/m);
		expect(output).toMatch(/^PASS tarball .*: \d+ files, scanner verdict passed, 0 findings$/m);
	}, 300_000);

	// @n8n/scan-community-package 0.32.0 depends on typescript 7.0.2 (the native compiler: its main
	// export is only a version file, no compiler API) and on @n8n/eslint-plugin-community-nodes,
	// which wants n8n-workflow >= 2 beside it. Our exact root pins keep both out of the scan's way on
	// Node 20: typescript 5.9.3 keeps 7.0.2 nested under the scanner, so @typescript-eslint/parser
	// (typescript < 6.1) parses with 5.9.3; n8n-workflow 2.8.0 satisfies the peer, so npm does not
	// install n8n-workflow@latest (2.41.0 when this was written: its @n8n/expression-runtime needs
	// isolated-vm 7, engines Node >= 24 and a native build at install); eslint 9.29.0 is the scanner's own exact version. `overrides` cannot do this: the
	// scanner's no-overrides-field rule refuses a package.json that has them.
	it('runs with the pinned tree: parser on TypeScript 5, our n8n-workflow and eslint, TypeScript 7 nested', () => {
		const rootPkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
		const scannerDir = resolvedPackage(REPO_ROOT, '@n8n/scan-community-package').dir;
		const scannerFiles = join(scannerDir, 'scanner');
		expect(resolvedPackage(REPO_ROOT, '@n8n/scan-community-package').version).toBe(rootPkg.devDependencies['@n8n/scan-community-package']);
		const parser = resolvedPackage(scannerFiles, '@typescript-eslint/parser');
		const plugin = resolvedPackage(scannerFiles, '@n8n/eslint-plugin-community-nodes');
		const estree = resolvedPackage(plugin.dir, '@typescript-eslint/typescript-estree');
		expect({
			typescriptForParser: resolvedPackage(parser.dir, 'typescript').version,
			typescriptForRules: resolvedPackage(estree.dir, 'typescript').version,
			n8nWorkflowForRules: resolvedPackage(plugin.dir, 'n8n-workflow').version,
			eslint: resolvedPackage(scannerFiles, 'eslint').version,
			typescriptOfTheScanner: resolvedPackage(scannerFiles, 'typescript').dir,
			typescriptOfTheRepo: resolvedPackage(REPO_ROOT, 'typescript').version,
		}).toEqual({
			typescriptForParser: rootPkg.devDependencies.typescript,
			typescriptForRules: rootPkg.devDependencies.typescript,
			n8nWorkflowForRules: rootPkg.devDependencies['n8n-workflow'],
			eslint: rootPkg.devDependencies.eslint,
			typescriptOfTheScanner: join(scannerDir, 'node_modules', 'typescript'),
			typescriptOfTheRepo: rootPkg.devDependencies.typescript,
		});
	});
});
