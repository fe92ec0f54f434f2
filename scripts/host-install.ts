/* `npm run host:install`: install the pinned n8n into host/ (or host/n8n-<N8N_HOST_VERSION>/). */
import { ensureHost, hostLocation, hostProblem } from './host';

async function main(): Promise<void> {
	const loc = hostLocation();
	if (!hostProblem(loc)) {
		console.log(`n8n host ${loc.version} is ready in ${loc.dir}`);
		return;
	}
	await ensureHost();
}

main().catch((error: unknown) => {
	console.error(`host install failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
