/**
 * Runs a webhook trigger as n8n does: activation through n8n-core's real HookContext
 * (checkExists, then create when it says false; delete on deactivation) and deliveries through its
 * real WebhookContext, behind a real HTTP server on 127.0.0.1 at the node's production webhook URL,
 * so the sandbox's notification POSTs arrive over sockets. Static data persists on one Workflow.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IWebhookData, IWebhookDescription, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { createTriggerHost, type TriggerHost, type TriggerHostOptions } from './pollRunner';

export interface HookDelivery {
	method: string;
	status: number;
	body: unknown;
	/** What the node handed to n8n to start an execution with, if anything. */
	workflowData?: INodeExecutionData[][];
}

export interface HookSession extends TriggerHost {
	/** The node's production webhook URL (what it registers with the service). */
	url: string;
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** n8n's activation: checkExists, and create when it answered false. Returns whether create ran. */
	activate(): Promise<boolean>;
	/** Every request the webhook URL answered, in order. */
	deliveries: HookDelivery[];
	/** The items of every execution the node started. */
	executions(): IDataObject[][];
	close(): Promise<void>;
}

function responseShim(res: ServerResponse): unknown {
	const shim = {
		statusCode: 200,
		headersSent: false,
		status(code: number) {
			shim.statusCode = code;
			return shim;
		},
		json(value: unknown) {
			return shim.send(JSON.stringify(value), 'application/json');
		},
		send(value: unknown, type = 'text/plain') {
			shim.headersSent = true;
			res.writeHead(shim.statusCode, { 'content-type': type });
			res.end(typeof value === 'string' ? value : JSON.stringify(value));
			return shim;
		},
		end() {
			shim.headersSent = true;
			res.writeHead(shim.statusCode);
			res.end();
			return shim;
		},
	};
	return shim;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	if (!text) return {};
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export async function hookSession(options: Omit<TriggerHostOptions, 'webhookBaseUrl' | 'webhookId'>): Promise<HookSession> {
	const webhookId = 'instant-trigger-under-test';
	let handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => undefined;
	const server: Server = createServer((req, res) => {
		handler(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const host = createTriggerHost({ ...options, webhookBaseUrl: `http://127.0.0.1:${port}/webhook`, webhookId });
	const descriptions = (options.node.description.webhooks ?? []) as IWebhookDescription[];
	const webhookData = (description: IWebhookDescription): IWebhookData => ({
		httpMethod: description.httpMethod as IWebhookData['httpMethod'],
		node: host.node.name,
		path: description.path,
		webhookDescription: description,
		workflowId: host.workflow.id,
		workflowExecuteAdditionalData: host.additionalData,
		webhookId,
	});
	const hookContext = () => new HookContext(host.workflow, host.node, host.additionalData, 'webhook', 'activate', webhookData(descriptions[0]));
	const methods = options.node.webhookMethods?.default;
	const deliveries: HookDelivery[] = [];
	const path = `/webhook/${webhookId}/${descriptions[0]?.path ?? 'webhook'}`;

	handler = async (req, res) => {
		const method = req.method ?? 'GET';
		const description = descriptions.find((d) => d.httpMethod === method);
		if (!description || (req.url ?? '').split('?')[0] !== path) {
			res.writeHead(404).end();
			deliveries.push({ method, status: 404, body: undefined });
			return;
		}
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
		const shim = responseShim(res) as { statusCode: number; headersSent: boolean; json: (v: unknown) => void };
		const additionalData = {
			...host.additionalData,
			httpRequest: { body, headers: req.headers, query: Object.fromEntries(url.searchParams), params: {}, method },
			httpResponse: shim,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(host.workflow, host.node, additionalData, 'webhook', webhookData(description), [], null);
		const result = await options.node.webhook!.call(context);
		if (result.noWebhookResponse) {
			deliveries.push({ method, status: shim.statusCode, body });
			return;
		}
		const answer = result.workflowData ? { message: 'Workflow was started' } : (result.webhookResponse ?? { message: 'Webhook call received' });
		shim.json(answer);
		deliveries.push({ method, status: shim.statusCode, body, workflowData: result.workflowData });
	};

	const session: HookSession = {
		...host,
		url: `http://127.0.0.1:${port}${path}`,
		checkExists: async () => await methods!.checkExists.call(hookContext()),
		create: async () => await methods!.create.call(hookContext()),
		delete: async () => await methods!.delete.call(hookContext()),
		async activate() {
			if (await session.checkExists()) return false;
			await session.create();
			return true;
		},
		deliveries,
		executions: () => deliveries.filter((d) => d.workflowData).map((d) => d.workflowData![0].map((i) => i.json)),
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	return session;
}
