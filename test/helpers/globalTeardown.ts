/**
 * jest's root global teardown, run after the projects' own (jest runs it last): stops whatever a
 * failing test file left running (n8n, PostgreSQL, Redis, Chromium: scripts/childProcesses.ts), then
 * checks every request our nodes sent to a sandbox during the run against the vendors' definitions
 * (test/contracts/recordedRequests.ts): one the vendors do not define fails the run.
 */
import { reapLeftovers } from '../../scripts/childProcesses';
import { checkRecorded } from '../contracts/recordedRequests';

export default async function globalTeardown(): Promise<void> {
	await reapLeftovers();
	checkRecorded();
}
