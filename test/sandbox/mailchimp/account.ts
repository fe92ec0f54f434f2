import type { Reply } from '../core/types';
import { isReply, parsePage, project } from './query';
import type { ApiRouter } from './router';
import type { MailchimpStore } from './store';

/** API root and /ping: what credential tests call. */
export function registerAccountRoutes(api: ApiRouter, store: MailchimpStore): void {
	api.add('GET', '/ping', () => ({ status: 200, body: { health_status: "Everything's Chimpy!" } }));
	// GET /campaign-folders (MailChimp's client: CampaignFoldersApi.list; our node's folder picker calls it).
	// The folders are the distinct folder ids campaigns carry.
	api.add('GET', '/campaign-folders', (ctx): Reply => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const ids = [...new Set(store.campaigns.map((c) => c.folderId).filter(Boolean))].sort();
		const folders = ids.map((id, i) => ({ name: `Folder ${i + 1}`, id, count: store.campaigns.filter((c) => c.folderId === id).length, _links: [] }));
		return { status: 200, body: project({ folders: folders.slice(page.offset, page.offset + page.count), total_items: folders.length, _links: [] }, ctx.query) };
	});
	api.add('GET', '', () => ({
		status: 200,
		body: {
			account_id: 'sandbox0account',
			login_id: '27182818',
			account_name: 'Sandbox Marketing',
			email: 'owner@sandbox-marketing.test',
			first_name: 'Sandbox',
			last_name: 'Owner',
			username: 'sandbox_owner',
			role: 'owner',
			member_since: '2019-01-01T00:00:00+00:00',
			pricing_plan_type: 'monthly',
			account_timezone: 'UTC',
			account_industry: 'Marketing and Advertising',
			contact: { company: 'Sandbox Outfitters', addr1: '1 Example Way', city: 'Atlanta', state: 'GA', zip: '30303', country: 'US' },
			total_subscribers: store.lists.reduce((n, l) => n + l.members.filter((m) => m.status === 'subscribed').length, 0),
			_links: [],
		},
	}));
}
