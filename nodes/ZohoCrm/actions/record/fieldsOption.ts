import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ZohoClient } from '../../transport';
import { moduleFields } from '../../transport/metadata';

export function fieldsProperty(): INodeProperties {
	return {
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFields', loadOptionsDependsOn: ['module.value'] },
		default: [],
		hint: 'Leave empty to return every field',
		description:
			'Fields to return. Empty: every field (Zoho allows 50 per call; more are read in parallel column sets and merged). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

/** The fields to read: the user's choice, or every field of the module. */
export async function fieldsToRead(
	ctx: IExecuteFunctions,
	client: ZohoClient,
	module: string,
	itemIndex: number,
): Promise<string[]> {
	const chosen = ctx.getNodeParameter('fields', itemIndex, []) as string[] | string;
	const list = Array.isArray(chosen) ? chosen : String(chosen).split(',');
	const cleaned = list.map((f) => f.trim()).filter(Boolean);
	if (cleaned.length) return cleaned;
	return (await moduleFields(ctx, client, module, itemIndex)).map((f) => f.api_name);
}
