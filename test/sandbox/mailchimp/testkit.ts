/* Shared by the MailChimp sandbox tests: a server with only the MailChimp fake on it. */
import { SandboxServer } from '../core/server';
import { MAILCHIMP_SANDBOX_API_KEY, MailchimpSandbox, type MailchimpSandboxOptions } from './index';

export interface Kit {
	server: SandboxServer;
	mc: MailchimpSandbox;
	url: string;
	/** fetch against the sandbox; JSON body parsed when there is one. */
	call(path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; headers: Headers; body: any }>;
	/** GET/POST... on /3.0 with the default API key as Bearer. */
	api(path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; headers: Headers; body: any }>;
	close(): Promise<void>;
}

export async function startKit(options: MailchimpSandboxOptions = {}): Promise<Kit> {
	const server = new SandboxServer();
	const mc = new MailchimpSandbox(server, options);
	const url = await server.listen();
	const call: Kit['call'] = async (path, init = {}) => {
		const { json, ...rest } = init;
		const headers = new Headers(rest.headers);
		if (json !== undefined) headers.set('content-type', 'application/json');
		const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, {
			...rest,
			headers,
			body: json !== undefined ? JSON.stringify(json) : rest.body,
			redirect: 'manual',
		});
		const text = await res.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text
		}
		return { status: res.status, headers: res.headers, body };
	};
	const api: Kit['api'] = (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (!headers.has('authorization')) headers.set('authorization', `Bearer ${MAILCHIMP_SANDBOX_API_KEY}`);
		return call(`/3.0${path}`, { ...init, headers });
	};
	return { server, mc, url, call, api, close: () => server.close() };
}

export function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
