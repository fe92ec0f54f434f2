/**
 * n8n in queue mode ("scaling mode") for one test file: PostgreSQL + Redis (services.ts), one main
 * (`n8n start` through the e2e harness's startN8n, so the package is loaded the way the harness
 * loads it) and N workers (`n8n worker`) sharing the main's user folder, encryption key, database
 * and queue. The main runs the triggers and pollers and enqueues executions; the workers run them.
 *
 * stop() (and a failed start) stops them in order; every one of these processes is also recorded by
 * scripts/childProcesses.ts, so the jest teardown kills whatever a failing test file leaves running.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { LOG_DIR, startN8n, type N8nInstance } from '../e2e/harness/n8n';
import { N8nRest } from '../e2e/harness/rest';
import { freePort, spawnN8nProcess, stopN8nServer, waitForN8n } from '../../scripts/n8nProcess';
import { tail } from '../../scripts/processes';
import { startPostgres, startRedis, type PostgresService, type RedisService } from './services';
import { waitFor } from '../helpers/waitFor';

export interface QueueClusterOptions {
	workers?: number;
	/** Jobs each worker runs in parallel (`n8n worker --concurrency`). */
	concurrency?: number;
	/** Extra environment for main and workers. */
	env?: Record<string, string>;
	name?: string;
}

export interface N8nWorker {
	name: string;
	pid: number;
	logFile: string;
	healthUrl: string;
	/** Execution ids this worker started (from its log: "Worker started execution <id> (job <n>)"). */
	executionsStarted(): string[];
	executionsFinished(): string[];
	logs(): string;
	stop(): Promise<void>;
}

export interface N8nMain {
	baseUrl: string;
	logFile: string;
	pid: number;
	/** The main's environment (user folder, encryption key, DB, queue); workers use the same. */
	env: Record<string, string>;
	logs(): string;
}

export interface QueueCluster {
	postgres: PostgresService;
	redis: RedisService;
	/** The first main as startN8n() returned it (its cli() runs the n8n CLI against the shared Postgres). */
	instance: N8nInstance;
	main: N8nMain;
	workers: N8nWorker[];
	/** Logged in as the owner on the current main. */
	rest: N8nRest;
	/** Stops the main (`n8n start`) and starts it again on the same user folder, key, DB and port; workers keep running. */
	restartMain(between?: () => Promise<void> | void): Promise<void>;
	/** The worker that ran an execution (by the workers' logs), or undefined. */
	workerOf(executionId: string): string | undefined;
	stop(): Promise<void>;
}

const EXECUTION_STARTED = /Worker started execution (\d+)/g;
const EXECUTION_FINISHED = /Worker finished execution (\d+)/g;

