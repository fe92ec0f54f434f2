/** Starting, probing and stopping n8n processes; shared by `npm start` and the e2e harness. */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { trackChild } from './childProcesses';
import type { HostLocation } from './host';
import { cleanBaseEnv } from './n8nEnv';
import { killGroup, sleep } from './processes';

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	timeoutMs?: number;
	env?: Record<string, string>;
}

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export { killGroup };

/** `n8n start` in its own process group (so Ctrl-C reaches us first and we stop it in order). */
export function spawnN8nServer(host: HostLocation, env: Record<string, string>, stdio: StdioOptions): { child: ChildProcess; exited: Promise<number | null> } {
	return spawnN8nProcess(host, env, ['start'], stdio);
}

/** A long-running `n8n <args>` (start, worker, webhook) in its own process group, run by the host's Node. */
export function spawnN8nProcess(host: HostLocation, env: Record<string, string>, args: string[], stdio: StdioOptions): { child: ChildProcess; exited: Promise<number | null> } {
	const child = spawn(host.node, [host.bin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env: { ...cleanBaseEnv(), ...env },
		stdio,
		detached: true,
	});
	trackChild(child, `n8n ${args[0]}`);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, exited };
}

/** SIGTERM, then SIGKILL if n8n has not shut down within `graceMs`. */
export async function stopN8nServer(child: ChildProcess, exited: Promise<unknown>, graceMs = 20_000): Promise<void> {
	killGroup(child, 'SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const done = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
	clearTimeout(timer);
	if (!done) {
		killGroup(child, 'SIGKILL');
		await exited;
	}
}

async function status(url: string): Promise<number> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

/** Ready = DB migrated (readiness probe) and the REST routes mounted (settings answers). */
export async function waitForN8n(baseUrl: string, child: ChildProcess, timeoutMs: number, describeFailure: () => string = () => ''): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) before it was ready${describeFailure()}`);
		}
		if ((await status(`${baseUrl}/healthz/readiness`)) === 200 && (await status(`${baseUrl}/rest/settings`)) === 200) return;
		await sleep(250);
	}
	throw new Error(`n8n was not ready within ${timeoutMs} ms${describeFailure()}`);
}

/** `n8n <args>` with the given environment and a free task-broker port; never throws on a non-zero exit. */
export async function runN8nCli(host: HostLocation, env: Record<string, string>, args: string[], options: CliOptions = {}): Promise<CliResult> {
	const brokerPort = await freePort();
	return new Promise<CliResult>((resolve, reject) => {
		const child = spawn(host.node, [host.bin, ...args], {
			cwd: env.N8N_USER_FOLDER,
			env: { ...cleanBaseEnv(), ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		trackChild(child, `n8n ${args[0]}`);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
		}, options.timeoutMs ?? 120_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

export async function runN8nCliOk(host: HostLocation, env: Record<string, string>, args: string[], options?: CliOptions): Promise<CliResult> {
	const result = await runN8nCli(host, env, args, options);
	if (result.code !== 0) throw new Error(`n8n ${args[0]} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
	return result;
}
