import type { PendingRecord, WriteAction } from '../../transport/batching';
import { BULK_WRITE_JOB_CREDITS, RECORDS_PER_WRITE_CREDIT } from '../../transport/creditRules';
import { bulkUnwritable } from '../../transport/bulk/writeValues';
import { columnGroups } from '../../transport/bulk/writeFiles';
import type { ZohoField } from '../../transport/metadata';

/** Modules Zoho's Bulk Write refuses (facts sheet: Notes, Attachments, Events, Calls; Activities and Emails are no record modules). */
export const BULK_WRITE_UNSUPPORTED_MODULES = new Set(['Notes', 'Attachments', 'Events', 'Calls', 'Activities', 'Emails']);

/** Zoho's Records API upsert matches Leads and Contacts by Email when no duplicate check field is named. */
const DEFAULT_MATCH: Record<string, string> = { Leads: 'Email', Contacts: 'Email' };

/** Besides the job: its upload, its result download and the status checks of a typical wait (about 6 at a doubling backoff). */
const BULK_CALLS_PER_JOB = 8;

export type BulkPlan = { ok: true; findBy?: string; jobs: number } | { ok: false; reason: string };

export interface PlanInput {
	module: string;
	action: WriteAction;
	pending: PendingRecord[];
	duplicateCheckFields?: string[];
	/** Zoho `trigger` of the write: undefined = Zoho's default automation. */
	trigger?: string[];
	fields: ReadonlyMap<string, ZohoField>;
	jobSize: number;
}

function findByOf(input: PlanInput): string | { reason: string } {
	if (input.action === 'insert') return '';
	if (input.action === 'update') return 'id';
	const chosen = input.duplicateCheckFields ?? [];
	if (chosen.length > 1) return { reason: 'Bulk Write matches records by one field; more than one duplicate check field is chosen' };
	const candidates = chosen.length === 1 ? chosen : [DEFAULT_MATCH[input.module], ...[...input.fields.values()].filter((f) => f.unique).map((f) => f.api_name)];
	const usable = candidates.find((name) => name && (name === DEFAULT_MATCH[input.module] || input.fields.get(name)?.unique) && input.pending.every((p) => name in p.record));
	if (usable) return usable;
	return { reason: chosen.length === 1 ? `Bulk Write matches by a unique field sent with every record; ${chosen[0]} is not one` : 'no unique field is sent with every record for Bulk Write to match by' };
}

/** Whether Bulk Write can do this write (module, fields, matching, automation), and in how many jobs. */
export function planBulkWrite(input: PlanInput): BulkPlan {
	if (BULK_WRITE_UNSUPPORTED_MODULES.has(input.module)) return { ok: false, reason: `Bulk Write does not support the module ${input.module}` };
	if (input.trigger !== undefined && input.trigger.length > 0) return { ok: false, reason: 'Bulk Write cannot run the selected automation' };
	for (const p of input.pending) {
		for (const name of Object.keys(p.record)) {
			if (name === 'id' && input.action !== 'update') return { ok: false, reason: 'Bulk Write takes a record id only for Update' };
			const refused = bulkUnwritable(input.fields.get(name), name);
			if (refused) return { ok: false, reason: `Bulk Write cannot write this field: ${refused}` };
		}
	}
	const findBy = findByOf(input);
	if (typeof findBy !== 'string') return { ok: false, reason: findBy.reason };
	const jobs = columnGroups(input.pending).reduce((sum, group) => sum + Math.ceil(group.length / input.jobSize), 0);
	return { ok: true, findBy: findBy || undefined, jobs };
}

/** Credits of the same records through the Records API (calls of 100, a multiple of the credit's 10 records). */
export function recordsApiCredits(records: number): number {
	return Math.ceil(records / RECORDS_PER_WRITE_CREDIT);
}

/** Expected credits of Bulk Write jobs, the org read included. */
export function bulkWriteCredits(jobs: number): number {
	return 1 + jobs * (BULK_WRITE_JOB_CREDITS + BULK_CALLS_PER_JOB);
}