function readLog(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

async function waitHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
	await waitFor(
		async () => {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n worker exited (${child.exitCode ?? child.signalCode}) before it was ready; log ${logFile}:\n${tail(logFile)}`);
			try {
				const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
				await response.arrayBuffer();
				return response.status === 200;
			} catch {
				return false; // not listening yet
			}
		},
		{ what: `the n8n worker's health check at ${url}`, timeoutMs, describe: () => `log ${logFile}:\n${tail(logFile)}` },
	);
}

async function startWorker(instance: N8nInstance, env: Record<string, string>, name: string, concurrency: number): Promise<N8nWorker> {
	mkdirSync(LOG_DIR, { recursive: true });
	const logFile = join(LOG_DIR, `${name}-${stamp()}-${process.pid}.log`);
	const healthPort = await freePort();
	const workerEnv = {
		...env,
		// Each process has its own task broker and health server port.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const fd = openSync(logFile, 'a');
	const { child, exited } = spawnN8nProcess(instance.host, workerEnv, ['worker', `--concurrency=${concurrency}`], ['ignore', fd, fd]);
	closeSync(fd);
	const healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
	const stop = () => stopN8nServer(child, exited, 15_000);
	try {
		await waitHealthy(healthUrl, child, logFile, 120_000);
	} catch (error) {
		await stop();
		throw error;
	}
	const ids = (pattern: RegExp) => [...readLog(logFile).matchAll(pattern)].map((m) => m[1]);
	return {
		name,
		pid: child.pid!,
		logFile,
		healthUrl,
		executionsStarted: () => ids(EXECUTION_STARTED),
		executionsFinished: () => ids(EXECUTION_FINISHED),
		logs: () => readLog(logFile),
		stop,
	};
}

/** Postgres, Redis, a main with the owner set up, then the workers; everything is stopped again if a step fails. */
export async function startQueueCluster(options: QueueClusterOptions = {}): Promise<QueueCluster> {
	const name = options.name ?? 'queue';
	const stops: Array<() => Promise<void>> = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) {
			try {
				await stop();
			} catch (error) {
				process.stderr.write(`queue cluster stop: ${(error as Error).message}\n`);
			}
		}
	};
	try {
		// Both at once; whichever started is stopped again when the other fails.
		const [postgresStart, redisStart] = await Promise.allSettled([startPostgres(), startRedis()]);
		if (postgresStart.status === 'fulfilled') stops.push(() => postgresStart.value.stop());
		if (redisStart.status === 'fulfilled') stops.push(() => redisStart.value.stop());
		if (postgresStart.status === 'rejected') throw postgresStart.reason;
		if (redisStart.status === 'rejected') throw redisStart.reason;
		const postgres = postgresStart.value;
		const redis = redisStart.value;
		const queueEnv: Record<string, string> = {
			...postgres.n8nEnv,
			...redis.n8nEnv,
			EXECUTIONS_MODE: 'queue',
			// Manual runs from the editor/REST go to the workers too (n8n will make this the default).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...options.env,
		};
		const instance = await startN8n({ name: `${name}-main`, env: queueEnv, keepUserFolder: true });
		const userFolder = instance.userFolder;
		stops.push(async () => rmSync(userFolder, { recursive: true, force: true }));

		let current: { child?: ChildProcess; exited?: Promise<unknown>; main: N8nMain; stopFirst?: () => Promise<void> } = {
			main: { baseUrl: instance.baseUrl, logFile: instance.logFile, pid: instance.pid!, env: instance.env, logs: () => readLog(instance.logFile) },
			stopFirst: () => instance.stop(),
		};
		const stopMain = async () => {
			if (current.stopFirst) await current.stopFirst();
			else if (current.child && current.exited) await stopN8nServer(current.child, current.exited);
		};
		stops.push(stopMain);

		const rest = new N8nRest(instance.baseUrl);
		await rest.setupOwner();

		const workers: N8nWorker[] = [];
		const count = options.workers ?? 2;
		const created = await Promise.allSettled(
			Array.from({ length: count }, (_, i) => startWorker(instance, instance.env, `${name}-worker-${i + 1}`, options.concurrency ?? 5)),
		);
		for (const result of created) if (result.status === 'fulfilled') workers.push(result.value);
		stops.push(async () => {
			await Promise.all(workers.map((worker) => worker.stop()));
		});
		const failed = created.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;

		const cluster: QueueCluster = {
			postgres,
			redis,
			instance,
			get main() {
				return current.main;
			},
			workers,
			rest,
			async restartMain(between) {
				await stopMain();
				await between?.();
				mkdirSync(LOG_DIR, { recursive: true });
				const logFile = join(LOG_DIR, `${name}-main-restarted-${stamp()}-${process.pid}.log`);
				const fd = openSync(logFile, 'a');
				const { child, exited } = spawnN8nProcess(instance.host, instance.env, ['start'], ['ignore', fd, fd]);
				closeSync(fd);
				current = { child, exited, main: { baseUrl: instance.baseUrl, logFile, pid: child.pid!, env: instance.env, logs: () => readLog(logFile) } };
				await waitForN8n(instance.baseUrl, child, 120_000, () => `; log ${logFile}:\n${tail(logFile)}`);
				await rest.login();
			},
			workerOf(executionId) {
				return workers.find((worker) => worker.executionsStarted().includes(executionId))?.name;
			},
			stop: stopAll,
		};
		return cluster;
	} catch (error) {
		await stopAll();
		throw error;
	}
}
