/** The e2e suite runs what n8n loads: dist/. Build it when a listed file is missing. */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../../scripts/host';
import { missingBuildFiles } from './packageTypes';

export function ensureBuilt(): void {
	const missing = missingBuildFiles();
	if (!missing.length) return;
	process.stderr.write(`dist/ lacks ${missing.join(', ')}: running npm run build\n`);
	const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	const still = missingBuildFiles();
	if (build.status !== 0 || still.length) {
		throw new Error(
			`e2e tests need the built package: \`npm run build\` ${build.status !== 0 ? `failed (exit ${build.status})` : 'succeeded'}` +
				(still.length ? ` but package.json lists files it did not produce: ${still.join(', ')}` : ''),
		);
	}
}
