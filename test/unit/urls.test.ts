import { resolveAllowedUrl, splitHosts } from '../../nodes/shared/urls';

describe('host allow-listing', () => {
	const base = 'https://us6.api.mailchimp.com/3.0';

	it('resolves relative paths under the base path', () => {
		const r = resolveAllowedUrl(base, '/campaigns?count=10');
		expect(r.ok && r.url.href).toBe('https://us6.api.mailchimp.com/3.0/campaigns?count=10');
		const r2 = resolveAllowedUrl(base, 'lists');
		expect(r2.ok && r2.url.href).toBe('https://us6.api.mailchimp.com/3.0/lists');
	});

	it('accepts a full URL on the same host', () => {
		expect(resolveAllowedUrl(base, 'https://us6.api.mailchimp.com/3.0/ping').ok).toBe(true);
	});

	it.each([
		['another host', 'https://evil.example.com/steal'],
		['a look-alike host', 'https://us6.api.mailchimp.com.evil.example/x'],
		['another port', 'https://us6.api.mailchimp.com:8443/x'],
		['javascript:', 'javascript:alert(1)'],
		['file:', 'file:///etc/passwd'],
		['data:', 'data:text/plain,hi'],
		['credentials in the URL', 'https://user:pass@us6.api.mailchimp.com/x'],
	])('refuses %s', (_label, url) => {
		const r = resolveAllowedUrl(base, url);
		expect(r.ok).toBe(false);
	});

	it('protocol-relative paths stay on the base host', () => {
		const r = resolveAllowedUrl(base, '//evil.example.com/x');
		expect(r.ok && r.url.host).toBe('us6.api.mailchimp.com');
	});

	it('allows extra hosts named in the credential', () => {
		const hosts = splitHosts('uploads.example.com, https://files.example.com/x');
		expect(hosts).toEqual(['uploads.example.com', 'files.example.com']);
		expect(resolveAllowedUrl(base, 'https://files.example.com/a', hosts).ok).toBe(true);
		expect(resolveAllowedUrl(base, 'https://other.example.com/a', hosts).ok).toBe(false);
	});

	it('explains why a URL was refused', () => {
		const r = resolveAllowedUrl(base, 'https://evil.example.com/x');
		expect(!r.ok && r.reason).toMatch(/evil\.example\.com.*not the credential's API host/);
	});
});
