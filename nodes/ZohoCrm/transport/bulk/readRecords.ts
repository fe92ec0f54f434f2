import type { IDataObject } from 'n8n-workflow';
import { readZippedCsv } from '../../../shared/bulk/archive';
import type { HostContext } from '../../../shared/authorizedRequest';
import type { ZohoClient } from '../index';
import { moduleFields } from '../metadata';
import { bulkReadPages, type BulkReadQuery, type BulkReadWait } from './bulkRead';
import { rowReader } from './readValues';

/** Rows parsed per batch: bounds what is held beside one job's ZIP. */
const ROW_BATCH = 2_000;

/**
 * Every record a Bulk Read exports, typed like the REST API's (readValues.ts), in batches: one job's
 * ZIP is inflated and parsed as a stream, so what is held is that ZIP plus one batch of rows.
 */
export async function* bulkReadRecords(
	ctx: HostContext,
	client: ZohoClient,
	query: BulkReadQuery,
	wait: BulkReadWait,
	itemIndex?: number,
): AsyncGenerator<IDataObject[]> {
	const fields = await moduleFields(ctx, client, query.module, itemIndex);
	for await (const page of bulkReadPages(ctx, client, query, wait, itemIndex)) {
		let read: ((row: Record<string, string>) => IDataObject) | undefined;
		for (const rows of readZippedCsv(page.zip, ROW_BATCH)) {
			read ??= rowReader(Object.keys(rows[0] ?? {}), fields);
			yield rows.map(read);
		}
	}
}
