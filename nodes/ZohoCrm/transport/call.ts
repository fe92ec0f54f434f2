import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { lostCallError, parseBody } from '../../shared/answers';
import { callService } from '../../shared/serviceClient';
import type { ZohoClient } from './client';
import { VERSION } from './creditRules';
import type { ZohoErrorBody } from './errors';

export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path below /crm/v8, e.g. `/Leads/search`. */
	path: string;
	/** A full URL on the API domain instead (Custom API Call), already host-checked. */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	idempotent?: boolean;
	/** A body sent as these bytes (a multipart upload), with its Content-Type in `headers`. */
	rawBody?: Buffer;
	/** A file download: a 2xx answer's body comes back as `bytes`, an error's is read as JSON. */
	bytes?: boolean;
}

export interface ZohoAnswer {
	status: number;
	body: IDataObject | undefined;
	headers: IDataObject;
	/** The downloaded file of a `bytes` request answered with 2xx. */
	bytes?: Uint8Array;
}

function toBytes(body: unknown): Uint8Array {
	if (body instanceof Uint8Array) return body;
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	if (typeof body === 'string') return new TextEncoder().encode(body);
	return new Uint8Array(0);
}

/** Zoho's answers are JSON; a text body (a proxy's error page) is kept as `message`. */
const ZOHO_BODY = { textKey: 'message' };

/**
 * One Zoho CRM call. Returns every HTTP answer (204, 207, 4xx ...) for the caller to map per item;
 * throws a NodeApiError only when the whole call failed: token unusable or the network gave out.
 */
export async function zohoCall(ctx: HostContext, client: ZohoClient, request: ZohoRequest, itemIndex?: number): Promise<ZohoAnswer> {
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const outcome = await callService(ctx, client.profile, {
		method: request.method,
		url: request.url ?? `${client.apiDomain}/crm/${VERSION}${request.path}`,
		qs: request.qs,
		body: request.rawBody ?? request.body,
		raw: request.rawBody !== undefined,
		headers: request.headers,
		idempotent,
		bytes: request.bytes,
	});
	if (outcome.kind === 'reconnect') {
		const code = (parseBody(outcome.body, ZOHO_BODY) as ZohoErrorBody | undefined)?.code ?? 'INVALID_TOKEN';
		throw new NodeApiError(ctx.getNode(), { code } as JsonObject, {
			message: `Zoho CRM rejected the access token and n8n could not refresh it (${code}): reconnect the Zoho CRM credential`,
			description:
				'Open the credential and click "Reconnect". Zoho revokes a refresh token when it is deleted in the API console or when more than 20 are issued for one client.',
			httpCode: '401',
			itemIndex,
		});
	}
	if (outcome.kind === 'network') {
		throw lostCallError(
			ctx.getNode(),
			{ message: outcome.message, idempotent, secrets: client.secrets, where: { itemIndex } },
			{
				outcomeUnknown: (reason) => ({
					body: { code: 'OUTCOME_UNKNOWN', message: reason } as JsonObject,
					message: `Zoho CRM OUTCOME_UNKNOWN on ${request.method} ${request.path}: the connection dropped before Zoho's answer arrived (${reason}), so the records of this call may or may not have been written`,
					description:
						'Not retried, so no record is written twice. Check the module for these records, or write with Upsert and a duplicate check field: an upsert is safe to retry and is retried automatically.',
				}),
				networkError: (reason) => ({
					body: { code: 'NETWORK_ERROR', message: reason } as JsonObject,
					message: `Zoho CRM NETWORK_ERROR: Zoho CRM could not be reached for ${request.method} ${request.path}: ${reason}`,
				}),
			},
		);
	}
	const { response } = outcome;
	if (request.bytes) {
		const bytes = toBytes(response.body);
		if (response.statusCode < 300) return { status: response.statusCode, body: undefined, headers: response.headers, bytes };
		return { status: response.statusCode, body: parseBody(new TextDecoder().decode(bytes), ZOHO_BODY), headers: response.headers };
	}
	// A raw (multipart) upload is sent without json mode, so its answer can come back as bytes.
	const body = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
	return { status: response.statusCode, body: parseBody(body, ZOHO_BODY), headers: response.headers };
}
