import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { ZohoField } from '../../transport/metadata';
import { convertValue, isEmptyValue } from './convertValue';

/** The record an item writes: its JSON object, or its mapped fields converted to Zoho's types. */
export async function recordFromItem(ctx: IExecuteFunctions, itemIndex: number, fields: () => Promise<ZohoField[]>): Promise<IDataObject> {
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
