import type { INodeProperties } from 'n8n-workflow';
import { concurrencyOption, moduleLocator } from './common';
import { optionsCollection } from '../../shared/descriptions';
import { operationProperties } from '../../shared/operations';
import { operations } from './router';

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

/** One Operation selector per resource. */
const operationSelectors: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create records', description: 'Insert records, 100 per call' },
			{ name: 'Create or Update', value: 'upsert', action: 'Create or update records', description: 'Create a new record, or update the current one if it already exists (upsert)' },
			{ name: 'Delete', value: 'delete', action: 'Delete records', description: 'Delete records by ID, 100 per call' },
			{ name: 'Get', value: 'get', action: 'Get records by ID', description: 'Read records by ID, 100 per call' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many records', description: 'List every record: page tokens past 2,000, Bulk Read past 100,000' },
			{ name: 'Search', value: 'search', action: 'Search records', description: 'Search by criteria, email, phone or word' },
			{ name: 'Update', value: 'update', action: 'Update records', description: 'Update records by ID, 100 per call' },
		],
		default: 'upsert',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkRead'] } },
		options: [{ name: 'Read Module', value: 'read', action: 'Read a whole module by bulk read', description: 'Export any number of records, 200,000 per job, 50 credits per job' }],
		default: 'read',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['query'] } },
		options: [{ name: 'Run COQL', value: 'coql', action: 'Run a COQL query', description: 'SELECT with WHERE, ORDER BY, LIMIT' }],
		default: 'coql',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Add a note to a record', description: 'Attach a note to a record' },
			{ name: 'Get Many', value: 'getMany', action: 'Get notes of a record', description: 'List the notes of a record' },
		],
		default: 'create',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{ name: 'Add', value: 'add', action: 'Add tags to a record', description: 'Add tags to a record' },
			{ name: 'Remove', value: 'remove', action: 'Remove tags from a record', description: 'Remove tags from a record' },
		],
		default: 'add',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [{ name: 'Convert', value: 'convert', action: 'Convert a lead', description: 'Convert a lead into a contact, account and deal' }],
		default: 'convert',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['related'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', action: 'Get related records', description: 'Records of a related list' },
			{
				name: 'Link / Update',
				value: 'link',
				action: 'Link or update related records',
				description: 'Link records to a related list or update the relation (e.g. campaign member status), 100 per call',
			},
			{ name: 'Unlink', value: 'unlink', action: 'Unlink related records', description: 'Remove records from a related list, 100 per call' },
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [{ name: 'Call', value: 'call', action: 'Make an API call', description: 'Any method and path on your API domain' }],
		default: 'call',
	},
];

const moduleProperty: INodeProperties = {
	...moduleLocator,
	displayOptions: { show: { resource: ['record', 'note', 'tag', 'related', 'bulkRead'] } },
};

const options: INodeProperties = { ...optionsCollection(), options: [concurrencyOption] };

export const properties: INodeProperties[] = [resource, ...operationSelectors, moduleProperty, ...operationProperties(operations), options];
