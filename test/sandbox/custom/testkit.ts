/* Shared by the custom-service sandbox tests: a server with only the custom provider on it. */
import { SandboxServer } from '../core/server';
import { CUSTOM_SANDBOX_CLIENT_ID, CUSTOM_SANDBOX_CLIENT_SECRET, CustomServiceSandbox, type CustomServiceOptions } from './index';

export const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

export interface Reply {
	status: number;
	headers: Headers;
	body: any;
}

export interface Kit {
	server: SandboxServer;
	custom: CustomServiceSandbox;
	url: string;
	call(path: string, init?: RequestInit & { json?: unknown; form?: Record<string, string> }): Promise<Reply>;
	/** Walk the consent page with auto_approve and return the code. */
	code(scope?: string): Promise<string>;
	/** POST a form to the token or refresh URL, client credentials in the body unless `basic`. */
	grant(path: string, form: Record<string, string>, basic?: boolean): Promise<Reply>;
	close(): Promise<void>;
}

export async function startKit(options: CustomServiceOptions = {}): Promise<Kit> {
	const server = new SandboxServer();
	const custom = new CustomServiceSandbox(server, options);
	const url = await server.listen();
	const call: Kit['call'] = async (path, init = {}) => {
		const { json, form, ...rest } = init;
		const headers = new Headers(rest.headers);
		let body = rest.body;
		if (json !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(json);
		}
		if (form) {
			headers.set('content-type', 'application/x-www-form-urlencoded');
			body = new URLSearchParams(form).toString();
		}
		const res = await fetch(path.startsWith('http') ? path : `${url}${path}`, { ...rest, headers, body, redirect: rest.redirect ?? 'manual' });
		const text = await res.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		return { status: res.status, headers: res.headers, body: parsed };
	};
	const code: Kit['code'] = async (scope = 'items.read') => {
		const q = new URLSearchParams({ response_type: 'code', client_id: CUSTOM_SANDBOX_CLIENT_ID, redirect_uri: REDIRECT, state: 's1', scope, auto_approve: '1' });
		const res = await call(`/custom/oauth/authorize?${q.toString()}`);
		return new URL(res.headers.get('location')!).searchParams.get('code')!;
	};
	const grant: Kit['grant'] = (path, form, basic = false) => {
		if (basic) {
			const authorization = `Basic ${Buffer.from(`${CUSTOM_SANDBOX_CLIENT_ID}:${CUSTOM_SANDBOX_CLIENT_SECRET}`).toString('base64')}`;
			return call(path, { method: 'POST', headers: { authorization }, form });
		}
		return call(path, { method: 'POST', form: { client_id: CUSTOM_SANDBOX_CLIENT_ID, client_secret: CUSTOM_SANDBOX_CLIENT_SECRET, ...form } });
	};
	return { server, custom, url, call, code, grant, close: () => server.close() };
}
