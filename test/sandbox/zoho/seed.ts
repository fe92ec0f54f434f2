import { toZohoTime } from './clock';
import type { FieldDef, ModuleDef } from './fieldTypes';
import type { ZohoStore } from './store';
import { USERS, userRef } from './users';

export interface SeedOptions {
	module: string;
	count: number;
	/** Same seed, same records (ids excepted when the store already holds records). Default 1. */
	seed?: number;
	/** Values set on every generated record (after generation). */
	overrides?: Record<string, unknown>;
	/** Generate only these fields (owner and times always): seeds hundreds of thousands of records cheaply. */
	fields?: string[];
}

/** mulberry32: small, fast and deterministic. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jiyoon', 'Kofi', 'Lucía', 'Mateo', 'Nora', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Xavier', 'Yara', 'Zoë', 'Björn', 'Łucja', 'Søren', 'Aiko'];
const LAST = ['Andersen', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Huber', 'Ito', 'Jansen', 'Kowalski', 'López', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', "O'Brien", 'Tanaka', 'Ulrich', 'Vargas', 'Wagner', 'Xu', 'Yilmaz', 'Zimmermann', 'Novák', 'Sørensen', 'Smith'];
const COMPANY_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Wonka', 'Nordwind', 'Blue Fjord', 'Café Lumière'];
const COMPANY_B = ['GmbH', 'Inc.', 'Ltd', 'AG', 'SARL', 'Oy', 'AB', 'LLC', 'S.p.A.', '& Co.'];
const CITIES = ['Berlin', 'Paris', 'Madrid', 'Austin', 'Chennai', 'Tokyo', 'Toronto', 'Sydney', 'Oslo', 'Zürich'];
const COUNTRIES = ['Germany', 'France', 'Spain', 'United States', 'India', 'Japan', 'Canada', 'Australia', 'Norway', 'Switzerland'];
const WORDS = ['Spring', 'Summer', 'Autumn', 'Winter', 'Launch', 'Newsletter', 'Webinar', 'Promo', 'Digest', 'Update'];
const DAY = 86_400_000;

function ascii(s: string): string {
	return s.normalize('NFD').replace(/[^\w]/g, '').toLowerCase().replace(/ł/g, 'l').replace(/ø/g, 'o');
}

/** Generates realistic, valid records: unique emails, valid picklists, times spread over the past year. */
export function seedRecords(store: ZohoStore, now: number, opts: SeedOptions): string[] {
	const module = store.module(opts.module);
	if (!module) throw new Error(`unknown module ${opts.module}`);
	const rand = rng(opts.seed ?? 1);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
	const start = now - 365 * DAY;
	const step = (365 * DAY) / Math.max(1, opts.count);
	const ids: string[] = [];
	const offset = store.count(module.api_name);
	const lookupTargets = new Map<string, string[]>();
	const only = opts.fields ? new Set(opts.fields) : undefined;
	for (let i = 0; i < opts.count; i++) {
		const n = offset + i;
		const first = pick(FIRST);
		const last = pick(LAST);
		const company = `${pick(COMPANY_A)} ${pick(COMPANY_B)}`;
		const created = Math.floor(start + i * step + rand() * step * 0.5);
		const modified = Math.min(now, created + Math.floor(rand() * 30 * DAY));
		const owner = USERS[Math.floor(rand() * 3)];
		const values: Record<string, unknown> = {
			Owner: userRef(owner),
			Created_By: userRef(owner),
			Modified_By: userRef(owner),
			Created_Time: toZohoTime(created),
			Modified_Time: toZohoTime(modified),
		};
		for (const field of module.fields) {
			if (only && !only.has(field.api_name)) continue;
			if (field.read_only || field.tag || field.data_type === 'ownerlookup') continue;
			const v = generate(field, module, { n, first, last, company, rand, pick, created, store, lookupTargets });
			if (v !== undefined) values[field.api_name] = v;
		}
		Object.assign(values, opts.overrides ?? {});
		ids.push(store.insert(module, values, created).id);
	}
	return ids;
}

