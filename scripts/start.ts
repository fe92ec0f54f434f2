/**
 * `npm start`: build the package, install the pinned n8n if needed, install the packed package into
 * its nodes folder as users get it (node types `n8n-nodes-zoho-connect.<name>`, so the workflows in
 * examples/ import unchanged) and run it.
 * `npm run demo` (--demo): also the sandbox in this process, and credentials pointing at it.
 * `--dev`: load dist/ live through N8N_CUSTOM_EXTENSIONS instead (node types `CUSTOM.<name>`).
 * Data lives in .n8n-data/ (demo: .n8n-data/demo/, dev: .n8n-data/dev/), encryption key fixed there on first run.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHost, REPO_ROOT } from './host';
import { n8nEnv } from './n8nEnv';
import { installPackedPackage, PACKAGE_NAME, packPackage } from './packageInstall';
import { freePort, runN8nCliOk, spawnN8nServer, stopN8nServer, waitForN8n } from './n8nProcess';

interface DemoHandle {
	describe(): string;
	close(): Promise<void>;
}

const demo = process.argv.includes('--demo');
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? '5678');
const sandboxPort = Number(process.env.SANDBOX_PORT ?? '5679');
// Settings we own; any other N8N_* from the caller's environment is passed through.
const OURS = new Set(['N8N_USER_FOLDER', 'N8N_ENCRYPTION_KEY', 'N8N_CUSTOM_EXTENSIONS', 'N8N_PORT', 'N8N_RUNNERS_BROKER_PORT']);

function step(message: string): void {
	console.log(`\n> ${message}`);
}

function encryptionKey(dataDir: string): string {
	const file = join(dataDir, 'encryption-key');
	if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
	return readFileSync(file, 'utf8').trim();
}

function callerN8nSettings(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('N8N_') && !OURS.has(entry[0]) && entry[1] !== undefined),
	);
}

async function startDemo(importCredentials: (file: string) => Promise<void>, dataDir: string): Promise<DemoHandle> {
	// Loaded only for the demo: the sandbox is test code and need not exist for a plain `npm start`.
	const { startSandbox } = await import('../test/sandbox');
	const { demoCredentials } = await import('../test/e2e/harness/credentialBuilders');
	const sandbox = await startSandbox({ port: sandboxPort });
	try {
		sandbox.zoho.seed({ module: 'Leads', count: 250, seed: 42 });
		sandbox.mailchimp.seed({ campaigns: 60, seed: 42 });
		const credentials = demoCredentials(sandbox);
		const file = join(dataDir, 'demo-credentials.json');
		writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		await importCredentials(file);
		return {
			describe: () =>
				`Sandbox (fake Zoho CRM, MailChimp, custom OAuth2 service) on ${sandbox.url}, seeded with 250 Leads and 60 campaigns.\n` +
				`Credentials ready to use: ${credentials.map((credential) => `"${credential.name}"`).join(', ')}.`,
			close: () => sandbox.close(),
		};
	} catch (error) {
		await sandbox.close();
		throw error;
	}
}

async function main(): Promise<void> {
	step('Building the package (npm run build)');
	if (spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');

	step('Checking the n8n host');
	const host = await ensureHost();
	// Dev mode names the node types differently: its workflows live apart.
	const dataDir = join(REPO_ROOT, '.n8n-data', ...(demo ? ['demo'] : []), ...(dev ? ['dev'] : []));
	mkdirSync(dataDir, { recursive: true });
	if (!dev) {
		step(`Installing the packed package into ${join(dataDir, '.n8n', 'nodes')} (as n8n's community-package install does)`);
		const installed = installPackedPackage(dataDir, packPackage());
		console.log(`${PACKAGE_NAME}@${installed.version} installed in ${installed.packageDir}`);
	}
	const env = {
		...host.env,
		...n8nEnv({
			userFolder: dataDir,
			encryptionKey: encryptionKey(dataDir),
			port,
			extensions: dev ? [join(REPO_ROOT, 'dist')] : [],
			// Not n8n's default 5679: that is the sandbox's port.
			brokerPort: await freePort(),
			major: Number(host.version.split('.')[0]),
		}),
		...callerN8nSettings(),
	};

	let demoHandle: DemoHandle | undefined;
	if (demo) {
		step(`Starting the sandbox on port ${sandboxPort} and importing demo credentials`);
		demoHandle = await startDemo(async (file) => {
			await runN8nCliOk(host, env, ['import:credentials', `--input=${file}`]);
		}, dataDir);
	}

	step(`Starting n8n ${host.version} (data in ${dataDir})`);
	const { child, exited } = spawnN8nServer(host, env, ['ignore', 'inherit', 'inherit']);
	let stopping = false;
	const shutdown = async (code: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping...');
		await stopN8nServer(child, exited);
		await demoHandle?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	void exited.then((code) => {
		if (!stopping) {
			console.error(`n8n exited with ${code}`);
			void shutdown(code ?? 1);
		}
	});

	const url = `http://localhost:${port}`;
	try {
		await waitForN8n(`http://127.0.0.1:${port}`, child, 180_000);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		return shutdown(1);
	}
	console.log(`
==============================================================
 n8n ${host.version} is running with n8n-nodes-zoho-connect${dev ? ' (dev: dist/ loaded live, node types CUSTOM.*)' : ''}: open ${url}
 (first visit: create the owner account; nodes are under "Zoho", "MailChimp", "Custom Service")
${demoHandle ? ` ${demoHandle.describe().replace(/\n/g, '\n ')}\n` : ''} Ctrl-C stops everything.
==============================================================`);
}

main().catch((error: unknown) => {
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
