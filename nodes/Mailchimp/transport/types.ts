import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import type { ServiceProfile } from '../../shared/serviceClient';
import type { Authentication } from './credentials';

export interface MailchimpClient {
	authentication: Authentication;
	credentialType: string;
	profile: ServiceProfile;
	/** Values never to appear in messages or outputs. */
	secrets: string[];
	/** `https://<dc>.api.mailchimp.com/3.0` (no trailing slash), resolved once per execution. */
	baseUrl: () => Promise<string>;
}

export interface MailchimpRequest {
	method: IHttpRequestMethods;
	/** Path below /3.0, e.g. `/campaigns`, or (Custom API Call) a full URL on the API host. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Defaults: GET, PUT, DELETE are; POST and PATCH are not. */
	idempotent?: boolean;
}

export interface MailchimpAnswer {
	status: number;
	body: IDataObject | undefined;
	headers: IDataObject;
}

/** Where a call was made for: named in error messages. */
export interface CallSite {
	itemIndex?: number;
	/** "Get Many campaigns", "Upsert member" ... */
	action: string;
	/** Extra words naming the subject, e.g. `email "a@b.c"`. */
	subject?: string;
}
