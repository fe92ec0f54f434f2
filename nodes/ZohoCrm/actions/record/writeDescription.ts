import type { INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../../shared/operations';
import { recordIdProperty } from '../recordIdProperty';
import { writeMethodProperties } from './writeMethod';

/** The properties of Create, Update and Create or Update, shown for that operation only. */
export function writeDescription(operation: 'create' | 'update' | 'upsert'): INodeProperties[] {
	const mapperMode = operation === 'create' ? 'add' : operation;
	return forOperation('record', operation, [
		...(operation === 'update' ? [recordIdProperty('ID of the record to update')] : []),
		{
			displayName: 'Fields to Send',
			name: 'fieldsToSend',
			type: 'options',
			options: [
				{ name: 'Map Each Field', value: 'mapper', description: 'Typed fields loaded from the module' },
				{ name: 'JSON', value: 'json', description: 'A JSON object of API names and values' },
			],
			default: 'mapper',
		},
		{
			displayName: 'Fields',
			name: 'columns',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			typeOptions: {
				loadOptionsDependsOn: ['module.value'],
				resourceMapper: {
					resourceMapperMethod: 'getMappingColumns',
					mode: mapperMode,
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: false,
					multiKeyMatch: false,
					supportAutoMap: true,
				},
			},
			displayOptions: { show: { fieldsToSend: ['mapper'] } },
		},
		{
			displayName: 'JSON',
			name: 'jsonFields',
			type: 'json',
			default: '{\n  "Last_Name": "Doe",\n  "Company": "Acme"\n}',
			description: 'Field API names and values of the record',
			displayOptions: { show: { fieldsToSend: ['json'] } },
		},
		...(operation === 'upsert'
			? [
					{
						displayName: 'Duplicate Check Field Names or IDs',
						name: 'duplicateCheckFields',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getDuplicateCheckFields', loadOptionsDependsOn: ['module.value'] },
						default: [],
						description:
							'Fields that identify an existing record. Empty: Zoho’s defaults (Email for Leads/Contacts, Account_Name, Deal_Name, Name for custom modules, and unique fields). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Automation',
			name: 'automation',
			type: 'options',
			options: [
				{ name: 'Zoho Default', value: 'default', description: 'Let Zoho run its default automation' },
				{ name: 'None', value: 'none', description: 'Run no workflow rules, approvals or blueprints' },
				{ name: 'Selected', value: 'selected', description: 'Run only the automation selected below' },
			],
			default: 'default',
		},
		{
			displayName: 'Run',
			name: 'triggers',
			type: 'multiOptions',
			options: [
				{ name: 'Approval', value: 'approval' },
				{ name: 'Blueprint', value: 'blueprint' },
				{ name: 'Workflow Rules', value: 'workflow' },
			],
			default: ['workflow'],
			displayOptions: { show: { automation: ['selected'] } },
		},
		...writeMethodProperties(),
	]);
}
