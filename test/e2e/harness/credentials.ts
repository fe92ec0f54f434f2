/** Credentials through the n8n CLI: import plain JSON (n8n encrypts it), export decrypted. */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliResult } from './n8n';

/** What `n8n import:credentials` reads and `export:credentials --decrypted` writes. */
export interface PlainCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Anything with an n8n user folder and CLI: a running instance, or the demo's pre-start step. */
export interface N8nCli {
	userFolder: string;
	cliOk(args: string[]): Promise<CliResult>;
}

/** n8n credential ids are 16 alphanumerics. */
export function newCredentialId(): string {
	return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
}

export function plainCredential(type: string, name: string, data: Record<string, unknown>, id: string = newCredentialId()): PlainCredential {
	return { id, name, type, data };
}

/** For a node's `credentials` field. */
export function credentialRef(credential: PlainCredential): Record<string, { id: string; name: string }> {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

export async function importCredentials(n8n: N8nCli, credentials: PlainCredential[]): Promise<void> {
	const file = join(n8n.userFolder, `credentials-${newCredentialId()}.json`);
	writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
	try {
		await n8n.cliOk(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}

/** Every stored credential with its data in plain text (OAuth2: including oauthTokenData). */
export async function exportCredentials(n8n: N8nCli): Promise<PlainCredential[]> {
	const file = join(n8n.userFolder, `export-${newCredentialId()}.json`);
	try {
		await n8n.cliOk(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
		return JSON.parse(readFileSync(file, 'utf8')) as PlainCredential[];
	} finally {
		rmSync(file, { force: true });
	}
}

export async function exportCredential(n8n: N8nCli, id: string): Promise<PlainCredential> {
	const found = (await exportCredentials(n8n)).find((credential) => credential.id === id);
	if (!found) throw new Error(`credential ${id} is not stored`);
	return found;
}
