/*
 * Zoho's own Node SDK for CRM v8 (@zohocrm/nodejs-sdk-8.0, an ES module) driven over IPC.
 *
 * Jest runs our tests as CommonJS in a VM that cannot load ES modules without experimental flags,
 * so the contracts test forks this file (plain Node) and sends it one message per SDK call:
 * `{ id, op, args }`. The driver runs the call through the SDK's own operation classes and answers
 * `{ id, ok: true, result }` with what the SDK parsed (model class names and values read back
 * through the models' getters), or `{ id, ok: false, error }` when the SDK threw.
 *
 * Nothing here talks to Zoho: `init` points the SDK at a sandbox origin (custom Environment with
 * the sandbox as API domain and accounts URL), with its own FileStore and resource folder in a
 * temp directory, and a refresh token the sandbox issued.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@zohocrm/nodejs-sdk-8.0';

const {
	Environment,
	FileStore,
	InitializeBuilder,
	OAuthBuilder,
	SDKConfigBuilder,
	LogBuilder,
	Levels,
	ParameterMap,
	HeaderMap,
	Choice,
	Record,
	Coql,
	Modules,
	Fields,
	Users,
	Tags,
	ConvertLead,
	RelatedRecords,
	RelatedLists,
	Notifications,
	Notes,
	Org,
	BulkWrite,
	BulkRead,
} = sdk;

/** Class name of a parsed model (ResponseWrapper, ActionWrapper, APIException, SuccessResponse...). */
const kind = (value) => (value == null ? null : value.constructor?.name ?? typeof value);
const choice = (value) => (value && typeof value.getValue === 'function' ? value.getValue() : value);
const text = (value) => (value == null ? value : typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : value);

function exception(model) {
	return { class: kind(model), code: choice(model.getCode?.()), status: choice(model.getStatus?.()), message: choice(model.getMessage?.()), details: plain(model.getDetails?.()) };
}

/** Maps and BigInts into JSON. */
function plain(value) {
	if (value == null) return value;
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Date) return value.toISOString();
	if (value instanceof Choice) return choice(value);
	if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
	if (Array.isArray(value)) return value.map(plain);
	if (typeof value === 'object') {
		if (typeof value.getKeyValues === 'function') return plain(value.getKeyValues());
		return `[${kind(value)}]`;
	}
	return value;
}

/** One action result (SuccessResponse or APIException) of a write/action call. */
function action(item) {
	return { class: kind(item), code: choice(item.getCode?.()), status: choice(item.getStatus?.()), message: choice(item.getMessage?.()), details: plain(item.getDetails?.()) };
}

/** The common shape of every answer: status code, what the SDK built, and the op's own reading of it. */
function answer(response, read) {
	const status = response.getStatusCode();
	const object = response.getObject();
	const out = { statusCode: status, class: kind(object) };
	if (object == null) return out;
	if (kind(object) === 'APIException') return { ...out, exception: exception(object) };
	return { ...out, ...read(object) };
}

function readInfo(info) {
	if (!info) return null;
	return {
		class: kind(info),
		count: info.getCount?.(),
		moreRecords: info.getMoreRecords?.(),
		perPage: info.getPerPage?.(),
		page: info.getPage?.(),
		nextPageToken: info.getNextPageToken?.(),
		sortBy: info.getSortBy?.(),
		sortOrder: info.getSortOrder?.(),
	};
}

function readRecords(wrapper) {
	const data = wrapper.getData?.() ?? [];
	return { data: data.map((r) => ({ class: kind(r), id: text(r.getId?.()), values: plain(r.getKeyValues()) })), info: readInfo(wrapper.getInfo?.()) };
}

const readActions = (wrapper) => ({ data: (wrapper.getData?.() ?? wrapper.getWatch?.() ?? wrapper.getTags?.() ?? []).map(action) });

async function params(cls, entries = {}) {
	const map = new ParameterMap();
	for (const [key, value] of Object.entries(entries)) {
		if (value === undefined) continue;
		await map.add(cls[key], value);
	}
	return map;
}