interface GenContext {
	n: number;
	first: string;
	last: string;
	company: string;
	rand: () => number;
	pick: <T>(list: readonly T[]) => T;
	created: number;
	store: ZohoStore;
	lookupTargets: Map<string, string[]>;
}

function generate(field: FieldDef, module: ModuleDef, g: GenContext): unknown {
	const { n, rand, pick } = g;
	const name = field.api_name;
	const sometimes = (p: number): boolean => rand() < p;
	switch (name) {
		case 'First_Name':
			return g.first;
		case 'Last_Name':
			return g.last;
		case 'Email':
			return `${ascii(g.first)}.${ascii(g.last)}.${n}@${ascii(g.company.split(' ')[0])}.example`;
		case 'Secondary_Email':
			return sometimes(0.2) ? `${ascii(g.first)}${n}@mail.example` : undefined;
		case 'Company':
		case 'Account_Name':
			return field.data_type === 'text' ? (module.api_name === 'Accounts' ? `${g.company} #${n}` : g.company) : undefined;
		case 'Deal_Name':
			return `${g.company} – deal ${n}`;
		case 'Campaign_Name':
			return `${pick(WORDS)} ${pick(WORDS)} ${n}`.slice(0, 40);
		case 'Subject':
			return `Follow up ${g.first} ${g.last}`;
		case 'Name':
			return `Project ${n}`;
		case 'City':
		case 'Mailing_City':
		case 'Billing_City':
			return pick(CITIES);
		case 'Country':
		case 'Mailing_Country':
		case 'Billing_Country':
			return pick(COUNTRIES);
		case 'Note_Content':
		case 'Parent_Id':
			return undefined;
	}
	if (field.unique) return `${name.toLowerCase()}-${n}`;
	if (field.system_mandatory && field.data_type === 'picklist') return pick(field.pick_list_values ?? []);
	if (!sometimes(field.custom_field ? 0.3 : 0.6)) return undefined;
	switch (field.data_type) {
		case 'phone':
			return `+1 555 ${String(1000 + ((n * 7919) % 9000)).padStart(4, '0')} ${String(n % 10000).padStart(4, '0')}`;
		case 'picklist':
			return pick(field.pick_list_values ?? []);
		case 'multiselectpicklist':
			return (field.pick_list_values ?? []).filter(() => sometimes(0.3));
		case 'integer':
			return Math.floor(rand() * 500);
		case 'bigint':
			return Math.floor(rand() * 1e9);
		case 'double':
			return Math.round(rand() * 10000) / 100;
		case 'currency':
			return Math.round(rand() * 1_000_000) / 100;
		case 'boolean':
			return sometimes(0.1);
		case 'date':
			return new Date(g.created + Math.floor(rand() * 60) * DAY).toISOString().slice(0, 10);
		case 'datetime':
			return toZohoTime(g.created + Math.floor(rand() * 10 * DAY));
		case 'website':
			return `https://www.${ascii(g.company.split(' ')[0])}.example`;
		case 'textarea':
			return `Met at ${pick(CITIES)}; interested in ${pick(WORDS).toLowerCase()}.`;
		case 'text':
			return field.length && field.length < 40 ? `${n}`.slice(0, field.length) : `${pick(WORDS)} ${n}`;
		case 'lookup': {
			if (!field.lookup_module) return undefined;
			let targets = g.lookupTargets.get(field.lookup_module);
			if (!targets) {
				targets = g.store.all(field.lookup_module).map((r) => r.id);
				g.lookupTargets.set(field.lookup_module, targets);
			}
			if (targets.length === 0) return undefined;
			const id = pick(targets);
			const target = g.store.module(field.lookup_module)!;
			return { id, name: g.store.displayName(target, g.store.get(target.api_name, id)!) };
		}
	}
	return undefined;
}
