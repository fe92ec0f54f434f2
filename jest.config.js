/** Three projects: unit (no sockets), integration (the sandbox over real sockets), e2e (a real n8n). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
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
	],
};
