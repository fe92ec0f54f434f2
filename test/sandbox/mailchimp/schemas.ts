import { z } from 'zod';
import { MAX_BATCH_SUBSCRIBE } from './constants';

export const memberStatus = z.enum(['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional']);

export const memberInputSchema = z.object({
	email_address: z.string().optional(),
	status: memberStatus.optional(),
	status_if_new: memberStatus.optional(),
	merge_fields: z.record(z.unknown()).optional(),
	tags: z.array(z.union([z.string(), z.object({ name: z.string().min(1) })])).optional(),
	language: z.string().optional(),
	vip: z.boolean().optional(),
	email_type: z.enum(['html', 'text']).optional(),
});

export const batchSubscribeSchema = z.object({
	members: z
		.array(memberInputSchema)
		.max(MAX_BATCH_SUBSCRIBE, `You may only submit up to ${MAX_BATCH_SUBSCRIBE} members at a time.`),
	update_existing: z.boolean().optional(),
	sync_tags: z.boolean().optional(),
});

export const memberTagsSchema = z.object({
	tags: z.array(z.object({ name: z.string().min(1).max(100), status: z.enum(['active', 'inactive']) })),
	is_syncing: z.boolean().optional(),
});

export const campaignTypes = z.enum(['regular', 'plaintext', 'absplit', 'rss', 'variate']);

export const createCampaignSchema = z.object({
	type: campaignTypes,
	recipients: z.object({ list_id: z.string(), segment_text: z.string().optional() }).optional(),
	settings: z
		.object({
			subject_line: z.string().max(150).optional(),
			preview_text: z.string().optional(),
			title: z.string().optional(),
			from_name: z.string().optional(),
			reply_to: z.string().optional(),
			folder_id: z.string().optional(),
		})
		.optional(),
});

export const scheduleSchema = z.object({
	schedule_time: z.string(),
	timewarp: z.boolean().optional(),
});

export const batchSchema = z.object({
	operations: z
		.array(
			z.object({
				method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
				path: z.string().startsWith('/'),
				params: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
				body: z.string().optional(),
				operation_id: z.string().optional(),
			}),
		)
		.min(1),
});

export const mergeFieldInputSchema = z.object({
	name: z.string().min(1),
	type: z.enum(['text', 'number', 'address', 'phone', 'date', 'url', 'imageurl', 'radio', 'dropdown', 'birthday', 'zip']),
	tag: z.string().regex(/^[A-Z0-9_]{1,10}$/, 'A merge tag has at most 10 upper-case letters, digits or underscores').optional(),
	required: z.boolean().optional(),
	public: z.boolean().optional(),
	default_value: z.string().optional(),
});
