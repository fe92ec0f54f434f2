import type { Reply } from '../core/types';
import { ZOHO_MAX_PER_PAGE, ZOHO_MAX_RECORDS_PER_WRITE } from './constants';
import { errorReply, noContent, zohoError } from './errors';
import type { ModuleDef, RelatedListDef } from './fieldTypes';
import { fieldsParam, intParam, isReply } from './params';
import { projectRecord } from './project';
import type { WriteBody } from './schemas';
import type { ZohoStore, ZRecord } from './store';
import { CURRENT_USER } from './users';
import { insertRecords, tooManyRecords } from './writes';

const invalidRelated = (name: string): Reply =>
	errorReply(400, 'INVALID_URL_PATTERN', `the related list ${name} is not available`, { resource_path_index: 2 });
const recordMissing = (id: string): Reply => errorReply(400, 'INVALID_DATA', 'the related id given seems to be invalid', { id, resource_path_index: 1 });

const MEMBER_KEYS = new Set(['id', 'Member_Status']);
const isMembership = (rel: RelatedListDef | undefined): rel is RelatedListDef =>
	rel !== undefined && (rel.kind === 'campaign-members' || rel.kind === 'member-campaigns');

export function findRelatedList(module: ModuleDef, name: string): RelatedListDef | undefined {
	return module.related_lists.find((r) => r.api_name.toLowerCase() === name.toLowerCase());
}

function relatedRecords(store: ZohoStore, module: ModuleDef, id: string, rel: RelatedListDef): Array<{ record: ZRecord; extra: Record<string, unknown> }> {
	if (rel.kind === 'notes') {
		return store.all('Notes').filter((n) => (n.Parent_Id as { id?: string } | undefined)?.id === id).map((record) => ({ record, extra: {} }));
	}
	if (rel.kind === 'lookup') {
		return store.all(rel.module).filter((r) => (r[rel.lookup_field!] as { id?: string } | undefined)?.id === id).map((record) => ({ record, extra: {} }));
	}
	if (rel.kind === 'campaign-members') {
		const members = store.memberships.get(id) ?? new Map();
		return [...members.entries()]
			.filter(([, link]) => link.module === rel.module)
			.map(([memberId, link]) => ({ record: store.get(rel.module, memberId)!, extra: { Member_Status: link.Member_Status } }))
			.filter((x) => x.record);
	}
	const out: Array<{ record: ZRecord; extra: Record<string, unknown> }> = [];
	for (const [campaignId, members] of store.memberships) {
		const link = members.get(id);
		const campaign = link ? store.get('Campaigns', campaignId) : undefined;
		if (campaign) out.push({ record: campaign, extra: { Member_Status: link!.Member_Status } });
	}
	return out;
}

/** Member_Status is a field of the membership, not of the member module: asking for it is allowed (always answered). */
function withoutMemberStatus(query: URLSearchParams, rel: RelatedListDef): URLSearchParams {
	const raw = query.get('fields');
	if (!isMembership(rel) || raw === null) return query;
	const copy = new URLSearchParams(query);
	const rest = raw.split(',').map((s) => s.trim()).filter((s) => s && s !== 'Member_Status');
	copy.set('fields', rest.length ? rest.join(',') : 'id');
	return copy;
}

/** GET /{module}/{id}/{related_list}: v8 asks for `fields` here too. */
export function getRelated(store: ZohoStore, module: ModuleDef, id: string, name: string, query: URLSearchParams, requireFields: boolean): Reply {
	const rel = findRelatedList(module, name);
	if (!rel) return invalidRelated(name);
	if (!store.get(module.api_name, id)) return recordMissing(id);
	const target = store.module(rel.module)!;
	const fields = fieldsParam(withoutMemberStatus(query, rel), target, requireFields);
	if (isReply(fields)) return fields;
	const perPage = intParam(query, 'per_page', 1, ZOHO_MAX_PER_PAGE, ZOHO_MAX_PER_PAGE);
	if (isReply(perPage)) return perPage;
	const page = intParam(query, 'page', 1, 10, 1);
	if (isReply(page)) return page;
	const all = relatedRecords(store, module, id, rel);
	const slice = all.slice((page - 1) * perPage, page * perPage);
	if (slice.length === 0) return noContent();
	const data = slice.map(({ record, extra }) => ({ ...projectRecord(target, record, fields), ...extra }));
	return { status: 200, body: { data, info: { per_page: perPage, count: data.length, page, more_records: page * perPage < all.length } } };
}

/** POST /{module}/{id}/Notes: notes attached to the parent record. */
export function addNotes(store: ZohoStore, module: ModuleDef, id: string, body: WriteBody): Reply {
	if (!store.get(module.api_name, id)) return recordMissing(id);
	const notes = store.module('Notes')!;
	const data = body.data.map((n) => ({ ...n, Parent_Id: { id, module: { api_name: module.api_name } } }));
	return insertRecords(store, notes, { ...body, data });
}

