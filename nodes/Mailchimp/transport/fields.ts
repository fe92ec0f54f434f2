/**
 * MailChimp's `fields` / `exclude_fields` apply to the whole response. Users name paths of one
 * record ("id,settings.title"); for a list endpoint they are prefixed with the collection key
 * ("campaigns.id,...") and, for `fields`, `total_items` is kept so paging can stop.
 */
export function scopeFieldList(raw: string | undefined, collection: string | undefined, keepTotal: boolean): string | undefined {
	const paths = (raw ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	if (paths.length === 0) return undefined;
	if (!collection) return paths.join(',');
	const scoped = paths.map((p) => (p === collection || p.startsWith(`${collection}.`) || p === 'total_items' ? p : `${collection}.${p}`));
	if (keepTotal && !scoped.includes('total_items')) scoped.push('total_items');
	return scoped.join(',');
}
