import type { IExecuteFunctions } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { contextCache } from '../../shared/contextCache';
import type { ServiceStats } from '../../shared/serviceClient';

/** The calls and credits an execution (or one poll) spent: one tally per context, shared by every operation. */
const usage = contextCache<ServiceStats>();

/** A new, empty tally for this context (its client counts into it). */
export function startUsage(ctx: HostContext): ServiceStats {
	const stats: ServiceStats = { calls: 0, retries: 0, credits: 0 };
	usage.set(ctx, stats);
	return stats;
}

/** Calls and credits this context has spent so far (undefined before its first Zoho call). */
export function zohoUsage(ctx: HostContext): Readonly<ServiceStats> | undefined {
	return usage.get(ctx);
}

export function usageSummary(stats: Readonly<ServiceStats>): string {
	const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
	const retries = stats.retries ? ` (${count(stats.retries, 'retry', 'retries')} included)` : '';
	return `${count(stats.calls, 'API call', 'API calls')}${retries}, ${count(stats.credits, 'API credit', 'API credits')}`;
}

/**
 * Shows what this execution spent in the editor: an execution hint above the node's output
 * (n8n stores it with the run data, so past executions show it too). Items are not touched.
 */
export function reportZohoUsage(ctx: IExecuteFunctions): void {
	const stats = usage.get(ctx);
	// n8n added execution hints in 1.x; an older host simply shows none.
	if (!stats || stats.calls === 0 || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints({ message: `Zoho CRM: ${usageSummary(stats)}`, type: 'info', location: 'outputPane' });
}

/**
 * Polls, webhook deliveries and channel registration have no execution hints in n8n (their
 * contexts lack addExecutionHints), so what they spent goes to n8n's log at debug level.
 */
export function logZohoUsage(ctx: HostContext, what: string): void {
	const stats = usage.get(ctx);
	if (!stats || stats.calls === 0) return;
	ctx.logger.debug(`${ctx.getNode().name}: ${what} spent ${usageSummary(stats)}`);
}
