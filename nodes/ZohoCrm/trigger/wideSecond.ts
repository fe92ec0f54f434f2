import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import type { ZohoClient } from '../transport';
import { compareBy } from '../transport/bulk/beyondListing';
import { bulkReadRecords } from '../transport/bulk/readRecords';
import { DEFAULT_JOB_WAIT_MS } from '../transport/bulk/waitForJob';
import { advanceCursor, type ZohoCursorState, type ZohoTriggerEvent } from './cursor';
import { isoSeconds } from '../../shared/time';

/**
 * A second that holds more records than the REST listing can page through (100,000: a mass update
 * stamped with one Modified_Time) would hold the cursor on it for good: every poll lists that
 * second's first 100,000 records again and never reaches the rest. Such a second is read whole by
 * Bulk Read (criteria `Modified_Time equal <second>`, chained past 200,000), the records not seen yet
 * are emitted through the same cursor rules, and the caller closes the second so the next poll
 * lists strictly after it.
 */
export async function readWideSecond(
	ctx: HostContext,
	client: ZohoClient,
	settings: { module: string; cvid: string; event: ZohoTriggerEvent },
	state: ZohoCursorState,
	fields: string[],
	second: number,
): Promise<IDataObject[]> {
	const query = {
		module: settings.module,
		fields: fields.filter((f) => f !== 'id'),
		criteria: { field: { api_name: 'Modified_Time' }, comparator: 'equal' as const, value: isoSeconds(second) },
		cvid: settings.cvid || undefined,
	};
	const records: IDataObject[] = [];
	for await (const batch of bulkReadRecords(ctx, client, query, { maxWaitMs: DEFAULT_JOB_WAIT_MS })) records.push(...batch);
	records.sort(compareBy('id', 'asc'));
	return advanceCursor(state, records, { field: 'Modified_Time', event: settings.event, overlapMs: 0 }).emit;
}
