const MIN_SECRET_LENGTH = 6;

/** Replaces every occurrence of each secret in `text`; short or empty "secrets" are ignored. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
		out = out.split(secret).join('[redacted]');
	}
	return out;
}

const SENSITIVE_KEYS = /^(authorization|access_token|refresh_token|client_secret|apikey|api_key|password|token|x-access-token|cookie|set-cookie)$/i;

/** A deep copy of `value` with sensitive keys masked and secrets removed from strings. */
export function redactValue<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') return redactSecrets(v, secrets);
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, inner] of Object.entries(v as Record<string, unknown>)) {
				out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : walk(inner);
			}
			return out;
		}
		return v;
	};
	return walk(value) as T;
}
