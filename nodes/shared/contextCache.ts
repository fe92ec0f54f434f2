/**
 * Per-context memo tables (clients, field metadata, refresh gates) that can all be forgotten at
 * once. A node run gets a fresh context per execution, but n8n gives a polling trigger ONE context
 * for the whole activation and calls poll() on it again and again: without forgetContext() a poll
 * would inherit the previous poll's credentials, field metadata and a refresh gate that may have
 * failed hours ago (then every later poll would say "reconnect" without trying to refresh).
 */
const registry: Array<WeakMap<object, unknown>> = [];

export function contextCache<V>(): WeakMap<object, V> {
	const cache = new WeakMap<object, V>();
	registry.push(cache as WeakMap<object, unknown>);
	return cache;
}

/** Drops everything memoised for `ctx`; polling triggers call it at the start of every poll. */
export function forgetContext(ctx: object): void {
	for (const cache of registry) cache.delete(ctx);
}
