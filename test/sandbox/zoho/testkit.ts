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

export function lead(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { Last_Name: `Tester ${i}`, First_Name: 'Ada', Company: `Company ${i}`, Email: `ada.${i}@example.com`, ...extra };
}