/** The member statuses the org allows: the picklist of the Campaigns field Member_Status (field metadata). */
export function memberStatuses(store: ZohoStore): string[] {
	return store.module('Campaigns')?.fields.find((f) => f.api_name === 'Member_Status')?.pick_list_values ?? [];
}

/** PUT /Campaigns/{id}/Leads (or /Leads/{id}/Campaigns): add members, or change their Member_Status; 100 per call. */
export function relateRecords(store: ZohoStore, module: ModuleDef, id: string, name: string, data: Array<Record<string, unknown> & { id: string }>): Reply {
	const rel = findRelatedList(module, name);
	if (!isMembership(rel)) return invalidRelated(name);
	const tooMany = tooManyRecords(data.length);
	if (tooMany) return tooMany;
	if (!store.get(module.api_name, id)) return recordMissing(id);
	const allowed = memberStatuses(store);
	const items = data.map((entry, i) => {
		const unknown = Object.keys(entry).find((k) => !MEMBER_KEYS.has(k));
		if (unknown) return zohoError('INVALID_DATA', 'invalid data', { api_name: unknown, json_path: `$.data[${i}].${unknown}` });
		const campaignId = rel.kind === 'campaign-members' ? id : entry.id;
		const memberId = rel.kind === 'campaign-members' ? entry.id : id;
		const memberModule = (rel.kind === 'campaign-members' ? rel.module : module.api_name) as 'Leads' | 'Contacts';
		const current = store.memberships.get(campaignId)?.get(memberId);
		const status = entry.Member_Status ?? current?.Member_Status ?? allowed[0];
		if (typeof status !== 'string' || !allowed.includes(status)) {
			return zohoError('INVALID_DATA', 'invalid data', { api_name: 'Member_Status', json_path: `$.data[${i}].Member_Status`, expected_data_type: 'picklist' });
		}
		if (!store.get('Campaigns', campaignId) || !store.get(memberModule, memberId)) {
			return zohoError('INVALID_DATA', 'the related id given seems to be invalid', { id: entry.id, json_path: `$.data[${i}].id` });
		}
		const members = store.memberships.get(campaignId) ?? new Map();
		members.set(memberId, { module: memberModule, Member_Status: status });
		store.memberships.set(campaignId, members);
		return { code: 'SUCCESS', details: { id: entry.id }, message: 'relation updated', status: 'success' };
	});
	const failed = items.filter((x) => x.status === 'error').length;
	return { status: failed === 0 ? 200 : failed === items.length ? 400 : 207, body: { data: items } };
}

/** DELETE /Campaigns/{id}/Leads?ids=… (or /Leads/{id}/Campaigns?ids=…): at most 100 ids per call. */
export function unrelateRecords(store: ZohoStore, module: ModuleDef, id: string, name: string, ids: string[]): Reply {
	const rel = findRelatedList(module, name);
	if (!isMembership(rel)) return invalidRelated(name);
	if (ids.length > ZOHO_MAX_RECORDS_PER_WRITE) {
		return errorReply(400, 'LIMIT_EXCEEDED', `you can delink at most ${ZOHO_MAX_RECORDS_PER_WRITE} records per call`, { limit: ZOHO_MAX_RECORDS_PER_WRITE, param_name: 'ids' });
	}
	if (!store.get(module.api_name, id)) return recordMissing(id);
	const items = ids.map((other) => {
		const campaignId = rel.kind === 'campaign-members' ? id : other;
		const memberId = rel.kind === 'campaign-members' ? other : id;
		const memberModule = rel.kind === 'campaign-members' ? rel.module : module.api_name;
		const link = store.memberships.get(campaignId)?.get(memberId);
		const removed = link !== undefined && link.module === memberModule && store.memberships.get(campaignId)!.delete(memberId);
		return removed
			? { code: 'SUCCESS', details: { id: other }, message: 'relation removed', status: 'success' }
			: zohoError('INVALID_DATA', 'the related id given seems to be invalid', { id: other });
	});
	const failed = items.filter((x) => x.status === 'error').length;
	return { status: failed === 0 ? 200 : failed === items.length ? 400 : 207, body: { data: items } };
}

export function changeTags(store: ZohoStore, module: ModuleDef, id: string, names: string[], add: boolean, overWrite = false): Reply {
	const record = store.get(module.api_name, id);
	if (!record) return recordMissing(id);
	if (!module.fields.some((f) => f.tag)) return errorReply(400, 'NOT_SUPPORTED', `tags are not supported in ${module.api_name}`);
	const current = overWrite && add ? [] : ((record.Tag as Array<{ name: string }> | undefined) ?? []);
	const lower = names.map((n) => n.toLowerCase());
	const next = add
		? [...current, ...names.filter((n) => !current.some((t) => t.name.toLowerCase() === n.toLowerCase())).map((name) => ({ name }))]
		: current.filter((t) => !lower.includes(t.name.toLowerCase()));
	const { record: updated, changed } = store.update(module, id, { Tag: next });
	store.emit({ module: module.api_name, operation: 'update', ids: [id], affected: { [id]: changed } });
	return {
		status: 200,
		body: { data: [{ code: 'SUCCESS', details: { id, tags: (updated.Tag as Array<{ name: string }>).map((t) => ({ name: t.name })) }, message: 'tags updated successfully', status: 'success' }] },
	};
}

