import type { INodeProperties } from 'n8n-workflow';

/** The field picker of one condition row (Search's conditions, Bulk Read's conditions). */
export function conditionFieldProperty(): INodeProperties {
	return {
		displayName: 'Field Name or ID',
		name: 'field',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}

/** Whether all conditions must match or any one. */
export function combineConditionsProperty(name: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Combine Conditions',
		name,
		type: 'options',
		options: [
			{ name: 'All (AND)', value: 'and' },
			{ name: 'Any (OR)', value: 'or' },
		],
		default: 'and',
		...(displayOptions ? { displayOptions } : {}),
	};
}
