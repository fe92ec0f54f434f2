import type { IDataObject } from 'n8n-workflow';
import type { HostContext } from '../../shared/authorizedRequest';
import { sendInBatches, slotsOf, succeeded, type BatchAnswer, type RecordResult } from './batching';
import { zohoCall } from './call';
import type { ZohoClient } from './client';
import { expectOk } from './errors';

export interface PendingNote {
	itemIndex: number;
	/** The module of the note's parent record (named in the note's errors). */
	module: string;
	note: IDataObject;
}

/**
 * Notes go out together, up to 100 per call whatever record they belong to: `POST /Notes` with each
 * note's parent in `Parent_Id` ({module:{api_name}, id}), as Zoho's v8 SDK (NotesOperations.createNotes)
 * and its published API definition create notes. One call at a time; with `stopAfterFailure` no call
 * follows one with a failed note. A failed note keeps the call's own status (207 on a mixed answer).
 */
export async function createNotes(ctx: HostContext, client: ZohoClient, pending: PendingNote[], stopAfterFailure: boolean): Promise<BatchAnswer[]> {
	return await sendInBatches(
		pending,
		1,
		async (batch) => {
			const answer = await zohoCall(ctx, client, { method: 'POST', path: '/Notes', body: { data: batch.map((n) => n.note) } });
			const { slots } = slotsOf(answer);
			if (!slots.length) expectOk(ctx, answer, { itemIndex: batch[0].itemIndex, module: batch[0].module, action: 'add note' });
			return batch.map(({ itemIndex }, i): RecordResult => {
				const slot = slots[i] ?? {};
				if (succeeded(slot)) return { itemIndex, ok: true, details: (slot.details ?? {}) as IDataObject };
				return { itemIndex, ok: false, status: answer.status, error: slot };
			});
		},
		stopAfterFailure,
	);
}
