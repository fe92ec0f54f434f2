import { NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { resolveAllowedUrl } from '../../../shared/urls';
import { expectOk, zohoCall, type ZohoClient } from '../index';

/** Zoho serves bulk results from its download hosts (download-accl.zoho.<tld>, download.zoho.<tld>). */
const ZOHO_DOWNLOAD_HOST = /^download(-accl)?\.zoho(cloud)?\.[a-z.]+$/i;

/**
 * Downloads a Bulk Write result ZIP. Its `download_url` is absolute (on Zoho's download or file
 * host) or relative to the API domain; the token is only sent to the API domain, the file host or a
 * Zoho download host. A GET: retried by the transport on 429 and 5xx.
 */
export async function downloadResult(ctx: HostContext, client: ZohoClient, downloadUrl: string, jobId: string): Promise<Uint8Array> {
	const target = new URL(downloadUrl, `${client.apiDomain}/`);
	const extra = [new URL(client.fileDomain).host, ...(ZOHO_DOWNLOAD_HOST.test(target.hostname) ? [target.host] : [])];
	const checked = resolveAllowedUrl(client.apiDomain, target.href, extra);
	if (!checked.ok) throw new NodeOperationError(ctx.getNode(), `Bulk Write job ${jobId}: result not downloaded: ${checked.reason}`);
	const answer = await zohoCall(ctx, client, { method: 'GET', path: checked.url.pathname, url: checked.url.href, binary: true });
	expectOk(ctx, answer, { action: `download the result of Bulk Write job ${jobId}` });
	if (!answer.bytes) throw new NodeOperationError(ctx.getNode(), `Bulk Write job ${jobId}: the result download answered no file`);
	return new Uint8Array(answer.bytes);
}
