/**
 * What a release needs besides the code: package.json metadata pointing at one public repository,
 * a CHANGELOG entry for the version, and the two GitHub workflows (ci.yml, publish.yml), which
 * cannot run here: they are validated with @action-validator/cli (GitHub's workflow schema plus
 * job references) and publish.yml is held to what n8n's verification and npm provenance need.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const workflowsDir = join(root, '.github/workflows');
const validatorCli = join(dirname(require.resolve('@action-validator/cli/package.json')), 'cli.mjs');

function validate(file: string): { status: number | null; output: string } {
	const run = spawnSync(process.execPath, [validatorCli, file], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('package.json release metadata', () => {
	const repo = String(pkg.homepage);

	it('repository, homepage and bugs name the same public GitHub repository', () => {
		expect(repo).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		// npm provenance checks repository.url against the repository the publishing workflow runs in.
		expect(pkg.repository).toEqual({ type: 'git', url: `${repo}.git` });
		expect(pkg.bugs).toEqual({ url: `${repo}/issues` });
	});

	it('documentation links of the nodes point into that repository, at headings the README has', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		// GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
		const anchors = new Set(
			[...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
				m[1]
					.trim()
					.toLowerCase()
					.replace(/[^\p{L}\p{N} _-]/gu, '')
					.replace(/ /g, '-'),
			),
		);
		const codexFiles = (pkg.n8n.nodes as string[]).map((file) => join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.json')));
		expect(codexFiles).toHaveLength(6);
		for (const file of codexFiles) {
			const codex = JSON.parse(readFileSync(file, 'utf8'));
			const [primary] = codex.resources.primaryDocumentation as Array<{ url: string }>;
			const [base, anchor] = primary.url.split('#');
			expect({ file, base }).toEqual({ file, base: repo });
			expect({ file, anchor, exists: anchors.has(anchor) }).toEqual({ file, anchor, exists: true });
		}
	});

	it('has a semver version, a changelog entry for it, no runtime dependencies and the supported Node lines', () => {
		expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
		const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(changelog).toContain(`## [${pkg.version}] - `);
		expect(pkg.dependencies ?? {}).toEqual({});
		// n8n 1.123 and 2.8 run on Node >= 20.19, 2.40 on Node 24 (README, Supported versions).
		expect(pkg.engines).toEqual({ node: '>=20.19' });
		expect(pkg.license).toBe('MIT');
		// Only dist/ (plus README, LICENSE, package.json): .github/, CHANGELOG.md and scripts/ are never
		// published; .ci/run's check_pack checks the real `npm pack` listing.
		expect(pkg.files).toEqual(['dist']);
	});
});

describe('GitHub workflows', () => {
	const workflows = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
	const text = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');

	it('are exactly ci.yml and publish.yml, and pass action-validator', () => {
		expect(workflows.sort()).toEqual(['ci.yml', 'publish.yml']);
		for (const file of workflows) {
			const result = validate(join(workflowsDir, file));
			expect({ file, ...result }).toEqual({ file, status: 0, output: '' });
		}
	});

	it('action-validator refuses a broken workflow (the check is alive)', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-workflow-')), 'broken.yml');
		writeFileSync(file, 'on: push\njobs:\n  build:\n    needs: missing\n    steps:\n      - run: echo no runs-on\n');
		const result = validate(file);
		expect(result.status).toBe(1);
		expect(result.output).toMatch(/runs-on|unresolved job/);
	});

	it('ci.yml runs .ci/run on Node 20 and can be called by publish.yml', () => {
		const ci = text('ci.yml');
		expect(ci).toMatch(/^ {2}workflow_call:/m);
		expect(ci).toMatch(/node-version: 20$/m);
		expect(ci).toMatch(/run: bash \.ci\/run$/m);
	});

	it('only publish.yml publishes: on a vX.Y.Z tag, after the tag check and CI, with provenance and the NPM_TOKEN secret', () => {
		for (const file of workflows) {
			if (file !== 'publish.yml') expect({ file, publishes: /npm publish|id-token/.test(text(file)) }).toEqual({ file, publishes: false });
		}
		const publish = text('publish.yml');
		expect(publish).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*\.\*\.\*'\]\n\n/m);
		expect(publish.match(/run: npm publish.*$/gm)).toEqual(['run: npm publish --provenance --access public']);
		expect(publish).toMatch(/^permissions:\n {2}contents: read\n/m);
		expect(publish).toMatch(/ {4}permissions:\n {6}contents: read\n {6}id-token: write\n/);
		expect(publish).toContain('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
		expect(publish).toContain('registry-url: https://registry.npmjs.org');
		expect(publish).toContain('"${GITHUB_REF_NAME}" != "v${version}"');
		expect(publish).toMatch(/uses: \.\/\.github\/workflows\/ci\.yml/);
		expect(publish).toMatch(/needs: \[version, checks\]/);
		// .npmrc's ignore-scripts skips prepack on publish: the job builds and scans itself.
		expect(publish.indexOf('npm run clean && npm run build')).toBeLessThan(publish.indexOf('scripts/scan-package.mjs'));
		expect(publish.indexOf('scripts/scan-package.mjs')).toBeLessThan(publish.indexOf('run: npm publish'));
	});
});
