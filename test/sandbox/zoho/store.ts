import type { Clock } from './clock';
import type { FieldDef, ModuleDef } from './fieldTypes';
import { IdGenerator } from './ids';
import { buildModules } from './modules';
import { CURRENT_USER, userRef } from './users';

/** A stored record: Zoho field values by api_name plus internal `$` flags ($converted, $approved). */
export type ZRecord = Record<string, unknown> & { id: string };

export interface DeletedEntry {
	id: string;
	display_name: string;
	type: 'recycle';
	deleted_by: { id: string; name: string };
	created_by: { id: string; name: string };
	deleted_time: string;
}

export type ChangeOperation = 'insert' | 'update' | 'delete';

export interface ChangeEvent {
	module: string;
	operation: ChangeOperation;
	ids: string[];
	/** For updates: record id -> api names that changed. */
	affected: Record<string, string[]>;
}

export interface MemberLink {
	module: 'Leads' | 'Contacts';
	Member_Status: string;
}

const SYSTEM_WRITTEN = new Set(['id', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By']);

/** In-memory records of every module; the only place that mutates them. */
/** Record ids are increasing numbers (creation order); others compare as text. */
function compareIds(a: string, b: string): number {
	if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
	return a < b ? -1 : a > b ? 1 : 0;
}

export class ZohoStore {
	readonly ids = new IdGenerator();
	readonly modules: ModuleDef[] = buildModules();
	private readonly byName = new Map<string, ModuleDef>();
	private data = new Map<string, Map<string, ZRecord>>();
	private deletedByModule = new Map<string, DeletedEntry[]>();
	/** Campaign id -> member record id -> link (the Campaigns "Leads"/"Contacts" related lists). */
	memberships = new Map<string, Map<string, MemberLink>>();
	/** Time of the last write per module (If-Modified-Since also sees deletions). */
	private lastWrite = new Map<string, number>();
	/**
	 * module -> field -> normalised value -> ids: what findBy searches, built per field on its first
	 * use and kept current by insert, update and remove (a bulk upsert of 100,000 rows by Email would
	 * otherwise scan the module once per row).
	 */
	private indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
	private listeners: Array<(event: ChangeEvent) => void> = [];
	/** Grows with every write (any module): a listing may reuse its sorted order while it stays the same. */
	version = 0;

	constructor(private readonly clock: Clock) {
		for (const m of this.modules) this.byName.set(m.api_name.toLowerCase(), m);
	}

	onChange(listener: (event: ChangeEvent) => void): void {
		this.listeners.push(listener);
	}

	emit(event: ChangeEvent): void {
		if (event.ids.length === 0) return;
		for (const listener of this.listeners) listener(event);
	}

	reset(): void {
		this.version++;
		this.data = new Map();
		this.deletedByModule = new Map();
		this.memberships = new Map();
		this.lastWrite = new Map();
		this.indexes = new Map();
		this.ids.reset();
	}

	private fieldIndex(module: string, field: string): Map<string, Set<string>> {
		let byField = this.indexes.get(module);
		if (!byField) this.indexes.set(module, (byField = new Map()));
		let index = byField.get(field);
		if (!index) {
			index = new Map();
			byField.set(field, index);
			for (const record of this.table(module).values()) this.indexOne(index, record[field], record.id, true);
		}
		return index;
	}

	private indexOne(index: Map<string, Set<string>>, value: unknown, id: string, add: boolean): void {
		const needle = normalizeForMatch(value);
		if (needle === undefined) return;
		let ids = index.get(needle);
		if (add) {
			if (!ids) index.set(needle, (ids = new Set()));
			ids.add(id);
		} else {
			ids?.delete(id);
		}
	}

	private reindex(module: string, record: ZRecord, add: boolean): void {
		for (const [field, index] of this.indexes.get(module) ?? []) this.indexOne(index, record[field], record.id, add);
	}

	/** Module api names in URLs are case-insensitive in Zoho. */
	module(name: string): ModuleDef | undefined {
		return this.byName.get(name.toLowerCase());
	}

	field(module: ModuleDef, apiName: string): FieldDef | undefined {
		return module.fields.find((x) => x.api_name === apiName);
	}

	private table(module: string): Map<string, ZRecord> {
		let t = this.data.get(module);
		if (!t) {
			t = new Map();
			this.data.set(module, t);
		}
		return t;
	}

	/** Records in creation (= id) order. */
	all(module: string): ZRecord[] {
		return [...this.table(module).values()];
	}

	count(module: string): number {
		return this.table(module).size;
	}

	get(module: string, id: string): ZRecord | undefined {
		return this.table(module).get(id);
	}

	/** Find a record in any module (lookups without a fixed target, e.g. Notes.Parent_Id). */
	locate(id: string): { module: string; record: ZRecord } | undefined {
		for (const [module, t] of this.data) {
			const record = t.get(id);
			if (record) return { module, record };
		}
		return undefined;
	}

	lastWriteAt(module: string): number | undefined {
		return this.lastWrite.get(module);
	}

	displayName(module: ModuleDef, record: ZRecord): string {
		const value = module.display_field ? record[module.display_field] : undefined;
		return typeof value === 'string' ? value : String(record.id);
	}

	insert(module: ModuleDef, values: Record<string, unknown>, at = this.clock.now()): ZRecord {
		const time = this.clock.iso(at);
		const me = userRef(CURRENT_USER);
		const record: ZRecord = {
			Owner: me,
			...stripSystem(values),
			id: typeof values.id === 'string' && !this.get(module.api_name, values.id) ? values.id : this.ids.take(),
			Created_Time: typeof values.Created_Time === 'string' ? values.Created_Time : time,
			Modified_Time: typeof values.Modified_Time === 'string' ? values.Modified_Time : time,
			Created_By: values.Created_By ?? me,
			Modified_By: values.Modified_By ?? me,
		};
		if (record.$approved === undefined) record.$approved = true;
		if (module.api_name === 'Leads' && record.$converted === undefined) record.$converted = false;
		this.computeDerived(module, record);
		this.table(module.api_name).set(record.id, record);
		this.reindex(module.api_name, record, true);
		this.lastWrite.set(module.api_name, at);
		this.version++;
		return record;
	}

	/** Apply values; Modified_Time/Modified_By always move, even when nothing else changed (as in Zoho). */
	update(module: ModuleDef, id: string, values: Record<string, unknown>, at = this.clock.now()): { record: ZRecord; changed: string[] } {
		const record = this.get(module.api_name, id);
		if (!record) throw new Error(`no ${module.api_name} record ${id}`);
		const changed: string[] = [];
		this.reindex(module.api_name, record, false);
		for (const [key, value] of Object.entries(stripSystem(values))) {
			if (JSON.stringify(record[key]) !== JSON.stringify(value)) changed.push(key);
			record[key] = value;
		}
		record.Modified_Time = this.clock.iso(at);
		record.Modified_By = userRef(CURRENT_USER);
		this.computeDerived(module, record);
		this.reindex(module.api_name, record, true);
		this.lastWrite.set(module.api_name, at);
		this.version++;
		return { record, changed };
	}

	remove(module: ModuleDef, id: string, at = this.clock.now()): boolean {
		const t = this.table(module.api_name);
		const record = t.get(id);
		if (!record) return false;
		this.reindex(module.api_name, record, false);
		t.delete(id);
		const me = userRef(CURRENT_USER);
		const createdBy = record.Created_By as { id: string; name: string } | undefined;
		const list = this.deletedByModule.get(module.api_name) ?? [];
		list.push({
			id,
			display_name: this.displayName(module, record),
			type: 'recycle',
			deleted_by: { id: me.id, name: me.name },
			created_by: createdBy ? { id: createdBy.id, name: createdBy.name } : { id: me.id, name: me.name },
			deleted_time: this.clock.iso(at),
		});
		this.deletedByModule.set(module.api_name, list);
		for (const members of this.memberships.values()) members.delete(id);
		this.memberships.delete(id);
		this.lastWrite.set(module.api_name, at);
		this.version++;
		return true;
	}

	deleted(module: string): DeletedEntry[] {
		return [...(this.deletedByModule.get(module) ?? [])];
	}

	/** Records whose `field` equals `value` (strings compared case-insensitively, as Zoho's duplicate check does). */
	findBy(module: string, field: string, value: unknown, exceptId?: string): ZRecord | undefined {
		const needle = normalizeForMatch(value);
		if (needle === undefined) return undefined;
		const table = this.table(module);
		let first: ZRecord | undefined;
		for (const id of this.fieldIndex(module, field).get(needle) ?? []) {
			const record = table.get(id);
			// Checked again: a value changed outside insert/update (a test's own edit) leaves no false match.
			if (!record || record.id === exceptId || normalizeForMatch(record[field]) !== needle) continue;
			// The oldest match, as the scan in creation order found it.
			if (!first || compareIds(record.id, first.id) < 0) first = record;
		}
		return first;
	}

	private computeDerived(module: ModuleDef, record: ZRecord): void {
		if (module.fields.some((x) => x.api_name === 'Full_Name')) {
			const first = typeof record.First_Name === 'string' ? record.First_Name : '';
			const last = typeof record.Last_Name === 'string' ? record.Last_Name : '';
			record.Full_Name = `${first} ${last}`.trim();
		}
	}
}

function stripSystem(values: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values)) {
		if (!SYSTEM_WRITTEN.has(key)) out[key] = value;
	}
	return out;
}

function normalizeForMatch(value: unknown): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'string') return value.trim().toLowerCase();
	if (typeof value === 'object' && 'id' in (value as object)) return String((value as { id: unknown }).id);
	return JSON.stringify(value);
}
