/* Shared by the Zoho sandbox tests: the whole sandbox in-process, axios clients that never throw on status. */
import axios, { type AxiosInstance } from 'axios';
import { startSandbox, type Sandbox } from '../index';
import type { ZohoSandbox, ZohoSandboxOptions } from './index';

export interface ZohoKit {
	sandbox: Sandbox;
	zoho: ZohoSandbox;
	url: string;
	/** Plain client on the sandbox origin. */
	http: AxiosInstance;
	/** CRM v8 client with a fresh all-scopes token (Zoho-oauthtoken scheme). */
	v8: AxiosInstance;
	/** CRM v2 client with the same token as Bearer (how n8n's built-in node calls). */
	v2: AxiosInstance;
	accessToken: string;
	/** Re-mint tokens (after zoho.reset()). */
	relogin(): void;
	close(): Promise<void>;
}

export async function startZohoKit(zohoOptions: ZohoSandboxOptions = {}): Promise<ZohoKit> {
	const sandbox = await startSandbox({ zoho: zohoOptions });
	const url = sandbox.url;
	const common = { validateStatus: () => true, maxRedirects: 0 };
	const kit: ZohoKit = {
		sandbox,
		zoho: sandbox.zoho,
		url,
		http: axios.create({ ...common, baseURL: url }),
		v8: axios.create({ ...common, baseURL: `${url}/crm/v8` }),
		v2: axios.create({ ...common, baseURL: `${url}/crm/v2` }),
		accessToken: '',
		relogin() {
			const { access_token } = sandbox.zoho.issueTokens();
			kit.accessToken = access_token;
			kit.v8.defaults.headers.common.Authorization = `Zoho-oauthtoken ${access_token}`;
			kit.v2.defaults.headers.common.Authorization = `Bearer ${access_token}`;
		},
		close: () => sandbox.close(),
	};
	kit.relogin();
	return kit;
}

export interface ZohoKitSuite {
	/** Reset the sandbox before each test (default true; off for a suite that seeds once in beforeAll). */
	reset?: boolean;
	/** Before each test, after the reset: the real clock again (tests that set one). */
	realClock?: boolean;
	/** Before each test, after the reset: fresh tokens on the v8/v2 clients. */
	relogin?: boolean;
}

/**
 * The suite's kit: one sandbox started before the suite and closed after it, reset before each test
 * (then `realClock`/`relogin`); the suite's own hooks run after these. Use the returned kit only inside hooks and tests.
 */
export function useZohoKit(each: ZohoKitSuite = {}): ZohoKit {
	let started: ZohoKit | undefined;
	beforeAll(async () => {
		started = await startZohoKit();
	});
	afterAll(async () => await started?.close());
	beforeEach(() => {
		const kit = current();
		if (each.reset !== false) kit.sandbox.reset();
		if (each.realClock) kit.zoho.setClock(undefined);
		if (each.relogin) kit.relogin();
	});
	const current = (): ZohoKit => {
		if (!started) throw new Error('the Zoho kit is started in beforeAll: use it inside hooks and tests');
		return started;
	};
	return new Proxy({} as ZohoKit, { get: (_target, key) => current()[key as keyof ZohoKit] });
}

export function lead(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { Last_Name: `Tester ${i}`, First_Name: 'Ada', Company: `Company ${i}`, Email: `ada.${i}@example.com`, ...extra };
}
