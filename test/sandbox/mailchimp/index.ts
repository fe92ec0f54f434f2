import { randomBytes } from 'node:crypto';
import type { ClockFn } from '../core/clock';
import type { SandboxServer } from '../core/server';
import { registerAccountRoutes } from './account';
import { registerBatchRoutes } from './batches';
import { registerCampaignRoutes, newCampaign } from './campaigns';
import { DEFAULT_CONCURRENCY_LIMIT, MAILCHIMP_DC, MAILCHIMP_SANDBOX_CLIENT_ID } from './constants';
import { registerMailchimpControl } from './control';
import { registerListRoutes } from './lists';
import { registerOAuthRoutes } from './oauth';
import { faultProblem } from './problems';
import { registerReportRoutes } from './reports';
import { ApiRouter } from './router';
import { seedStore, type MailchimpSeedOptions } from './seed';
import { sendCampaignNow } from './send';
import { campaignJson, listJson, memberJson, reportJson } from './serialize';
import { MailchimpStore, subscriberHash, type AudienceList, type CampaignType } from './store';

export * from './constants';
export { BATCH_RESULTS_PATH } from './batches';
export { subscriberHash } from './store';
export type { MailchimpSeedOptions } from './seed';

export interface MailchimpSandboxOptions {
	/** Skip the consent page: /oauth2/authorize redirects with a code at once. Default false. */
	autoApprove?: boolean;
	/** Simultaneous /3.0 requests before 429. Default 10, like MailChimp. */
	concurrencyLimit?: number;
	/** api_endpoint the metadata returns. Default: the origin the client used (http://host:port). */
	apiEndpoint?: string;
	/** Schemes /oauth2/metadata accepts. Default ['OAuth', 'Bearer'] (n8n's credential test sends Bearer). */
	metadataSchemes?: string[];
	/** GET /batches/{id} calls until finished. Default 2 (pending -> started -> finished). */
	batchPollsToFinish?: number;
	/** A batch also finishes this many ms after submission. Default: only polls count. */
	batchFinishAfterMs?: number;
}

export interface AddCampaignInput {
	title?: string;
	subjectLine?: string;
	previewText?: string;
	listId?: string;
	type?: CampaignType;
	/** 'sent' sends it at once (at `sendTime`, default now). Default 'save'. */
	status?: 'save' | 'sent';
	sendTime?: number;
	/** For sent campaigns: simulate opens/clicks/bounces between sendTime and now. */
	activity?: boolean;
}

/** Fake MailChimp: login server (/oauth2/*) and Marketing API 3.0 (/3.0/*) on a SandboxServer. */
export class MailchimpSandbox {
	readonly options: Required<Omit<MailchimpSandboxOptions, 'apiEndpoint' | 'batchFinishAfterMs'>> &
		Pick<MailchimpSandboxOptions, 'apiEndpoint' | 'batchFinishAfterMs'>;
	private readonly store = new MailchimpStore();

	constructor(server: SandboxServer, options: MailchimpSandboxOptions = {}) {
		this.options = {
			autoApprove: options.autoApprove ?? false,
			concurrencyLimit: options.concurrencyLimit ?? DEFAULT_CONCURRENCY_LIMIT,
			apiEndpoint: options.apiEndpoint,
			metadataSchemes: options.metadataSchemes ?? ['OAuth', 'Bearer'],
			batchPollsToFinish: options.batchPollsToFinish ?? 2,
			batchFinishAfterMs: options.batchFinishAfterMs,
		};
		const api = new ApiRouter(server, this.store, () => this.options.concurrencyLimit);
		registerOAuthRoutes(server, this.store, () => ({
			autoApprove: this.options.autoApprove,
			dc: MAILCHIMP_DC,
			apiEndpoint: this.options.apiEndpoint,
			metadataSchemes: this.options.metadataSchemes,
		}));
		registerAccountRoutes(api, this.store);
		registerCampaignRoutes(api, this.store);
		registerReportRoutes(api, this.store);
		registerListRoutes(api, this.store);
		registerBatchRoutes(server, api, this.store, () => ({
			pollsToFinish: this.options.batchPollsToFinish,
			finishAfterMs: this.options.batchFinishAfterMs,
			origin: this.options.apiEndpoint,
		}));
		registerMailchimpControl(server, this);
		server.setFaultBody('mailchimp-api', faultProblem);
	}

	/** Empty account: no audiences or campaigns; default client and MAILCHIMP_SANDBOX_API_KEY only. */
	reset(): void {
		// Same object, fresh fields: the routes keep their reference to the store.
		Object.assign(this.store, new MailchimpStore(this.store.clock));
	}

	/**
	 * Replace "now" (create and send times, member changes, batches, OAuth codes), e.g. `() => t` and
	 * then move `t` a second on instead of waiting for the wall clock; undefined restores real time.
	 * reset() keeps it, as the Zoho fake's clock.
	 */
	setClock(fn: ClockFn | undefined): void {
		this.store.clock.set(fn);
	}

