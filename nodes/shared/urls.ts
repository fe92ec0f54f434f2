export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

function hostOf(url: URL): string {
	return url.host.toLowerCase();
}

/**
 * Resolves `pathOrUrl` against `baseUrl` and refuses anything that would send the token elsewhere:
 * non-http(s) schemes (javascript:, file:, data: ...) and hosts other than the base URL's host or
 * an explicitly allowed one. A relative path keeps the base URL's path prefix.
 */
export function resolveAllowedUrl(baseUrl: string, pathOrUrl: string, extraHosts: readonly string[] = []): UrlCheck {
	let base: URL;
	try {
		base = new URL(baseUrl);
	} catch {
		return { ok: false, reason: `The API base URL "${baseUrl}" is not a valid URL` };
	}
	const trimmed = pathOrUrl.trim();
	const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
	let target: URL;
	if (isAbsolute) {
		try {
			target = new URL(trimmed);
		} catch {
			return { ok: false, reason: `"${trimmed}" is not a valid URL` };
		}
	} else {
		const prefix = base.href.replace(/\/+$/, '');
		const suffix = trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
		target = new URL(prefix + suffix);
	}
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		return { ok: false, reason: `The URL scheme "${target.protocol}" is not allowed: only http and https` };
	}
	if (target.username || target.password) {
		return { ok: false, reason: 'URLs with embedded user names or passwords are not allowed' };
	}
	const allowed = new Set([hostOf(base), ...extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean)]);
	if (!allowed.has(hostOf(target))) {
		return {
			ok: false,
			reason: `The host "${target.host}" is not the credential's API host (${[...allowed].join(', ')}): the access token is only sent there`,
		};
	}
	return { ok: true, url: target };
}

export function splitHosts(list: string | undefined): string[] {
	return (list ?? '')
		.split(',')
		.map((h) => h.trim())
		.filter(Boolean)
		.map((h) => {
			try {
				return /^[a-z]+:\/\//i.test(h) ? new URL(h).host : h;
			} catch {
				return h;
			}
		});
}
