import { SandboxServer } from './core/server';
import { registerControlRoutes } from './core/control';
import { ZohoSandbox, type ZohoSandboxOptions } from './zoho';
import { MailchimpSandbox, type MailchimpSandboxOptions } from './mailchimp';
import { CustomServiceSandbox, type CustomServiceOptions } from './custom';

/** Sandbox origin -> its Zoho file host, for credentials built from the origin alone (test/helpers/sandboxCredentials.ts). */
const fileHosts = new Map<string, string>();

/** The Zoho file host (Bulk Write uploads) of a sandbox started in this process, by its main origin. */
export function sandboxFileDomain(sandboxUrl: string): string | undefined {
	return fileHosts.get(sandboxUrl.replace(/\/+$/, ''));
}

export interface SandboxOptions {
	port?: number;
	host?: string;
	/** Fixed latency added to every API request, in ms (benchmarks). */
	latencyMs?: number;
	zoho?: ZohoSandboxOptions;
	mailchimp?: MailchimpSandboxOptions;
	custom?: CustomServiceOptions;
}

export interface Sandbox {
	/** http://127.0.0.1:<port> — every fake lives under this one origin, told apart by path. */
	url: string;
	server: SandboxServer;
	zoho: ZohoSandbox;
	mailchimp: MailchimpSandbox;
	custom: CustomServiceSandbox;
	/** Empty every fake service, zero counters and log, remove faults. */
	reset(): void;
	close(): Promise<void>;
}

/**
 * Starts the fake Zoho accounts + CRM, MailChimp and generic OAuth2 "custom service" on one port.
 * Paths: Zoho accounts `/oauth/v2/*`, Zoho CRM `/crm/v8/*` and `/crm/v2/*`, MailChimp login
 * `/oauth2/*`, MailChimp API `/3.0/*`, custom service `/custom/*`, control `/__sandbox/*`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const server = new SandboxServer();
	server.latencyMs = options.latencyMs ?? 0;
	const zoho = new ZohoSandbox(server, options.zoho);
	const mailchimp = new MailchimpSandbox(server, options.mailchimp);
	const custom = new CustomServiceSandbox(server, options.custom);
	const sandbox: Sandbox = {
		url: '',
		server,
		zoho,
		mailchimp,
		custom,
		reset() {
			zoho.reset();
			mailchimp.reset();
			custom.reset();
			server.clearFaults();
			server.resetStats();
		},
		close: async () => {
			fileHosts.delete(sandbox.url);
			await server.close();
		},
	};
	registerControlRoutes(sandbox);
	sandbox.url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	fileHosts.set(sandbox.url, zoho.fileDomain);
	return sandbox;
}

export { SandboxServer };
