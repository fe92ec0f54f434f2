import type { Reply } from '../core/types';
import { errorReply, invalidModule, noContent, requiredParamMissing } from './errors';
import { defaultLength, JSON_TYPES, type FieldDef, type ModuleDef } from './fieldTypes';
import type { ZohoStore } from './store';
import { USERS } from './users';
import { viewsOf } from './views';

/** Stable ids for metadata: module id + position. */
const fieldId = (module: ModuleDef, index: number): string => `${module.id.slice(0, 15)}${String(3000 + index)}`;

export function moduleSummary(m: ModuleDef, base: string): Record<string, unknown> {
	return {
		api_name: m.api_name,
		module_name: m.api_name,
		singular_label: m.singular_label,
		plural_label: m.plural_label,
		id: m.id,
		generated_type: m.generated_type,
		api_supported: m.api_supported,
		creatable: m.api_supported,
		editable: m.api_supported,
		deletable: m.api_supported,
		viewable: true,
		visible: true,
		global_search_supported: m.api_supported,
		modified_time: null,
		status: 'visible',
		href: m.api_supported ? `${base}/${m.api_name}` : null,
	};
}

export function fieldMeta(module: ModuleDef, field: FieldDef, index: number): Record<string, unknown> {
	const out: Record<string, unknown> = {
		api_name: field.api_name,
		field_label: field.field_label,
		display_label: field.field_label,
		id: fieldId(module, index),
		data_type: field.data_type,
		json_type: field.tag ? 'jsonarray' : JSON_TYPES[field.data_type],
		length: field.length ?? defaultLength(field.data_type) ?? null,
		system_mandatory: field.system_mandatory ?? false,
		read_only: field.read_only ?? false,
		field_read_only: field.read_only ?? false,
		custom_field: field.custom_field ?? false,
		unique: field.unique ?? false,
		visible: true,
		searchable: !field.tag && field.data_type !== 'textarea',
		sortable: true,
		pick_list_values: (field.pick_list_values ?? []).map((v, i) => ({ display_value: v, actual_value: v, sequence_number: i + 1, id: `${fieldId(module, index)}${i}` })),
		lookup: {},
	};
	if (field.data_type === 'lookup') {
		out.lookup = field.lookup_module
			? { module: { api_name: field.lookup_module, id: null }, display_label: field.field_label, api_name: field.api_name }
			: { module: null, display_label: field.field_label, api_name: field.api_name };
	}
	return out;
}

function moduleParam(store: ZohoStore, query: URLSearchParams): ModuleDef | Reply {
	const name = query.get('module');
	if (!name) return requiredParamMissing('module');
	const module = store.module(name);
	if (!module) return invalidModule(name);
	return module;
}

const isModule = (v: ModuleDef | Reply): v is ModuleDef => 'api_name' in v;

export function listModules(store: ZohoStore, base: string): Reply {
	return { status: 200, body: { modules: store.modules.map((m) => moduleSummary(m, base)) } };
}

export function getModule(store: ZohoStore, name: string, base: string): Reply {
	const module = store.module(name);
	if (!module) return invalidModule(name);
	return { status: 200, body: { modules: [{ ...moduleSummary(module, base), fields: module.fields.map((f, i) => fieldMeta(module, f, i)) }] } };
}

export function listFields(store: ZohoStore, query: URLSearchParams): Reply {
	const module = moduleParam(store, query);
	if (!isModule(module)) return module;
	if (!module.api_supported) return errorReply(400, 'NOT_SUPPORTED', `the module ${module.api_name} is not supported in the API`, { module: module.api_name });
	return { status: 200, body: { fields: module.fields.map((f, i) => fieldMeta(module, f, i)) } };
}

export function listLayouts(store: ZohoStore, query: URLSearchParams): Reply {
	const module = moduleParam(store, query);
	if (!isModule(module)) return module;
	const fields = module.fields.map((f, i) => fieldMeta(module, f, i));
	return {
		status: 200,
		body: {
			layouts: [
				{
					id: `${module.id.slice(0, 15)}0901`,
					name: 'Standard',
					display_label: 'Standard',
					status: 'active',
					visible: true,
					profiles: [{ name: 'Administrator', id: '5725767000000026011', default: true }],
					sections: [
						{ display_label: `${module.singular_label} Information`, api_name: `${module.singular_label}_Information`, sequence_number: 1, fields: fields.filter((f) => !f.custom_field) },
						{ display_label: 'Custom Fields', api_name: 'Custom_Fields', sequence_number: 2, fields: fields.filter((f) => f.custom_field) },
					],
				},
			],
		},
	};
}

export function listRelatedLists(store: ZohoStore, query: URLSearchParams): Reply {
	const module = moduleParam(store, query);
	if (!isModule(module)) return module;
	return {
		status: 200,
		body: {
			related_lists: module.related_lists.map((r, i) => ({
				api_name: r.api_name,
				display_label: r.display_label,
				name: r.api_name,
				module: { api_name: r.module, id: store.module(r.module)?.id ?? null },
				type: 'default',
				sequence_number: String(i + 1),
				visible: true,
				href: `${module.api_name}/{ENTITYID}/${r.api_name}`,
				id: `${module.id.slice(0, 15)}07${String(i + 1).padStart(2, '0')}`,
			})),
		},
	};
}

export function listCustomViews(store: ZohoStore, query: URLSearchParams): Reply {
	const module = moduleParam(store, query);
	if (!isModule(module)) return module;
	const views = viewsOf(module.api_name);
	if (views.length === 0) return noContent();
	return {
		status: 200,
		body: { custom_views: views.map((v) => ({ id: v.id, display_value: v.display_value, system_name: v.system_name, default: v.system_name === 'ALLVIEWS', module: { api_name: module.api_name } })) },
	};
}

const USER_TYPES = ['AllUsers', 'ActiveUsers', 'DeactiveUsers', 'AdminUsers', 'ActiveConfirmedUsers', 'CurrentUser'];

export function listUsers(query: URLSearchParams): Reply {
	const type = query.get('type') ?? 'AllUsers';
	if (!USER_TYPES.includes(type)) return errorReply(400, 'INVALID_DATA', `type must be one of ${USER_TYPES.join(', ')}`, { param_name: 'type' });
	const users = USERS.filter((u) => {
		if (type === 'ActiveUsers' || type === 'ActiveConfirmedUsers') return u.status === 'active';
		if (type === 'DeactiveUsers') return u.status !== 'active';
		if (type === 'AdminUsers') return u.type === 'AdminUsers';
		if (type === 'CurrentUser') return u === USERS[0];
		return true;
	});
	if (users.length === 0) return noContent();
	return {
		status: 200,
		body: {
			users: users.map((u) => {
				const out: Record<string, unknown> = { ...u, confirm: true, time_zone: 'Etc/UTC', locale: 'en_US' };
				delete out.type;
				return out;
			}),
			info: { per_page: 200, count: users.length, page: 1, more_records: false },
		},
	};
}
