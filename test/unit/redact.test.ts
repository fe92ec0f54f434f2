import { redactSecrets, redactValue } from '../../nodes/shared/redact';

describe('redaction', () => {
	const token = '1000.abcdef0123456789.fedcba';
	it('removes every occurrence of each secret from text', () => {
		expect(redactSecrets(`Bearer ${token} and again ${token}`, [token])).toBe('Bearer [redacted] and again [redacted]');
	});

	it('ignores empty and very short secrets rather than shredding text', () => {
		expect(redactSecrets('a b c', ['', undefined, 'a'])).toBe('a b c');
	});

	it('masks sensitive keys and scrubs nested strings', () => {
		const out = redactValue(
			{ headers: { Authorization: `Zoho-oauthtoken ${token}` }, nested: [{ note: `token=${token}` }], refresh_token: 'x', keep: 1 },
			[token],
		);
		expect(JSON.stringify(out)).not.toContain(token);
		expect(out).toEqual({ headers: { Authorization: '[redacted]' }, nested: [{ note: 'token=[redacted]' }], refresh_token: '[redacted]', keep: 1 });
	});
});
