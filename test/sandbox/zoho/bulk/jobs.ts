import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { ModuleDef } from '../fieldTypes';
import type { ZohoStore, ZRecord } from '../store';
import { CURRENT_USER } from '../users';
import type { Predicate } from './criteria';
import { exportColumns, zipCsv } from './csvExport';

export type BulkReadState = 'ADDED' | 'QUEUED' | 'IN PROGRESS' | 'COMPLETED' | 'FAILURE';

export interface BulkReadOptions {
	/** Records per job (Zoho: 200,000); tests lower it to chain jobs with little data. */
	pageSize: number;
	/** How long a job stays in each state before the next (sandbox clock, ms). */
	addedMs: number;
	queuedMs: number;
	inProgressMs: number;
	/** A completed job's file can be downloaded this long (Zoho: one day). */
	resultLifetimeMs: number;
	/** Successful downloads per rolling minute (Zoho: 10), 429 beyond. */
	downloadsPerMinute: number;
	/** The next this many jobs end in FAILURE (fault injection). */
	failNextJobs: number;
	/** A next_page_token stays valid this long (Zoho: a day). */
	pageTokenLifetimeMs: number;
}

export const DEFAULT_BULK_READ: BulkReadOptions = {
	pageSize: 200_000,
	addedMs: 300,
	queuedMs: 300,
	inProgressMs: 1_000,
	resultLifetimeMs: 86_400_000,
	downloadsPerMinute: 10,
	failNextJobs: 0,
	pageTokenLifetimeMs: 86_400_000,
};

export interface JobQuery {
	module: ModuleDef;
	fields: string[];
	/** What the request sent (echoed in the job's details). */
	echo: Record<string, unknown>;
	filter: Predicate;
	/** Export starts after this record id (page_token chaining), or skips (page - 1) pages. */
	afterId?: string;
	page: number;
}

export interface JobResult {
	page: number;
	per_page: number;
	count: number;
	download_url: string;
	more_records: boolean;
	next_page_token: string | null;
}

export interface BulkReadJob {
	id: string;
	query: JobQuery;
	createdAt: number;
	failing: boolean;
	result?: JobResult;
	zip?: Buffer;
	completedAt?: number;
}

interface PageCursor {
	module: string;
	afterId: string;
	page: number;
	expiresAt: number;
}

/** Bulk Read jobs: states over (sandbox) time, the export made when a job completes, page tokens, download throttle. */
export class BulkReadJobs {
	options: BulkReadOptions;
	private readonly initial: BulkReadOptions;
	private jobs = new Map<string, BulkReadJob>();
	private tokens = new Map<string, PageCursor>();
	private downloads: number[] = [];
	private nextId = 5725767000001200001n;

	constructor(private readonly store: ZohoStore, private readonly clock: Clock, initial: Partial<BulkReadOptions> = {}) {
		this.initial = { ...DEFAULT_BULK_READ, ...initial };
		this.options = { ...this.initial };
	}

	configure(options: Partial<BulkReadOptions>): void {
		this.options = { ...this.options, ...options };
	}

	reset(): void {
		this.jobs.clear();
		this.tokens.clear();
		this.downloads = [];
		this.options = { ...this.initial };
	}

	create(query: JobQuery): BulkReadJob {
		const failing = this.options.failNextJobs > 0;
		if (failing) this.options.failNextJobs--;
		const job: BulkReadJob = { id: (this.nextId++).toString(), query, createdAt: this.clock.now(), failing };
		this.jobs.set(job.id, job);
		return job;
	}

	get(id: string): BulkReadJob | undefined {
		return this.jobs.get(id);
	}

	/** The state now; a job that just completed exports its records at this moment. */
	state(job: BulkReadJob): BulkReadState {
		const { addedMs, queuedMs, inProgressMs } = this.options;
		const elapsed = this.clock.now() - job.createdAt;
		if (elapsed < addedMs) return 'ADDED';
		if (elapsed < addedMs + queuedMs) return 'QUEUED';
		if (elapsed < addedMs + queuedMs + inProgressMs) return 'IN PROGRESS';
		if (job.failing) return 'FAILURE';
		if (!job.result) this.complete(job);
		return 'COMPLETED';
	}

	lookupToken(token: string): PageCursor | 'expired' | undefined {
		const cursor = this.tokens.get(token);
		if (!cursor) return undefined;
		return cursor.expiresAt <= this.clock.now() ? 'expired' : cursor;
	}

	/** Whether the download window has room; counts the download when it has. */
	takeDownload(): boolean {
		const now = this.clock.now();
		this.downloads = this.downloads.filter((t) => t > now - 60_000);
		if (this.downloads.length >= this.options.downloadsPerMinute) return false;
		this.downloads.push(now);
		return true;
	}

	/** Seconds until a download slot frees. */
	secondsUntilDownload(): number {
		const oldest = this.downloads[0] ?? this.clock.now();
		return Math.max(1, Math.ceil((oldest + 60_000 - this.clock.now()) / 1000));
	}

	expired(job: BulkReadJob): boolean {
		return job.completedAt !== undefined && this.clock.now() >= job.completedAt + this.options.resultLifetimeMs;
	}

	private complete(job: BulkReadJob): void {
		const { module, filter, afterId, page } = job.query;
		const pageSize = this.options.pageSize;
		const sorted = this.store.all(module.api_name).filter((r) => eligible(module, r) && filter(r));
		sorted.sort((a, b) => compareIds(a.id, b.id));
		const start = afterId !== undefined ? firstAfter(sorted, afterId) : (page - 1) * pageSize;
		const slice = sorted.slice(start, start + pageSize);
		const more = start + slice.length < sorted.length;
		let next: string | null = null;
		const pageNo = page;
		if (more && slice.length > 0) {
			next = randomBytes(24).toString('hex');
			this.tokens.set(next, {
				module: module.api_name,
				afterId: slice[slice.length - 1].id,
				page: pageNo + 1,
				expiresAt: this.clock.now() + this.options.pageTokenLifetimeMs,
			});
		}
		job.zip = zipCsv(`${job.id}.csv`, exportColumns(this.store, module, job.query.fields), slice);
		job.completedAt = this.clock.now();
		job.result = {
			page: pageNo,
			per_page: pageSize,
			count: slice.length,
			download_url: `/crm/bulk/v8/read/${job.id}/result`,
			more_records: more,
			next_page_token: next,
		};
	}

	createdBy(): { id: string; name: string } {
		return { id: CURRENT_USER.id, name: CURRENT_USER.full_name };
	}
}

/** As the REST listing's defaults: converted leads and unapproved records are not exported (unverified for Bulk Read). */
function eligible(module: ModuleDef, record: ZRecord): boolean {
	if (record.$approved === false) return false;
	return !(module.api_name === 'Leads' && record.$converted === true);
}

function compareIds(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

function firstAfter(sorted: ZRecord[], id: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (compareIds(sorted[mid].id, id) <= 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
