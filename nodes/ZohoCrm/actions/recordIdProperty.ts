import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The Record ID of an operation; its operation file shows it (forOperation). */
export function recordIdProperty(description = 'ID of the record'): INodeProperties {
	return {
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description,
	};
}

export function readRecordId(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId', label = 'Record ID'): string {
	const id = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${label}": "${id}" is not a Zoho record ID`, { itemIndex });
	}
	return id;
}
