import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { contextCache } from '../../../shared/contextCache';
import { resolveAllowedUrl } from '../../../shared/urls';
import { expectOk, zohoCall, type ZohoClient } from '../index';

/** Zoho serves bulk results from its download hosts (download-accl.zoho.<tld>, download.zoho.<tld>). */
const ZOHO_DOWNLOAD_HOST = /^download(-accl)?\.zoho(cloud)?\.[a-z.]+$/i;

/** Zoho serves at most 10 bulk result downloads a minute per org; more answer 429. */
export const DOWNLOADS_PER_MINUTE = 10;
const MINUTE_MS = 60_000;

/** Start times of this execution's downloads in the last minute (one window per execution or poll). */
const windows = contextCache<number[]>();

/** Waits until a download fits in Zoho's 10-a-minute window, then takes the slot. */
async function takeDownloadSlot(ctx: HostContext): Promise<void> {
	let started = windows.get(ctx);
	if (!started) windows.set(ctx, (started = []));
	for (;;) {
		const now = Date.now();
		while (started.length > 0 && started[0] <= now - MINUTE_MS) started.shift();
		if (started.length < DOWNLOADS_PER_MINUTE) {
			started.push(now);
			return;
		}
		await sleep(started[0] + MINUTE_MS - now);
	}
}

/**
 * A bulk job's result file as bytes (Bulk Read's ZIP, Bulk Write's result ZIP). `downloadUrl` is
 * the job's `download_url`: relative to the API domain, or absolute on the API domain, the file
 * (upload) host or one of Zoho's download hosts; the token is never sent anywhere else. Paced to
 * Zoho's 10 downloads a minute; a 429 anyway (another integration of the org downloading) is retried
 * by the transport (Retry-After honoured), and so is a download whose connection drops mid-file (a
 * GET is safe to repeat).
 */
export async function downloadJobFile(
	ctx: HostContext,
	client: ZohoClient,
	downloadUrl: string,
	where: { itemIndex?: number; module?: string; action: string },
): Promise<Uint8Array> {
	const target = new URL(downloadUrl, `${client.apiDomain}/`);
	const zohoHosts = [new URL(client.fileDomain).host, ...(ZOHO_DOWNLOAD_HOST.test(target.hostname) ? [target.host] : [])];
	const checked = resolveAllowedUrl(client.apiDomain, target.href, zohoHosts);
	if (!checked.ok) {
		throw new NodeApiError(ctx.getNode(), { code: 'UNEXPECTED_DOWNLOAD_HOST' } as JsonObject, {
			message: `Zoho CRM gave a download URL the token must not go to (${checked.reason}): refused, so the token is not sent there`,
			itemIndex: where.itemIndex,
		});
	}
	await takeDownloadSlot(ctx);
	const answer = await zohoCall(ctx, client, { method: 'GET', path: checked.url.pathname, url: checked.url.href, bytes: true }, where.itemIndex);
	expectOk(ctx, answer, where);
	return answer.bytes ?? new Uint8Array(0);
}
