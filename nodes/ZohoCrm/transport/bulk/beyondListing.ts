import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoClient } from '../index';
import { LISTING_LIMIT } from '../pages';
import type { ListOptions } from '../paging';
import type { BulkCriterion } from './criteria';
import type { BulkReadWait } from './bulkRead';
import { bulkReadRecords } from './readRecords';

/**
 * Get Many past Zoho's REST listing ceiling (100,000 records per page_token chain) continues by
 * Bulk Read: 50 credits per 200,000 records instead of 1 per 200, and the only route Zoho documents
 * past 100,000 (COQL's OFFSET stops at 100,000 too; keyset paging on `id` is not documented for it).
 * The export holds every record the listing would give, so the records already listed are skipped
 * by id: each record comes out once whatever order Zoho exports in. The continued records are
 * typed like REST's (readValues.ts); lookups and owners carry `{id}` (a name only with a
 * `Lookup.Field` column), and with Sort By they are sorted by that key after the listed ones.
 */

/** Whether a listing stopped at the ceiling rather than at the module's end. */
export function listingHitCeiling(records: readonly IDataObject[], limit: number | undefined): boolean {
	return records.length >= LISTING_LIMIT && (limit === undefined || limit > LISTING_LIMIT);
}

function refuse(ctx: HostContext, options: ListOptions, why: string): never {
	throw new NodeOperationError(
		ctx.getNode(),
		`Get Many of ${options.module} stopped at Zoho's REST listing limit of ${LISTING_LIMIT.toLocaleString('en-US')} records: ${why}, which Bulk Read (the route past the limit) cannot apply`,
		{
			itemIndex: options.itemIndex,
			description: 'Remove that filter to read every record, or use Bulk Read > Read Module with conditions that select what you need.',
		},
	);
}

function criteriaOf(ctx: HostContext, options: ListOptions): BulkCriterion | undefined {
	if (options.territoryId) refuse(ctx, options, 'the filter Territory ID is set');
	if (options.converted !== undefined && options.converted !== 'false') refuse(ctx, options, `the filter Converted is "${options.converted}"`);
	if (options.approved !== undefined && options.approved !== 'true') refuse(ctx, options, `the filter Approved is "${options.approved}"`);
	if (!options.modifiedSince) return undefined;
	return { field: { api_name: 'Modified_Time' }, comparator: 'greater_than', value: options.modifiedSince };
}

export function compareBy(sortBy: string, order: 'asc' | 'desc'): (a: IDataObject, b: IDataObject) => number {
	const sign = order === 'asc' ? 1 : -1;
	const key = (r: IDataObject): string => {
		const v = sortBy === 'id' ? r.id : r[sortBy];
		// ids are digits of equal length in practice; pad so longer ones sort after shorter ones.
		return sortBy === 'id' ? String(v ?? '').padStart(24, '0') : String(v ?? '');
	};
	return (a, b) => {
		const ka = key(a);
		const kb = key(b);
		return ka === kb ? 0 : ka < kb ? -sign : sign;
	};
}

/**
 * Whether the module can hold more than the listing gave: one count call (1 credit) saves a Bulk
 * Read job (50) when the module has exactly as many records as the ceiling. The count ignores the
 * listing's other filters, so it can only overstate: at worst a job that finds nothing new.
 */
async function mayHoldMore(ctx: HostContext, client: ZohoClient, options: ListOptions, listed: number): Promise<boolean> {
	const path = `/${encodeURIComponent(options.module)}/actions/count`;
	const answer = await zohoCall(ctx, client, { method: 'GET', path, qs: options.cvid ? { cvid: options.cvid } : undefined }, options.itemIndex);
	const body = expectOk(ctx, answer, { itemIndex: options.itemIndex, module: options.module, action: 'count records' }) ?? {};
	const count = typeof body.count === 'number' ? body.count : Number.NaN;
	return !(count <= listed);
}

/** The records past the listing's ceiling, read by Bulk Read and appended to `listed` (in place). */
export async function continueByBulkRead(
	ctx: HostContext,
	client: ZohoClient,
	options: ListOptions,
	listed: IDataObject[],
	wait: BulkReadWait,
): Promise<IDataObject[]> {
	const criteria = criteriaOf(ctx, options);
	if (!(await mayHoldMore(ctx, client, options, listed.length))) return listed;
	const seen = new Set(listed.map((r) => String(r.id)));
	const more: IDataObject[] = [];
	const room = options.limit === undefined ? Infinity : options.limit - listed.length;
	const query = { module: options.module, fields: options.fields.filter((f) => f !== 'id'), criteria, cvid: options.cvid };
	reading: for await (const batch of bulkReadRecords(ctx, client, query, wait, options.itemIndex)) {
		for (const record of batch) {
			const id = String(record.id);
			if (seen.has(id)) continue;
			seen.add(id);
			more.push(record);
			if (more.length >= room && !options.sortBy) break reading;
		}
	}
	if (options.sortBy) more.sort(compareBy(options.sortBy, options.sortOrder ?? 'desc'));
	for (const record of more.length > room ? more.slice(0, room) : more) listed.push(record);
	return listed;
}
