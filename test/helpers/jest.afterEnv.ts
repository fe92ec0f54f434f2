// Jest's default 5 s per test is a wall-clock threshold: a suite reading 5,000 sandbox records over real
// sockets met it on a loaded 2-core machine. Tests wait for conditions; this only stops a hung test.
jest.setTimeout(120_000);

// n8n-core's SSHClientsManager starts a 60 s setInterval when an ExecuteContext is built (node
// runner); it would keep jest's process alive after the suites. Stop it the way n8n does at shutdown.
afterAll(async () => {
	const { Container } = await import('@n8n/di');
	const { SSHClientsManager } = await import('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
