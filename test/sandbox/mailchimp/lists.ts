import type { Reply } from '../core/types';
import { MAX_BATCH_SUBSCRIBE } from './constants';
import { mergeTagsOf, upsertMember, validEmail, type MemberError } from './members';
import { invalidResource, notFound, problem, zodProblem } from './problems';
import { isReply, parseEnum, parsePage, parseTimes, project } from './query';
import type { ApiContext, ApiRouter } from './router';
import { batchSubscribeSchema, memberInputSchema, memberTagsSchema, mergeFieldInputSchema } from './schemas';
import { listJson, memberJson } from './serialize';
import { subscriberHash, type AudienceList, type MailchimpStore, type Member } from './store';

const MEMBER_STATUSES = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional', 'archived'] as const;

/** The path segment may be the md5 hash or, as MailChimp also allows, the address itself. */
function hashOf(segment: string): string {
	return segment.includes('@') ? subscriberHash(segment) : segment.toLowerCase();
}

function memberProblem(failure: MemberError): Reply {
	if (failure.field) return problem(400, failure.title, failure.error, [{ field: failure.field, message: failure.fieldMessage ?? '' }]);
	return problem(400, failure.title, failure.error);
}

function withList(store: MailchimpStore, handler: (list: AudienceList, ctx: ApiContext) => Reply) {
	return (ctx: ApiContext): Reply => {
		const list = store.list(ctx.params.list_id);
		return list ? handler(list, ctx) : notFound();
	};
}

function withMember(store: MailchimpStore, handler: (list: AudienceList, member: Member, ctx: ApiContext) => Reply) {
	return withList(store, (list, ctx) => {
		const member = store.member(list, hashOf(ctx.params.hash));
		return member ? handler(list, member, ctx) : notFound();
	});
}

