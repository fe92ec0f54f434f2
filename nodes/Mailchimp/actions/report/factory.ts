import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/operations';
import { fieldsOptions, fieldsQuery, forOperation, readLimit, requiredString, returnAllAndLimit, eachItem } from '../common';
import { fetchPaged } from '../../transport/paging';
import { campaignIdProperty } from '../campaign/shared';
import { isoSecondsOf } from '../../../shared/time';
import { optionsCollection } from '../../../shared/descriptions';

interface DetailSpec {
	operation: string;
	/** Below /reports/{id}. */
	suffix: string;
	/** Records key of the answer. */
	collection: string;
	action: string;
	/** Whether the endpoint takes a `since` filter. */
	since?: string;
}

/** Report sub-resources: same shape (campaign, return all/limit, options), paged at 1,000. */
export function reportDetail(spec: DetailSpec): Operation {
	const options: INodeProperties[] = [...fieldsOptions];
	if (spec.since) {
		options.push({
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			default: '',
			description: spec.since,
		});
	}
	const description = forOperation('report', spec.operation, [
		campaignIdProperty,
		...returnAllAndLimit(),
		{
			...optionsCollection(),
			options,
		},
	]);
	const execute = eachItem(async (ctx, client, itemIndex) => {
		const id = requiredString(ctx, 'campaignId', 'Campaign ID', itemIndex);
		const opts = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs = fieldsQuery(opts, spec.collection);
		const since = spec.since ? isoSecondsOf(opts.since) : undefined;
		if (since) qs.since = since;
		return await fetchPaged(
			ctx,
			client,
			{ path: `/reports/${encodeURIComponent(id)}${spec.suffix}`, collection: spec.collection, qs, limit: readLimit(ctx, itemIndex) },
			{ itemIndex, action: spec.action, subject: `campaign "${id}"` },
		);
	});
	return { description, execute };
}
