import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { MailchimpCampaigns } from '../../../nodes/Mailchimp/MailchimpCampaigns.node';
import { operations } from '../../../nodes/Mailchimp/actions/router';

const root = join(__dirname, '../../..');

describe('MailChimp Campaigns node description', () => {
	const node = new MailchimpCampaigns();
	const { description } = node;

	it('has the agreed identity, credentials and codex', () => {
		expect(description).toMatchObject({ name: 'mailchimpCampaigns', displayName: 'MailChimp Campaigns', usableAsTool: true });
		expect(description.credentials?.map((c) => c.name)).toEqual(['mailchimpConnectOAuth2Api', 'mailchimpConnectApi']);
		const auth = description.properties.find((p) => p.name === 'authentication')!;
		expect(auth.default).toBe('oAuth2');
		const codex = JSON.parse(readFileSync(join(root, 'nodes/Mailchimp/MailchimpCampaigns.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-zoho-connect.mailchimpCampaigns');
		expect(codex.alias).toEqual(expect.arrayContaining(['mailchimp', 'campaign', 'report', 'newsletter', 'audience']));
		for (const icon of ['mailchimpCampaigns.svg', 'mailchimpCampaigns.dark.svg']) expect(existsSync(join(root, 'nodes/Mailchimp', icon))).toBe(true);
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/Mailchimp/MailchimpCampaigns.node.js');
	});

	it('every operation in the editor has an execute in the router, and the other way round', () => {
		const ops = description.properties.filter((p) => p.name === 'operation');
		const listed = ops.flatMap((p) =>
			((p.options ?? []) as Array<{ value: string }>).map((o) => `${p.displayOptions!.show!.resource![0]}.${o.value}`),
		);
		const routed = Object.entries(operations).flatMap(([r, o]) => Object.keys(o).map((k) => `${r}.${k}`));
		expect(listed.sort()).toEqual(routed.sort());
	});

	it('lists options alphabetically', () => {
		const check = (props: INodeProperties[]): void => {
			for (const p of props) {
				if (p.type === 'options' && Array.isArray(p.options)) {
					const names = (p.options as Array<{ name: string }>).map((o) => o.name);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
				}
				if (p.type === 'collection' && Array.isArray(p.options)) {
					const names = (p.options as INodeProperties[]).map((o) => o.displayName);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
					check(p.options as INodeProperties[]);
				}
			}
		};
		check(description.properties);
	});
});
