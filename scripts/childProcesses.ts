/**
 * The long-running processes a test run starts (n8n mains, workers and CLI calls, PostgreSQL,
 * Redis, Chromium), written down so that none outlives jest, whatever fails.
 *
 * Each one is a process-group leader (spawned `detached`); trackChild() writes a file named after
 * its pid into one folder per jest run ($ZOHO_CONNECT_TEST_PIDS, made by installReaper() in the
 * jest global setups) holding its start time, what it is, its stop signal and the temp folders
 * that die with it, and removes it when the process exits. What is still recorded when the tests
 * are over was left by a failing file: the jest global teardowns stop those groups (their stop
 * signal, SIGKILL after a grace period, so that a server reaps its own children) and remove their
 * folders; the jest process's own exit and signal handlers SIGKILL them at once (a run killed by a
 * timeout or Ctrl-C never reaches the teardowns).
 *
 * Files, not a Set in memory: test files run inside jest's sandbox, whose `process` is a copy:
 * `process.on('exit')` there is never called, and module state there is not the teardown's.
 * The start time is checked before killing, so a pid the system has given to another process
 * since is never touched. Outside jest (npm start, the benchmark) the variable is unset and
 * tracking does nothing.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './processes';

export const PIDS_ENV = 'ZOHO_CONNECT_TEST_PIDS';
/** Made by the teardown: the tests are over, so a process started now (by a test that timed out and runs on) is killed at once. */
const CLOSED = '.closed';

interface Entry {
	pid: number;
	/** Field 22 of /proc/<pid>/stat (clock ticks since boot): tells a reused pid apart. */
	startTime: string;
	what: string;
	/** What stops it cleanly (PostgreSQL: SIGINT, its fast shutdown); default SIGTERM. */
	signal?: NodeJS.Signals;
	/** Temp folders to delete once it is gone. */
	remove?: string[];
}

export interface TrackOptions {
	signal?: NodeJS.Signals;
	remove?: string[];
}

function startTimeOf(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid ..." - comm may hold spaces and parentheses: split after the last ")".
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

/** Records a detached child (a process-group leader) until it exits. No-op outside a jest run. */
export function trackChild(child: ChildProcess, what: string, options: TrackOptions = {}): void {
	const dir = process.env[PIDS_ENV];
	const pid = child.pid;
	if (!dir || pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const startTime = startTimeOf(pid);
	if (startTime === undefined) return;
	const file = join(dir, String(pid));
	if (existsSync(join(dir, CLOSED))) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// gone
		}
		return;
	}
	try {
		mkdirSync(dir, { recursive: true });
		writeFileSync(file, JSON.stringify({ pid, startTime, what, ...options } satisfies Entry));
	} catch {
		return;
	}
	child.once('exit', () => rmSync(file, { force: true }));
}

/** True while the recorded leader (same pid, same start time) runs. */
function leaderAlive(entry: Entry): boolean {
	return startTimeOf(entry.pid) === entry.startTime;
}

function signalGroup(entry: Entry, signal: NodeJS.Signals): boolean {
	const now = startTimeOf(entry.pid);
	// The leader runs with another start time: the pid was reused, our group is gone.
	if (now !== undefined && now !== entry.startTime) return false;
	// The leader is gone (now undefined) but members may live on: Linux never reuses a pid that is
	// still a process group id, so -pid can only reach our group.
	try {
		process.kill(-entry.pid, signal);
		return true;
	} catch {
		return false;
	}
}

function removeFolders(entry: Entry): void {
	for (const path of entry.remove ?? []) {
		try {
			rmSync(path, { recursive: true, force: true, maxRetries: 3 });
		} catch {
			// best effort
		}
	}
}

function readEntries(dir: string | undefined): Array<{ file: string; entry: Entry }> {
	if (!dir) return [];
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const entries: Array<{ file: string; entry: Entry }> = [];
	for (const name of names.filter((name) => !name.startsWith('.'))) {
		const file = join(dir, name);
		try {
			entries.push({ file, entry: JSON.parse(readFileSync(file, 'utf8')) as Entry });
		} catch {
			rmSync(file, { force: true }); // half-written or already removed
		}
	}
	return entries;
}

/** SIGKILLs every recorded process group still alive; returns what it killed. Synchronous (runs in exit handlers). */
export function reapChildren(dir = process.env[PIDS_ENV]): string[] {
	const killed: string[] = [];
	for (const { file, entry } of readEntries(dir)) {
		if (signalGroup(entry, 'SIGKILL')) killed.push(`${entry.what} (pid ${entry.pid})`);
		removeFolders(entry);
		rmSync(file, { force: true });
	}
	return killed;
}

/**
 * Stops every recorded process group still alive: its stop signal, then SIGKILL to whatever is
 * left after `graceMs` (a server given the chance reaps its own children and removes its files).
 */
export async function stopChildren(dir = process.env[PIDS_ENV], graceMs = 10_000): Promise<string[]> {
	if (dir) {
		try {
			writeFileSync(join(dir, CLOSED), '');
		} catch {
			// no folder: nothing was started
		}
	}
	const entries = readEntries(dir);
	const stopped = entries.filter(({ entry }) => signalGroup(entry, entry.signal ?? 'SIGTERM'));
	const deadline = Date.now() + graceMs;
	while (stopped.some(({ entry }) => leaderAlive(entry)) && Date.now() < deadline) {
		await sleep(100);
	}
	for (const { file, entry } of entries) {
		signalGroup(entry, 'SIGKILL'); // members that outlived their leader, or a leader past the grace period
		removeFolders(entry);
		rmSync(file, { force: true });
	}
	return stopped.map(({ entry }) => `${entry.what} (pid ${entry.pid})`);
}

let installed = false;

/**
 * Called by every jest global setup that starts processes (idempotent): makes the run's folder,
 * exports it to the test files (they inherit the environment) and makes the jest process kill
 * what is left when it exits or is interrupted.
 */
export function installReaper(): string {
	let dir = process.env[PIDS_ENV];
	if (!dir) {
		dir = mkdtempSync(join(tmpdir(), 'zoho-connect-test-pids-'));
		process.env[PIDS_ENV] = dir;
	}
	if (installed) return dir;
	installed = true;
	const runDir = dir;
	const reap = () => {
		const killed = reapChildren(runDir);
		if (killed.length) process.stderr.write(`\nkilled processes the tests left running: ${killed.join(', ')}\n`);
	};
	process.once('exit', () => {
		reap();
		rmSync(runDir, { recursive: true, force: true });
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			reap();
			process.exit(signal === 'SIGINT' ? 130 : 143);
		});
	}
	return dir;
}

/** For the global teardowns: stop and report what the test files left behind. */
export async function reapLeftovers(): Promise<void> {
	const stopped = await stopChildren();
	if (stopped.length) process.stderr.write(`\nstopped processes the tests left running: ${stopped.join(', ')}\n`);
}
