import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { memberInputSchema } from './schemas';
import { subscriberHash, type AudienceList, type MailchimpStore, type Member, type MemberStatus } from './store';

export type MemberInput = z.infer<typeof memberInputSchema>;

/** Merge tags every sandbox audience has; values for other tags are ignored, as MailChimp does. */
export const MERGE_TAGS = ['FNAME', 'LNAME', 'COMPANY', 'PHONE', 'ADDRESS', 'BIRTHDAY'];

const RESERVED_TLDS = new Set(['invalid', 'example', 'localhost', 'local']);

/** Syntax plus reserved TLDs: MailChimp refuses addresses that "look fake or invalid". */
export function validEmail(email: string): boolean {
	if (email.length > 254) return false;
	const match = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,}))$/.exec(email);
	return !!match && !RESERVED_TLDS.has(match[3].toLowerCase());
}

export interface MemberError {
	title: string;
	error: string;
	errorCode: 'ERROR_GENERIC' | 'ERROR_CONTACT_EXISTS';
	field?: string;
	fieldMessage?: string;
}

export type UpsertOutcome =
	| { kind: 'created' | 'updated'; member: Member }
	| { kind: 'error'; failure: MemberError };

function fakeEmail(email: string): MemberError {
	return {
		title: 'Invalid Resource',
		error: `${email} looks fake or invalid, please enter a real email address.`,
		errorCode: 'ERROR_GENERIC',
	};
}

/** The audience's merge tags: the default ones and those added to it. */
export function mergeTagsOf(list: AudienceList): string[] {
	return [...MERGE_TAGS, ...(list.extraMergeTags ?? [])];
}

function mergeFieldError(list: AudienceList, merge: Record<string, unknown> | undefined): MemberError | undefined {
	for (const [tag, value] of Object.entries(merge ?? {})) {
		if (!mergeTagsOf(list).includes(tag)) continue;
		const ok = typeof value === 'string' || typeof value === 'number' || (tag === 'ADDRESS' && typeof value === 'object' && value !== null);
		if (!ok) {
			return {
				title: 'Invalid Resource',
				error: 'Your merge fields were invalid.',
				errorCode: 'ERROR_GENERIC',
				field: tag,
				fieldMessage: 'Please enter a value',
			};
		}
	}
	return undefined;
}

function knownMergeFields(list: AudienceList, merge: Record<string, unknown> | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(merge ?? {}).filter(([tag]) => mergeTagsOf(list).includes(tag)));
}

export function newMember(store: MailchimpStore, list: AudienceList, email: string, status: MemberStatus, at: number): Member {
	const hash = subscriberHash(email);
	const member: Member = {
		id: hash,
		listId: list.id,
		email,
		uniqueEmailId: hash.slice(0, 10),
		contactId: createHash('md5').update(`contact:${list.id}:${hash}`).digest('hex'),
		webId: store.webId(),
		status,
		mergeFields: { FNAME: '', LNAME: '', COMPANY: '', PHONE: '', ADDRESS: '', BIRTHDAY: '' },
		tags: [],
		signup: at,
		lastChanged: at,
		rating: 2,
		language: '',
		vip: false,
		source: 'API - Generic',
		ipSignup: '',
		sent: 0,
		opened: 0,
		clicked: 0,
	};
	list.byHash.set(hash, list.members.length);
	list.members.push(member);
	return member;
}

function addTags(store: MailchimpStore, list: AudienceList, member: Member, tags: MemberInput['tags']): void {
	for (const tag of tags ?? []) {
		const name = typeof tag === 'string' ? tag : tag.name;
		if (!member.tags.some((t) => t.name === name)) member.tags.push({ id: store.tagId(list, name), name });
	}
}

/** Apply `status` and fields to an existing member. A cleaned address cannot be resubscribed. */
function update(store: MailchimpStore, list: AudienceList, member: Member, input: MemberInput, at: number): MemberError | undefined {
	if (input.status && input.status !== member.status) {
		if (member.status === 'cleaned' && (input.status === 'subscribed' || input.status === 'pending')) {
			return {
				title: 'Member In Compliance State',
				error: `${member.email} is already a list member in compliance state due to unsubscribe, bounce, or compliance review.`,
				errorCode: 'ERROR_GENERIC',
			};
		}
		member.status = input.status;
		if (input.status === 'unsubscribed') member.unsubscribeReason = 'N/A (Unsubscribed by API)';
	}
	member.mergeFields = { ...member.mergeFields, ...knownMergeFields(list, input.merge_fields) };
	if (input.language !== undefined) member.language = input.language;
	if (input.vip !== undefined) member.vip = input.vip;
	addTags(store, list, member, input.tags);
	member.lastChanged = at;
	return undefined;
}

/**
 * Create or update one member. `allowUpdate` false answers ERROR_CONTACT_EXISTS for a known address
 * (batch subscribe without update_existing). Members are never deleted here.
 */
export function upsertMember(
	store: MailchimpStore,
	list: AudienceList,
	input: MemberInput,
	options: { allowUpdate: boolean; at?: number },
): UpsertOutcome {
	const at = options.at ?? store.clock.now();
	const email = (input.email_address ?? '').trim();
	if (!validEmail(email)) return { kind: 'error', failure: fakeEmail(email) };
	const fieldError = mergeFieldError(list, input.merge_fields);
	if (fieldError) return { kind: 'error', failure: fieldError };
	const existing = store.member(list, subscriberHash(email));
	if (existing) {
		if (!options.allowUpdate) {
			return {
				kind: 'error',
				failure: {
					title: 'Member Exists',
					error: `${email} is already a list member, do you want to update? please provide update_existing:true in the request body`,
					errorCode: 'ERROR_CONTACT_EXISTS',
				},
			};
		}
		const failure = update(store, list, existing, input, at);
		return failure ? { kind: 'error', failure } : { kind: 'updated', member: existing };
	}
	const status = input.status_if_new ?? input.status;
	if (!status) {
		return {
			kind: 'error',
			failure: {
				title: 'Invalid Resource',
				error: 'The status_if_new field is required for a new member.',
				errorCode: 'ERROR_GENERIC',
				field: 'status_if_new',
				fieldMessage: 'This value should not be blank.',
			},
		};
	}
	const member = newMember(store, list, email, status, at);
	member.mergeFields = { ...member.mergeFields, ...knownMergeFields(list, input.merge_fields) };
	if (input.language !== undefined) member.language = input.language;
	if (input.vip !== undefined) member.vip = input.vip;
	addTags(store, list, member, input.tags);
	return { kind: 'created', member };
}