async function headers(cls, entries = {}) {
	const map = new HeaderMap();
	for (const [key, value] of Object.entries(entries)) {
		if (value === undefined) continue;
		await map.add(cls[key], key === 'IF_MODIFIED_SINCE' ? new Date(value) : value);
	}
	return map;
}

function record(values) {
	const r = new Record.Record();
	for (const [key, value] of Object.entries(values)) {
		if (key === 'id') r.setId(BigInt(value));
		// Picklist values are Choice objects in the SDK's models: `{ choice: 'Qualification' }`.
		// and dates are Date objects: `{ date: '2030-01-31' }`.
		else if (value && typeof value === 'object' && 'choice' in value) r.addKeyValue(key, new Choice(value.choice));
		else if (value && typeof value === 'object' && 'date' in value) r.addKeyValue(key, new Date(`${value.date}T00:00:00Z`));
		else r.addKeyValue(key, value);
	}
	return r;
}

function recordBody(args) {
	const body = new Record.BodyWrapper();
	body.setData(args.records.map(record));
	if (args.trigger) body.setTrigger(args.trigger);
	if (args.duplicateCheckFields) body.setDuplicateCheckFields(args.duplicateCheckFields);
	return body;
}

const ops = {
	async init({ apiDomain, refreshToken, clientId, clientSecret }) {
		const folder = mkdtempSync(join(tmpdir(), 'zoho-sdk-contracts-'));
		const environment = new Environment(apiDomain, `${apiDomain}/oauth/v2/token`, apiDomain);
		const token = new OAuthBuilder().clientId(clientId).clientSecret(clientSecret).refreshToken(refreshToken).build();
		const store = new FileStore(join(folder, 'tokens.txt'));
		const logger = new LogBuilder().level(Levels.OFF).filePath(null).build();
		const sdkConfig = new SDKConfigBuilder().autoRefreshFields(false).pickListValidation(false).build();
		await (await new InitializeBuilder()).environment(environment).token(token).store(store).SDKConfig(sdkConfig).resourcePath(`${folder}/`).logger(logger).initialize();
		return { folder };
	},

	async getRecords({ module, query = {}, ifModifiedSince }) {
		const p = await params(Record.GetRecordsParam, query);
		const h = await headers(Record.GetRecordsHeader, { IF_MODIFIED_SINCE: ifModifiedSince });
		return answer(await new Record.RecordOperations(module).getRecords(p, h), readRecords);
	},
	async getRecord({ module, id, query = {} }) {
		const p = await params(Record.GetRecordParam, query);
		return answer(await new Record.RecordOperations(module).getRecord(BigInt(id), p), readRecords);
	},
	async createRecords({ module, ...args }) {
		return answer(await new Record.RecordOperations(module).createRecords(recordBody(args)), readActions);
	},
	async updateRecords({ module, ...args }) {
		return answer(await new Record.RecordOperations(module).updateRecords(recordBody(args)), readActions);
	},
	async upsertRecords({ module, ...args }) {
		return answer(await new Record.RecordOperations(module).upsertRecords(recordBody(args)), readActions);
	},
	async deleteRecords({ module, ids }) {
		const p = await params(Record.DeleteRecordsParam, { IDS: ids.join(',') });
		return answer(await new Record.RecordOperations(module).deleteRecords(p), readActions);
	},
	/** POST /Notes: each note names its record in Parent_Id (ParentId: module + id), as our Note > Create sends it. */
	async createNotes({ notes }) {
		const data = [];
		for (const n of notes) {
			const note = new Notes.Note();
			note.setNoteTitle(n.title);
			note.setNoteContent(n.content);
			const module = new Modules.MinifiedModule();
			module.setAPIName(n.module);
			const parent = new Notes.ParentId();
			await parent.setModule(module);
			parent.setId(BigInt(n.parentId));
			await note.setParentId(parent);
			data.push(note);
		}
		const body = new Notes.BodyWrapper();
		body.setData(data);
		return answer(await new Notes.NotesOperations().createNotes(body), readActions);
	},
	async recordCount({ module }) {
		return answer(await new Record.RecordOperations(module).recordCount(), (w) => ({ count: w.getCount?.() }));
	},
	async searchRecords({ module, query }) {
		const p = await params(Record.SearchRecordsParam, query);
		return answer(await new Record.RecordOperations(module).searchRecords(p), readRecords);
	},
	async getOrganization() {
		return answer(await new Org.OrgOperations().getOrganization(), (w) => ({
			org: (w.getOrg?.() ?? []).map((o) => ({ class: kind(o), zgid: text(o.getZgid?.()), timeZone: choice(o.getTimeZone?.()) })),
		}));
	},
	/** POST /crm/bulk/v8/write, built from the SDK's models (RequestWrapper, Resource, FieldMapping, MinifiedModule). */
	async createBulkWriteJob({ operation, module, fileId, findBy, columns }) {
		const resource = new BulkWrite.Resource();
		resource.setType(new Choice('data'));
		const m = new Modules.MinifiedModule();
		m.setAPIName(module);
		await resource.setModule(m);
		resource.setFileId(fileId);
		if (findBy) resource.setFindBy(findBy);
		resource.setFieldMappings(
			columns.map((apiName, index) => {
				const mapping = new BulkWrite.FieldMapping();
				mapping.setAPIName(apiName);
				mapping.setIndex(index);
				return mapping;
			}),
		);
		const body = new BulkWrite.RequestWrapper();
		body.setOperation(new Choice(operation));
		body.setIgnoreEmpty(false);
		body.setResource([resource]);
		return answer(await new BulkWrite.BulkWriteOperations().createBulkWriteJob(body), (r) => action(r));
	},
	async getBulkWriteJobDetails({ id }) {
		return answer(await new BulkWrite.BulkWriteOperations().getBulkWriteJobDetails(id), (r) => ({
			status: choice(r.getStatus?.()),
			id: text(r.getId?.()),
			operation: choice(r.getOperation?.()),
			downloadUrl: r.getResult?.()?.getDownloadUrl?.(),
			files: (r.getResource?.() ?? []).map((res) => {
				const f = res.getFile?.();
				return { status: choice(res.getStatus?.()), added: f?.getAddedCount?.(), updated: f?.getUpdatedCount?.(), skipped: f?.getSkippedCount?.(), total: f?.getTotalCount?.() };
			}),
		}));
	},
	async coql({ selectQuery }) {
		const body = new Coql.BodyWrapper();
		body.setSelectQuery(selectQuery);
		return answer(await new Coql.CoqlOperations().getRecords(body), readRecords);
	},
	async getModules() {
		return answer(await new Modules.ModulesOperations().getModules(), (w) => ({
			modules: (w.getModules?.() ?? []).map((m) => ({ class: kind(m), apiName: m.getAPIName?.(), apiSupported: m.getAPISupported?.(), id: text(m.getId?.()) })),
		}));
	},
	async getFields({ module, type }) {
		const p = await params(Fields.GetFieldsParam, { MODULE: module, TYPE: type });
		return answer(await new Fields.FieldsOperations().getFields(p), (w) => ({
			fields: (w.getFields?.() ?? []).map((f) => ({ class: kind(f), apiName: f.getAPIName?.(), dataType: f.getDataType?.(), length: f.getLength?.(), systemMandatory: f.getSystemMandatory?.() })),
		}));
	},
	async getRelatedLists({ module }) {
		const p = await params(RelatedLists.GetRelatedListsParam, { MODULE: module });
		return answer(await new RelatedLists.RelatedListsOperations().getRelatedLists(p), (w) => ({
			relatedLists: (w.getRelatedLists?.() ?? []).map((r) => ({ class: kind(r), apiName: r.getAPIName?.(), module: r.getModule?.()?.getAPIName?.() })),
		}));
	},
	async getUsers({ type, page, perPage }) {
		const p = await params(Users.GetUsersParam, { TYPE: type, PAGE: page, PER_PAGE: perPage });
		return answer(await new Users.UsersOperations().getUsers(p), (w) => ({
			users: (w.getUsers?.() ?? []).map((u) => ({ class: kind(u), id: text(u.getId?.()), email: u.getEmail?.(), status: u.getStatus?.() })),
			info: readInfo(w.getInfo?.()),
		}));
	},
	async getRelatedRecords({ module, id, related, query = {} }) {
		const p = await params(RelatedRecords.GetRelatedRecordsParam, query);
		return answer(await new RelatedRecords.RelatedRecordsOperations(related, module).getRelatedRecords(BigInt(id), p), readRecords);
	},
	async updateRelatedRecords({ module, id, related, records }) {
		const body = new RelatedRecords.BodyWrapper();
		body.setData(records.map(record));
		return answer(await new RelatedRecords.RelatedRecordsOperations(related, module).updateRelatedRecords(BigInt(id), body), readActions);
	},
	async delinkRecords({ module, id, related, ids }) {
		const p = await params(RelatedRecords.DelinkRecordsParam, { IDS: ids.join(',') });
		return answer(await new RelatedRecords.RelatedRecordsOperations(related, module).delinkRecords(BigInt(id), p), readActions);
	},
	async addTags({ module, id, tags, overWrite }) {
		const body = new Tags.NewTagRequestWrapper();
		body.setTags(
			tags.map((name) => {
				const tag = new Tags.Tag();
				tag.setName(name);
				return tag;
			}),
		);
		const p = await params(Tags.AddTagsParam, { OVER_WRITE: overWrite === undefined ? undefined : String(overWrite) });
		return answer(await new Tags.TagsOperations().addTags(module, BigInt(id), body, p), readActions);
	},
	async removeTags({ module, id, tags }) {
		const body = new Tags.ExistingTagRequestWrapper();
		body.setTags(
			tags.map((name) => {
				const tag = new Tags.ExistingTag();
				tag.setName(name);
				return tag;
			}),
		);
		return answer(await new Tags.TagsOperations().removeTags(module, BigInt(id), body), readActions);
	},
	async convertLead({ id, values = {} }) {
		const converter = new ConvertLead.LeadConverter();
		if (values.overwrite !== undefined) converter.setOverwrite(values.overwrite);
		if (values.notifyLeadOwner !== undefined) converter.setNotifyLeadOwner(values.notifyLeadOwner);
		if (values.deal) converter.setDeals(record(values.deal));
		const body = new ConvertLead.BodyWrapper();
		body.setData([converter]);
		// details.Contacts / Accounts / Deals are Record models: plain() reads them back through getKeyValues.
		return answer(await new ConvertLead.ConvertLeadOperations(BigInt(id)).convertLead(body), readActions);
	},
	async enableNotifications({ watch }) {
		return answer(await new Notifications.NotificationsOperations().enableNotifications(notificationBody(watch)), readActions);
	},
	async getNotifications({ channelId, module }) {
		const p = await params(Notifications.GetNotificationsParam, { CHANNEL_ID: channelId, MODULE: module });
		return answer(await new Notifications.NotificationsOperations().getNotifications(p), (w) => ({
			watch: (w.getWatch?.() ?? []).map((n) => ({
				class: kind(n),
				channelId: text(n.getChannelId?.()),
				events: n.getEvents?.(),
				notifyUrl: n.getNotifyUrl?.(),
				channelExpiry: text(n.getChannelExpiry?.()),
				resourceName: n.getResourceName?.(),
			})),
			info: readInfo(w.getInfo?.()),
		}));
	},
	async disableNotification({ watch }) {
		return answer(await new Notifications.NotificationsOperations().disableNotification(notificationBody(watch.map((w) => ({ ...w, deleteEvents: true })))), readActions);
	},
	async deleteNotification({ channelIds }) {
		const p = await params(Notifications.DeleteNotificationParam, { CHANNEL_IDS: channelIds.join(',') });
		return answer(await new Notifications.NotificationsOperations().deleteNotification(p), readActions);
	},
	/** Bulk Read as our node sends it: module, fields, JSON criteria (leaf or group), page_token. */
	async createBulkReadJob({ module, fields, criteria, pageToken }) {
		const toCriteria = async (node) => {
			const c = new BulkRead.Criteria();
			if (node.group) {
				c.setGroupOperator(new Choice(node.group_operator));
				c.setGroup(await Promise.all(node.group.map(toCriteria)));
				return c;
			}
			const field = new Fields.MinifiedField();
			field.setAPIName(node.field.api_name);
			await c.setField(field);
			c.setComparator(new Choice(node.comparator));
			c.setValue(node.value);
			return c;
		};
		const query = new BulkRead.Query();
		const m = new Modules.MinifiedModule();
		m.setAPIName(module);
		await query.setModule(m);
		if (fields) query.setFields(fields);
		if (criteria) await query.setCriteria(await toCriteria(criteria));
		if (pageToken) query.setPageToken(pageToken);
		const body = new BulkRead.BodyWrapper();
		await body.setQuery(query);
		return answer(await new BulkRead.BulkReadOperations().createBulkReadJob(body), readActions);
	},
	async getBulkReadJobDetails({ id }) {
		return answer(await new BulkRead.BulkReadOperations().getBulkReadJobDetails(BigInt(id)), (w) => ({
			jobs: (w.getData?.() ?? []).map((j) => {
				const r = j.getResult?.();
				return {
					class: kind(j),
					id: text(j.getId?.()),
					state: choice(j.getState?.()),
					result: r ? { class: kind(r), count: r.getCount?.(), perPage: r.getPerPage?.(), downloadUrl: r.getDownloadUrl?.(), moreRecords: r.getMoreRecords?.(), nextPageToken: r.getNextPageToken?.() } : null,
				};
			}),
		}));
	},
	async downloadBulkReadResult({ id }) {
		const response = await new BulkRead.BulkReadOperations().downloadResult(BigInt(id));
		// For a file the SDK's converter hands back a promise of the FileBodyWrapper.
		const object = await response.getObject();
		const file = object?.getFile?.();
		return { statusCode: response.getStatusCode(), class: kind(object), fileName: file?.getName?.() ?? null };
	},
	/** The SDK refreshes when its stored token expired: report the token it now holds (never the value itself). */
	async tokenState() {
		const { Initializer } = sdk;
		const initializer = await Initializer.getInitializer();
		const token = initializer.getToken();
		return { hasAccessToken: Boolean(token.getAccessToken()), expiresIn: token.getExpiresIn() };
	},
	/** Force the next call to refresh: drop the access token the SDK holds (store and memory). */
	async expireToken() {
		const { Initializer } = sdk;
		const initializer = await Initializer.getInitializer();
		const token = initializer.getToken();
		token.setExpiresIn(String(Date.now() - 1000));
		const saved = await initializer.getStore().findToken(token);
		if (saved) {
			saved.setExpiresIn(String(Date.now() - 1000));
			await initializer.getStore().saveToken(saved);
		}
		return { expired: true };
	},
};

