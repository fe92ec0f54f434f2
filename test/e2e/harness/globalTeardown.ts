export default async function globalTeardown(): Promise<void> {
	await globalThis.__n8nE2eShared?.stop();
	globalThis.__n8nE2eShared = undefined;
}
