// The rule sets n8n applies to community packages (as in @n8n/node-cli's own config and the package
// scanner): @n8n/community-nodes "recommended" on all TypeScript we ship, eslint-plugin-n8n-nodes-base's
// `community` set on package.json, `credentials` on credentials/ and `nodes` on nodes/. Unlike the
// node-cli config we switch none of the n8n-nodes-base rules off.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'host/**', '.n8n-data/**', '.n8n-test/**', 'coverage/**', 'docs/**', 'bench/results/**', '**/*.js', '**/*.mjs'],
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended, n8nCommunityNodesPlugin.configs.recommended],
		rules: {
			'no-console': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: { ...n8nNodesBase.configs.credentials.rules },
	},
	{
		files: ['nodes/**/*.ts'],
		rules: { ...n8nNodesBase.configs.nodes.rules },
	},
	{
		// Tests, the sandbox, scripts and the benchmark are type-checked by `tsc -p tsconfig.test.json`;
		// they are not shipped, so n8n's node rules do not apply to them.
		files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
