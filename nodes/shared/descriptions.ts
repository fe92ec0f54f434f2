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

/** The HTTP method of a custom API call. */
export function httpMethodProperty(displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** A polling trigger's "Start From" (now or a date) and the "Start Date" it shows for a date. */
export function startFromProperties(options: { now: string; date: string; description?: string }): INodeProperties[] {
	return [
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'options',
			options: [
				{ name: 'Now', value: 'now', description: options.now },
				{ name: 'A Date', value: 'date', description: options.date },
			],
			default: 'now',
			...(options.description ? { description: options.description } : {}),
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { startFrom: ['date'] } },
		},
	];
}

/** The head of the "Options" collection most operations and triggers end with; spread it, then add `options`. */
export function optionsCollection(): Pick<INodeProperties, 'displayName' | 'name' | 'type' | 'placeholder' | 'default'> {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {} };
}

/** The Return All / Limit pair of a listing; `maxLimit` where the API stops (e.g. search at 2,000). */
export function returnAllAndLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit === undefined ? {} : { maxValue: maxLimit }) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
