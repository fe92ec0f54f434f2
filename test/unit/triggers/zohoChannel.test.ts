import { channelMatches, newChannelIdentity, parseDelivery, renewDue, verifyDelivery, type ChannelState } from '../../../nodes/ZohoCrm/trigger/channel';

const HOUR = 3_600_000;
const state: ChannelState = {
	channelId: '1700000000000123',
	token: 'a'.repeat(48),
	module: 'Leads',
	events: ['create', 'edit'],
	notifyUrl: 'https://n8n.example/webhook/x/webhook',
	expiresAt: 1_000 * HOUR,
};

describe('Zoho instant trigger channel helpers', () => {
	it('verifies channel id and token (constant time), refusing missing or foreign values', () => {
		expect(verifyDelivery(state, { channel_id: 1700000000000123, token: state.token })).toBe(true);
		expect(verifyDelivery(state, { channel_id: '1700000000000123', token: 'b'.repeat(48) })).toBe(false);
		expect(verifyDelivery(state, { channel_id: '1700000000000123', token: 'short' })).toBe(false);
		expect(verifyDelivery(state, { channel_id: '1', token: state.token })).toBe(false);
		expect(verifyDelivery(state, { channel_id: '1700000000000123' })).toBe(false);
		expect(verifyDelivery(undefined, { channel_id: '1700000000000123', token: state.token })).toBe(false);
	});

	it('reads Zoho notification bodies', () => {
		expect(
			parseDelivery({ module: 'Leads', operation: 'update', ids: ['1', '2'], affected_fields: [{ '1': ['City'] }, { '2': ['Email', 'Phone'] }], server_time: 0 }),
		).toEqual({ event: 'edit', module: 'Leads', ids: ['1', '2'], affectedFields: { '1': ['City'], '2': ['Email', 'Phone'] }, serverTime: 0 });
		expect(parseDelivery({ operation: 'insert', ids: [5] })?.ids).toEqual(['5']);
		expect(parseDelivery({ operation: 'delete', ids: ['9'] })?.event).toBe('delete');
		expect(parseDelivery({ operation: 'merge' })).toBeUndefined();
	});

	it('renews inside the window only, and replaces a channel whose configuration changed', () => {
		expect(renewDue(state, 6, state.expiresAt - 7 * HOUR)).toBe(false);
		expect(renewDue(state, 6, state.expiresAt - 5 * HOUR)).toBe(true);
		expect(renewDue(state, 6, state.expiresAt + HOUR)).toBe(true);
		expect(channelMatches(state, { module: 'Leads', events: ['edit', 'create'], notifyUrl: state.notifyUrl })).toBe(true);
		expect(channelMatches(state, { module: 'Leads', events: ['create'], notifyUrl: state.notifyUrl })).toBe(false);
		expect(channelMatches(state, { module: 'Contacts', events: ['create', 'edit'], notifyUrl: state.notifyUrl })).toBe(false);
	});

	it('mints numeric channel ids and 48-character tokens', () => {
		const a = newChannelIdentity();
		expect(a.channelId).toMatch(/^\d{16}$/);
		expect(Number.isSafeInteger(Number(a.channelId))).toBe(true);
		expect(a.token).toMatch(/^[0-9a-f]{48}$/);
		expect(newChannelIdentity().token).not.toBe(a.token);
	});
});