function notificationBody(watch) {
	const body = new Notifications.BodyWrapper();
	body.setWatch(
		watch.map((w) => {
			const n = new Notifications.Notification();
			n.setChannelId(String(w.channelId));
			if (w.events) n.setEvents(w.events);
			if (w.notifyUrl) n.setNotifyUrl(w.notifyUrl);
			if (w.token) n.setToken(w.token);
			if (w.channelExpiry) n.setChannelExpiry(new Date(w.channelExpiry));
			if (w.deleteEvents) n.setDeleteEvents(new Choice(true));
			return n;
		}),
	);
	return body;
}

function describeError(error) {
	const out = { name: error?.constructor?.name ?? 'Error', message: String(error?.message ?? error) };
	if (error && typeof error.getCode === 'function') out.code = error.getCode?.();
	if (error?.details) out.details = plain(error.details);
	if (error?.cause) out.cause = String(error.cause?.message ?? error.cause);
	return out;
}

process.on('message', async (message) => {
	const { id, op, args } = message;
	try {
		if (!ops[op]) throw new Error(`sdkDriver: unknown op ${op}`);
		const result = await ops[op](args ?? {});
		process.send({ id, ok: true, result: JSON.parse(JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) });
	} catch (error) {
		process.send({ id, ok: false, error: describeError(error) });
	}
});
process.send({ ready: true });