interface ConvertOptions {
	Accounts?: { id: string };
	Contacts?: { id: string };
	Deals?: Record<string, unknown>;
}

/**
 * POST /Leads/{id}/actions/convert: Contact + Account (+ Deal), lead marked converted. v8 answers each
 * slot as an action result, `{code:"SUCCESS", details:{Contacts:{name,id}, Accounts, Deals}, message,
 * status}` (Zoho's v8 SDK: convert_lead/success_response); v2 answered bare ids `{Contacts:"…", …}`.
 */
export function convertLead(store: ZohoStore, id: string, opts: ConvertOptions, v8 = true): Reply {
	const leads = store.module('Leads')!;
	const lead = store.get('Leads', id);
	if (!lead) return recordMissing(id);
	// The code and message Zoho's v8 SDK knows for this case (convert_lead/api_exception).
	if (lead.$converted === true) return errorReply(400, 'ID_ALREADY_CONVERTED', 'id already converted', { id });
	const accounts = store.module('Accounts')!;
	const contacts = store.module('Contacts')!;
	let accountId = opts.Accounts?.id;
	if (accountId && !store.get('Accounts', accountId)) return errorReply(400, 'INVALID_DATA', 'the related id given seems to be invalid', { api_name: 'Accounts', id: accountId });
	if (opts.Contacts && !store.get('Contacts', opts.Contacts.id)) return errorReply(400, 'INVALID_DATA', 'the related id given seems to be invalid', { api_name: 'Contacts', id: opts.Contacts.id });
	let dealInput: Record<string, unknown> | undefined;
	if (opts.Deals) {
		for (const req of ['Deal_Name', 'Stage', 'Closing_Date']) {
			if (opts.Deals[req] === undefined) return errorReply(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: req, json_path: `$.data[0].Deals.${req}` });
		}
		dealInput = opts.Deals;
	}
	const inserted: Array<[ModuleDef, string]> = [];
	if (!accountId && typeof lead.Company === 'string' && lead.Company) {
		const existing = store.findBy('Accounts', 'Account_Name', lead.Company);
		accountId = existing?.id ?? store.insert(accounts, { Account_Name: lead.Company, Phone: lead.Phone, Website: lead.Website, Industry: lead.Industry, Owner: lead.Owner }).id;
		if (!existing) inserted.push([accounts, accountId]);
	}
	const account = accountId ? store.get('Accounts', accountId) : undefined;
	let contactId = opts.Contacts?.id;
	if (!contactId) {
		const copy = ['First_Name', 'Last_Name', 'Salutation', 'Email', 'Secondary_Email', 'Phone', 'Mobile', 'Fax', 'Email_Opt_Out', 'Lead_Source', 'Description', 'Skype_ID', 'Twitter'];
		const values: Record<string, unknown> = { Owner: lead.Owner ?? CURRENT_USER };
		for (const k of copy) if (lead[k] !== undefined) values[k] = lead[k];
		if (account) values.Account_Name = { id: account.id, name: account.Account_Name };
		contactId = store.insert(contacts, values).id;
		inserted.push([contacts, contactId]);
	}
	let dealId: string | null = null;
	if (dealInput) {
		const deals = store.module('Deals')!;
		const values: Record<string, unknown> = { ...dealInput, Contact_Name: { id: contactId, name: store.get('Contacts', contactId)!.Full_Name } };
		if (account) values.Account_Name = { id: account.id, name: account.Account_Name };
		dealId = store.insert(deals, values).id;
		inserted.push([deals, dealId]);
	}
	store.update(leads, id, { $converted: true, $converted_detail: { convert_date: store.get('Leads', id)!.Modified_Time, contact: contactId, account: accountId ?? null, deal: dealId } });
	for (const [m, newId] of inserted) store.emit({ module: m.api_name, operation: 'insert', ids: [newId], affected: {} });
	if (!v8) return { status: 200, body: { data: [{ Contacts: contactId, Deals: dealId, Accounts: accountId ?? null }] } };
	const ref = (module: string, recordId: string | null | undefined, nameField: string): Record<string, unknown> | null => {
		const record = recordId ? store.get(module, recordId) : undefined;
		return record ? { name: record[nameField] ?? null, id: record.id } : null;
	};
	const details = { Contacts: ref('Contacts', contactId, 'Full_Name'), Deals: ref('Deals', dealId, 'Deal_Name'), Accounts: ref('Accounts', accountId, 'Account_Name') };
	return { status: 200, body: { data: [{ code: 'SUCCESS', details, message: 'The record has been converted successfully', status: 'success' }] } };
}
