import type { INodeProperties } from 'n8n-workflow';
import { optionsCollection, startFromProperties } from '../../shared/descriptions';
import { moduleLocator } from '../actions/common';

export const pollProperties: INodeProperties[] = [
	{
		displayName:
			'Reads changes oldest first from a cursor kept in the workflow (record times from Zoho, ties on the same second resolved by ID): each change is emitted once, and a backlog larger than one poll continues at the next poll.',
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [
			{ name: 'New Record', value: 'created', description: 'Records created since the last poll (cursor on Created_Time)' },
			{
				name: 'New or Updated Record',
				value: 'createdOrUpdated',
				description: 'Every record created or changed since the last poll (cursor on Modified_Time)',
			},
			{
				name: 'Updated Record',
				value: 'updated',
				description: 'Records changed after their creation since the last poll (cursor on Modified_Time)',
			},
		],
		default: 'createdOrUpdated',
	},
	moduleLocator,
	{
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: [],
		description:
			'Fields to emit; ID, Created_Time and Modified_Time always come along. Empty: every field (read by ID for the changed records only, after a field metadata call). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...startFromProperties({
		now: 'Only changes after activation (measured by the newest record in Zoho, not by the n8n clock)',
		date: 'Everything changed at or after a date, then each change since',
		description: 'Where the cursor starts on the first activation; changing it (or the module, event or view) starts over',
	}),
	{
		...optionsCollection(),
		options: [
			{
				displayName: 'Custom View ID',
				name: 'cvid',
				type: 'string',
				default: '',
				description: 'Only records of this custom view',
			},
			{
				displayName: 'Max Pages per Poll',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 500 },
				default: 10,
				description:
					'Pages of 200 changed records read per poll (10 = 2,000 records). A larger backlog is not dropped: the next poll continues where this one stopped.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Record', value: 'perRecord' },
					{ name: 'One Item with All Records', value: 'single', description: 'JSON: { records: [...], count }' },
				],
				default: 'perRecord',
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 0,
				description:
					'Also re-read this many seconds before the cursor, for changes that Zoho stamps with a slightly older time than changes already read. Records already emitted at the same time are never emitted twice.',
			},
		],
	},
];
