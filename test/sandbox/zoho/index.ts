import type { SandboxServer } from '../core/server';
import { ZohoAccounts } from './accounts';
import { BulkWrite, registerBulkWriteRoutes } from './bulkWrite';
import { CrmAuth } from './auth';
import { Clock, toZohoTime, type ClockFn } from './clock';
import { ZOHO_ALL_SCOPES, ZOHO_FILE_HOST, ZOHO_SANDBOX_CLIENT_ID } from './constants';
import { registerZohoControlRoutes } from './control';
import { crmFaultBody } from './errors';
import { Notifications, type NotificationDelivery } from './notifications';
import { PageTokens } from './pageTokens';
import { registerCrmRoutes } from './routes';
import { seedRecords, type SeedOptions } from './seed';
import { ZohoStore, type ZRecord } from './store';
import { TokenStore, type TokenStats, type ZohoClient } from './tokens';
import { registerV2Routes } from './v2';
import { BulkReadJobs, type BulkReadOptions } from './bulk/jobs';
import { registerBulkReadRoutes } from './bulk/routes';

export * from './constants';
export type { SeedOptions } from './seed';
export type { ZRecord } from './store';
export type { TokenStats, ZohoClient } from './tokens';
export type { NotificationDelivery } from './notifications';
export type { ClockFn } from './clock';
export type { BulkReadOptions, BulkReadState } from './bulk/jobs';

export interface ZohoSandboxOptions {
	/** Skip the consent page: /oauth/v2/auth redirects with a code at once (also per request: auto_approve=1). */
	autoApprove?: boolean;
	/** Access token lifetime (expires_in). Default 3600. */
	accessTokenLifetimeSec?: number;
	/** Authorization code lifetime. Default 120. */
	authCodeLifetimeSec?: number;
	/** page_token lifetime. Default 86400 (Zoho: a day). */
	pageTokenLifetimeSec?: number;
	/** Concurrent CRM calls allowed before 429 TOO_MANY_REQUESTS. Default 10 (Standard edition). */
	concurrencyLimit?: number;
	/** Refresh grants allowed per refresh token within refreshWindowSec. Default 10 per 600 s. */
	refreshesPerWindow?: number;
	refreshWindowSec?: number;
	/** Live refresh tokens per client; one more silently revokes the oldest. Default 20. */
	maxRefreshTokensPerClient?: number;
	/** `location` sent back on the OAuth redirect. Default "us". */
	location?: string;
	/** "Now" for tokens, Modified_Time, page tokens and channels. Default Date.now. */
	now?: ClockFn;
	/** Bulk Read: records per job, state durations, result lifetime, download throttle (bulk/jobs.ts). */
	bulkRead?: Partial<BulkReadOptions>;
}

/** The fake Zoho: accounts server (/oauth/v2/*), CRM v8 (/crm/v8/*) and the v2 subset (/crm/v2/*). */
export class ZohoSandbox {
	readonly clock = new Clock();
	readonly store: ZohoStore;
	readonly tokens: TokenStore;
	readonly pageTokens: PageTokens;
	readonly notifications: Notifications;
	readonly auth: CrmAuth;
	/** Bulk Write: uploads, jobs and results (`bulkWrite.config` sets records per file and job durations). */
	readonly bulkWrite: BulkWrite;
	/** Bulk Read jobs (`/crm/bulk/v8/read`); `bulkRead.configure({...})` sets page size, durations and faults. */
	readonly bulkRead: BulkReadJobs;
	private readonly accounts: ZohoAccounts;

	constructor(private readonly server: SandboxServer, options: ZohoSandboxOptions = {}) {
		this.clock.set(options.now);
		this.store = new ZohoStore(this.clock);
		this.tokens = new TokenStore(this.clock, {
			accessTokenLifetimeSec: options.accessTokenLifetimeSec ?? 3600,
			authCodeLifetimeSec: options.authCodeLifetimeSec ?? 120,
			refreshesPerWindow: options.refreshesPerWindow ?? 10,
			refreshWindowSec: options.refreshWindowSec ?? 600,
			maxRefreshTokensPerClient: options.maxRefreshTokensPerClient ?? 20,
		});
		this.pageTokens = new PageTokens(this.clock, options.pageTokenLifetimeSec ?? 86_400);
		this.notifications = new Notifications(this.store, this.clock, () => `${this.server.baseUrl}/crm/v8`);
		this.auth = new CrmAuth(server, this.tokens, options.concurrencyLimit ?? 10);
		this.accounts = new ZohoAccounts(server, this.tokens, { autoApprove: options.autoApprove ?? false, location: options.location ?? 'us' });
		server.setFaultBody('zoho-crm', crmFaultBody);
		const deps = { server, store: this.store, auth: this.auth, pageTokens: this.pageTokens, notifications: this.notifications, clock: this.clock };
		// Before the CRM routes: GET /crm/v8/org must not be read as a module named "org".
		server.addHost(ZOHO_FILE_HOST);
		this.bulkWrite = new BulkWrite(this.store, this.clock, () => server.hostUrl(ZOHO_FILE_HOST));
		registerBulkWriteRoutes(server, this.auth, this.bulkWrite);
		registerCrmRoutes(deps, 'v8');
		registerV2Routes(deps);
		this.bulkRead = new BulkReadJobs(this.store, this.clock, options.bulkRead);
		registerBulkReadRoutes(server, this.store, this.auth, this.bulkRead);
		registerZohoControlRoutes(server, this);
	}

