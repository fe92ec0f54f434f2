import type { HostContext } from '../../shared/authorizedRequest';

export type Authentication = 'oAuth2' | 'apiKey';

/** What the node reads of either MailChimp credential. */
export interface MailchimpCredentials {
	apiKey?: string;
	apiBaseUrl?: string;
	loginServerUrl?: string;
	clientSecret?: string;
	oauthTokenData?: { access_token?: string };
}

/** The credential type name for an authentication option. */
export function credentialTypeFor(authentication: Authentication): string {
	return authentication === 'apiKey' ? 'mailchimpConnectApi' : 'mailchimpConnectOAuth2Api';
}

export async function readCredentials(ctx: HostContext, authentication: Authentication): Promise<MailchimpCredentials> {
	return (await ctx.getCredentials(credentialTypeFor(authentication))) as unknown as MailchimpCredentials;
}

/** Values never to appear in messages or outputs. */
export function secretsOf(creds: MailchimpCredentials): string[] {
	return [creds.apiKey, creds.oauthTokenData?.access_token, creds.clientSecret].filter(
		(s): s is string => typeof s === 'string' && s.length > 0,
	);
}
