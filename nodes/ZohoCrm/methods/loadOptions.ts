import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { zohoClient } from '../transport';
import { moduleFields } from '../transport/metadata';

function currentModule(ctx: ILoadOptionsFunctions): string {
	return ctx.getNodeParameter('module', '', { extractValue: true }) as string;
}

export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const fields = await moduleFields(this, await zohoClient(this), module);
	return fields
		.map((f) => ({ name: `${f.field_label ?? f.api_name} (${f.api_name})`, value: f.api_name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Fields Zoho can match upserts on: unique fields plus the usual identity fields. */
export async function getDuplicateCheckFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const module = currentModule(this);
	if (!module) return [];
	const fields = await moduleFields(this, await zohoClient(this), module);
	const identity = new Set(['Email', 'Account_Name', 'Deal_Name', 'Name', 'Campaign_Name', 'Phone', 'Mobile', 'Secondary_Email']);
	return fields
		.filter((f) => (f.unique && f.unique !== null) || identity.has(f.api_name))
		.map((f) => ({ name: `${f.field_label ?? f.api_name} (${f.api_name})`, value: f.api_name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
