import type { Reply } from '../core/types';
import { ZOHO_MAX_PER_PAGE, ZOHO_SEARCH_LIMIT } from './constants';
import { compileCriteria, CriteriaError } from './criteria';
import { errorReply, invalidParam, noContent, requiredParamMissing } from './errors';
import type { ModuleDef } from './fieldTypes';
import { applyFilters, sortRecords, SORT_FIELDS } from './list';
import { enumParam, fieldsParam, intParam, isReply } from './params';
import { projectRecord } from './project';
import type { ZohoStore, ZRecord } from './store';

const KINDS = ['criteria', 'email', 'phone', 'word'] as const;

function textFields(module: ModuleDef, types: string[]): string[] {
	return module.fields.filter((x) => types.includes(x.data_type) && !x.tag).map((x) => x.api_name);
}

function predicateFor(module: ModuleDef, kind: (typeof KINDS)[number], value: string): ((r: ZRecord) => boolean) | Reply {
	if (kind === 'criteria') {
		try {
			return compileCriteria(module, value);
		} catch (error) {
			if (error instanceof CriteriaError) return errorReply(400, error.code, error.message, error.details);
			throw error;
		}
	}
	if (kind === 'email') {
		const fields = textFields(module, ['email']);
		const want = value.toLowerCase();
		return (r) => fields.some((f) => typeof r[f] === 'string' && (r[f] as string).toLowerCase() === want);
	}
	if (kind === 'phone') {
		const fields = textFields(module, ['phone']);
		const digits = value.replace(/\D/g, '');
		if (digits === '') return invalidParam('phone', 'phone must contain digits');
		return (r) => fields.some((f) => typeof r[f] === 'string' && (r[f] as string).replace(/\D/g, '').includes(digits));
	}
	if (value.trim().length < 2) return invalidParam('word', 'word must be at least 2 characters long', { minimum_length: 2 });
	const fields = textFields(module, ['text', 'email', 'phone', 'textarea', 'website', 'picklist']);
	const want = value.toLowerCase();
	return (r) => fields.some((f) => typeof r[f] === 'string' && (r[f] as string).toLowerCase().includes(want));
}

/** GET /{module}/search: exactly one of criteria/email/phone/word, at most 2,000 results in total. */
export function searchRecords(store: ZohoStore, module: ModuleDef, query: URLSearchParams): Reply {
	const given = KINDS.filter((k) => query.has(k));
	if (given.length === 0) return requiredParamMissing('criteria');
	if (given.length > 1) {
		return errorReply(400, 'AMBIGUITY_DURING_PROCESSING', `give only one of criteria, email, phone, word (got ${given.join(', ')})`, {
			ambiguity_due_to: given,
		});
	}
	const fields = fieldsParam(query, module, false);
	if (isReply(fields)) return fields;
	const perPage = intParam(query, 'per_page', 1, ZOHO_MAX_PER_PAGE, ZOHO_MAX_PER_PAGE);
	if (isReply(perPage)) return perPage;
	const page = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER, 1);
	if (isReply(page)) return page;
	if (page * perPage > ZOHO_SEARCH_LIMIT) {
		return errorReply(400, 'LIMIT_REACHED', `search returns at most ${ZOHO_SEARCH_LIMIT} records; narrow the criteria`, { limit: ZOHO_SEARCH_LIMIT });
	}
	const converted = enumParam(query, 'converted', ['true', 'false', 'both'] as const, 'false');
	if (isReply(converted)) return converted;
	const sortBy = enumParam(query, 'sort_by', SORT_FIELDS, 'id');
	if (isReply(sortBy)) return sortBy;
	const sortOrder = enumParam(query, 'sort_order', ['asc', 'desc'] as const, 'asc');
	if (isReply(sortOrder)) return sortOrder;
	const kind = given[0];
	const predicate = predicateFor(module, kind, query.get(kind)!);
	if (isReply(predicate)) return predicate;

	const base = applyFilters(store.all(module.api_name), module, { converted, approved: 'both' });
	const hits = sortRecords(base.filter(predicate), sortBy, sortOrder).slice(0, ZOHO_SEARCH_LIMIT);
	const start = (page - 1) * perPage;
	const slice = hits.slice(start, start + perPage);
	if (slice.length === 0) return noContent();
	return {
		status: 200,
		body: {
			data: slice.map((r) => projectRecord(module, r, fields)),
			info: { per_page: perPage, count: slice.length, page, more_records: start + slice.length < hits.length },
		},
	};
}
