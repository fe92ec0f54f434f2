/** URLs of well-known OAuth2 services: what a preset fills in wherever the user leaves a field empty. */
export interface ServicePreset {
	authorizeUrl: string;
	tokenUrl: string;
	refreshTokenUrl: string;
	authQueryParameters: string;
	apiBaseUrl: string;
}

export const SERVICE_PRESETS: Record<string, ServicePreset> = {
	google: {
		authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
		tokenUrl: 'https://oauth2.googleapis.com/token',
		refreshTokenUrl: 'https://oauth2.googleapis.com/token',
		authQueryParameters: 'access_type=offline&prompt=consent',
		apiBaseUrl: 'https://www.googleapis.com',
	},
	hubspot: {
		authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
		tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
		refreshTokenUrl: 'https://api.hubapi.com/oauth/v1/token',
		authQueryParameters: '',
		apiBaseUrl: 'https://api.hubapi.com',
	},
	mailchimp: {
		authorizeUrl: 'https://login.mailchimp.com/oauth2/authorize',
		tokenUrl: 'https://login.mailchimp.com/oauth2/token',
		refreshTokenUrl: 'https://login.mailchimp.com/oauth2/token',
		authQueryParameters: '',
		// The data center (us6, ...) is account-specific: MailChimp users fill in their own API base URL.
		apiBaseUrl: '',
	},
	zoho: {
		authorizeUrl: 'https://accounts.zoho.com/oauth/v2/auth',
		tokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
		refreshTokenUrl: 'https://accounts.zoho.com/oauth/v2/token',
		authQueryParameters: 'access_type=offline&prompt=consent',
		apiBaseUrl: 'https://www.zohoapis.com',
	},
};

/** An n8n expression fragment: the user's field if set, else the chosen preset's value. */
export function presetFallback(field: string, key: keyof ServicePreset): string {
	const choices = Object.entries(SERVICE_PRESETS)
		.map(([name, preset]) => `$self["preset"] === "${name}" ? "${preset[key]}" : `)
		.join('');
	return `($self["${field}"] || (${choices}""))`;
}

export function effectivePresetValue(preset: string | undefined, value: string | undefined, key: keyof ServicePreset): string {
	if (value) return value;
	return (preset && SERVICE_PRESETS[preset]?.[key]) || '';
}
