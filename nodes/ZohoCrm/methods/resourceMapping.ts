import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { zohoClient } from '../transport';
import { NUMBER_FIELD_TYPES, UNWRITABLE_FIELD_TYPES } from '../transport/fieldTypes';
import { listUsers, moduleFields, type ZohoField } from '../transport/metadata';

/** Zoho data type -> the type n8n's resource mapper shows and validates. */
export function mapperType(dataType: string | undefined): FieldType {
	if (NUMBER_FIELD_TYPES.has(dataType ?? '')) return 'number';
	switch (dataType) {
		case 'boolean':
			return 'boolean';
		case 'date':
			return 'string';
		case 'datetime':
			return 'dateTime';
		case 'picklist':
		case 'ownerlookup':
			return 'options';
		case 'multiselectpicklist':
			return 'array';
		default:
			return 'string';
	}
}

function toMapperField(field: ZohoField, users: Array<{ id: string; full_name?: string }>): ResourceMapperField {
	const type = mapperType(field.data_type);
	const lookupModule = field.lookup?.module?.api_name;
	const label = field.field_label ?? field.api_name;
	const out: ResourceMapperField = {
		id: field.api_name,
		displayName:
			field.data_type === 'lookup' && lookupModule
				? `${label} (${lookupModule} record ID)`
				: field.data_type === 'date'
					? `${label} (YYYY-MM-DD)`
					: label,
		required: field.system_mandatory === true,
		defaultMatch: false,
		canBeUsedToMatch: field.api_name === 'id' || Boolean(field.unique),
		display: true,
		type,
		readOnly: field.read_only === true,
		removed: false,
	};
	if (field.data_type === 'picklist') {
		out.options = (field.pick_list_values ?? []).map((v) => ({ name: v.display_value, value: v.actual_value }));
	}
	if (field.data_type === 'ownerlookup') {
		out.options = users.map((u) => ({ name: u.full_name ?? u.id, value: u.id }));
	}
	return out;
}

/** Typed columns for Create/Update/Upsert, loaded from /settings/fields of the chosen module. */
export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const module = this.getNodeParameter('module', '', { extractValue: true }) as string;
	if (!module) return { fields: [] };
	const client = await zohoClient(this);
	const fields = await moduleFields(this, client, module);
	const needsUsers = fields.some((f) => f.data_type === 'ownerlookup');
	const users = needsUsers ? await listUsers(this, client) : [];
	return {
		fields: fields
			.filter((f) => !f.read_only && !UNWRITABLE_FIELD_TYPES.has(f.data_type ?? ''))
			.map((f) => toMapperField(f, users)),
	};
}
