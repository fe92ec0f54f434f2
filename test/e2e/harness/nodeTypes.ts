/**
 * The node-type names n8n gives our nodes. Users install the npm package, so n8n knows them as
 * `n8n-nodes-zoho-connect.<name>`; the dev shortcut (N8N_CUSTOM_EXTENSIONS=dist) names them
 * `CUSTOM.<name>`. Tests and the shipped examples never hard-code the prefix: they ask here.
 */
export const PACKAGE_NAME = 'n8n-nodes-zoho-connect';

export type InstallMode = 'package' | 'extensions';

/** 'package' (default): the packed tarball in n8n's nodes folder, as users install it; N8N_E2E_INSTALL=extensions: dist/ as custom extensions. */
export function installMode(): InstallMode {
	return process.env.N8N_E2E_INSTALL === 'extensions' ? 'extensions' : 'package';
}

export function typePrefix(mode: InstallMode = installMode()): string {
	return mode === 'package' ? PACKAGE_NAME : 'CUSTOM';
}

/** nodeType('zohoCrmConnect') → 'n8n-nodes-zoho-connect.zohoCrmConnect' (or 'CUSTOM.zohoCrmConnect' in dev mode). */
export function nodeType(name: string, mode: InstallMode = installMode()): string {
	return `${typePrefix(mode)}.${name}`;
}
