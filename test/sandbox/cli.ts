/* `npm run sandbox`: the fakes standalone, for the demo and manual poking. */
import { startSandbox } from './index';

async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? '5679');
	const latencyMs = Number(process.env.SANDBOX_LATENCY_MS ?? '0');
	const sandbox = await startSandbox({ port, latencyMs });
	const seedLeads = Number(process.env.SANDBOX_SEED_LEADS ?? '250');
	const seedCampaigns = Number(process.env.SANDBOX_SEED_CAMPAIGNS ?? '60');
	sandbox.zoho.seed({ module: 'Leads', count: seedLeads, seed: 42 });
	sandbox.mailchimp.seed({ campaigns: seedCampaigns, seed: 42 });
	const u = sandbox.url;
	console.log(`Sandbox listening on ${u}
  Zoho accounts:      ${u}/oauth/v2/auth  ${u}/oauth/v2/token
  Zoho CRM API:       ${u}/crm/v8  (v2 subset: ${u}/crm/v2)
  MailChimp login:    ${u}/oauth2/authorize  ${u}/oauth2/token  ${u}/oauth2/metadata
  MailChimp API:      ${u}/3.0
  Custom service:     ${u}/custom/oauth/authorize  token ${u}/custom/oauth/token  refresh ${u}/custom/oauth/refresh  API ${u}/custom/api
  Control:            ${u}/__sandbox/stats  /__sandbox/log  /__sandbox/faults  /__sandbox/reset
  Seeded ${seedLeads} Leads and ${seedCampaigns} MailChimp campaigns.`);
	const stop = async (): Promise<void> => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
