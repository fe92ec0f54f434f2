import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { HostContext } from '../../../shared/authorizedRequest';
import { expectOk, zohoCall, type ZohoClient } from '../index';

/** A multipart/form-data body with one file part named `file` (what Zoho's upload reads). */
export function multipartFile(fileName: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
	const boundary = `----n8nZohoBulk${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '')}"\r\nContent-Type: application/zip\r\n\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/**
 * `POST {file host}/crm/v8/upload` with `feature: bulk-write` and `X-CRM-ORG`: answers the file id.
 * Not retried after a dropped answer by the transport (a POST); an upload whose answer was lost is
 * harmless (a file no job names writes nothing), so the caller may upload again.
 */
export async function uploadBulkFile(ctx: HostContext, client: ZohoClient, zgid: string, fileName: string, zip: Uint8Array): Promise<string> {
	const { body, contentType } = multipartFile(fileName, zip);
	const answer = await zohoCall(ctx, client, {
		method: 'POST',
		path: '/upload',
		url: `${client.fileDomain}/crm/v8/upload`,
		headers: { feature: 'bulk-write', 'X-CRM-ORG': zgid, 'Content-Type': contentType },
		rawBody: body,
		idempotent: false,
	});
	const ok = expectOk(ctx, answer, { action: 'upload the Bulk Write file' }) ?? {};
	const fileId = (ok.details as IDataObject | undefined)?.file_id;
	if (typeof fileId !== 'string' && typeof fileId !== 'number') throw new NodeOperationError(ctx.getNode(), 'Zoho CRM answered the upload without a file_id');
	return String(fileId);
}
