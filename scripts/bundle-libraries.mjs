#!/usr/bin/env node
/**
 * Bundles the bulk libraries (fflate, csv-parse, csv-stringify: devDependencies) into the compiled
 * nodes/shared/bulk/libraries.js, replacing tsc's output, so dist/ needs no runtime dependency.
 * fflate's browser build is used: its Node build loads worker_threads, which n8n's scanner refuses
 * and which the synchronous and streaming calls we use never need.
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const fflateBrowser = join(dirname(require.resolve('fflate/package.json')), 'esm', 'browser.js');

await build({
	entryPoints: [join(root, 'nodes/shared/bulk/libraries.ts')],
	outfile: join(root, 'dist/nodes/shared/bulk/libraries.js'),
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	alias: { fflate: fflateBrowser },
	legalComments: 'inline',
	logLevel: 'warning',
});