export function registerListRoutes(api: ApiRouter, store: MailchimpStore): void {
	api.add('GET', '/lists', (ctx) => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const lists = store.lists.slice(page.offset, page.offset + page.count).map((l) => listJson(store, l));
		const constraints = { may_create: false, max_instances: 3, current_total_instances: store.lists.length };
		return { status: 200, body: project({ lists, total_items: store.lists.length, constraints, _links: [] }, ctx.query) };
	});

	api.add('GET', '/lists/:list_id', withList(store, (list, ctx) => ({ status: 200, body: project(listJson(store, list), ctx.query) })));

	api.add('POST', '/lists/:list_id', withList(store, (list, ctx) => {
		const parsed = batchSubscribeSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const { members, update_existing: updateExisting } = parsed.data;
		const created: unknown[] = [];
		const updated: unknown[] = [];
		const errors: Array<Record<string, unknown>> = [];
		for (const input of members) {
			const outcome = upsertMember(store, list, input, { allowUpdate: updateExisting === true });
			if (outcome.kind !== 'error') {
				(outcome.kind === 'created' ? created : updated).push(memberJson(outcome.member));
			} else {
				const entry: Record<string, unknown> = {
					email_address: input.email_address ?? '',
					error: outcome.failure.error,
					error_code: outcome.failure.errorCode,
				};
				if (outcome.failure.field) {
					entry.field = outcome.failure.field;
					entry.field_message = outcome.failure.fieldMessage;
				}
				errors.push(entry);
			}
		}
		ctx.note({ submitted: members.length, created: created.length, updated: updated.length, errors: errors.length, max: MAX_BATCH_SUBSCRIBE });
		return {
			status: 200,
			body: {
				new_members: created,
				updated_members: updated,
				errors,
				total_created: created.length,
				total_updated: updated.length,
				error_count: errors.length,
				_links: [],
			},
		};
	}));

	api.add('GET', '/lists/:list_id/members', withList(store, (list, ctx) => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const status = parseEnum(ctx.query, 'status', MEMBER_STATUSES);
		if (isReply(status)) return status;
		const times = parseTimes(ctx.query, ['since_last_changed', 'before_last_changed', 'since_timestamp_opt', 'before_timestamp_opt']);
		if (isReply(times)) return times;
		const rows = list.members.filter(
			(m) =>
				// Archived members are listed only when asked for (status=archived): the conservative reading.
				(status ? m.status === status : m.status !== 'archived') &&
				(times.since_last_changed === undefined || m.lastChanged >= times.since_last_changed) &&
				(times.before_last_changed === undefined || m.lastChanged < times.before_last_changed) &&
				(times.since_timestamp_opt === undefined || m.signup >= times.since_timestamp_opt) &&
				(times.before_timestamp_opt === undefined || m.signup < times.before_timestamp_opt),
		);
		const members = rows.slice(page.offset, page.offset + page.count).map(memberJson);
		return { status: 200, body: project({ members, list_id: list.id, total_items: rows.length, _links: [] }, ctx.query) };
	}));

	api.add('POST', '/lists/:list_id/members', withList(store, (list, ctx) => {
		const parsed = memberInputSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		if (!parsed.data.status) return invalidResource([{ field: 'status', message: 'This value should not be blank.' }]);
		const outcome = upsertMember(store, list, { ...parsed.data, status_if_new: parsed.data.status }, { allowUpdate: false });
		if (outcome.kind === 'error') {
			if (outcome.failure.errorCode === 'ERROR_CONTACT_EXISTS') {
				const email = parsed.data.email_address ?? '';
				return problem(400, 'Member Exists', `${email} is already a list member. Use PUT to insert or update list members.`);
			}
			return memberProblem(outcome.failure);
		}
		return { status: 200, body: memberJson(outcome.member) };
	}));

	api.add('GET', '/lists/:list_id/members/:hash', withMember(store, (_list, member, ctx) => ({ status: 200, body: project(memberJson(member), ctx.query) })));

	api.add('PUT', '/lists/:list_id/members/:hash', withList(store, (list, ctx) => {
		const parsed = memberInputSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const email = parsed.data.email_address;
		if (!email) return invalidResource([{ field: 'email_address', message: 'This value should not be blank.' }]);
		if (validEmail(email) && subscriberHash(email) !== hashOf(ctx.params.hash)) {
			return invalidResource([{ field: 'email_address', message: 'The subscriber hash in the URL does not match the MD5 hash of the lowercase email address.' }]);
		}
		const outcome = upsertMember(store, list, parsed.data, { allowUpdate: true });
		if (outcome.kind === 'error') return memberProblem(outcome.failure);
		ctx.note({ upsert: outcome.kind });
		return { status: 200, body: memberJson(outcome.member) };
	}));

	api.add('PATCH', '/lists/:list_id/members/:hash', withMember(store, (list, member, ctx) => {
		const parsed = memberInputSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const newEmail = parsed.data.email_address?.trim();
		if (newEmail && subscriberHash(newEmail) !== member.id) {
			// A new address for the same member: its id (the subscriber hash) follows the address.
			if (!validEmail(newEmail)) return invalidResource([{ field: 'email_address', message: `${newEmail} looks fake or invalid, please enter a real email address.` }]);
			if (store.member(list, subscriberHash(newEmail))) return problem(400, 'Member Exists', `${newEmail} is already a list member.`);
			const index = list.byHash.get(member.id)!;
			list.byHash.delete(member.id);
			member.email = newEmail;
			member.id = subscriberHash(newEmail);
			list.byHash.set(member.id, index);
		}
		const outcome = upsertMember(store, list, { ...parsed.data, email_address: member.email }, { allowUpdate: true });
		return outcome.kind === 'error' ? memberProblem(outcome.failure) : { status: 200, body: memberJson(outcome.member) };
	}));

	// DELETE archives the member (MailChimp keeps archived contacts; a later upsert with a status brings them back).
	api.add('DELETE', '/lists/:list_id/members/:hash', withMember(store, (_list, member) => {
		member.status = 'archived';
		member.lastChanged = store.clock.now();
		return { status: 204 };
	}));

	api.add('GET', '/lists/:list_id/merge-fields', withList(store, (list, ctx) => {
		const merge_fields = mergeTagsOf(list).map((tag, i) => ({ merge_id: i + 1, tag, name: tag, type: 'text', list_id: list.id }));
		return { status: 200, body: project({ merge_fields, list_id: list.id, total_items: merge_fields.length, _links: [] }, ctx.query) };
	}));

	api.add('POST', '/lists/:list_id/merge-fields', withList(store, (list, ctx) => {
		const parsed = mergeFieldInputSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const tag = parsed.data.tag ?? parsed.data.name.toUpperCase().replace(/[^A-Z0-9_]/g, '').slice(0, 10);
		if (mergeTagsOf(list).includes(tag)) return invalidResource([{ field: 'tag', message: `The tag "${tag}" is already in use.` }]);
		list.extraMergeTags = [...(list.extraMergeTags ?? []), tag];
		return { status: 200, body: { merge_id: mergeTagsOf(list).length, tag, name: parsed.data.name, type: parsed.data.type, list_id: list.id } };
	}));

	api.add('POST', '/lists/:list_id/members/:hash/tags', withMember(store, (list, member, ctx) => {
		const parsed = memberTagsSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		for (const tag of parsed.data.tags) {
			const has = member.tags.some((t) => t.name === tag.name);
			if (tag.status === 'active' && !has) member.tags.push({ id: store.tagId(list, tag.name), name: tag.name });
			if (tag.status === 'inactive' && has) member.tags = member.tags.filter((t) => t.name !== tag.name);
		}
		member.lastChanged = store.clock.now();
		return { status: 204 };
	}));
}
