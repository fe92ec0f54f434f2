/** Zoho CRM field data types (`data_type` in `GET /settings/fields`) that several parts of the node treat alike. */

/** Number fields: their values are JSON numbers in the Records API. */
export const NUMBER_FIELD_TYPES: ReadonlySet<string> = new Set(['integer', 'bigint', 'double', 'currency', 'percent', 'decimal']);

/**
 * The number fields Bulk Read criteria compare as numbers and Bulk Read cells are typed as numbers
 * by: all but `bigint`, whose values stay text there.
 */
export const BULK_NUMBER_FIELD_TYPES: ReadonlySet<string> = new Set([...NUMBER_FIELD_TYPES].filter((type) => type !== 'bigint'));

/** Fields no record write sets (computed, files and images, subforms, multi-select lookups): the field mapper leaves them out. */
export const UNWRITABLE_FIELD_TYPES: ReadonlySet<string> = new Set([
	'formula',
	'autonumber',
	'rollup_summary',
	'fileupload',
	'imageupload',
	'profileimage',
	'subform',
	'multiselectlookup',
]);

/** Field types Bulk Write cannot write (Zoho's docs: file and image uploads, formula, auto-number, subforms ...). */
export const BULK_UNWRITABLE_FIELD_TYPES: ReadonlySet<string> = new Set([...UNWRITABLE_FIELD_TYPES, 'multiuserlookup']);
