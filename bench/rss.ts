/**
 * Peak memory of the n8n process group (the `n8n start` leader and its children: the JavaScript task
 * runner that executes Code nodes, ...), from /proc (Linux only).
 *
 * Before a run every process's high-water mark is reset (`echo 5 > /proc/<pid>/clear_refs`, allowed
 * for our own processes), so VmHWM afterwards is the peak of that run alone. Two numbers come out:
 * `mainMb` (VmHWM of the n8n main process, where nodes run) and `groupMb` (the sum of every group
 * member's VmHWM: an upper bound of the group's peak, as members may peak at different moments).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface MemoryPeak {
	mainMb: number;
	/** VmRSS of the n8n main process when the measurement started. */
	startMainMb: number;
	groupMb: number;
	processes: number;
	/** False when /proc/<pid>/clear_refs could not be written: the peaks are then since process start. */
	reset: boolean;
}

function statusKb(pid: number, key: 'VmHWM' | 'VmRSS'): number {
	try {
		const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** Every live process whose process group is `leader` (the leader included). */
export function processGroup(leader: number): number[] {
	const members: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === leader) members.push(Number(entry));
		} catch {
			// the process ended while we looked
		}
	}
	return members;
}

export class GroupMemory {
	private resetOk = true;
	private startKb = 0;

	constructor(private readonly leader: number) {}

	/** Start a measurement: zero the high-water marks of the whole group. */
	reset(): void {
		this.resetOk = true;
		this.startKb = statusKb(this.leader, 'VmRSS');
		for (const pid of processGroup(this.leader)) {
			try {
				writeFileSync(`/proc/${pid}/clear_refs`, '5');
			} catch {
				this.resetOk = false;
			}
		}
	}

	/** Peaks since reset(); a runner started after reset() counts with its whole life (also a peak of this run). */
	peak(): MemoryPeak {
		const group = processGroup(this.leader);
		const mb = (kb: number) => Math.round(kb / 1024);
		return {
			mainMb: mb(statusKb(this.leader, 'VmHWM')),
			startMainMb: mb(this.startKb),
			groupMb: mb(group.reduce((sum, pid) => sum + statusKb(pid, 'VmHWM'), 0)),
			processes: group.length,
			reset: this.resetOk,
		};
	}

	/** Resident memory right now (MB), group total. */
	current(): number {
		return Math.round(processGroup(this.leader).reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024);
	}
}
