/**
 * The two servers n8n's queue mode needs, started from the Debian packages for one test run:
 * PostgreSQL (n8n's database, shared by main and workers) and Redis (the Bull job queue and the
 * main/worker pub-sub). Each runs in the foreground as a child in its own process group, on
 * 127.0.0.1 and a free port, with its files in a temp folder; stop() ends the group and removes
 * the folder. PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user.
 *
 * Packages (Debian/Ubuntu): `apt-get install -y postgresql redis-server`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/n8nProcess';

export const APT_LINE = 'apt-get install -y postgresql redis-server';

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
	/** Runs SQL with psql (over the server's own unix socket) and returns the rows, tab-separated. */
	query(sql: string): string[];
}

export interface RedisService extends Service {
	host: string;
	/** n8n's QUEUE_BULL_REDIS_* settings for this server. */
	n8nEnv: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function missing(what: string, looked: string[]): Error {
	return new Error(
		`${what} not found (looked in ${looked.join(', ')}). The queue-mode tests start their own PostgreSQL and Redis: ` +
			`install the Debian packages with \`${APT_LINE}\` (or point PG_BIN at PostgreSQL's bin folder, REDIS_SERVER at redis-server).`,
	);
}

/** PostgreSQL's server binaries: $PG_BIN, else the newest /usr/lib/postgresql/<major>/bin, else the PATH. */
export function postgresBinDir(): string {
	const looked: string[] = [];
	const candidates: string[] = [];
	if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const majors = readdirSync(debian)
			.filter((name) => /^\d+(\.\d+)?$/.test(name))
			.sort((a, b) => Number(b) - Number(a));
		candidates.push(...majors.map((major) => join(debian, major, 'bin')));
	} else looked.push(`${debian}/<version>/bin`);
	candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
	for (const dir of candidates) {
		if (['initdb', 'postgres'].every((bin) => existsSync(join(dir, bin)))) return dir;
		looked.push(dir);
	}
	throw missing('PostgreSQL server (initdb, postgres)', looked.slice(0, 4).concat(looked.length > 4 ? ['PATH'] : []));
}

export function redisServerBin(): string {
	const candidates = [process.env.REDIS_SERVER, '/usr/bin/redis-server', ...(process.env.PATH ?? '').split(':').filter(Boolean).map((dir) => join(dir, 'redis-server'))];
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
	throw missing('redis-server', ['$REDIS_SERVER', '/usr/bin/redis-server', 'PATH']);
}

/** Root runs PostgreSQL as the `postgres` OS user (the Debian package creates it); anyone else as themselves. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	try {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		return { uid, gid };
	} catch {
		throw new Error(`PostgreSQL refuses to run as root and there is no "postgres" OS user: install the package with \`${APT_LINE}\``);
	}
}

function tail(path: string, lines = 30): string {
	try {
		return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

function exitedEarly(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || exitedEarly(child)) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
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

function spawnServer(bin: string, args: string[], logFile: string, options: { uid?: number; gid?: number; cwd: string }): { child: ChildProcess; exited: Promise<void> } {
	const fd = openSync(logFile, 'a');
	const child = spawn(bin, args, {
		cwd: options.cwd,
		stdio: ['ignore', fd, fd],
		detached: true,
		...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
	});
	closeSync(fd);
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
	const { child, exited } = spawnServer(
		join(bin, 'postgres'),
		['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', socketDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
		logFile,
		{ ...user, cwd: root },
	);
	// SIGINT = PostgreSQL's "fast" shutdown: disconnects clients, no waiting for them.
	const stop = async () => {
		await stopChild(child, exited, 'SIGINT');
		cleanup();
	};
	try {
		const deadline = Date.now() + (options.timeoutMs ?? 30_000);
		for (;;) {
			if (exitedEarly(child)) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
			if (existsSync(join(socketDir, `.s.PGSQL.${port}`)) && (await tcpOpen(port))) {
				try {
					runAs(join(bin, 'createdb'), ['-h', socketDir, '-p', String(port), '-U', dbUser, database], user, root);
					break;
				} catch (error) {
					// "the database system is starting up": try again
					if (Date.now() > deadline) throw error;
				}
			}
			if (Date.now() > deadline) throw new Error(`postgres was not ready on port ${port} in time:\n${tail(logFile)}`);
			await sleep(100);
		}
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
		query: (sql) =>
			runAs(join(bin, 'psql'), ['-h', socketDir, '-p', String(port), '-U', dbUser, '-d', database, '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], user, root)
				.split('\n')
				.filter((line) => line.length > 0),
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
	const { child, exited } = spawnServer(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root], logFile, { cwd: root });
	const stop = async () => {
		await stopChild(child, exited, 'SIGTERM');
		rmSync(root, { recursive: true, force: true });
	};
	try {
		const deadline = Date.now() + (options.timeoutMs ?? 15_000);
		for (;;) {
			if (exitedEarly(child)) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
			if ((await redisCommand(port, 'PING').catch(() => '')) === '+PONG') break;
			if (Date.now() > deadline) throw new Error(`redis-server was not ready on port ${port} in time:\n${tail(logFile)}`);
			await sleep(100);
		}
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
