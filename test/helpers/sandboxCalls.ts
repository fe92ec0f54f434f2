/**
 * Waiting on what the sandbox was asked: mark the request sequence (`markCalls`), act, then wait
 * until the calls that stand for the awaited event (a trigger's poll, a subscription) have been
 * answered. Tests count polls this way instead of sleeping for "probably N polls".
 */
import type { Sandbox } from '../sandbox';
import type { LogEntry } from '../sandbox/core/types';
import { waitFor } from './waitFor';

export type CallMatch = (entry: LogEntry) => boolean;

/** The sequence number of the newest request so far; calls after it are "since the mark". */
export function markCalls(sandbox: Sandbox): number {
	return sandbox.server.lastSeq;
}

/** Calls answered after the mark that match, in the order their answers went out. */
export function callsSince(sandbox: Sandbox, mark: number, match: CallMatch): LogEntry[] {
	return sandbox.server.log.filter((entry) => entry.seq > mark && match(entry));
}

/** Waits until the sandbox has answered at least `count` matching calls after the mark; returns them. */
export async function waitForCalls(
	sandbox: Sandbox,
	mark: number,
	match: CallMatch,
	count: number,
	options: { what: string; timeoutMs?: number },
): Promise<LogEntry[]> {
	return await waitFor(
		() => {
			const calls = callsSince(sandbox, mark, match);
			return calls.length >= count ? calls : undefined;
		},
		{ ...options, describe: () => `${callsSince(sandbox, mark, match).length} of ${count} calls answered` },
	);
}

const answered = (entry: LogEntry) => entry.status >= 200 && entry.status < 400;

/**
 * One per poll of the Zoho CRM Connect Trigger on `module`: the first page of its listing
 * (start-from-now reads page 1 newest first, later polls page 1 oldest first), answered.
 */
export function zohoPollCall(module: string): CallMatch {
	return (entry) => entry.method === 'GET' && entry.path === `/crm/v8/${module}` && entry.query.page === '1' && answered(entry);
}

/** One per poll of the MailChimp Campaigns Trigger: the first page (offset 0) of GET /3.0/campaigns, answered. */
export const mailchimpPollCall: CallMatch = (entry) =>
	entry.method === 'GET' && entry.path === '/3.0/campaigns' && entry.query.offset === '0' && answered(entry);
