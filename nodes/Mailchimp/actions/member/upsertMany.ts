import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { asNodeError, ItemOutputs, itemMessage } from '../../../shared/items';
import { mapWithConcurrency } from '../../../shared/pool';
import { clientFor, errorItem, forOperation, requiredString } from '../common';
import { BATCH_SUBSCRIBE_SIZE, mailchimpCall, problemError, type MailchimpClient } from '../../transport';
import { groupIntoBatches, matchBatchResults, type BatchMemberOutcome, type MemberInputItem } from '../../transport/members';
import { audienceProperty, emailProperty, memberFieldOptions, readEmail, readMemberFields, STATUS_OPTIONS } from './shared';
import { optionsCollection } from '../../../shared/descriptions';

export const description: INodeProperties[] = forOperation('member', 'upsertMany', [
	{
		displayName:
			'All input items are sent together, up to 500 members per call to MailChimp, grouped by audience. Each output item answers its input item.',
		name: 'upsertManyNotice',
		type: 'notice',
		default: '',
	},
	audienceProperty,
	emailProperty,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUS_OPTIONS,
		default: 'subscribed',
		description:
			"Status of new members. With Update Existing Members on, MailChimp also sets it on existing ones (its batch endpoint has no status_if_new): use Upsert to keep existing members' status.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: memberFieldOptions,
	},
	{
		...optionsCollection(),
		options: [
			{
				displayName: 'Replace Tags',
				name: 'syncTags',
				type: 'boolean',
				default: false,
				description: "Whether the given tags replace an existing member's tags (MailChimp sync_tags) instead of being added",
			},
			{
				displayName: 'Update Existing Members',
				name: 'updateExisting',
				type: 'boolean',
				default: true,
				description: 'Whether members already in the audience are updated; off, they come back as errors (ERROR_CONTACT_EXISTS)',
			},
		],
	},
]);

interface Prepared extends MemberInputItem {
	updateExisting: boolean;
	syncTags: boolean;
}

/**
 * Batch subscribe: every input item is read first (per item), grouped by audience and batch
 * options, sent at up to 500 members per POST /lists/{id}, and each member's result
 * (new_members, updated_members, errors — matched by email) goes back to its own item.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await upsertMembers(this, await clientFor(this));
}

async function upsertMembers(ctx: IExecuteFunctions, client: MailchimpClient): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const outputs = new ItemOutputs(ctx, items.length, (index, error) => errorItem(index, error, client.secrets));
	const fail = (index: number, error: unknown, extra: IDataObject = {}): void =>
		outputs.fail(index, error, (i, e) => errorItem(i, e, client.secrets, extra));

	const prepared: Prepared[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const listId = requiredString(ctx, 'listId', 'Audience', itemIndex);
			const email = readEmail(ctx, itemIndex);
			const status = ctx.getNodeParameter('status', itemIndex, 'subscribed') as string;
			const { body, tags } = readMemberFields(ctx, itemIndex);
			const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const member: IDataObject = { email_address: email, status, ...body };
			if (tags.length) member.tags = tags;
			prepared.push({
				itemIndex,
				listId,
				email,
				member,
				updateExisting: options.updateExisting !== false,
				syncTags: options.syncTags === true,
			});
		} catch (error) {
			if (!outputs.continueOnFail) throw asNodeError(ctx, error, itemIndex);
			fail(itemIndex, error);
		}
	}

	// Group by audience and by the batch-wide flags, so one call never mixes different options.
	const groupKey = (p: Prepared): string => JSON.stringify([p.listId, p.updateExisting, p.syncTags]);
	const byKey = new Map<string, Prepared>();
	const keyed = prepared.map((p) => {
		byKey.set(groupKey(p), p);
		return { ...p, listId: groupKey(p) };
	});
	const batches = groupIntoBatches(keyed, BATCH_SUBSCRIBE_SIZE);

	await mapWithConcurrency(batches, client.profile.limiter.limit, async (batch) => {
		const sample = byKey.get(batch.listId)!;
		const first = batch.items[0].itemIndex;
		const last = batch.items[batch.items.length - 1].itemIndex;
		const site = {
			itemIndex: first,
			action: `Upsert Many members (items ${first}-${last}, audience "${sample.listId}")`,
		};
		let outcomes: BatchMemberOutcome[];
		try {
			const answer = await mailchimpCall(
				ctx,
				client,
				{
					method: 'POST',
					path: `/lists/${encodeURIComponent(sample.listId)}`,
					body: {
						members: batch.items.map((i) => i.member),
						update_existing: sample.updateExisting,
						...(sample.syncTags ? { sync_tags: true } : {}),
					},
					// With update_existing a repeated batch converges (members created by a lost answer
					// come back as updated), so 5xx and dropped answers are retried; without it a
					// repeat would report ERROR_CONTACT_EXISTS, so it is not.
					idempotent: sample.updateExisting,
				},
				site,
			);
			if (answer.status >= 400) throw problemError(ctx, client, answer, site);
			outcomes = matchBatchResults(
				batch.items.map((i) => i.email),
				answer.body ?? {},
			);
		} catch (error) {
			for (const item of batch.items) fail(item.itemIndex, error, { email_address: item.email });
			return;
		}
		batch.items.forEach((item, n) => {
			const outcome = outcomes[n];
			if (outcome.kind === 'created' || outcome.kind === 'updated') {
				outputs.records(item.itemIndex, [{ ...outcome.member, action: outcome.kind }]);
				return;
			}
			const mc: IDataObject = outcome.kind === 'error' ? outcome.error : {};
			const message =
				outcome.kind === 'error'
					? String(mc.error ?? 'rejected')
					: 'MailChimp did not report on this member (neither created, updated nor rejected)';
			const code = typeof mc.error_code === 'string' ? mc.error_code : undefined;
			const field = typeof mc.field === 'string' && mc.field ? mc.field : undefined;
			if (outputs.continueOnFail) {
				outputs.records(item.itemIndex, [
					{
						email_address: item.email,
						error: message,
						...(code ? { error_code: code } : {}),
						...(field ? { field, field_message: mc.field_message ?? '' } : {}),
					},
				]);
				return;
			}
			const suffix = [code, field ? `field ${field}${mc.field_message ? `: ${String(mc.field_message)}` : ''}` : undefined].filter(Boolean).join(', ');
			outputs.fail(
				item.itemIndex,
				new NodeApiError(ctx.getNode(), mc as JsonObject, {
					message: itemMessage(
						{ itemIndex: item.itemIndex, subject: `email "${item.email}"` },
						`MailChimp rejected the member: ${message}${suffix ? ` (${suffix})` : ''}`,
					),
					description: `Audience "${sample.listId}". Fix the input item or turn on "Continue On Fail" to get the other members' results.`,
					itemIndex: item.itemIndex,
				}),
			);
		});
	});

	return outputs.output();
}
