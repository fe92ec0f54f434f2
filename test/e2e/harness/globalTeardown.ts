/** Stops the shared n8n (the root globalTeardown, test/helpers/globalTeardown.ts, then stops whatever a failing file left running). */
export default async function globalTeardown(): Promise<void> {
	await globalThis.__n8nE2eShared?.stop();
	globalThis.__n8nE2eShared = undefined;
}
