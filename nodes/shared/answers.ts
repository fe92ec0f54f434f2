import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { itemMessage, type ItemWhere } from './items';
import { redactSecrets } from './redact';
import { NOT_SENT } from './serviceClient';

/**
 * What every transport does with a service's answer, or with its absence: the body as an object,
 * and a call that got no answer worded as OUTCOME_UNKNOWN or NETWORK_ERROR.
 */

export interface BodyShape {
	/** Key of a text body that is not JSON (cut to 500 characters). */
	textKey: string;
	/** Key a top-level JSON array goes under; without it the array is returned as it is. */
	arrayKey?: string;
}

/** The answer's body as an object; undefined for an empty body. */
export function parseBody(body: unknown, shape: BodyShape): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { [shape.textKey]: body.slice(0, 500) };
		}
	}
	if (shape.arrayKey && Array.isArray(body)) return { [shape.arrayKey]: body as IDataObject[] };
	return body as IDataObject;
}

export interface LostCall {
	/** The network failure as the host reported it (redacted here). */
	message: string;
	idempotent: boolean;
	secrets: string[];
	/** Named at the start of the message ("Item 3, ..."). */
	where: ItemWhere;
}

export interface LostCallWords {
	/** The request went out and its answer was lost: the service may have applied it. */
	outcomeUnknown: (reason: string) => { body: JsonObject; message: string; description: string };
	/** The service could not be reached (or the call is safe to repeat). */
	networkError: (reason: string) => { body: JsonObject; message: string };
}

/**
 * A call that got no answer. A non-idempotent request that went out is OUTCOME_UNKNOWN: it was not
 * retried, so nothing is applied twice, and the item says so instead of claiming a plain failure.
 */
export function lostCallError(node: INode, lost: LostCall, words: LostCallWords): NodeApiError {
	const reason = redactSecrets(lost.message, lost.secrets);
	const { where } = lost;
	if (!lost.idempotent && !NOT_SENT.test(lost.message)) {
		const unknown = words.outcomeUnknown(reason);
		return new NodeApiError(node, unknown.body, {
			message: itemMessage(where, unknown.message),
			description: unknown.description,
			itemIndex: where.itemIndex,
		});
	}
	const network = words.networkError(reason);
	return new NodeApiError(node, network.body, { message: itemMessage(where, network.message), itemIndex: where.itemIndex });
}
