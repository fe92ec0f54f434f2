import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { itemMessage } from '../../shared/items';
import type { ZohoAnswer } from './call';

/** Zoho's error envelope: `{code, message, status: "error", details}` (alone or per record in `data`). */
export interface ZohoErrorBody {
	code?: string;
	message?: string;
	status?: string;
	details?: IDataObject;
}

/** A NodeApiError worded from Zoho's `{code, message, details}`, naming item, module and field. */
export function zohoError(
	ctx: HostContext,
	answer: { status: number; error: ZohoErrorBody },
	where: { itemIndex?: number; module?: string; action: string },
): NodeApiError {
	const { code = 'UNKNOWN', message = 'no message', details } = answer.error;
	const field = typeof details?.api_name === 'string' ? details.api_name : undefined;
	const expected = typeof details?.expected_data_type === 'string' ? ` (expected ${details.expected_data_type})` : '';
	return new NodeApiError(ctx.getNode(), { code, message, details: (details ?? {}) as JsonObject } as JsonObject, {
		message: itemMessage({ ...where, field }, `Zoho CRM ${code} on ${where.action}: ${message}${expected}`),
		description: details && Object.keys(details).length ? JSON.stringify(details) : undefined,
		httpCode: String(answer.status),
		itemIndex: where.itemIndex,
	});
}

/** Throws the answer's error when it is one; returns the body otherwise. */
export function expectOk(
	ctx: HostContext,
	answer: ZohoAnswer,
	where: { itemIndex?: number; module?: string; action: string },
): IDataObject | undefined {
	if (answer.status < 400) return answer.body;
	const body = (answer.body ?? {}) as ZohoErrorBody & { data?: ZohoErrorBody[] };
	const error = body.code ? body : (body.data?.[0] ?? { code: `HTTP_${answer.status}`, message: JSON.stringify(answer.body ?? null).slice(0, 300) });
	throw zohoError(ctx, { status: answer.status, error }, where);
}
