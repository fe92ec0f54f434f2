import type { INodeProperties } from 'n8n-workflow';
import { moduleLocator } from '../actions/common';
import { DEFAULT_LIFETIME_HOURS, DEFAULT_RENEW_WITHIN_HOURS } from './channel';
import { optionsCollection } from '../../shared/descriptions';

/** The Instant Trigger's parameters (its node file keeps the node-level description and webhooks). */
export const instantProperties: INodeProperties[] = [
	{
		displayName:
			'Needs the scope ZohoCRM.notifications.ALL on the Zoho CRM credential. Zoho ends a notification channel after at most one day: the node renews it on activation and on every notification that arrives within the renewal window. n8n has no timer for webhook nodes, so for a module that can stay quiet for a day, call this URL with GET every few hours (Schedule Trigger + HTTP Request), or re-activate the workflow.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	moduleLocator,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Record Created', value: 'create' },
			{ name: 'Record Deleted', value: 'delete' },
			{ name: 'Record Edited', value: 'edit' },
		],
		default: ['create', 'edit'],
		required: true,
	},
	{
		displayName: 'Fetch Full Records',
		name: 'fetchRecords',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the created or edited records by ID (100 per call) and emit them under "record"; otherwise only IDs and changed field names are emitted',
	},
	{
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: [],
		displayOptions: { show: { fetchRecords: [true] } },
		description:
			'Fields to read; empty: every field. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...optionsCollection(),
		options: [
			{
				displayName: 'Channel Lifetime (Hours)',
				name: 'channelLifetimeHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 24 },
				default: DEFAULT_LIFETIME_HOURS,
				description: 'Channel expiry set on each subscription and renewal; Zoho allows at most 24 (23 leaves room for clock skew)',
			},
			{
				displayName: 'Renew Within (Hours)',
				name: 'renewWithinHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 24 },
				default: DEFAULT_RENEW_WITHIN_HOURS,
				description: 'A notification or renewal call arriving when the channel has less than this left extends it',
			},
		],
	},
];
