import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { zohoClient } from '../transport';
import { listModules } from '../transport/metadata';
import { listRelatedLists } from '../transport/relatedRecords';

/** Modules the API can work with (custom modules included), searchable by label or API name. */
export async function searchModules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await zohoClient(this);
	const needle = (filter ?? '').toLowerCase();
	const results = (await listModules(this, client))
		.filter((m) => m.api_supported !== false)
		.map((m) => ({
			name: `${m.plural_label ?? m.api_name}${m.generated_type === 'custom' ? ' (custom)' : ''}`,
			value: m.api_name,
		}))
		.filter((m) => !needle || m.name.toLowerCase().includes(needle) || m.value.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** The related lists of the chosen module (`GET /settings/related_lists`), searchable by label or API name. */
export async function searchRelatedLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const module = this.getNodeParameter('module', '', { extractValue: true }) as string;
	if (!module) return { results: [] };
	const needle = (filter ?? '').toLowerCase();
	const results = (await listRelatedLists(this, await zohoClient(this), module))
		.map((r) => ({ name: `${r.display_label ?? r.api_name} (${r.api_name})`, value: r.api_name }))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
