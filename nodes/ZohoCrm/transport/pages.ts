/** Zoho's page sizes and ceilings, shared by every paged read of the REST API. */
export const MAX_PER_PAGE = 200;
export const MAX_FIELDS_PER_CALL = 50;
/** Page numbers stop at 2,000 records; page_token reads on to 100,000. */
export const PAGE_NUMBER_LIMIT = 2_000;
/** Where Zoho's REST listing ends: one page_token chain reads at most 100,000 records. */
export const LISTING_LIMIT = 100_000;

/** The `info` block that ends each page. */
export interface PageInfo {
	more_records?: boolean;
	next_page_token?: string | null;
	count?: number;
}
