/** The node and credential types package.json's `n8n` block promises, read from the built files. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../../../scripts/host';

export interface PackageType {
	/** Path as listed in package.json, e.g. dist/nodes/X/Y.node.js */
	file: string;
	/** The class n8n's loader expects the file to export (file name before .node.js / .credentials.js). */
	className: string;
}

export interface PackageTypes {
	nodes: PackageType[];
	credentials: PackageType[];
}

export function packageTypes(root: string = REPO_ROOT): PackageTypes {
	const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[]; credentials?: string[] } };
	const describe = (file: string): PackageType => ({ file, className: basename(file).split('.')[0] });
	return { nodes: (manifest.n8n?.nodes ?? []).map(describe), credentials: (manifest.n8n?.credentials ?? []).map(describe) };
}

export function missingBuildFiles(root: string = REPO_ROOT): string[] {
	const { nodes, credentials } = packageTypes(root);
	return [...nodes, ...credentials].map((type) => type.file).filter((file) => !existsSync(join(root, file)));
}

function instantiate(root: string, type: PackageType): Record<string, unknown> {
	const exported = require(join(root, type.file)) as Record<string, new () => Record<string, unknown>>;
	const Class = exported[type.className];
	if (typeof Class !== 'function') throw new Error(`${type.file} does not export class ${type.className} (n8n's loader requires it)`);
	return new Class();
}

/** `description.name` of a node; a versioned node keeps it in `description` too. */
export function nodeName(type: PackageType, root: string = REPO_ROOT): string {
	const description = instantiate(root, type).description as { name?: string } | undefined;
	if (!description?.name) throw new Error(`${type.file}: no description.name`);
	return description.name;
}

export function credentialName(type: PackageType, root: string = REPO_ROOT): string {
	const name = instantiate(root, type).name;
	if (typeof name !== 'string') throw new Error(`${type.file}: no name`);
	return name;
}
