import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, requiredString, eachItem } from '../common';
import { mailchimpRequest } from '../../transport';
import { subscriberHash } from '../../transport/members';
import { audienceProperty, emailProperty, memberFieldOptions, readEmail, readMemberFields, STATUS_OPTIONS } from './shared';

export const description: INodeProperties[] = forOperation('member', 'upsert', [
	audienceProperty,
	emailProperty,
	{
		displayName: 'Status If New',
		name: 'statusIfNew',
		type: 'options',
		options: STATUS_OPTIONS,
		default: 'subscribed',
		description: 'Status given to the member when the address is not in the audience yet; an existing member keeps theirs',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: ([
			...memberFieldOptions,
			{
				displayName: 'Skip Merge Validation',
				name: 'skipMergeValidation',
				type: 'boolean',
				default: false,
				description: 'Whether to accept the member even when required merge fields are missing',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'subscribed',
				description: 'Also set this status on an existing member (leave unset to keep their status)',
			},
		] as INodeProperties[]).sort((a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName)),
	},
]);

/**
 * PUT /lists/{id}/members/{md5(lowercase email)} with status_if_new. Tags are not part of that
 * body in MailChimp's API: when given, they are added with POST .../members/{hash}/tags.
 */
export const execute = eachItem(async (ctx, client, itemIndex) => {
	const listId = requiredString(ctx, 'listId', 'Audience', itemIndex);
	const email = readEmail(ctx, itemIndex);
	const statusIfNew = ctx.getNodeParameter('statusIfNew', itemIndex, 'subscribed') as string;
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { body, tags } = readMemberFields(ctx, itemIndex);
	const hash = subscriberHash(email);
	const payload: IDataObject = { email_address: email, status_if_new: statusIfNew, ...body };
	if (extra.status) payload.status = extra.status;
	const site = { itemIndex, action: 'Upsert member', subject: `email "${email}"` };
	const path = `/lists/${encodeURIComponent(listId)}/members/${hash}`;
	const member =
		(await mailchimpRequest(
			ctx,
			client,
			{ method: 'PUT', path, qs: extra.skipMergeValidation ? { skip_merge_validation: true } : undefined, body: payload },
			site,
		)) ?? {};
	if (tags.length) {
		await mailchimpRequest(
			ctx,
			client,
			{ method: 'POST', path: `${path}/tags`, body: { tags: tags.map((name) => ({ name, status: 'active' })) }, idempotent: true },
			{ ...site, action: 'Add member tags' },
		);
		const known = Array.isArray(member.tags) ? (member.tags as IDataObject[]) : [];
		const names = new Set(known.map((t) => String(t.name)));
		member.tags = [...known, ...tags.filter((t) => !names.has(t)).map((name) => ({ name }))];
		member.tags_count = (member.tags as IDataObject[]).length;
	}
	return [member];
});
