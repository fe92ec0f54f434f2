import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A repeatable list of name/value pairs (query parameters, headers, form fields); read as `<name>.parameter`. */
export function nameValueCollection(options: {
	displayName: string;
	name: string;
	placeholder: string;
	itemName: string;
	displayOptions?: IDisplayOptions;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: options.placeholder,
		default: {},
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		options: [
			{
				name: 'parameter',
				displayName: options.itemName,
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}
