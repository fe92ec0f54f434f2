/**
 * Secret scanning for the reliability suites: every string reachable from outputs, thrown errors
 * (own properties too: message, description, stack, cause, context ...), n8n's stored executions
 * and log files, and every URL the sandbox saw. A secret counts wherever it appears as a substring.
 */
import type { LogEntry } from '../sandbox/core/types';

/** name -> value, e.g. { accessToken, refreshToken, clientSecret, apiKey }; empty values are skipped. */
export type Secrets = Record<string, string | undefined>;

export interface Hit {
	secret: string;
	/** Where it was found: `<source label>` plus a property path. */
	where: string;
}

/** Every string inside `value` with its property path; follows non-enumerable own properties of errors. */
export function collectStrings(value: unknown, label = '$'): Array<{ path: string; text: string }> {
	const out: Array<{ path: string; text: string }> = [];
	const seen = new WeakSet<object>();
	const walk = (v: unknown, path: string, depth: number): void => {
		if (typeof v === 'string') {
			out.push({ path, text: v });
			return;
		}
		if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined || typeof v === 'function') return;
		if (typeof v === 'bigint' || typeof v === 'symbol') return;
		if (depth > 40 || seen.has(v)) return;
		seen.add(v);
		if (Buffer.isBuffer(v)) {
			out.push({ path, text: v.toString('utf8') });
			return;
		}
		if (v instanceof Map) {
			for (const [k, inner] of v) walk(inner, `${path}.get(${String(k)})`, depth + 1);
			return;
		}
		const keys = v instanceof Error ? Object.getOwnPropertyNames(v) : Object.keys(v);
		for (const key of keys) {
			let inner: unknown;
			try {
				inner = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(inner, `${path}.${key}`, depth + 1);
		}
	};
	walk(value, label, 0);
	return out;
}

/** Where each secret occurs inside `value`. */
export function findSecrets(value: unknown, secrets: Secrets, label = '$'): Hit[] {
	const wanted = Object.entries(secrets).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0);
	const hits: Hit[] = [];
	for (const { path, text } of collectStrings(value, label)) {
		for (const [name, secret] of wanted) if (text.includes(secret)) hits.push({ secret: name, where: path });
	}
	return hits;
}

/** Occurrences of each secret in a URL, path or query value the sandbox logged (tokens must never travel in URLs). */
export function secretsInUrls(log: readonly LogEntry[], secrets: Secrets): Hit[] {
	return log.flatMap((entry) =>
		findSecrets({ path: entry.path, query: entry.query }, secrets, `request #${entry.seq} ${entry.method} ${entry.path}`),
	);
}

/**
 * Collects scanned material over a suite and counts what it saw, so a suite can report
 * "N strings scanned, 0 hits" and assert both (a scan that saw nothing proves nothing).
 */
export class SecretLedger {
	strings = 0;
	sources = 0;
	readonly hits: Hit[] = [];

	constructor(readonly secrets: Secrets) {}

	/** Adds more secrets (e.g. tokens minted by a refresh during the run). */
	add(more: Secrets): void {
		for (const [name, value] of Object.entries(more)) if (value) this.secrets[name] = value;
	}

	scan(label: string, value: unknown): Hit[] {
		this.sources++;
		this.strings += collectStrings(value, label).length;
		const hits = findSecrets(value, this.secrets, label);
		this.hits.push(...hits);
		return hits;
	}

	scanUrls(log: readonly LogEntry[]): Hit[] {
		this.sources++;
		this.strings += log.length;
		const hits = secretsInUrls(log, this.secrets);
		this.hits.push(...hits);
		return hits;
	}
}
