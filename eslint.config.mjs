// The rule sets n8n applies to community packages (as in @n8n/node-cli's own config and the package
// scanner): @n8n/community-nodes "recommended" on all TypeScript we ship, eslint-plugin-n8n-nodes-base's
// `community` set on package.json, `credentials` on credentials/ and `nodes` on nodes/. Of the five rules
// node-cli switches off we switch off only the three that contradict the scanner's own rules (see below).
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
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// "Only applicable to nodes in the main repository" (its own docs): it demands n8n-internal doc
			// slugs, while the scanner's @n8n/community-nodes/credential-documentation-url demands a real URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two demand the literal ['main'], which the scanner's
			// @n8n/community-nodes/node-connection-type-literal forbids (NodeConnectionTypes.Main).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
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
