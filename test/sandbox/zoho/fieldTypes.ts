export type ZohoDataType =
	| 'text'
	| 'email'
	| 'phone'
	| 'picklist'
	| 'multiselectpicklist'
	| 'integer'
	| 'bigint'
	| 'double'
	| 'currency'
	| 'boolean'
	| 'date'
	| 'datetime'
	| 'lookup'
	| 'ownerlookup'
	| 'textarea'
	| 'website';

export interface FieldDef {
	api_name: string;
	field_label: string;
	data_type: ZohoDataType;
	length?: number;
	system_mandatory?: boolean;
	read_only?: boolean;
	unique?: boolean;
	custom_field?: boolean;
	pick_list_values?: string[];
	/** Target module of a lookup; undefined means "any module" (Notes.Parent_Id). */
	lookup_module?: string;
	/** Tag is a text field holding [{name}] (json_type jsonarray). */
	tag?: boolean;
}

export interface ModuleDef {
	api_name: string;
	singular_label: string;
	plural_label: string;
	generated_type: 'default' | 'custom';
	api_supported: boolean;
	id: string;
	fields: FieldDef[];
	/** Field the module's records are named by (lookup `name`, deleted `display_name`). */
	display_field?: string;
	/** duplicate_check_fields used by upsert when the request names none (unique fields are added). */
	duplicate_check_default?: string[];
	related_lists: RelatedListDef[];
}

export interface RelatedListDef {
	api_name: string;
	display_label: string;
	module: string;
	/** How records of `module` relate to the parent. */
	kind: 'notes' | 'campaign-members' | 'member-campaigns' | 'lookup';
	/** For kind "lookup": the field of `module` pointing at the parent. */
	lookup_field?: string;
}

export const JSON_TYPES: Record<ZohoDataType, string> = {
	text: 'string',
	email: 'string',
	phone: 'string',
	picklist: 'string',
	multiselectpicklist: 'jsonarray',
	integer: 'integer',
	bigint: 'string',
	double: 'double',
	currency: 'double',
	boolean: 'boolean',
	date: 'string',
	datetime: 'string',
	lookup: 'jsonobject',
	ownerlookup: 'jsonobject',
	textarea: 'string',
	website: 'string',
};

const DEFAULT_LENGTH: Partial<Record<ZohoDataType, number>> = {
	text: 255,
	email: 100,
	phone: 30,
	picklist: 120,
	textarea: 32000,
	website: 255,
	integer: 9,
	bigint: 18,
	double: 16,
	currency: 16,
};

export function defaultLength(type: ZohoDataType): number | undefined {
	return DEFAULT_LENGTH[type];
}

type Extra = Omit<Partial<FieldDef>, 'api_name' | 'data_type'>;

/** Shorthand for field tables: f('Email', 'email', { unique: true }). */
export function f(api_name: string, data_type: ZohoDataType, extra: Extra = {}): FieldDef {
	return { api_name, field_label: extra.field_label ?? api_name.replace(/_/g, ' '), data_type, ...extra };
}

export const SYSTEM_FIELDS: FieldDef[] = [
	f('Owner', 'ownerlookup', { field_label: 'Record Owner' }),
	f('Created_By', 'ownerlookup', { read_only: true }),
	f('Modified_By', 'ownerlookup', { read_only: true }),
	f('Created_Time', 'datetime', { read_only: true }),
	f('Modified_Time', 'datetime', { read_only: true }),
	f('Tag', 'text', { tag: true }),
];
