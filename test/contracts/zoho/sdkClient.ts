/**
 * The jest side of the Zoho SDK driver (sdkDriver.mjs): forks it as a plain Node process (the SDK is
 * an ES module jest's CommonJS VM cannot load) and calls its ops over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface SdkException {
	class: string;
	code?: string;
	status?: string;
	message?: string;
	details?: Record<string, unknown>;
}

export type SdkAction = SdkException;

export interface SdkRecord {
	class: string;
	id?: string;
	values: Record<string, unknown>;
}

export interface SdkInfo {
	class: string;
	count?: number;
	moreRecords?: boolean;
	perPage?: number;
	page?: number;
	nextPageToken?: string;
	sortBy?: string;
	sortOrder?: string;
}

/** What the SDK made of one answer: the HTTP status, the model class it built, and the op's reading. */
export interface SdkAnswer {
	statusCode: number;
	class: string | null;
	exception?: SdkException;
	data?: Array<SdkRecord & SdkAction & Record<string, unknown>>;
	info?: SdkInfo | null;
	[key: string]: unknown;
}

export interface SdkError {
	name: string;
	message: string;
	code?: string;
	details?: unknown;
	cause?: string;
}

export class SdkCallError extends Error {
	constructor(readonly op: string, readonly sdkError: SdkError) {
		super(`Zoho SDK ${op} threw ${sdkError.name}: ${sdkError.code ?? ''} ${sdkError.message}${sdkError.cause ? ` (cause: ${sdkError.cause})` : ''}`);
	}
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; op: string };
type DriverMessage = { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: SdkError };

export class ZohoSdk {
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (raw) => {
			const message = raw as DriverMessage;
			if (message.id === undefined) return;
			const waiter = this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id);
			if (message.ok) waiter.resolve(message.result);
			else waiter.reject(new SdkCallError(waiter.op, message.error!));
		});
		child.on('exit', (code) => {
			for (const waiter of this.pending.values()) waiter.reject(new Error(`Zoho SDK driver exited (${code}) during ${waiter.op}`));
			this.pending.clear();
		});
	}

	/** Fork the driver and initialise the SDK against the sandbox with a refresh token it issued. */
	static async start(init: { apiDomain: string; refreshToken: string; clientId: string; clientSecret: string }): Promise<ZohoSdk> {
		const child = fork(join(__dirname, 'sdkDriver.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
		await new Promise<void>((resolve, reject) => {
			const onMessage = (m: unknown) => {
				if ((m as DriverMessage).ready) {
					child.off('message', onMessage);
					resolve();
				}
			};
			child.on('message', onMessage);
			child.once('exit', (code) => reject(new Error(`Zoho SDK driver exited (${code}) before it was ready`)));
		});
		const sdk = new ZohoSdk(child);
		try {
			await sdk.call('init', init);
		} catch (error) {
			await sdk.stop();
			throw error;
		}
		return sdk;
	}

	call<T = SdkAnswer>(op: string, args: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, op });
			this.child.send({ id, op, args });
		});
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			this.child.once('exit', () => resolve());
			this.child.kill();
		});
	}
}
