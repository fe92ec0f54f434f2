/** n8n's internal REST API (the editor's), with the session cookie kept between calls. */
import { Agent } from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { IConnections, INode } from 'n8n-workflow';
import { parseFlatted, type WorkflowRun } from './runData';
import { waitFor } from '../../helpers/waitFor';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@zoho-connect.test',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-not-secret',
};

export interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string; required?: boolean }>;
	[key: string]: unknown;
}

export interface CredentialTypeInfo {
	name: string;
	displayName: string;
	extends?: string[];
	[key: string]: unknown;
}

export interface WorkflowInput {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: Record<string, unknown>;
	active?: boolean;
}

export interface StoredWorkflow extends WorkflowInput {
	id: string;
	versionId: string;
	active: boolean;
	[key: string]: unknown;
}

interface RawExecution {
	id: string;
	status: string;
	mode: string;
	finished: boolean;
	workflowId: string;
	data: string;
}

export interface Execution extends WorkflowRun {
	id: string;
	finished: boolean;
	workflowId: string;
}

function toExecution(raw: RawExecution): Execution {
	return { ...raw, data: parseFlatted(raw.data) as WorkflowRun['data'] };
}

/** The Location a provider answers an authorize URL with. */
export async function redirectOf(url: string): Promise<string> {
	const response = await axios.get(url, { maxRedirects: 0, validateStatus: () => true, responseType: 'text', httpAgent: new Agent({ keepAlive: false }) });
	const location = response.headers.location as string | undefined;
	if (!location) throw new Error(`no redirect from ${new URL(url).origin}: HTTP ${response.status} ${String(response.data).slice(0, 500)}`);
	return new URL(location, url).href;
}

const TERMINAL = new Set(['success', 'error', 'canceled', 'crashed']);

export class N8nRest {
	readonly http: AxiosInstance;

	private readonly cookies = new Map<string, string>();

	constructor(readonly baseUrl: string) {
		this.http = axios.create({
			baseURL: baseUrl,
			validateStatus: () => true,
			maxRedirects: 0,
			// n8n ties the auth cookie to a browser id sent with each request.
			headers: { 'browser-id': 'zoho-connect-e2e' },
			// A fresh connection per request: Node >= 19 keeps sockets alive by default, and a request
			// sent on a socket n8n closes at that moment (its 5 s keep-alive timeout, e.g. after a test
			// waited for a few polls) fails with "socket hang up" although n8n is fine.
			httpAgent: new Agent({ keepAlive: false }),
		});
		this.http.interceptors.request.use((config) => {
			if (this.cookies.size) config.headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
			return config;
		});
		this.http.interceptors.response.use((response) => {
			for (const header of (response.headers['set-cookie'] as string[] | undefined) ?? []) {
				const [pair] = header.split(';');
				const at = pair.indexOf('=');
				const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
				if (value) this.cookies.set(name, value);
				else this.cookies.delete(name);
			}
			return response;
		});
	}

