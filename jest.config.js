/** Three projects: unit (no sockets), integration (the sandbox over real sockets), e2e (a real n8n). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			displayName: 'integration',
			testEnvironment: 'node',
			transform,
			setupFiles: ['<rootDir>/test/helpers/jest.setup.ts'],
			testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
		},
	],
};
