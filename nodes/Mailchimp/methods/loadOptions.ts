import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { mailchimpClient, type Authentication } from '../transport';
import { fetchPaged } from '../transport/paging';

async function client(ctx: ILoadOptionsFunctions) {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as Authentication;
	return await mailchimpClient(ctx, authentication);
}

/** Audiences (lists) by name, all pages at 1,000, only id and name requested. */
export async function getAudiences(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const lists = await fetchPaged(
		this,
		await client(this),
		{ path: '/lists', collection: 'lists', qs: { fields: 'lists.id,lists.name,total_items' }, limit: Infinity },
		{ action: 'Load audiences' },
	);
	return lists
		.map((l) => ({ name: String(l.name ?? l.id), value: String(l.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Campaign folders by name. */
export async function getFolders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const folders = await fetchPaged(
		this,
		await client(this),
		{ path: '/campaign-folders', collection: 'folders', qs: { fields: 'folders.id,folders.name,total_items' }, limit: Infinity },
		{ action: 'Load campaign folders' },
	);
	return folders
		.map((f) => ({ name: String(f.name ?? f.id), value: String(f.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
