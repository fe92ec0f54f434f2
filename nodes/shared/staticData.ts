/**
 * A private, plain copy of a value kept in the workflow's static data. n8n hands static data it
 * loaded from its database (after a restart, and on every start of a queue-mode main) wrapped in
 * change-tracking proxies, which structuredClone refuses ("#<Object> could not be cloned"): a
 * trigger cloning its cursor that way could not be activated again. Cursors are JSON by nature
 * (n8n stores static data as JSON), so a JSON round trip copies them exactly.
 */
export function copyStaticValue<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
