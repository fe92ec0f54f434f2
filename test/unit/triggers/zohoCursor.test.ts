import type { IDataObject } from 'n8n-workflow';
import { advanceCursor, readSince, type ZohoCursorState } from '../../../nodes/ZohoCrm/trigger/cursor';
import { isoSeconds } from '../../../nodes/shared/time';
import { planFields } from '../../../nodes/ZohoCrm/trigger/fields';

const T = Date.parse('2026-03-01T10:00:00Z');
const at = (s: number) => isoSeconds(T + s * 1000);
const rec = (id: string, modified: number, created = modified - 100): IDataObject => ({ id, Modified_Time: at(modified), Created_Time: at(created) });
const fresh = (time: number | null = T): ZohoCursorState => ({ v: 1, key: 'k', time, seen: [], watermark: time });
const opts = { field: 'Modified_Time' as const, event: 'createdOrUpdated' as const, overlapMs: 0 };

describe('Zoho trigger cursor', () => {
	it('emits records newer than the cursor and those of its second not yet seen; keeps only that second', () => {
		const state = fresh();
		state.seen = ['a@' + T / 1000];
		const out = advanceCursor(state, [rec('a', 0), rec('b', 0), rec('c', 2), rec('d', 2)], opts);
		expect(out.emit.map((r) => r.id)).toEqual(['b', 'c', 'd']);
		expect(state.time).toBe(T + 2000);
		expect(state.seen.sort()).toEqual([`c@${T / 1000 + 2}`, `d@${T / 1000 + 2}`]);
		expect(advanceCursor(state, [rec('c', 2), rec('d', 2)], opts).emit).toEqual([]);
	});

	it('an edit of an emitted record is a new change (new Modified_Time)', () => {
		const state = fresh();
		advanceCursor(state, [rec('a', 1)], opts);
		expect(advanceCursor(state, [rec('a', 1), rec('a', 3)], opts).emit).toHaveLength(1);
	});

	it('stops at the server\'s still-open second so a second edit within it is not lost', () => {
		const state = fresh();
		const out = advanceCursor(state, [rec('a', 1), rec('b', 5), rec('c', 5)], { ...opts, openFrom: T + 5000 });
		expect(out.emit.map((r) => r.id)).toEqual(['a']);
		expect(out.held).toBe(true);
		expect(state.time).toBe(T + 1000);
		// Next poll, the second has closed: b and c (maybe edited again meanwhile) come now, once.
		expect(advanceCursor(state, [rec('a', 1), rec('b', 5), rec('c', 5)], { ...opts, openFrom: T + 6000 }).emit.map((r) => r.id)).toEqual(['b', 'c']);
	});

	it('with an overlap, a late write stamped before the cursor is caught, and nothing inside the window repeats', () => {
		const state = fresh();
		const o = { ...opts, overlapMs: 10_000 };
		advanceCursor(state, [rec('a', 1), rec('b', 8)], o);
		expect(readSince(state, 'Modified_Time', 10_000)).toBe(T + 8000 - 11_000);
		const out = advanceCursor(state, [rec('a', 1), rec('late', 4), rec('b', 8)], o);
		expect(out.emit.map((r) => r.id)).toEqual(['late']);
		expect(state.time).toBe(T + 8000);
	});

	it('"updated" moves past creations without emitting them', () => {
		const state = fresh();
		const out = advanceCursor(state, [rec('new', 2, 2), rec('edited', 3, 0)], { ...opts, event: 'updated' });
		expect(out.emit.map((r) => r.id)).toEqual(['edited']);
		expect(out.passed).toBe(2);
	});

	it('"created" reads from the Modified_Time watermark and skips records created before the cursor', () => {
		const state = { ...fresh(T + 5000), watermark: T + 9000 };
		expect(readSince(state, 'Created_Time', 0)).toBe(T + 8000);
		const out = advanceCursor(state, [rec('old', 9, 1), rec('new', 9, 7)], { ...opts, field: 'Created_Time', event: 'created' });
		expect(out.emit.map((r) => r.id)).toEqual(['new']);
		expect(out.maxModified).toBe(T + 9000);
	});

	it('plans fields: up to 47 ride along with each page, more (or all) are read by id', () => {
		expect(planFields(['Email', 'id'])).toEqual({ pageFields: ['id', 'Created_Time', 'Modified_Time', 'Email'], rest: [] });
		expect(planFields([]).rest).toBeUndefined();
		const many = Array.from({ length: 48 }, (_, i) => `F${i}`);
		expect(planFields(many)).toEqual({ pageFields: ['id', 'Created_Time', 'Modified_Time'], rest: many });
	});
});
