/**
 * The parts of n8n's community-node verification checklist that n8n's scanner (scanner.test.ts)
 * does not check as such, on every node and credential package.json registers (README, "n8n
 * verification"): each credential has a test request and a documentation URL, every icon has a
 * light and a dark file that exists, every text the editor shows is written in Latin letters
 * (English; a translated or non-Latin string fails), and the shipped code imports nothing n8n does
 * not provide (the scanner's no-restricted-imports also lets through any devDependency, which
 * would not be installed in n8n).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The TypeScript source of a `dist/….js` entry of package.json's n8n section, and its class. */
function load<T>(entry: string): { file: string; instance: T } {
	const file = join(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const className = basename(file).replace(/\.(node|credentials)\.ts$/, '');
	const Class = require(file)[className] as new () => T;
	return { file, instance: new Class() };
}

const nodes = (pkg.n8n.nodes as string[]).map((entry) => load<INodeType>(entry));
const credentials = (pkg.n8n.credentials as string[]).map((entry) => load<ICredentialType>(entry));

function iconFiles(file: string, icon: unknown): string[] {
	expect({ file, icon }).toEqual({ file, icon: { light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.dark\.svg$/) } });
	const { light, dark } = icon as { light: string; dark: string };
	return [light, dark].map((path) => join(dirname(file), path.slice('file:'.length)));
}

/** Every string the editor shows: display names, descriptions, hints, placeholders, option labels. */
function uiTexts(value: unknown, inOptions = false): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => uiTexts(item, inOptions));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, child]) => {
		if (typeof child === 'string') {
			const shown = ['displayName', 'description', 'hint', 'placeholder', 'action', 'subtitle', 'notice'].includes(key) || (inOptions && key === 'name');
			return shown && !child.startsWith('=') ? [child] : [];
		}
		return uiTexts(child, key === 'options' || key === 'values');
	});
}

describe('n8n verification checklist', () => {
	it('registers the six nodes and four credentials', () => {
		expect(nodes).toHaveLength(6);
		expect(credentials).toHaveLength(4);
	});

	it.each(credentials.map((c) => [c.instance.name, c] as const))('credential %s has a test request and an https documentation URL', (_name, { instance }) => {
		expect(instance.test?.request).toEqual(expect.objectContaining({ url: expect.any(String) }));
		expect(instance.documentationUrl).toMatch(/^https:\/\//);
	});

	it('every node and credential has a light and a dark icon file', () => {
		for (const { file, instance } of [...nodes.map((n) => ({ file: n.file, instance: n.instance.description })), ...credentials]) {
			for (const icon of iconFiles(file, (instance as { icon?: unknown }).icon)) expect({ icon, exists: existsSync(icon) }).toEqual({ icon, exists: true });
		}
	});

	it('every text the editor shows is in Latin letters (English only)', () => {
		const texts = [...nodes.map((n) => n.instance.description), ...credentials.map((c) => c.instance)].flatMap((description) => uiTexts(description));
		expect(texts.length).toBeGreaterThan(300);
		const foreign = texts.filter((text) => [...text].some((char) => /\p{L}/u.test(char) && !/[A-Za-z]/.test(char)));
		expect(foreign).toEqual([]);
	});

	it('nodes and credentials import only n8n-workflow, crypto and their own files; the bundled bulk libraries only in one file', () => {
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
		const sources = [...walk(join(root, 'nodes')), ...walk(join(root, 'credentials'))].filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
		expect(sources.length).toBeGreaterThan(50);
		const imports = sources.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => ({ file: relative(root, file), module: m[1] })),
		);
		const foreign = imports.filter(({ module }) => !module.startsWith('./') && !module.startsWith('../') && !['n8n-workflow', 'crypto', 'node:crypto'].includes(module));
		// devDependencies that scripts/bundle-libraries.mjs inlines into dist (test/unit/bulkArchive.test.ts proves it).
		const bundled = foreign.filter(({ file }) => file === join('nodes', 'shared', 'bulk', 'libraries.ts'));
		expect(bundled.map(({ module }) => module).sort()).toEqual(['csv-parse/sync', 'csv-stringify/sync', 'fflate']);
		for (const { module } of bundled) expect(Object.keys(pkg.devDependencies)).toContain(module.split('/')[0]);
		expect(foreign.filter((entry) => !bundled.includes(entry))).toEqual([]);
		expect(imports.filter(({ module }) => module === 'n8n-workflow').length).toBeGreaterThan(50);
	});
});
