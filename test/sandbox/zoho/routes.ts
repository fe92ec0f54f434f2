import type { SandboxServer } from '../core/server';
import type { Reply, RequestContext } from '../core/types';
import { opForMethod, type CrmAuth, type ScopeNeed } from './auth';
import type { Clock } from './clock';
import { supportedApis } from './apis';
import { runCoql } from './coql';
import { errorReply, invalidModule, noContent, requiredParamMissing } from './errors';
import type { ModuleDef } from './fieldTypes';
import { listRecords } from './list';
import { getModule, listCustomViews, listFields, listLayouts, listModules, listRelatedLists, listUsers } from './metadata';
import type { Notifications } from './notifications';
import type { PageTokens } from './pageTokens';
import { fieldsParam, intParam, isReply } from './params';
import { projectRecord } from './project';
import { addNotes, changeTags, convertLead, getRelated, relateRecords, unrelateRecords } from './related';
import { convertBodySchema, coqlBodySchema, parseBody, relatedUpdateSchema, tagsBodySchema, watchBodySchema, writeBodySchema } from './schemas';
import { isPricedStatus, zohoCredits } from '../../../nodes/ZohoCrm/transport/credits';
import { searchRecords } from './search';
import type { ZohoStore } from './store';
import { deleteRecords, insertRecords, updateRecords, upsertRecords } from './writes';

export interface CrmDeps {
	server: SandboxServer;
	store: ZohoStore;
	auth: CrmAuth;
	pageTokens: PageTokens;
	notifications: Notifications;
	clock: Clock;
}

export type CrmVersion = 'v8' | 'v2';

type Needs = (ctx: RequestContext) => ScopeNeed[];
const settings = (sub: string): Needs => () => [{ group: 'settings', sub, ops: ['READ'] }];
const records: Needs = (ctx) => [{ group: 'modules', sub: ctx.params.module, ops: [opForMethod(ctx.method)] }];
const reading: Needs = (ctx) => [{ group: 'modules', sub: ctx.params.module, ops: ['READ'] }];
const writing: Needs = (ctx) => [{ group: 'modules', sub: ctx.params.module, ops: ['CREATE', 'UPDATE'] }];

function resolveModule(store: ZohoStore, name: string): ModuleDef | Reply {
	const module = store.module(name);
	if (!module) return invalidModule(name);
	if (!module.api_supported) return errorReply(400, 'NOT_SUPPORTED', `the module ${module.api_name} is not supported in the API`, { module: module.api_name });
	return module;
}

/**
 * Bills a served CRM request in API credits with the package's own cost table (one definition of
 * Zoho's prices), so a test can hold what a node reports against what the sandbox counted.
 */
export function chargeCredits(server: SandboxServer, ctx: RequestContext, endpoint: string, status: number): void {
	if (!isPricedStatus(status)) return;
	const credits = zohoCredits({ method: ctx.method, path: ctx.path, query: Object.fromEntries(ctx.query), body: ctx.body });
	ctx.note({ credits });
	server.charge('zoho-crm', endpoint, credits);
}

