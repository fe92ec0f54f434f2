import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { WriteAction } from '../../transport/batching';
import { moduleFields, type ZohoField } from '../../transport/metadata';
import { readRecordId } from '../recordIdProperty';
import { writeGroup, type WriteGroup } from './writeGroup';
import { writeMethodProperties } from './writeMethod';
import { asNodeError, batchItemError, clientFor, concurrencyOf, errorItem, getModule, zohoError } from '../common';

export function writeProperties(operation: 'create' | 'update' | 'upsert'): INodeProperties[] {
	const show = { resource: ['record'], operation: [operation] };
	const mapperMode = operation === 'create' ? 'add' : operation;
	return [
		...(operation === 'update'
			? [
					{
						displayName: 'Record ID',
						name: 'recordId',
						type: 'string',
						default: '={{ $json.id }}',
						required: true,
						description: 'ID of the record to update',
						displayOptions: { show },
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Fields to Send',
			name: 'fieldsToSend',
			type: 'options',
			options: [
				{ name: 'Map Each Field', value: 'mapper', description: 'Typed fields loaded from the module' },
				{ name: 'JSON', value: 'json', description: 'A JSON object of API names and values' },
			],
			default: 'mapper',
			displayOptions: { show },
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
			displayOptions: { show: { ...show, fieldsToSend: ['mapper'] } },
		},
		{
			displayName: 'JSON',
			name: 'jsonFields',
			type: 'json',
			default: '{\n  "Last_Name": "Doe",\n  "Company": "Acme"\n}',
			description: 'Field API names and values of the record',
			displayOptions: { show: { ...show, fieldsToSend: ['json'] } },
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
						displayOptions: { show },
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
			displayOptions: { show },
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
			displayOptions: { show: { ...show, automation: ['selected'] } },
		},
		...writeMethodProperties(operation),
	];
}

function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Converts a mapped value to what Zoho expects for the field's data type. */
export function convertValue(field: ZohoField | undefined, value: unknown): unknown {
	if (!field || isEmptyValue(value)) return value;
	switch (field.data_type) {
		case 'lookup':
		case 'ownerlookup':
			return typeof value === 'string' || typeof value === 'number' ? { id: String(value) } : value;
		case 'multiselectpicklist':
			return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
		case 'integer':
		case 'bigint':
		case 'double':
		case 'currency':
		case 'percent':
		case 'decimal':
			return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
		case 'boolean':
			return value === 'true' ? true : value === 'false' ? false : value;
		case 'date':
			return typeof value === 'string' && value.length > 10 && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
		case 'datetime':
			return typeof value === 'string' ? value.replace(/\.\d{3}(?=[+-Z])/, '').replace(/Z$/, '+00:00') : value;
		default:
			return value;
	}
}

async function recordFromItem(ctx: IExecuteFunctions, itemIndex: number, fields: () => Promise<ZohoField[]>): Promise<IDataObject> {
	const mode = ctx.getNodeParameter('fieldsToSend', itemIndex, 'mapper') as string;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('jsonFields', itemIndex, '{}') as string | IDataObject;
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = jsonParse(raw);
			} catch {
				throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "JSON": not valid JSON`, { itemIndex });
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "JSON": expected one JSON object per item`, { itemIndex });
		}
		return parsed as IDataObject;
	}
	const mapper = ctx.getNodeParameter('columns', itemIndex) as ResourceMapperValue;
	const known = new Map((await fields()).map((f) => [f.api_name, f]));
	const source: IDataObject =
		mapper.mappingMode === 'autoMapInputData' ? ctx.getInputData()[itemIndex].json : ((mapper.value ?? {}) as IDataObject);
	const record: IDataObject = {};
	for (const [key, value] of Object.entries(source)) {
		if (mapper.mappingMode === 'autoMapInputData' && !known.has(key)) continue;
		if (mapper.mappingMode === 'defineBelow' && isEmptyValue(value)) continue;
		if (!known.has(key) && key !== 'id') {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${key}": not a field of this module`, { itemIndex });
		}
		record[key] = convertValue(known.get(key), value) as IDataObject[keyof IDataObject];
	}
	return record;
}

function triggerOf(ctx: IExecuteFunctions): string[] | undefined {
	const automation = ctx.getNodeParameter('automation', 0, 'default') as string;
	if (automation === 'none') return [];
	if (automation === 'selected') return ctx.getNodeParameter('triggers', 0, []) as string[];
	return undefined;
}

/**
 * Create / update / upsert: every item's record first, then calls of 100 records, each item
 * answered from its own slot of the result. Items are grouped by module (a parameter per item).
 */
export async function executeWrite(ctx: IExecuteFunctions, action: WriteAction): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const client = await clientFor(ctx);
	const results: INodeExecutionData[][] = items.map(() => []);
	const groups = new Map<string, WriteGroup>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const module = getModule(ctx, itemIndex);
			const record = await recordFromItem(ctx, itemIndex, async () => await moduleFields(ctx, client, module, itemIndex));
			if (action === 'update') {
				const id = readRecordId(ctx, itemIndex);
				record.id = id;
			}
			const duplicateCheckFields =
				action === 'upsert' ? (ctx.getNodeParameter('duplicateCheckFields', itemIndex, []) as string[]) : undefined;
			const key = `${module}|${(duplicateCheckFields ?? []).join(',')}`;
			let group = groups.get(key);
			if (!group) groups.set(key, (group = { module, duplicateCheckFields, pending: [] }));
			group.pending.push({ itemIndex, record });
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx, error, itemIndex);
			results[itemIndex] = [errorItem(itemIndex, error, client.secrets)];
		}
	}
	const trigger = triggerOf(ctx);
	for (const group of groups.values()) {
		const answers = await writeGroup(ctx, client, group, action, trigger, concurrencyOf(client));
		for (const answer of answers) {
			if (answer.ok) {
				results[answer.itemIndex] = [
					{
						json: {
							...answer.details,
							status: 'success',
							...(answer.message ? { message: answer.message } : {}),
							...(answer.action ? { action: answer.action } : {}),
							...(answer.duplicateField !== undefined ? { duplicate_field: answer.duplicateField } : {}),
						},
						pairedItem: { item: answer.itemIndex },
					},
				];
				continue;
			}
			const error =
				'thrown' in answer
					? batchItemError(ctx, answer.thrown, answer.itemIndex)
					: zohoError(ctx, { status: answer.status, error: answer.error }, { itemIndex: answer.itemIndex, module: group.module, action });
			if (!ctx.continueOnFail()) throw error;
			results[answer.itemIndex] = [errorItem(answer.itemIndex, error, client.secrets)];
		}
	}
	return results.flat();
}
