import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { expectOk, zohoCall } from '../../transport';
import { clientFor, forEachItem } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';
import { forOperation } from '../../../shared/operations';

export const description: INodeProperties[] = forOperation('lead', 'convert', [
	recordIdProperty('ID of the lead to convert'),
	{
		displayName: 'Options',
		name: 'convertOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Account ID', name: 'accountId', type: 'string', default: '', description: 'Attach to this existing account' },
			{ displayName: 'Contact ID', name: 'contactId', type: 'string', default: '', description: 'Merge into this existing contact' },
			{ displayName: 'Create Deal Named', name: 'dealName', type: 'string', default: '' },
			{ displayName: 'Notify Lead Owner', name: 'notifyLeadOwner', type: 'boolean', default: false },
			{ displayName: 'Overwrite', name: 'overwrite', type: 'boolean', default: false, description: 'Whether lead data overwrites the account/contact' },
		],
	},
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const id = readRecordId(this, itemIndex);
		const options = this.getNodeParameter('convertOptions', itemIndex, {}) as IDataObject;
		const conversion: IDataObject = {
			overwrite: options.overwrite === true,
			notify_lead_owner: options.notifyLeadOwner === true,
		};
		if (options.accountId) conversion.Accounts = { id: options.accountId };
		if (options.contactId) conversion.Contacts = { id: options.contactId };
		if (options.dealName) conversion.Deals = { Deal_Name: options.dealName };
		const answer = await zohoCall(
			this,
			client,
			{ method: 'POST', path: `/Leads/${id}/actions/convert`, body: { data: [conversion] }, idempotent: false },
			itemIndex,
		);
		const body = expectOk(this, answer, { itemIndex, module: 'Leads', action: 'convert lead' }) ?? {};
		const slot = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? {};
		return [{ lead_id: id, ...((slot.details ?? slot) as IDataObject) }];
	});
}
