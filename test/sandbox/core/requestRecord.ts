/**
 * The suite-wide request check (issue: every request our nodes send is one the vendors define):
 * while a jest run records (`SANDBOX_REQUEST_RECORD` names a folder, set by the root global setup),
 * every sandbox in every test process captures requests, and each one sent by n8n's HTTP helpers
 * (user agent `n8n`: our nodes and triggers inside n8n-core or a real n8n, never a test's own
 * probe) to a Zoho or MailChimp service is appended to `<folder>/<pid>.jsonl`. The root global
 * teardown checks them all against the vendors' definitions (test/contracts/recordedRequests.ts).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from './types';

export const RECORD_ENV = 'SANDBOX_REQUEST_RECORD';

const VENDOR_SERVICES = new Set(['zoho-crm', 'zoho-accounts', 'mailchimp-api', 'mailchimp-login']);

export function recordingRequests(): boolean {
	return Boolean(process.env[RECORD_ENV]);
}

export function recordNodeRequest(entry: LogEntry): void {
	const dir = process.env[RECORD_ENV];
	if (!dir || !VENDOR_SERVICES.has(entry.service) || entry.request?.userAgent !== 'n8n') return;
	appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}
