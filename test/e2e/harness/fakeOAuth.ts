/**
 * A minimal OAuth2 provider + API for the harness's own tests (the real fakes live in test/sandbox):
 * /authorize approves at once, /token (or /refresh) issues tokens, /api/* answers 401 unless the
 * current access token comes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOAuth {
	url: string;
	/** The access token /api accepts right now; set it to something else to expire the token. */
	validToken: string;
	calls: Array<{ method: string; path: string; grantType?: string }>;
	close(): Promise<void>;
}

export async function startFakeOAuth(): Promise<FakeOAuth> {
	let issued = 0;
	const state: FakeOAuth = { url: '', validToken: 'unset', calls: [], close: async () => undefined };
	const server: Server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', state.url);
			const grantType = new URLSearchParams(body).get('grant_type') ?? undefined;
			state.calls.push({ method: request.method ?? '', path: url.pathname, grantType });
			const json = (status: number, payload: unknown) => {
				response.writeHead(status, { 'content-type': 'application/json' });
				response.end(JSON.stringify(payload));
			};
			if (request.method === 'GET' && url.pathname === '/authorize') {
				const back = new URL(url.searchParams.get('redirect_uri') ?? '');
				back.searchParams.set('code', 'code-1');
				back.searchParams.set('state', url.searchParams.get('state') ?? '');
				response.writeHead(302, { location: back.href });
				return response.end();
			}
			if (request.method === 'POST' && (url.pathname === '/token' || url.pathname === '/refresh')) {
				issued += 1;
				state.validToken = `access-${issued}`;
				return json(200, { access_token: state.validToken, refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600 });
			}
			if (url.pathname.startsWith('/api/')) {
				if (request.headers.authorization !== `Bearer ${state.validToken}`) return json(401, { error: 'invalid_token' });
				return json(200, { path: url.pathname, items: [{ id: 1 }, { id: 2 }] });
			}
			json(404, { error: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	state.close = () => new Promise((resolve) => server.close(() => resolve()));
	return state;
}
