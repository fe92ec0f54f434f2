import { advanceCampaigns, sinceOf, type CampaignCursor } from '../../../nodes/Mailchimp/trigger/cursor';
import { reportsDue } from '../../../nodes/Mailchimp/trigger/poll';

const T = Date.parse('2026-03-01T10:00:00Z');
const at = (s: number) => new Date(T + s * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const c = (id: string, s: number, status = 'sent') => ({ id, status, send_time: at(s), create_time: at(s - 60) });

describe('MailChimp trigger cursor', () => {
	it('holds at a campaign still sending, then emits it with its original send_time once sent', () => {
		const cursor: CampaignCursor = { v: 1, key: 'k', time: T, seen: [] };
		const first = advanceCampaigns(cursor, [c('a', 1), c('big', 2, 'sending'), c('b', 3)], 'sent');
		expect(first.emit.map((x) => x.id)).toEqual(['a']);
		expect(first.held).toBe(true);
		expect(cursor.time).toBe(T + 1000);
		const next = advanceCampaigns(cursor, [c('a', 1), c('big', 2), c('b', 3)], 'sent');
		expect(next.emit.map((x) => x.id)).toEqual(['big', 'b']);
		expect(advanceCampaigns(cursor, [c('b', 3)], 'sent').emit).toEqual([]);
	});

	it('passes canceled campaigns, handles ties by id, and reads from one second before the cursor', () => {
		const cursor: CampaignCursor = { v: 1, key: 'k', time: T, seen: ['x'] };
		const out = advanceCampaigns(cursor, [c('x', 0), c('y', 0), c('gone', 1, 'canceled')], 'sent');
		expect(out.emit.map((x) => x.id)).toEqual(['y']);
		expect(cursor).toMatchObject({ time: T + 1000, seen: ['gone'] });
		expect(sinceOf(cursor)).toBe(at(0));
	});

	it('emits every created campaign, sent or not', () => {
		const cursor: CampaignCursor = { v: 1, key: 'k', time: null, seen: [] };
		expect(advanceCampaigns(cursor, [c('d', 5, 'save'), c('e', 6, 'sending')], 'created').emit.map((x) => x.id)).toEqual(['d', 'e']);
	});

	it('reports are due when enabled and the pace allows', () => {
		const s = { event: 'sent' as const, listId: '', reportWindowDays: 7, reportEveryHours: 6 };
		expect(reportsDue({ ...s, reportWindowDays: 0 }, undefined)).toBe(false);
		expect(reportsDue(s, undefined, T)).toBe(true);
		expect(reportsDue(s, T, T + 5 * 3_600_000)).toBe(false);
		expect(reportsDue(s, T, T + 6 * 3_600_000)).toBe(true);
	});
});
