/**
 * A real n8n (`n8n start`) for one test run: own temp user folder, encryption key, SQLite DB, free
 * ports, log file under .n8n-test/logs/. `cli()` runs the n8n CLI against the same DB and key.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHost, REPO_ROOT, type HostLocation } from '../../../scripts/host';
import { installPackedPackage, packPackage } from '../../../scripts/packageInstall';
import { installMode, type InstallMode } from './nodeTypes';
import { n8nEnv } from '../../../scripts/n8nEnv';
import { tail } from '../../../scripts/processes';
import {
	freePort,
	runN8nCli,
	runN8nCliOk,
	spawnN8nServer,
	stopN8nServer,
	waitForN8n,
	type CliOptions,
	type CliResult,
} from '../../../scripts/n8nProcess';

export type { CliOptions, CliResult };

export const LOG_DIR = join(REPO_ROOT, '.n8n-test', 'logs');
export const DIST_DIR = join(REPO_ROOT, 'dist');

export interface StartN8nOptions {
	/**
	 * How our package gets into n8n (default: installMode(), i.e. 'package' unless
	 * N8N_E2E_INSTALL=extensions): 'package' installs the `npm pack` tarball into the user folder's
	 * nodes folder like n8n's community-package install (node types `n8n-nodes-zoho-connect.<name>`);
	 * 'extensions' loads dist/ through N8N_CUSTOM_EXTENSIONS (`CUSTOM.<name>`); 'none': built-in only.
	 */
	install?: InstallMode | 'none';
	/** Extra folders with custom extensions (N8N_CUSTOM_EXTENSIONS), besides the install above. */
	extensions?: string[];
	/** n8n version (default: the pinned host, or N8N_HOST_VERSION). */
	version?: string;
	/** Extra environment for `n8n start` and every `cli()` call (after ours, so it wins). */
	env?: Record<string, string>;
	/** Names the log file. */
	name?: string;
	startTimeoutMs?: number;
	/** Keep the user folder after stop() (the log file always stays). */
	keepUserFolder?: boolean;
}

export interface N8nInstance {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	host: HostLocation;
	/** Process id of `n8n start` (leader of its process group); undefined when attached. */
	pid?: number;
	/** How long `n8n start` took until ready (0 when attached). */
	startupMs: number;
	/** The environment n8n runs with (holds the encryption key: do not print it). */
	env: Record<string, string>;
	/** Runs `n8n <args>` with this instance's user folder, key and DB; never throws on a non-zero exit. */
	cli(args: string[], options?: CliOptions): Promise<CliResult>;
	/** Like cli(), but throws with the output when the command fails. */
	cliOk(args: string[], options?: CliOptions): Promise<CliResult>;
	logs(): string;
	stop(): Promise<void>;
}

/** What another process needs to use a running instance (see shared.ts). */
export interface N8nConnection {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	version: string;
	env: Record<string, string>;
}

export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const host = await ensureHost({ version: options.version, log: (message) => process.stderr.write(`${message}\n`) });
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-e2e-'));
	mkdirSync(LOG_DIR, { recursive: true });
	const logFile = join(LOG_DIR, `${options.name ?? 'n8n'}-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
	const port = await freePort();
	const install = options.install ?? installMode();
	if (install === 'package') installPackedPackage(userFolder, packPackage());
	const extensions = [...(install === 'extensions' ? [DIST_DIR] : []), ...(options.extensions ?? [])];
	const env = {
		...host.env,
		// n8n's default zone (America/New_York) makes "$now minus 30 days" 30 calendar days, which is
		// 721 hours across a DST change: tests that compute a window in hours would depend on the date.
		GENERIC_TIMEZONE: 'UTC',
		...n8nEnv({
			userFolder,
			encryptionKey: randomBytes(24).toString('hex'),
			port,
			extensions,
			brokerPort: await freePort(),
			major: Number(host.version.split('.')[0]),
		}),
		...options.env,
	};
	const logFd = openSync(logFile, 'a');
	const started = Date.now();
	const { child, exited } = spawnN8nServer(host, env, ['ignore', logFd, logFd]);
	closeSync(logFd);
	const baseUrl = `http://127.0.0.1:${port}`;
	const stop = async (): Promise<void> => {
		await stopN8nServer(child, exited);
		if (!options.keepUserFolder) rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		await waitForN8n(baseUrl, child, options.startTimeoutMs ?? 120_000, () => `; log ${logFile}:\n${tail(logFile)}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		baseUrl,
		port,
		userFolder,
		logFile,
		host,
		pid: child.pid,
		startupMs: Date.now() - started,
		env,
		cli: (args, cliOptions) => runN8nCli(host, env, args, cliOptions),
		cliOk: (args, cliOptions) => runN8nCliOk(host, env, args, cliOptions),
		logs: () => readFileSync(logFile, 'utf8'),
		stop,
	};
}

/** A handle on an n8n someone else started (the jest globalSetup's shared one); stop() is a no-op. */
export async function attachN8n(connection: N8nConnection): Promise<N8nInstance> {
	const host = await ensureHost({ version: connection.version });
	const { env } = connection;
	return {
		baseUrl: connection.baseUrl,
		port: connection.port,
		userFolder: connection.userFolder,
		logFile: connection.logFile,
		host,
		startupMs: 0,
		env,
		cli: (args, cliOptions) => runN8nCli(host, env, args, cliOptions),
		cliOk: (args, cliOptions) => runN8nCliOk(host, env, args, cliOptions),
		logs: () => readFileSync(connection.logFile, 'utf8'),
		stop: async () => undefined,
	};
}

export function connectionOf(instance: N8nInstance): N8nConnection {
	return {
		baseUrl: instance.baseUrl,
		port: instance.port,
		userFolder: instance.userFolder,
		logFile: instance.logFile,
		version: instance.host.version,
		env: instance.env,
	};
}
