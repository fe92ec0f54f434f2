import type { SandboxServer } from '../core/server';
import type { Reply } from '../core/types';
import { jsonParseError, notFound, zodProblem } from './problems';
import { isReply, parsePage, project } from './query';
import type { ApiContext, ApiRouter } from './router';
import { batchSchema } from './schemas';
import type { Batch, BatchResult, MailchimpStore } from './store';
import { iso } from './time';

export interface BatchSettings {
	/** GETs of a batch before it reports finished (the first one shows "started"). */
	pollsToFinish: number;
	/** If set, a batch also finishes this long after submission, polled or not. */
	finishAfterMs?: number;
	/** Public origin for response_body_url; default the origin the client used. */
	origin?: string;
}

/**
 * Where results live. MailChimp hands out a pre-signed S3 URL to a tar.gz of JSON files; the sandbox
 * serves the same array of `{status_code, operation_id, response}` as plain JSON instead.
 */
export const BATCH_RESULTS_PATH = '/mailchimp/batch-results';

function run(api: ApiRouter, batch: Batch): BatchResult[] {
	return batch.operations.map((op) => {
		const [path, search] = op.path.split('?');
		const query = new URLSearchParams(search ?? '');
		for (const [k, v] of Object.entries(op.params ?? {})) query.set(k, String(v));
		let body: unknown;
		let reply: Reply | undefined;
		if (op.body !== undefined && op.body !== '') {
			try {
				body = JSON.parse(op.body) as unknown;
			} catch {
				reply = jsonParseError();
			}
		}
		reply ??= api.dispatch(op.method, path, query, body) ?? notFound();
		return {
			status_code: reply.status,
			operation_id: op.operation_id ?? null,
			response: reply.body === undefined ? '' : JSON.stringify(reply.body),
		};
	});
}

export function registerBatchRoutes(server: SandboxServer, api: ApiRouter, store: MailchimpStore, settings: () => BatchSettings): void {
	const origin = (ctx: ApiContext): string => settings().origin ?? (ctx.headers.host ? `http://${ctx.headers.host}` : server.baseUrl);

	const advance = (batch: Batch, polled: boolean): void => {
		if (batch.status === 'finished') return;
		if (polled) batch.polls++;
		const s = settings();
		const elapsed = store.clock.now() - batch.submittedAt;
		const byTime = s.finishAfterMs !== undefined && elapsed >= s.finishAfterMs;
		if (batch.polls >= s.pollsToFinish || byTime) {
			batch.results = run(api, batch);
			batch.status = 'finished';
			batch.completedAt = store.clock.now();
		} else if (batch.polls > 0 || (s.finishAfterMs !== undefined && elapsed >= s.finishAfterMs / 2)) {
			batch.status = 'started';
		}
	};

	const json = (batch: Batch, ctx: ApiContext): Record<string, unknown> => {
		const finished = batch.status === 'finished';
		const total = batch.operations.length;
		return {
			id: batch.id,
			status: batch.status,
			total_operations: total,
			finished_operations: finished ? total : batch.status === 'started' ? Math.floor(total / 2) : 0,
			errored_operations: finished ? batch.results!.filter((r) => r.status_code >= 400).length : 0,
			submitted_at: iso(batch.submittedAt),
			completed_at: finished ? iso(batch.completedAt) : '',
			response_body_url: finished ? `${origin(ctx)}${BATCH_RESULTS_PATH}/${batch.id}` : '',
			_links: [],
		};
	};

	api.add('POST', '/batches', (ctx) => {
		const parsed = batchSchema.safeParse(ctx.body);
		if (!parsed.success) return zodProblem(parsed.error);
		const batch: Batch = { id: store.rng.hex(10), operations: parsed.data.operations, status: 'pending', submittedAt: store.clock.now(), polls: 0 };
		store.batches.set(batch.id, batch);
		ctx.note({ batch: batch.id, operations: batch.operations.length });
		return { status: 200, body: json(batch, ctx) };
	});

	api.add('GET', '/batches', (ctx) => {
		const page = parsePage(ctx.query);
		if (isReply(page)) return page;
		const all = [...store.batches.values()];
		all.forEach((b) => advance(b, false));
		const batches = all.slice(page.offset, page.offset + page.count).map((b) => json(b, ctx));
		return { status: 200, body: project({ batches, total_items: all.length, _links: [] }, ctx.query) };
	});

	api.add('GET', '/batches/:id', (ctx) => {
		const batch = store.batches.get(ctx.params.id);
		if (!batch) return notFound();
		advance(batch, true);
		ctx.note({ batch: batch.id, status: batch.status });
		return { status: 200, body: project(json(batch, ctx), ctx.query) };
	});

	api.add('DELETE', '/batches/:id', (ctx) => {
		if (!store.batches.delete(ctx.params.id)) return notFound();
		return { status: 204 };
	});

	server.route('GET', `${BATCH_RESULTS_PATH}/:id`, (ctx) => {
		const batch = store.batches.get(ctx.params.id);
		if (!batch?.results) return { status: 404, headers: { 'content-type': 'application/xml' }, body: '<Error><Code>NoSuchKey</Code></Error>' };
		return { status: 200, body: batch.results };
	}, { service: 'mailchimp-api' });
}
