/** @mailchimp/mailchimp_marketing ships no types: the few entry points the contracts tests use. */
declare module '@mailchimp/mailchimp_marketing' {
	type Call = (...args: any[]) => Promise<any>;
	interface MailchimpClient {
		basePath: string;
		setConfig(config: { accessToken?: string; apiKey?: string; server?: string }): void;
		campaigns: Record<string, Call>;
		reports: Record<string, Call>;
		lists: Record<string, Call>;
		ping: Record<string, Call>;
		batches: Record<string, Call>;
		campaignFolders: Record<string, Call>;
	}
	const client: MailchimpClient;
	export = client;
}
