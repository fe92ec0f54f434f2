/** faults project: a fresh folder where each suite file leaves its figures rows for globalTeardown. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
	process.env.FAULT_ROWS_DIR = mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-faults-'));
}
