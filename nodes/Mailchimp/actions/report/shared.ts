import type { INodeProperties } from 'n8n-workflow';

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return one flat record per campaign with the fields a CRM campaign needs (ID, title, subject, send time, emails sent, opens, clicks, rates, bounces, unsubscribes, abuse reports) instead of the full report',
};
