import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/** Members as MailChimp identifies them, and its batch subscribe (POST /lists/{id}) in and out. */

/** MailChimp's member id: the MD5 of the lowercased address (trimmed, as MailChimp trims it). */
export function subscriberHash(email: string): string {
	return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

export interface MemberInputItem {
	itemIndex: number;
	listId: string;
	email: string;
	member: IDataObject;
}

/** Items grouped by audience (input order kept inside each group), then cut into calls of `size`. */
export function groupIntoBatches(items: readonly MemberInputItem[], size: number): Array<{ listId: string; items: MemberInputItem[] }> {
	const byList = new Map<string, MemberInputItem[]>();
	for (const item of items) {
		let group = byList.get(item.listId);
		if (!group) byList.set(item.listId, (group = []));
		group.push(item);
	}
	const batches: Array<{ listId: string; items: MemberInputItem[] }> = [];
	for (const [listId, group] of byList) {
		for (let i = 0; i < group.length; i += size) batches.push({ listId, items: group.slice(i, i + size) });
	}
	return batches;
}

export type BatchMemberOutcome =
	| { kind: 'created' | 'updated'; member: IDataObject }
	| { kind: 'error'; error: IDataObject }
	| { kind: 'missing' };

/**
 * Maps one batch-subscribe answer back to its submitted members by (lowercased, trimmed) email:
 * `new_members`, `updated_members`, `errors`. A member MailChimp did not mention is "missing".
 */
export function matchBatchResults(emails: readonly string[], answer: IDataObject): BatchMemberOutcome[] {
	const key = (e: unknown): string => String(e ?? '').trim().toLowerCase();
	const found = new Map<string, BatchMemberOutcome>();
	const take = (list: unknown, make: (entry: IDataObject) => BatchMemberOutcome): void => {
		if (!Array.isArray(list)) return;
		for (const entry of list as IDataObject[]) {
			const k = key(entry.email_address);
			if (!found.has(k)) found.set(k, make(entry));
		}
	};
	take(answer.errors, (entry) => ({ kind: 'error', error: entry }));
	take(answer.new_members, (entry) => ({ kind: 'created', member: entry }));
	take(answer.updated_members, (entry) => ({ kind: 'updated', member: entry }));
	return emails.map((email) => found.get(key(email)) ?? { kind: 'missing' });
}
