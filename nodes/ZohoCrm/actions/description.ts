import type { INodeProperties } from 'n8n-workflow';
import { concurrencyOption, moduleLocator } from './common';
import { OPERATIONS } from './router';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Bulk Read', value: 'bulkRead' },
		{ name: 'COQL Query', value: 'query' },
		{ name: 'Custom API Call', value: 'customApiCall' },
		{ name: 'Lead', value: 'lead' },
		{ name: 'Note', value: 'note' },
		{ name: 'Record', value: 'record' },
		{ name: 'Related Record', value: 'related' },
		{ name: 'Tag', value: 'tag' },
	],
	default: 'record',
};

function operation(resourceName: string, options: Array<{ name: string; value: string; action: string; description: string }>, fallback: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resourceName] } },
		options,
		default: fallback,
	};
}

const operations: INodeProperties[] = [
	operation(
		'record',
		[
			{ name: 'Create', value: 'create', action: 'Create records', description: 'Insert records, 100 per call' },
			{ name: 'Delete', value: 'delete', action: 'Delete records', description: 'Delete records by ID, 100 per call' },
			{ name: 'Get', value: 'get', action: 'Get records by ID', description: 'Read records by ID, 100 per call' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many records', description: 'List every record: page tokens past 2,000, Bulk Read past 100,000' },
			{ name: 'Search', value: 'search', action: 'Search records', description: 'Search by criteria, email, phone or word' },
			{ name: 'Update', value: 'update', action: 'Update records', description: 'Update records by ID, 100 per call' },
			{ name: 'Create or Update', value: 'upsert', action: 'Create or update records', description: 'Create a new record, or update the current one if it already exists (upsert)' },
		],
		'upsert',
	),
	operation(
		'bulkRead',
		[{ name: 'Read Module', value: 'read', action: 'Read a whole module by bulk read', description: 'Export any number of records, 200,000 per job, 50 credits per job' }],
		'read',
	),
	operation('query', [{ name: 'Run COQL', value: 'coql', action: 'Run a COQL query', description: 'SELECT with WHERE, ORDER BY, LIMIT' }], 'coql'),
	operation(
		'note',
		[
			{ name: 'Create', value: 'create', action: 'Add a note to a record', description: 'Attach a note to a record' },
			{ name: 'Get Many', value: 'getMany', action: 'Get notes of a record', description: 'List the notes of a record' },
		],
		'create',
	),
	operation(
		'tag',
		[
			{ name: 'Add', value: 'add', action: 'Add tags to a record', description: 'Add tags to a record' },
			{ name: 'Remove', value: 'remove', action: 'Remove tags from a record', description: 'Remove tags from a record' },
		],
		'add',
	),
	operation('lead', [{ name: 'Convert', value: 'convert', action: 'Convert a lead', description: 'Convert a lead into a contact, account and deal' }], 'convert'),
	operation(
		'related',
		[
			{ name: 'Get Many', value: 'getMany', action: 'Get related records', description: 'Records of a related list' },
			{
				name: 'Link / Update',
				value: 'link',
				action: 'Link or update related records',
				description: 'Link records to a related list or update the relation (e.g. campaign member status), 100 per call',
			},
			{ name: 'Unlink', value: 'unlink', action: 'Unlink related records', description: 'Remove records from a related list, 100 per call' },
		],
		'getMany',
	),
	operation('customApiCall', [{ name: 'Call', value: 'call', action: 'Call any Zoho API endpoint', description: 'Any method and path on your API domain' }], 'call'),
];

const moduleProperty: INodeProperties = {
	...moduleLocator,
	displayOptions: { show: { resource: ['record', 'note', 'tag', 'related', 'bulkRead'] } },
};

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [concurrencyOption],
};

function uniqueByName(properties: INodeProperties[]): INodeProperties[] {
	return properties;
}

export const properties: INodeProperties[] = uniqueByName([
	resource,
	...operations,
	moduleProperty,
	...Object.values(OPERATIONS).flatMap((op) => op.description),
	options,
]);
