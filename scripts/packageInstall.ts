/**
 * Installs this package into an n8n user folder the way n8n's own community-package install does
 * (n8n 2.8 CommunityPackagesService.downloadPackage): the tarball is unpacked into
 * `<user folder>/.n8n/nodes/node_modules/<name>`, its dev/peer/optional dependencies are dropped,
 * `npm install` runs there without scripts, bin links or lockfile, and the nodes folder's
 * package.json lists it. n8n then loads it at startup as `n8n-nodes-zoho-connect.<node>`.
 * The tarball is what `npm pack` builds from dist/, i.e. exactly what `npm publish` would ship.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './host';

export const PACKAGE_NAME = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

// The flags n8n passes to npm for a community package (community-packages.service.js).
const N8N_INSTALL_ARGS = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'];

/** `npm pack` of the current dist/ into a fresh folder; returns the tarball's path. */
export function packPackage(destination: string = mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-pack-'))): string {
	if (!existsSync(join(REPO_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	mkdirSync(destination, { recursive: true });
	// --ignore-scripts: prepack would rebuild dist/ under the feet of a running n8n; we pack what is built.
	const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

export interface InstalledPackage {
	nodesFolder: string;
	packageDir: string;
	version: string;
}

/** Installs `tarball` into `<userFolder>/.n8n/nodes` as n8n's community-package install does. */
export function installPackedPackage(userFolder: string, tarball: string): InstalledPackage {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesFolder, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	const folderManifest = join(nodesFolder, 'package.json');
	if (!existsSync(folderManifest)) writeFileSync(folderManifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));

	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> & {
		version: string;
	};
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');

	const npm = spawnSync('npm', N8N_INSTALL_ARGS, { cwd: packageDir, encoding: 'utf8', env: { ...process.env, npm_config_ignore_scripts: 'true' } });
	if (npm.status !== 0) throw new Error(`npm install of the packed package in ${packageDir} failed (${npm.status}):\n${npm.stdout}\n${npm.stderr}`);

	const folder = JSON.parse(readFileSync(folderManifest, 'utf8')) as { dependencies?: Record<string, string> };
	folder.dependencies = { ...folder.dependencies, [PACKAGE_NAME]: manifest.version };
	writeFileSync(folderManifest, JSON.stringify(folder, null, 2));
	return { nodesFolder, packageDir, version: manifest.version };
}
