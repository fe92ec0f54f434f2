import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings writes an encryption key under N8N_USER_FOLDER on first use: keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-zoho-connect-jest-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
