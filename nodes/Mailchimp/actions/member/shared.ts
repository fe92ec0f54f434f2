import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { mergeFieldsFrom, tagList } from './values';

export const audienceProperty: INodeProperties = {
	displayName: 'Audience Name or ID',
	name: 'listId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getAudiences' },
	default: '',
	required: true,
	description:
		'The audience (list). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const emailProperty: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	required: true,
	description: "The member's email address",
};

export const STATUS_OPTIONS = [
	{ name: 'Cleaned', value: 'cleaned' },
	{ name: 'Pending (Double Opt-In)', value: 'pending' },
	{ name: 'Subscribed', value: 'subscribed' },
	{ name: 'Transactional', value: 'transactional' },
	{ name: 'Unsubscribed', value: 'unsubscribed' },
];

/** Member fields both upserts accept, in an "Additional Fields" collection. */
export const memberFieldOptions: INodeProperties[] = [
	{
		displayName: 'Email Type',
		name: 'emailType',
		type: 'options',
		options: [
			{ name: 'HTML', value: 'html' },
			{ name: 'Text', value: 'text' },
		],
		default: 'html',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: "The member's language code",
	},
	{
		displayName: 'Merge Fields',
		name: 'mergeFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Merge Field',
		default: {},
		options: [
			{
				name: 'field',
				displayName: 'Merge Field',
				values: [
					{ displayName: 'Tag', name: 'name', type: 'string', default: '', placeholder: 'e.g. FNAME' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. Customer, Webinar 2024',
		description: 'Comma-separated tag names to add to the member',
	},
	{
		displayName: 'VIP',
		name: 'vip',
		type: 'boolean',
		default: false,
		description: 'Whether the member is a VIP',
	},
];

export interface MemberFields {
	body: IDataObject;
	tags: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The trimmed email of an item; a NodeOperationError naming the item when empty or not an address at all. */
export function readEmail(ctx: IExecuteFunctions, itemIndex: number): string {
	const email = String(ctx.getNodeParameter('email', itemIndex, '') ?? '').trim();
	if (!EMAIL.test(email)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "Email": "${email}" is not an email address`, { itemIndex });
	}
	return email;
}

/** merge_fields, language, vip, email_type from the collection; tags apart (they travel differently per endpoint). */
export function readMemberFields(ctx: IExecuteFunctions, itemIndex: number): MemberFields {
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const merge = mergeFieldsFrom(((extra.mergeFields as IDataObject | undefined)?.field as IDataObject[] | undefined) ?? []);
	if (Object.keys(merge).length) body.merge_fields = merge;
	if (typeof extra.language === 'string' && extra.language.trim()) body.language = extra.language.trim();
	if (extra.vip !== undefined) body.vip = extra.vip === true;
	if (extra.emailType) body.email_type = extra.emailType;
	return { body, tags: tagList(extra.tags) };
}