	/** Zoho's file host (content.zohoapis.<tld>): its own origin, for Bulk Write uploads and results. */
	get fileDomain(): string {
		return this.server.hostUrl(ZOHO_FILE_HOST);
	}

	/** The API domain handed out as `api_domain` (the sandbox origin). */
	get apiDomain(): string {
		return this.server.baseUrl;
	}

	set concurrencyLimit(value: number) {
		this.auth.concurrencyLimit = value;
	}

	get concurrencyLimit(): number {
		return this.auth.concurrencyLimit;
	}

	/** Replace "now" (e.g. `() => fixed` to give many writes one Modified_Time); undefined restores Date.now. */
	setClock(fn: ClockFn | undefined): void {
		this.clock.set(fn);
	}

	now(): number {
		return this.clock.now();
	}

	registerClient(client: ZohoClient): void {
		this.tokens.registerClient(client);
	}

	/** Mint a refresh + access token pair without the OAuth dance (all scopes unless told). */
	issueTokens(opts: { scope?: string; clientId?: string } = {}): { access_token: string; refresh_token: string; api_domain: string; expires_in: number } {
		const issued = this.tokens.issueForTests(opts.clientId ?? ZOHO_SANDBOX_CLIENT_ID, opts.scope ?? ZOHO_ALL_SCOPES);
		return { ...issued, api_domain: this.apiDomain };
	}

	/** Every access token minted so far now answers 401 INVALID_TOKEN. */
	expireAccessTokens(): void {
		this.tokens.expireAccessTokens();
	}

	/**
	 * Mid-run expiry: after `calls` more CRM requests every access token minted so far expires (the
	 * next request already meets it). Returns the rule id (server.removeFault).
	 */
	expireAccessTokensAfter(calls: number): number {
		return this.server.addFault({ service: 'zoho-crm', kind: 'action', after: calls, times: 1, run: () => this.expireAccessTokens() });
	}

	/** Mid-read expiry: after `reads` more GET /crm/v8/{module} list calls every page_token expires. */
	expirePageTokensAfter(reads: number): number {
		return this.server.addFault({
			service: 'zoho-crm',
			method: 'GET',
			path: /^\/crm\/v8\/[A-Za-z][A-Za-z0-9_]*$/,
			kind: 'action',
			after: reads,
			times: 1,
			run: () => this.expirePageTokens(),
		});
	}

	revokeRefreshToken(token: string): boolean {
		return this.tokens.revoke(token);
	}

	expirePageTokens(): void {
		this.pageTokens.expireAll();
	}

	/**
	 * API credits the CRM billed since the last stats reset, priced per served request with the
	 * package's cost table (nodes/ZohoCrm/transport/credits.ts); by endpoint too.
	 */
	credits(): { total: number; byEndpoint: Record<string, number> } {
		const stats = this.server.getStats();
		return { total: stats.credits['zoho-crm'] ?? 0, byEndpoint: stats.creditsByEndpoint };
	}

	tokenStats(): TokenStats {
		return this.tokens.stats();
	}

	/** Refresh grants served for one refresh token. */
	refreshCount(refreshToken: string): number {
		return this.tokens.refreshCount(refreshToken);
	}

	seed(opts: SeedOptions): string[] {
		return seedRecords(this.store, this.clock.now(), opts);
	}

	/** Store records as given (no validation, no notifications); times are normalised to +00:00. */
	insertDirect(module: string, records: Array<Record<string, unknown>>): ZRecord[] {
		const def = this.store.module(module);
		if (!def) throw new Error(`unknown module ${module}`);
		return records.map((r) => {
			const values = { ...r };
			for (const key of ['Created_Time', 'Modified_Time']) {
				if (typeof values[key] === 'string') values[key] = toZohoTime(Date.parse(values[key] as string));
			}
			return structuredClone(this.store.insert(def, values));
		});
	}

	/** Copies of a module's records, in creation order (internal `$` flags included). */
	records(module: string): ZRecord[] {
		const def = this.store.module(module);
		if (!def) throw new Error(`unknown module ${module}`);
		return structuredClone(this.store.all(def.api_name));
	}

	record(module: string, id: string): ZRecord | undefined {
		const def = this.store.module(module);
		const found = def ? this.store.get(def.api_name, id) : undefined;
		return found ? structuredClone(found) : undefined;
	}

	/** A change made outside the API (a user in the CRM UI): bumps Modified_Time, notifies watchers. */
	touch(module: string, id: string, fields: Record<string, unknown> = {}): ZRecord {
		const def = this.store.module(module);
		if (!def || !this.store.get(def.api_name, id)) throw new Error(`no ${module} record ${id}`);
		const { record, changed } = this.store.update(def, id, fields);
		this.store.emit({ module: def.api_name, operation: 'update', ids: [id], affected: { [id]: changed } });
		return structuredClone(record);
	}

	get notificationDeliveries(): NotificationDelivery[] {
		return this.notifications.deliveries;
	}

	get notificationFailures(): NotificationDelivery[] {
		return this.notifications.failures;
	}

	flushNotifications(): Promise<void> {
		return this.notifications.flush();
	}

	/** Empty store, channels, codes and tokens; only the default client stays registered. */
	reset(): void {
		this.store.reset();
		this.tokens.reset();
		this.pageTokens.reset();
		this.notifications.reset();
		this.accounts.reset();
		this.bulkWrite.reset();
		this.bulkRead.reset();
	}
}
