import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { itemMessage } from '../../shared/items';
import { redactValue } from '../../shared/redact';
import type { CallSite, MailchimpAnswer, MailchimpClient } from './types';

/** "Item 3, email "a@b.c": " (or nothing) before a message about this call. */
export function siteMessage(site: CallSite, text: string): string {
	return itemMessage({ itemIndex: site.itemIndex, subject: site.subject }, text);
}

/** The token or key was rejected: only the user can fix it, by reconnecting or replacing the key. */
export function reconnectError(ctx: HostContext, client: MailchimpClient, status?: number, itemIndex?: number): NodeApiError {
	return new NodeApiError(ctx.getNode(), { status: status ?? 401 } as JsonObject, {
		message:
			client.authentication === 'oAuth2'
				? 'MailChimp rejected the access token: it was revoked or the app was disconnected. Reconnect the MailChimp Connect OAuth2 credential.'
				: 'MailChimp rejected the API key: it was disabled or deleted. Update the MailChimp Connect API credential.',
		description:
			client.authentication === 'oAuth2'
				? 'Open the credential and click "Reconnect". MailChimp tokens never expire and cannot be refreshed, so a rejected token only comes back by connecting again.'
				: 'Create a new key under Account > Extras > API keys and paste it into the credential.',
		httpCode: String(status ?? 401),
		itemIndex,
	});
}

/** MailChimp's problem+json (`type, title, status, detail, instance, errors[]`) as a NodeApiError naming the item. */
export function problemError(ctx: HostContext, client: MailchimpClient, answer: MailchimpAnswer, site: CallSite): NodeApiError {
	const body = redactValue(answer.body ?? {}, client.secrets);
	const title = typeof body.title === 'string' ? body.title : `HTTP ${answer.status}`;
	const detail = typeof body.detail === 'string' ? body.detail : undefined;
	const fieldErrors = Array.isArray(body.errors)
		? (body.errors as IDataObject[]).map((e) => `${String(e.field ?? '') || '(no field)'}: ${String(e.message ?? '')}`)
		: [];
	const fields = fieldErrors.length ? ` [${fieldErrors.join('; ')}]` : '';
	return new NodeApiError(ctx.getNode(), body as JsonObject, {
		message: siteMessage(site, `MailChimp ${title} on ${site.action}${detail ? `: ${detail}` : ''}${fields}`),
		description: [detail, ...fieldErrors].filter(Boolean).join('\n') || undefined,
		httpCode: String(answer.status),
		itemIndex: site.itemIndex,
	});
}
