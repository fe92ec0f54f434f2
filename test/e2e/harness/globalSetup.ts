/**
 * jest e2e project: build check, host install (first run on a machine), one shared n8n with an
 * owner. Every n8n process is recorded (scripts/childProcesses.ts): if jest is interrupted or a
 * file leaves one running, the teardown or jest's exit kills it.
 */
import { writeFileSync } from 'node:fs';
import { installReaper } from '../../../scripts/childProcesses';
import { join } from 'node:path';
import { ensureBuilt } from './buildCheck';
import { connectionOf, startN8n, type N8nInstance } from './n8n';
import { N8nRest } from './rest';
import { SHARED_ENV } from './shared';

declare global {
	var __n8nE2eShared: N8nInstance | undefined;
}

export default async function globalSetup(): Promise<void> {
	installReaper();
	ensureBuilt();
	const n8n = await startN8n({ name: 'e2e-shared' });
	globalThis.__n8nE2eShared = n8n;
	try {
		await new N8nRest(n8n.baseUrl).setupOwner();
		const file = join(n8n.userFolder, 'connection.json');
		writeFileSync(file, JSON.stringify(connectionOf(n8n)), { mode: 0o600 });
		process.env[SHARED_ENV] = file;
		process.stderr.write(`\nshared n8n ${n8n.host.version} ready at ${n8n.baseUrl} in ${(n8n.startupMs / 1000).toFixed(1)} s (log ${n8n.logFile})\n`);
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}
