import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

/**
 * Per-item execution, written once for every node: how an input item's failure becomes either the
 * node's error or (Continue On Fail) an error item paired to it, and how item errors are worded.
 */

/** Any thrown value as the node error n8n shows, naming the item (when there is one); n8n's own errors pass unchanged. */
export function asNodeError(ctx: { getNode(): INode }, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), itemIndex === undefined ? {} : { itemIndex });
}

/** Where an item error happened: the message opens with "Item N, module M, field F: ". */
export interface ItemWhere {
	itemIndex?: number;
	module?: string;
	field?: string;
	/** Other words naming the subject, e.g. `email "a@b.c"`. */
	subject?: string;
}

/** `Item 3, module Leads, field Email: text` (the parts that are known; none: the text alone). */
export function itemMessage(where: ItemWhere, text: string): string {
	const parts = [
		where.itemIndex !== undefined ? `Item ${where.itemIndex}` : undefined,
		where.module ? `module ${where.module}` : undefined,
		where.field ? `field ${where.field}` : undefined,
		where.subject,
	].filter(Boolean);
	return `${parts.length ? parts.join(', ') + ': ' : ''}${text}`;
}

/** The node's own continue-on-fail output for a failed item (each service words its errors). */
export type ErrorItem = (itemIndex: number, error: unknown) => INodeExecutionData;

/**
 * Every item's output slot, in input order. Continue On Fail: a failure becomes the item's error
 * item; otherwise failures are kept and `output()` throws the first one by item index.
 */
export class ItemOutputs {
	readonly continueOnFail: boolean;
	private readonly slots: INodeExecutionData[][];
	private readonly failures: Array<{ index: number; error: unknown }> = [];

	constructor(
		private readonly ctx: IExecuteFunctions,
		count: number,
		private readonly errorItem: ErrorItem,
	) {
		this.continueOnFail = ctx.continueOnFail();
		this.slots = new Array<INodeExecutionData[]>(count);
	}

	/** Whether no item may start any more (a failure without Continue On Fail). */
	get stopped(): boolean {
		return !this.continueOnFail && this.failures.length > 0;
	}

	/** The item's records, each paired to it. */
	records(itemIndex: number, records: IDataObject[]): void {
		this.set(itemIndex, records.map((json) => ({ json, pairedItem: { item: itemIndex } })));
	}

	set(itemIndex: number, items: INodeExecutionData[]): void {
		this.slots[itemIndex] = items;
	}

	fail(itemIndex: number, error: unknown, errorItem: ErrorItem = this.errorItem): void {
		if (this.continueOnFail) this.slots[itemIndex] = [errorItem(itemIndex, error)];
		else this.failures.push({ index: itemIndex, error });
	}

	/** All outputs in input order; throws the lowest-indexed failure when there was one. */
	output(): INodeExecutionData[] {
		if (this.failures.length) {
			const first = [...this.failures].sort((a, b) => a.index - b.index)[0];
			throw asNodeError(this.ctx, first.error, first.index);
		}
		return this.slots.flat().filter(Boolean);
	}
}

export interface ItemLoop {
	/** The node's continue-on-fail output for a failed item. */
	errorItem: ErrorItem;
	/** Items in flight at once (default 1: one after the other). */
	concurrency?: number;
	/**
	 * With a pause: items go in waves of `concurrency`, each wave finished before the pause and the
	 * next (Custom Service's Batch Size / Batch Interval). Without: a new item starts whenever one ends.
	 */
	pauseMs?: number;
}

/**
 * The per-item loop of every node: `work` answers one input item with any number of records, each
 * paired to that item, outputs in input order. Continue On Fail: a failed item becomes its error
 * item. Otherwise no new item starts after a failure and the first failure by item index is thrown.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject[]>,
	loop: ItemLoop,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const outputs = new ItemOutputs(ctx, count, loop.errorItem);
	const concurrency = Math.max(1, loop.concurrency ?? 1);
	const run = async (itemIndex: number): Promise<void> => {
		try {
			outputs.records(itemIndex, await work(itemIndex));
		} catch (error) {
			outputs.fail(itemIndex, error);
		}
	};
	if (loop.pauseMs !== undefined) {
		for (let start = 0; start < count && !outputs.stopped; start += concurrency) {
			if (start > 0 && loop.pauseMs > 0) await sleep(loop.pauseMs);
			const wave = Array.from({ length: Math.min(concurrency, count - start) }, (_, i) => start + i);
			await Promise.all(wave.map(run));
		}
		return outputs.output();
	}
	let next = 0;
	const lanes = Math.min(concurrency, count);
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			while (next < count && !outputs.stopped) await run(next++);
		}),
	);
	return outputs.output();
}
