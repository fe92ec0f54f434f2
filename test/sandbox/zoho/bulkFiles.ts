/**
 * Zoho's file host for Bulk Write uploads (`content.zohoapis.<tld>`): `POST /crm/v8/upload`
 * with headers `feature: bulk-write` and `X-CRM-ORG: <zgid>`, a multipart field `file` holding one
 * ZIP with one CSV, at most 25 MB and 25,000 records (configurable for tests). Uploaded files are
 * kept for the jobs that name them; a file feeds one job only.
 */
import { unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import type { Reply, RequestContext } from '../core/types';
import { errorReply } from './errors';

export interface UploadedFile {
	id: string;
	name: string;
	header: string[];
	rows: string[][];
	usedBy?: string;
}

export interface BulkLimits {
	/** Records one uploaded file (one job) may hold. Zoho: 25,000. */
	recordsPerFile: number;
	/** Bytes of the uploaded ZIP. Zoho: 25 MB. */
	maxFileBytes: number;
}

/** The binary part named `name` of a multipart/form-data body, with its file name. */
export function multipartFile(raw: Buffer, contentType: string, name: string): { fileName: string; content: Buffer } | undefined {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return undefined;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	let start = raw.indexOf(delimiter);
	while (start >= 0) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next < 0) break;
		const part = raw.subarray(start + delimiter.length, next);
		const split = part.indexOf('\r\n\r\n');
		if (split >= 0) {
			const head = part.subarray(0, split).toString('utf8');
			const field = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(head);
			const file = /\bfilename="([^"]*)"/i.exec(head);
			if (field?.[1] === name && file) {
				let content = part.subarray(split + 4);
				if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
				return { fileName: file[1], content };
			}
		}
		start = next;
	}
	return undefined;
}

/** Reads an upload; a Reply when Zoho would refuse it. */
export function readUpload(ctx: RequestContext, limits: BulkLimits, newId: () => string): UploadedFile | Reply {
	const type = String(ctx.headers['content-type'] ?? '');
	if (!type.toLowerCase().includes('multipart/form-data')) return errorReply(400, 'INVALID_FILE_FORMAT', 'the file must be sent as multipart/form-data', { param_name: 'file' });
	const part = multipartFile(ctx.rawBody, type, 'file');
	if (!part) return errorReply(400, 'MISSING_REQUIRED_KEY', 'the multipart field "file" is missing', { param_name: 'file' });
	if (part.content.length > limits.maxFileBytes) {
		return errorReply(400, 'FILE_TOO_LARGE', `the file exceeds ${limits.maxFileBytes} bytes`, { limit: limits.maxFileBytes });
	}
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(new Uint8Array(part.content));
	} catch {
		return errorReply(400, 'INVALID_FILE_FORMAT', 'the file is not a ZIP archive', { param_name: 'file' });
	}
	const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
	if (names.length !== 1 || !names[0].toLowerCase().endsWith('.csv')) {
		return errorReply(400, 'INVALID_FILE_FORMAT', 'the ZIP must hold exactly one CSV file', { param_name: 'file' });
	}
	let table: string[][];
	try {
		table = parse(Buffer.from(entries[names[0]]), { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
	} catch (error) {
		return errorReply(400, 'INVALID_FILE_FORMAT', `the CSV cannot be read: ${(error as Error).message}`, { param_name: 'file' });
	}
	const [header, ...rows] = table;
	if (!header || header.length === 0) return errorReply(400, 'INVALID_FILE_FORMAT', 'the CSV has no header row', { param_name: 'file' });
	if (header.length > 200) return errorReply(400, 'HEADER_LIMIT_EXCEEDED', 'the CSV has more than 200 columns', { limit: 200 });
	if (rows.length > limits.recordsPerFile) {
		return errorReply(400, 'LIMIT_EXCEEDED', `the file holds ${rows.length} records; at most ${limits.recordsPerFile} per file`, { limit: limits.recordsPerFile });
	}
	return { id: newId(), name: names[0], header, rows };
}
