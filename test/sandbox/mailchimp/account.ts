import type { ApiRouter } from './router';
import type { MailchimpStore } from './store';

/** API root and /ping: what credential tests call. */
export function registerAccountRoutes(api: ApiRouter, store: MailchimpStore): void {
	api.add('GET', '/ping', () => ({ status: 200, body: { health_status: "Everything's Chimpy!" } }));
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
