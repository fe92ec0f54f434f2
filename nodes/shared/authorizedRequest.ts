import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IOAuth2Options,
	IPollFunctions,
	ILoadOptionsFunctions,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { contextCache } from './contextCache';

/** Every context our transports run in: node runs, polls, editor look-ups, webhook registration and delivery. */
export type HostContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface AuthSpec {
	credentialType: string;
	/** Present for OAuth2 credentials: how n8n signs the request. */
	oauth2?: IOAuth2Options;
	/** Whether an answer means "access token expired" (OAuth2 only), e.g. 401 INVALID_TOKEN but not a scope error. */
	isExpired: (response: ServiceResponse) => boolean;
	/** False where the service has no refresh (MailChimp): a 401 then means "reconnect". */
	refreshable: boolean;
}

export interface ServiceResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** The token was rejected and refreshing cannot help; transports word the message per service. */
export interface ReconnectNeeded {
	reconnect: 'revoked' | 'refreshFailed';
	status?: number;
	body?: unknown;
}

export type AuthorizedResult = { response: ServiceResponse } | ReconnectNeeded;

/**
 * One refresh per expiry across everything an execution does in parallel. Each request notes the
 * generation it was sent with; a 401 on an old generation just retries, a 401 on the current one
 * starts (or joins) the single refresh.
 */
export class RefreshGate {
	generation = 0;
	refreshes = 0;
	/** Set once a refresh failed: later expiries in this execution fail fast instead of retrying. */
	failed = false;
	private inflight?: Promise<boolean>;

	/** Resolves true when a fresh token is (now) in place. */
	async refresh(seenGeneration: number, doRefresh: () => Promise<boolean>): Promise<boolean> {
		if (this.failed) return false;
		if (seenGeneration < this.generation) return true;
		if (!this.inflight) {
			this.refreshes++;
			this.inflight = doRefresh().then((ok) => {
				if (ok) this.generation++;
				else this.failed = true;
				this.inflight = undefined;
				return ok;
			});
		}
		return await this.inflight;
	}
}

const gates = contextCache<Map<string, RefreshGate>>();

export function refreshGateFor(ctx: HostContext, credentialType: string): RefreshGate {
	let byType = gates.get(ctx);
	if (!byType) gates.set(ctx, (byType = new Map()));
	let gate = byType.get(credentialType);
	if (!gate) byType.set(credentialType, (gate = new RefreshGate()));
	return gate;
}

async function send(ctx: HostContext, auth: AuthSpec, options: IHttpRequestOptions): Promise<ServiceResponse> {
	return (await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		auth.credentialType,
		{ ...options, headers: { ...(options.headers ?? {}) }, returnFullResponse: true },
		auth.oauth2 ? { oauth2: auth.oauth2 } : undefined,
	)) as ServiceResponse;
}

/**
 * Sends one request through the host's auth helper and returns whatever HTTP answer comes back
 * (errors included) — except token expiry, handled here: n8n >= 2 exposes refreshOAuth2Token, so we
 * let n8n refresh once per expiry through the gate and retry; an older host refreshes inside its
 * own helper on 401. A token that stays rejected comes back as ReconnectNeeded.
 * Network failures reject as the host raised them.
 */
export async function authorizedRequest(
	ctx: HostContext,
	auth: AuthSpec,
	options: IHttpRequestOptions,
): Promise<AuthorizedResult> {
	const canRefreshHere = auth.oauth2 !== undefined && typeof ctx.helpers.refreshOAuth2Token === 'function';
	if (auth.oauth2 && auth.refreshable && !canRefreshHere) {
		// Old host: its helper refreshes on 401 by itself, so status errors must reject to reach it.
		try {
			return { response: await send(ctx, auth, { ...options, ignoreHttpStatusErrors: false }) };
		} catch (error) {
			const status = Number((error as { httpCode?: string }).httpCode);
			if (status === 401) return { reconnect: 'refreshFailed', status };
			const answered = readAnswer(error);
			if (answered) return { response: answered };
			return await Promise.reject(error);
		}
	}
	const gate = refreshGateFor(ctx, auth.credentialType);
	const generation = gate.generation;
	const first = await send(ctx, auth, { ...options, ignoreHttpStatusErrors: true });
	if (!auth.oauth2 || !auth.isExpired(first)) return { response: first };
	if (!auth.refreshable) return { reconnect: 'revoked', status: first.statusCode, body: first.body };
	const refreshed = await gate.refresh(generation, async () => {
		try {
			const data: unknown = await ctx.helpers.refreshOAuth2Token.call(ctx, auth.credentialType, auth.oauth2);
			// Zoho answers a failed refresh with HTTP 200 and {"error": ...}; n8n stores that as token data.
			return !(data && typeof data === 'object' && 'error' in data);
		} catch {
			return false;
		}
	});
	if (!refreshed) return { reconnect: 'refreshFailed', status: first.statusCode, body: first.body };
	const second = await send(ctx, auth, { ...options, ignoreHttpStatusErrors: true });
	if (auth.isExpired(second)) {
		return { reconnect: 'refreshFailed', status: second.statusCode, body: second.body };
	}
	return { response: second };
}

/** An HTTP answer carried by a host error (old-host path), as a response. */
function readAnswer(error: unknown): ServiceResponse | undefined {
	const cause = (error as { cause?: { response?: { status: number; headers: IDataObject; data: unknown } } }).cause;
	const response = cause?.response;
	return response ? { statusCode: response.status, headers: response.headers ?? {}, body: response.data } : undefined;
}
