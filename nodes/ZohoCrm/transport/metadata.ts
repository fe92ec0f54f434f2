import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { contextCache } from '../../shared/contextCache';
import { expectOk, zohoCall, type ZohoClient } from './index';

export interface ZohoField {
	api_name: string;
	field_label?: string;
	data_type?: string;
	system_mandatory?: boolean;
	read_only?: boolean;
	unique?: { casesensitive?: string } | boolean | null;
	pick_list_values?: Array<{ display_value: string; actual_value: string }>;
	lookup?: { module?: { api_name?: string } };
	length?: number;
}

export interface ZohoModule {
	api_name: string;
	plural_label?: string;
	singular_label?: string;
	module_name?: string;
	api_supported?: boolean;
	generated_type?: string;
	creatable?: boolean;
	viewable?: boolean;
}

const fieldCache = contextCache<Map<string, Promise<ZohoField[]>>>();

/** A module's field metadata, read once per execution. */
export async function moduleFields(ctx: HostContext, client: ZohoClient, module: string, itemIndex?: number): Promise<ZohoField[]> {
	let byModule = fieldCache.get(ctx);
	if (!byModule) fieldCache.set(ctx, (byModule = new Map()));
	let pending = byModule.get(module);
	if (!pending) {
		pending = (async () => {
			const answer = await zohoCall(ctx, client, { method: 'GET', path: '/settings/fields', qs: { module } }, itemIndex);
			const body = expectOk(ctx, answer, { itemIndex, module, action: 'read field metadata' }) ?? {};
			return ((body.fields as IDataObject[] | undefined) ?? []) as unknown as ZohoField[];
		})();
		byModule.set(module, pending);
	}
	return await pending;
}

export async function listModules(ctx: HostContext, client: ZohoClient): Promise<ZohoModule[]> {
	const answer = await zohoCall(ctx, client, { method: 'GET', path: '/settings/modules' });
	const body = expectOk(ctx, answer, { action: 'list modules' }) ?? {};
	return ((body.modules as IDataObject[] | undefined) ?? []) as unknown as ZohoModule[];
}

export async function listUsers(ctx: HostContext, client: ZohoClient): Promise<Array<{ id: string; full_name?: string; email?: string }>> {
	const answer = await zohoCall(ctx, client, { method: 'GET', path: '/users', qs: { type: 'ActiveUsers', per_page: 200 } });
	if (answer.status === 204) return [];
	const body = expectOk(ctx, answer, { action: 'list users' }) ?? {};
	return ((body.users as IDataObject[] | undefined) ?? []) as unknown as Array<{ id: string; full_name?: string; email?: string }>;
}
