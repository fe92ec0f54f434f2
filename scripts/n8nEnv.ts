/** The environment `npm start`, the demo and the e2e harness give n8n; one place so they agree. */
export interface N8nEnvOptions {
	userFolder: string;
	encryptionKey: string;
	port: number;
	/** Folders n8n loads community nodes from (N8N_CUSTOM_EXTENSIONS), e.g. <repo>/dist. */
	extensions: string[];
	/** The task broker listens on its own port; every n8n process (also each CLI call) needs a free one. */
	brokerPort: number;
	listenAddress?: string;
	/** n8n major version: 1.x still wants N8N_RUNNERS_ENABLED, 2.x warns that it is deprecated. */
	major?: number;
}

/**
 * The parent's environment without n8n/DB settings, so a developer's own n8n config cannot leak in,
 * and without jest's NODE_ENV=test, which silences n8n's logger and changes its behaviour.
 */
export function cleanBaseEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(source)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_ENV$|JEST_|npm_)/.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export function n8nEnv(options: N8nEnvOptions): Record<string, string> {
	const listen = options.listenAddress ?? '127.0.0.1';
	const env: Record<string, string> = {
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: listen,
		N8N_HOST: listen === '127.0.0.1' || listen === '::' || listen === '0.0.0.0' ? 'localhost' : listen,
		N8N_PROTOCOL: 'http',
		N8N_CUSTOM_EXTENSIONS: options.extensions.join(';'),
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Plain http on a developer machine or CI: a Secure cookie would not come back over http.
		N8N_SECURE_COOKIE: 'false',
	};
	if ((options.major ?? 2) < 2) env.N8N_RUNNERS_ENABLED = 'true';
	return env;
}