	now(): number {
		return this.store.clock.now();
	}

	seed(options: MailchimpSeedOptions): { lists: number; members: number; campaigns: number } {
		seedStore(this.store, options);
		return {
			lists: this.store.lists.length,
			members: this.store.lists.reduce((n, l) => n + l.members.length, 0),
			campaigns: this.store.campaigns.length,
		};
	}

	createApiKey(): string {
		const key = `${randomBytes(16).toString('hex')}-${MAILCHIMP_DC}`;
		this.store.apiKeys.add(key);
		return key;
	}

	revokeApiKey(key: string): boolean {
		return this.store.apiKeys.delete(key);
	}

	/** An access token as if the OAuth dance had happened (for imported credentials). */
	issueToken(clientId = MAILCHIMP_SANDBOX_CLIENT_ID): string {
		const token = randomBytes(16).toString('hex');
		this.store.tokens.set(token, { clientId, revoked: false });
		return token;
	}

	/** After this every API and metadata call with the token answers 401. */
	revokeToken(token: string): boolean {
		const t = this.store.tokens.get(token);
		if (!t) return false;
		t.revoked = true;
		return true;
	}

	registerClient(client: { clientId: string; clientSecret: string; redirectUris?: string[] }): void {
		this.store.clients.set(client.clientId, { secret: client.clientSecret, redirectUris: client.redirectUris });
	}

	addList(name = 'Sandbox Audience'): Record<string, unknown> {
		const list: AudienceList = {
			id: this.store.newId(),
			webId: this.store.webId(),
			name,
			created: this.store.clock.now(),
			fromName: 'Sandbox Outfitters',
			fromEmail: 'news@sandbox-outfitters.test',
			members: [],
			byHash: new Map(),
			tagIds: new Map(),
		};
		this.store.lists.push(list);
		return listJson(this.store, list);
	}

	addCampaign(input: AddCampaignInput = {}): Record<string, unknown> {
		let listId = input.listId ?? this.store.lists[0]?.id;
		if (!listId) listId = this.addList().id as string;
		if (!this.store.list(listId)) throw new Error(`unknown list ${listId}`);
		const campaign = newCampaign(this.store, listId, {
			title: input.title ?? 'Sandbox campaign',
			subjectLine: input.subjectLine ?? input.title ?? 'Hello from the sandbox',
			previewText: input.previewText ?? '',
			type: input.type ?? 'regular',
			createTime: Math.min(this.store.clock.now(), input.sendTime ?? this.store.clock.now()),
		});
		this.store.addCampaignRecord(campaign);
		if (input.status === 'sent') sendCampaignNow(this.store, campaign, { at: input.sendTime, activity: input.activity });
		return campaignJson(this.store, campaign);
	}

	sendCampaign(id: string, options: { at?: number; activity?: boolean } = {}): Record<string, unknown> {
		const campaign = this.store.campaign(id);
		if (!campaign) throw new Error(`unknown campaign ${id}`);
		if (campaign.status === 'sent') throw new Error(`campaign ${id} was already sent`);
		sendCampaignNow(this.store, campaign, options);
		return campaignJson(this.store, campaign);
	}

	unsubscribe(listId: string, email: string): Record<string, unknown> {
		const list = this.store.list(listId);
		const member = list && this.store.member(list, subscriberHash(email));
		if (!member) throw new Error(`${email} is not a member of list ${listId}`);
		member.status = 'unsubscribed';
		member.unsubscribeReason = 'N/A (Unsubscribed by admin)';
		member.lastChanged = this.store.clock.now();
		return memberJson(member);
	}

	/** A hard bounce as MailChimp records it: the member becomes `cleaned` (and can no longer be resubscribed). */
	clean(listId: string, email: string): Record<string, unknown> {
		const list = this.store.list(listId);
		const member = list && this.store.member(list, subscriberHash(email));
		if (!member) throw new Error(`${email} is not a member of list ${listId}`);
		member.status = 'cleaned';
		member.lastChanged = this.store.clock.now();
		return memberJson(member);
	}

	lists(): Array<Record<string, unknown>> {
		return this.store.lists.map((l) => listJson(this.store, l));
	}

	/** Campaigns as GET /3.0/campaigns shapes them, in creation order. */
	campaigns(): Array<Record<string, unknown>> {
		return this.store.campaigns.map((c) => campaignJson(this.store, c));
	}

	members(listId: string): Array<Record<string, unknown>> {
		const list = this.store.list(listId);
		if (!list) throw new Error(`unknown list ${listId}`);
		return list.members.map(memberJson);
	}

	report(campaignId: string): Record<string, unknown> | undefined {
		const c = this.store.campaign(campaignId);
		return c?.send ? reportJson(this.store, c) : undefined;
	}
}
