import type { INodePropertyRegexValidation } from 'n8n-workflow';

/** A Zoho API name (module, field, related list): a letter, then letters, digits and underscores. */
const API_NAME_SOURCE = '^[A-Za-z][A-Za-z0-9_]*$';

export const API_NAME = new RegExp(API_NAME_SOURCE);

/** The editor's check of a resource locator's "By API Name" mode. */
export const apiNameValidation: INodePropertyRegexValidation = {
	type: 'regex',
	properties: { regex: API_NAME_SOURCE, errorMessage: 'An API name has letters, digits and underscores only' },
};
