/**
 * What the vendors define, read from the vendors' own published clients (never from our code):
 * - Zoho: every `*_operations.js` class of @zohocrm/nodejs-sdk-8.0 (HTTP method, the path it builds,
 *   its Param and Header classes) and `lib/config/json_details.json` (body models: key names, nested
 *   structures, enumerated values);
 * - MailChimp: every `src/api/*Api.js` of @mailchimp/mailchimp_marketing (method, path template,
 *   query parameter names, required parameters).
 * A few facts the clients do not carry are added by hand in `supplements.ts`, each with its source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FieldSpec {
	/** Wire name (e.g. "duplicate_check_fields"). */
	name: string;
	/** Allowed values when the vendor enumerates them. */
	values?: unknown[];
	/** Model of the value (or of each list item) when it is an object the vendor describes. */
	structure?: string;
	required?: boolean;
}

export interface Operation {
	vendor: 'zoho' | 'mailchimp';
	method: string;
	/** Path template, e.g. "/crm/v8/{moduleAPIName}/{id}" or "/3.0/lists/{list_id}/members/{subscriber_hash}". */
	template: string;
	/** Where it is defined: "Record.RecordOperations.getRecords" or "ListsApi.setListMember". */
	source: string;
	query: FieldSpec[];
	headers: FieldSpec[];
	/** Body model name (json_details key) when the operation takes a JSON body. */
	body?: string;
	/** Literal segments, for picking the most specific template that matches a path. */
	literals: number;
}

export interface Definitions {
	operations: Operation[];
	/** Zoho body models: json_details key -> field specs; `open` models (Record) take any key. */
	models: Record<string, { fields: FieldSpec[]; open: boolean }>;
}

const segments = (template: string): number => template.split('/').filter((s) => s && !s.startsWith('{')).length;

function zohoRoot(): string {
	return join(dirname(require.resolve('@zohocrm/nodejs-sdk-8.0/package.json')), 'lib');
}

type JsonDetail = Record<string, { name?: string; values?: unknown[]; structure_name?: string; required_for?: string; type?: string; interface?: boolean; classes?: string[] }>;

/** Zoho's Record model is open: its keys are the module's field API names. */
const OPEN_MODELS = new Set(['core/com/zoho/crm/api/record/record']);

function zohoModels(root: string): Definitions['models'] {
	const details = JSON.parse(readFileSync(join(root, 'config', 'json_details.json'), 'utf8')) as Record<string, JsonDetail>;
	const models: Definitions['models'] = {};
	for (const [key, members] of Object.entries(details)) {
		if ((members as { interface?: boolean }).interface) continue;
		const fields: FieldSpec[] = [];
		for (const member of Object.values(members)) {
			if (!member || typeof member !== 'object' || !member.name) continue;
			fields.push({
				name: member.name,
				values: member.type === 'utils/util/choice' ? member.values : undefined,
				structure: member.structure_name,
				required: member.required_for !== undefined && !['none', 'false'].includes(member.required_for),
			});
		}
		models[key] = { fields, open: OPEN_MODELS.has(key) };
	}
	return models;
}

function paramClass(source: string, className: string, kind: 'Param' | 'Header'): FieldSpec[] {
	const block = new RegExp(`class ${className}\\s*\\{([\\s\\S]*?)\\n\\}`).exec(source);
	if (!block) return [];
	const out: FieldSpec[] = [];
	for (const m of block[1].matchAll(new RegExp(`new ${kind}\\("([^"]+)"`, 'g'))) out.push({ name: m[1] });
	return out;
}

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** Enumerated values json_details gives a Param/Header class member (e.g. users type, fields type). */
function withValues(specs: FieldSpec[], model: Definitions['models'][string] | undefined): FieldSpec[] {
	if (!model) return specs;
	return specs.map((spec) => ({ ...spec, values: model.fields.find((f) => f.name === spec.name)?.values }));
}