	private unwrap<T>(response: AxiosResponse, what: string): T {
		if (response.status < 200 || response.status >= 300) {
			throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.data).slice(0, 1000)}`);
		}
		const body = response.data as { data?: T };
		return (body && typeof body === 'object' && 'data' in body ? body.data : body) as T;
	}

	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		this.unwrap(await this.http.post('/rest/owner/setup', owner), 'owner setup');
	}

	async login(owner: Owner = DEFAULT_OWNER): Promise<void> {
		this.unwrap(await this.http.post('/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }), 'login');
	}

	/** Sets the owner up on a fresh instance, otherwise logs in. */
	async ensureOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		const setup = await this.http.post('/rest/owner/setup', owner);
		if (setup.status >= 200 && setup.status < 300) return;
		await this.login(owner);
	}

	async listNodeTypes(): Promise<NodeTypeInfo[]> {
		return this.unwrap<NodeTypeInfo[]>(await this.http.get('/types/nodes.json'), 'node types');
	}

	/** Full node descriptions (properties included), as the editor fetches them. */
	async getNodeDescriptions(nodeInfos: Array<{ name: string; version: number }>): Promise<NodeTypeInfo[]> {
		return this.unwrap<NodeTypeInfo[]>(await this.http.post('/rest/node-types', { nodeInfos }), 'node descriptions');
	}

	async listCredentialTypes(): Promise<CredentialTypeInfo[]> {
		return this.unwrap<CredentialTypeInfo[]>(await this.http.get('/types/credentials.json'), 'credential types');
	}

	async createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<{ id: string }> {
		return this.unwrap<{ id: string }>(await this.http.post('/rest/credentials', credential), 'create credential');
	}

	/** The owner sees the data; n8n blanks secrets (tokens, client secret) in what it returns. */
	async getCredential(id: string): Promise<{ id: string; name: string; type: string; data?: Record<string, unknown> }> {
		return this.unwrap(await this.http.get(`/rest/credentials/${id}`, { params: { includeData: true } }), 'get credential');
	}

	/** The provider's authorize URL (with n8n's state) for an OAuth2 credential. */
	async oauth2AuthUrl(credentialId: string): Promise<string> {
		return this.unwrap<string>(await this.http.get('/rest/oauth2-credential/auth', { params: { id: credentialId } }), 'oauth2 auth url');
	}

	/** Hands the provider's redirect (…/rest/oauth2-credential/callback?code&state) to n8n, which exchanges the code. */
	async oauth2Callback(callbackUrl: string): Promise<{ status: number; body: string }> {
		const url = new URL(callbackUrl, this.baseUrl);
		const response = await this.http.get(`${url.pathname}${url.search}`, { responseType: 'text' });
		return { status: response.status, body: String(response.data) };
	}

	/**
	 * The whole consent dance: asks n8n for the authorize URL, lets the provider answer it and hands
	 * the redirect to n8n. `approve` gets the authorize URL and returns the provider's redirect back
	 * (e.g. after posting its consent form); by default the provider must redirect at once (a sandbox
	 * with auto-approve). Throws unless n8n reports success.
	 */
	async connectOAuth2(credentialId: string, approve: (authUrl: string) => Promise<string> = redirectOf): Promise<void> {
		const callbackUrl = await approve(await this.oauth2AuthUrl(credentialId));
		const callback = await this.oauth2Callback(callbackUrl);
		if (callback.status !== 200 || !/success/i.test(callback.body)) {
			throw new Error(`n8n did not accept the OAuth2 callback: HTTP ${callback.status} ${callback.body.slice(0, 1000)}`);
		}
	}

	private major: number | undefined;

	/** The n8n major version (from /rest/settings, which answers before login); REST differs between 1.x and 2.x. */
	async n8nMajor(): Promise<number> {
		if (this.major === undefined) {
			const settings = this.unwrap<{ versionCli?: string }>(await this.http.get('/rest/settings'), 'settings');
			this.major = Number((settings.versionCli ?? '2').split('.')[0]);
		}
		return this.major;
	}

	async createWorkflow(workflow: WorkflowInput): Promise<StoredWorkflow> {
		// n8n creates workflows inactive; activateWorkflow() publishes them. 2.x derives `active`
		// from the published version; 1.x stores the column and needs it.
		const body: Partial<WorkflowInput> = { settings: {}, ...workflow };
		delete body.active;
		if ((await this.n8nMajor()) < 2) body.active = false;
		return this.unwrap<StoredWorkflow>(await this.http.post('/rest/workflows', body), 'create workflow');
	}

	async getWorkflow(id: string): Promise<StoredWorkflow> {
		return this.unwrap<StoredWorkflow>(await this.http.get(`/rest/workflows/${id}`), 'get workflow');
	}

	/** n8n 2.x "publishes" the current version; webhooks and triggers then run in production mode. */
	async activateWorkflow(id: string): Promise<StoredWorkflow> {
		const { versionId } = await this.getWorkflow(id);
		if ((await this.n8nMajor()) < 2) {
			return this.unwrap<StoredWorkflow>(await this.http.patch(`/rest/workflows/${id}`, { active: true, versionId }), 'activate workflow');
		}
		return this.unwrap<StoredWorkflow>(await this.http.post(`/rest/workflows/${id}/activate`, { versionId }), 'activate workflow');
	}

	async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
		if ((await this.n8nMajor()) < 2) {
			const { versionId } = await this.getWorkflow(id);
			return this.unwrap<StoredWorkflow>(await this.http.patch(`/rest/workflows/${id}`, { active: false, versionId }), 'deactivate workflow');
		}
		return this.unwrap<StoredWorkflow>(await this.http.post(`/rest/workflows/${id}/deactivate`, {}), 'deactivate workflow');
	}

	/** Starts a manual run (what the editor's "Execute workflow" does) and returns its execution id. */
	async startWorkflow(id: string, triggerNode?: string): Promise<string> {
		const workflowData = await this.getWorkflow(id);
		const trigger = triggerNode ?? workflowData.nodes.find((node) => /trigger/i.test(node.type))?.name;
		const body = trigger ? { workflowData, triggerToStartFrom: { name: trigger } } : { workflowData };
		const result = this.unwrap<{ executionId?: string; waitingForWebhook?: boolean }>(
			await this.http.post(`/rest/workflows/${id}/run`, body),
			'run workflow',
		);
		if (!result.executionId) throw new Error(`n8n did not start the workflow: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	/** Runs the workflow manually and waits for it to finish. */
	async runWorkflow(id: string, options: { triggerNode?: string; timeoutMs?: number } = {}): Promise<Execution> {
		const executionId = await this.startWorkflow(id, options.triggerNode);
		return this.waitForExecution(executionId, options.timeoutMs);
	}

	async getExecution(executionId: string): Promise<Execution> {
		return toExecution(this.unwrap<RawExecution>(await this.http.get(`/rest/executions/${executionId}`), 'get execution'));
	}

	async waitForExecution(executionId: string, timeoutMs = 60_000): Promise<Execution> {
		let status = 'not stored yet';
		return await waitFor(
			async () => {
				const response = await this.http.get(`/rest/executions/${executionId}`);
				// A run that has not been stored yet answers 404 for a moment.
				if (response.status !== 200) return undefined;
				const raw = this.unwrap<RawExecution>(response, 'get execution');
				status = raw.status;
				// n8n 1.x can report the final status a moment before the run data is stored.
				if (!TERMINAL.has(raw.status)) return undefined;
				const execution = toExecution(raw);
				return execution.data?.resultData ? execution : undefined;
			},
			{ what: `execution ${executionId} to finish`, timeoutMs, intervalMs: 20, describe: () => `its status: ${status}` },
		);
	}

	/** Calls a production webhook of an active workflow. */
	async callWebhook(path: string, options: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<AxiosResponse> {
		return this.http.request({ url: `/webhook/${path}`, method: options.method ?? 'POST', data: options.body });
	}
}
