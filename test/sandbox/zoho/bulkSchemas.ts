import { z } from 'zod';

/** `POST /crm/bulk/v8/write`, as Zoho's OpenAPI (v8.0/bulk_write.json Request_Wrapper) and the SDK's json_details define it. */
const fieldMapping = z
	.object({
		api_name: z.string().min(1),
		index: z.number().int().min(0).optional(),
		format: z.string().optional(),
		find_by: z.string().optional(),
		module: z.string().optional(),
		parent_column_index: z.number().int().optional(),
		default_value: z.object({ name: z.string().optional(), module: z.string().optional(), value: z.unknown().optional() }).strict().optional(),
	})
	.strict();

export const bulkWriteBodySchema = z
	.object({
		operation: z.enum(['insert', 'update', 'upsert'], { required_error: 'operation is required' }),
		character_encoding: z.string().optional(),
		ignore_empty: z.boolean().optional(),
		callback: z.object({ url: z.string().url(), method: z.literal('post') }).strict().optional(),
		resource: z
			.array(
				z
					.object({
						type: z.literal('data'),
						module: z.object({ api_name: z.string().min(1), id: z.string().optional() }).strict(),
						file_id: z.string().min(1),
						ignore_empty: z.boolean().optional(),
						find_by: z.string().optional(),
						field_mappings: z.array(fieldMapping).min(1).optional(),
					})
					.strict(),
			)
			.min(1)
			.max(1),
	})
	.strict();
export type BulkWriteBody = z.infer<typeof bulkWriteBodySchema>;
export type FieldMapping = z.infer<typeof fieldMapping>;