function zohoOperations(root: string, models: Definitions['models']): Operation[] {
	const api = join(root, 'core', 'com', 'zoho', 'crm', 'api');
	const out: Operation[] = [];
	for (const dir of readdirSync(api)) {
		let files: string[];
		try {
			files = readdirSync(join(api, dir)).filter((f) => f.endsWith('_operations.js'));
		} catch {
			continue;
		}
		for (const file of files) {
			const source = readFileSync(join(api, dir, file), 'utf8');
			const className = /class (\w+Operations)\s*\{/.exec(source)?.[1] ?? file;
			const methods = [...source.matchAll(/\n\tasync (\w+)\(([^)]*)\)\s*\{/g)];
			methods.forEach((m, i) => {
				const body = source.slice(m.index, methods[i + 1]?.index ?? source.length);
				const http = /setHttpMethod\(Constants\.REQUEST_METHOD_(\w+)\)/.exec(body)?.[1];
				if (!http) return;
				let template = '';
				for (const part of body.matchAll(/apiPath = apiPath\.concat\(([^;]+)\);/g)) {
					const arg = part[1].trim();
					const literal = /^"([^"]*)"$/.exec(arg);
					template += literal ? literal[1] : `{${/(\w+)(?:\.toString\(\))?\)?$/.exec(arg.replace(/\.toString\(\)$/, ''))?.[1] ?? 'value'}}`;
				}
				// A few operations live on another Zoho host (the Bulk Write upload: https://content.zohoapis.com/crm/v8/upload): the path is what is checked.
				template = template.replace(/^https?:\/\/[^/]+/, '');
				const name = m[1];
				const cap = name[0].toUpperCase() + name.slice(1);
				const request = /request instanceof (\w+)\)/.exec(body)?.[1];
				const requestFile = request ? new RegExp(`const ${request} = \\(await \\(import\\("\\./([\\w_]+)\\.js"\\)\\)\\)`).exec(body)?.[1] : undefined;
				out.push({
					vendor: 'zoho',
					method: http,
					template,
					source: `${dir}/${className}.${name}`,
					query: withValues(paramClass(source, `${cap}Param`, 'Param'), models[`core/com/zoho/crm/api/${dir}/${snake(`${cap}Param`)}`]),
					headers: paramClass(source, `${cap}Header`, 'Header'),
					body: requestFile ? `core/com/zoho/crm/api/${dir}/${requestFile}` : undefined,
					literals: segments(template),
				});
			});
		}
	}
	return out;
}

function mailchimpOperations(): Operation[] {
	const root = join(dirname(require.resolve('@mailchimp/mailchimp_marketing/package.json')), 'src', 'api');
	const out: Operation[] = [];
	for (const file of readdirSync(root).filter((f) => f.endsWith('Api.js'))) {
		const source = readFileSync(join(root, file), 'utf8');
		const blocks = [...source.matchAll(/this\.(\w+)WithHttpInfo = function\(([^)]*)\)\s*\{/g)];
		blocks.forEach((m, i) => {
			const body = source.slice(m.index, blocks[i + 1]?.index ?? source.length);
			const call = /callApi\(\s*'([^']+)',\s*'(\w+)'/.exec(body);
			if (!call) return;
			const queryBlock = /var queryParams = \{([\s\S]*?)\n\s*\};/.exec(body)?.[1] ?? '';
			const query = [...queryBlock.matchAll(/'([\w]+)':/g)].map((q) => ({ name: q[1] }));
			const required = new Set([...body.matchAll(/verify the required parameter '(\w+)' is set/g)].map((r) => r[1]));
			const template = `/3.0${call[1]}`;
			out.push({
				vendor: 'mailchimp',
				method: call[2],
				template,
				source: `${file.replace(/\.js$/, '')}.${m[1]}`,
				query,
				headers: [],
				body: required.has('body') || /var postBody = body;/.test(body) ? `mailchimp:${call[2]} ${template}` : undefined,
				literals: segments(template),
			});
		});
	}
	return out;
}

let cached: Definitions | undefined;

export function vendorDefinitions(): Definitions {
	if (cached) return cached;
	const root = zohoRoot();
	const models = zohoModels(root);
	cached = { operations: [...zohoOperations(root, models), ...mailchimpOperations()], models };
	return cached;
}
