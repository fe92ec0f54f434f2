/**
 * jest's root global teardown, run after the projects' own (jest runs it last): stops whatever a
 * failing test file left running (n8n, PostgreSQL, Redis, Chromium: scripts/childProcesses.ts).
 */
import { reapLeftovers } from '../../scripts/childProcesses';

export default async function globalTeardown(): Promise<void> {
	await reapLeftovers();
}