const idsParam = (query: URLSearchParams): string[] => (query.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Registers the CRM REST surface under /crm/{version}. v2 differs only where the real v2 does (see v2.ts). */
export function registerCrmRoutes(deps: CrmDeps, version: CrmVersion): void {
	const { server, store, auth } = deps;
	const base = `/crm/${version}`;
	const apiBase = (): string => `${server.baseUrl}${base}`;
	const v8 = version === 'v8';

	const route = (method: string, path: string, needs: Needs, handler: (ctx: RequestContext) => Reply): void => {
		server.route(
			method,
			`${base}${path}`,
			(ctx) => {
				ctx.note({ api: version });
				const reply = auth.check(ctx, needs(ctx)) ?? handler(ctx);
				chargeCredits(server, ctx, `${method} ${base}${path}`, reply.status);
				return reply;
			},
			{ service: 'zoho-crm' },
		);
	};
	const withModule = (method: string, path: string, needs: Needs, handler: (ctx: RequestContext, module: ModuleDef) => Reply): void => {
		route(method, path, needs, (ctx) => {
			const module = resolveModule(store, ctx.params.module);
			return 'api_name' in module ? handler(ctx, module) : module;
		});
	};

	route('GET', '/settings/modules', settings('modules'), () => listModules(store, apiBase()));
	route('GET', '/settings/modules/:name', settings('modules'), (ctx) => getModule(store, ctx.params.name, apiBase()));
	route('GET', '/settings/fields', settings('fields'), (ctx) => listFields(store, ctx.query));
	route('GET', '/settings/layouts', settings('layouts'), (ctx) => listLayouts(store, ctx.query));
	route('GET', '/settings/related_lists', settings('related_lists'), (ctx) => listRelatedLists(store, ctx.query));
	route('GET', '/settings/custom_views', settings('custom_views'), (ctx) => listCustomViews(store, ctx.query));
	// Zoho's own scope for it is ZohoCRM.apis.READ per its docs; the published OpenAPI names settings.modules scopes.
	if (v8) route('GET', '/__apis', settings('modules'), (ctx) => supportedApis(ctx.query));
	route('GET', '/users', () => [{ group: 'users', ops: ['READ'] }], (ctx) => listUsers(ctx.query));

	route('POST', '/coql', () => [{ group: 'coql', ops: ['READ'] }], (ctx) => {
		const body = parseBody(coqlBodySchema, ctx.body);
		return body.ok ? runCoql(store, body.data.select_query) : body.reply;
	});

	const watchNeeds: Needs = (ctx) => [{ group: 'notifications', ops: [opForMethod(ctx.method)] }];
	route('GET', '/actions/watch', watchNeeds, (ctx) => deps.notifications.list(ctx.query));
	route('DELETE', '/actions/watch', watchNeeds, (ctx) => deps.notifications.remove(ctx.query));
	for (const method of ['POST', 'PUT', 'PATCH'] as const) {
		route(method, '/actions/watch', watchNeeds, (ctx) => {
			const body = parseBody(watchBodySchema, ctx.body);
			return body.ok ? deps.notifications.write(body.data.watch, method) : body.reply;
		});
	}

	withModule('GET', '/:module/search', reading, (ctx, m) => searchRecords(store, m, ctx.query));
	withModule('GET', '/:module/deleted', reading, (ctx, m) => {
		const type = ctx.query.get('type') ?? 'all';
		if (!['all', 'recycle', 'permanent'].includes(type)) return errorReply(400, 'INVALID_DATA', 'type must be all, recycle or permanent', { param_name: 'type' });
		const perPage = intParam(ctx.query, 'per_page', 1, 200, 200);
		if (isReply(perPage)) return perPage;
		const page = intParam(ctx.query, 'page', 1, 10_000, 1);
		if (isReply(page)) return page;
		const all = type === 'permanent' ? [] : store.deleted(m.api_name).reverse();
		const slice = all.slice((page - 1) * perPage, page * perPage);
		if (slice.length === 0) return noContent();
		return { status: 200, body: { data: slice, info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < all.length } } };
	});
	withModule('GET', '/:module/actions/count', reading, (_ctx, m) => ({ status: 200, body: { count: store.count(m.api_name) } }));
	withModule('POST', '/:module/upsert', writing, (ctx, m) => {
		const body = parseBody(writeBodySchema, ctx.body);
		return body.ok ? upsertRecords(store, m, body.data) : body.reply;
	});

	const tags = (add: boolean) => (ctx: RequestContext, m: ModuleDef): Reply => {
		const body = parseBody(tagsBodySchema, ctx.body);
		if (!body.ok) return body.reply;
		return changeTags(store, m, ctx.params.id, body.data.tags.map((t) => t.name), add, body.data.over_write);
	};
	const tagNeeds: Needs = (ctx) => [{ group: 'modules', sub: ctx.params.module, ops: ['UPDATE'] }];
	withModule('POST', '/:module/:id/actions/add_tags', tagNeeds, tags(true));
	withModule('POST', '/:module/:id/actions/remove_tags', tagNeeds, tags(false));
	withModule('POST', '/:module/:id/actions/convert', writing, (ctx, m) => {
		if (m.api_name !== 'Leads') return errorReply(400, 'INVALID_URL_PATTERN', 'only Leads can be converted');
		const body = ctx.body === undefined ? { ok: true as const, data: { data: [{}] } } : parseBody(convertBodySchema, ctx.body);
		return body.ok ? convertLead(store, ctx.params.id, body.data.data[0], v8) : body.reply;
	});

	withModule('GET', '/:module/:id/:related', reading, (ctx, m) => getRelated(store, m, ctx.params.id, ctx.params.related, ctx.query, v8));
	withModule('POST', '/:module/:id/:related', records, (ctx, m) => {
		if (ctx.params.related.toLowerCase() !== 'notes') return errorReply(400, 'INVALID_URL_PATTERN', `POST is not supported for the related list ${ctx.params.related}`);
		const body = parseBody(writeBodySchema, ctx.body);
		return body.ok ? addNotes(store, m, ctx.params.id, body.data) : body.reply;
	});
	withModule('PUT', '/:module/:id/:related', records, (ctx, m) => {
		const body = parseBody(relatedUpdateSchema, ctx.body);
		return body.ok ? relateRecords(store, m, ctx.params.id, ctx.params.related, body.data.data) : body.reply;
	});
	withModule('DELETE', '/:module/:id/:related', records, (ctx, m) => {
		const ids = idsParam(ctx.query);
		if (ids.length === 0) return requiredParamMissing('ids');
		return unrelateRecords(store, m, ctx.params.id, ctx.params.related, ids);
	});

	withModule('GET', '/:module/:id', records, (ctx, m) => {
		const record = store.get(m.api_name, ctx.params.id);
		if (!record) return noContent();
		const fields = fieldsParam(ctx.query, m, false);
		if (isReply(fields)) return fields;
		return { status: 200, body: { data: [projectRecord(m, record, fields)] } };
	});
	withModule('PUT', '/:module/:id', records, (ctx, m) => {
		const body = parseBody(writeBodySchema, ctx.body);
		return body.ok ? updateRecords(store, m, body.data, ctx.params.id) : body.reply;
	});
	withModule('DELETE', '/:module/:id', records, (ctx, m) => deleteRecords(store, m, [ctx.params.id]));

	withModule('GET', '/:module', records, (ctx, m) => listRecords(store, m, ctx.query, ctx.headers, { version, pageTokens: deps.pageTokens }));
	withModule('POST', '/:module', records, (ctx, m) => {
		const body = parseBody(writeBodySchema, ctx.body);
		return body.ok ? insertRecords(store, m, body.data) : body.reply;
	});
	withModule('PUT', '/:module', records, (ctx, m) => {
		const body = parseBody(writeBodySchema, ctx.body);
		return body.ok ? updateRecords(store, m, body.data) : body.reply;
	});
	withModule('DELETE', '/:module', records, (ctx, m) => {
		const ids = idsParam(ctx.query);
		if (ids.length === 0) return requiredParamMissing('ids');
		return deleteRecords(store, m, ids);
	});
}
