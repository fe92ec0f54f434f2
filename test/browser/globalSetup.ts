/**
 * jest browser project: before the test file, Chromium is unpacked from @sparticuz/chromium (first
 * run only; chromium.ts), so a missing or broken browser stops the run here. Every process the
 * file starts is recorded so that none outlives jest (scripts/childProcesses.ts).
 */
import { installReaper } from '../../scripts/childProcesses';
import { chromiumExecutable } from './chromium';

export default async function globalSetup(): Promise<void> {
	installReaper();
	await chromiumExecutable();
}
