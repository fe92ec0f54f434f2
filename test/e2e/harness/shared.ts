/**
 * The one n8n the jest e2e project shares (started by globalSetup.ts): startup costs seconds, so
 * test files reuse it and keep apart by using their own workflow and credential ids.
 */
import { readFileSync } from 'node:fs';
import { attachN8n, type N8nConnection, type N8nInstance } from './n8n';
import { N8nRest } from './rest';

export const SHARED_ENV = 'N8N_E2E_CONNECTION_FILE';

export function sharedConnection(): N8nConnection {
	const file = process.env[SHARED_ENV];
	if (!file) throw new Error(`no shared n8n: run the e2e tests through jest's e2e project (its globalSetup sets ${SHARED_ENV})`);
	return JSON.parse(readFileSync(file, 'utf8')) as N8nConnection;
}

export function sharedN8n(): Promise<N8nInstance> {
	return attachN8n(sharedConnection());
}

/** A REST client logged in as the shared instance's owner. */
export async function sharedRest(): Promise<N8nRest> {
	const rest = new N8nRest(sharedConnection().baseUrl);
	await rest.login();
	return rest;
}
