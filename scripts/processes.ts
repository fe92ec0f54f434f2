/** Small process tools shared by the scripts and the harnesses: one sleep, one log tail, one group kill. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The last `lines` lines of a log file ('' when it cannot be read). */
export function tail(path: string, lines = 40): string {
	try {
		return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** `signal` to the child's whole process group (n8n starts task-runner children); nothing when it has exited. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}
