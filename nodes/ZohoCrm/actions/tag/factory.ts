import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/operations';
import { expectOk, zohoCall } from '../../transport';
import { clientFor, forEachItem, getModule } from '../common';
import { readRecordId, recordIdProperty } from '../recordIdProperty';

function tagProperties(operation: 'add' | 'remove'): INodeProperties[] {
	return forOperation('tag', operation, [
		recordIdProperty(),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'newsletter, vip',
			description: 'Comma-separated tag names',
		},
	]);
}

async function executeTags(ctx: IExecuteFunctions, operation: 'add' | 'remove'): Promise<INodeExecutionData[]> {
	const client = await clientFor(ctx);
	return await forEachItem(ctx, client, async (itemIndex) => {
		const module = getModule(ctx, itemIndex);
		const id = readRecordId(ctx, itemIndex);
		const tags = String(ctx.getNodeParameter('tags', itemIndex, ''))
			.split(',')
			.map((t) => t.trim())
			.filter(Boolean);
		const answer = await zohoCall(
			ctx,
			client,
			{
				method: 'POST',
				path: `/${encodeURIComponent(module)}/${id}/actions/${operation}_tags`,
				body: { tags: tags.map((name) => ({ name })) },
				idempotent: true,
			},
			itemIndex,
		);
		const body = expectOk(ctx, answer, { itemIndex, module, action: `${operation} tags` }) ?? {};
		const slot = ((body.data as IDataObject[] | undefined) ?? [])[0] ?? body;
		return [{ id, tags, ...((slot.details ?? {}) as IDataObject), status: 'success' }];
	});
}

/** Add and Remove: the same call (POST .../actions/{add|remove}_tags) per record. */
export function tagOperation(operation: 'add' | 'remove'): Operation {
	return {
		description: tagProperties(operation),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
			return await executeTags(this, operation);
		},
	};
}
