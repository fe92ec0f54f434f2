import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** Resolves `={{$credentials.x}}`-style values of generic credential auth without n8n's expression engine. */
function resolveCredentialExpression(value: string, data: ICredentialDataDecryptedObject): string {
	if (!value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => String(data[key] ?? ''));
}

/**
 * The credential store of the node runner: decrypted data in memory, the credential types' parent
 * chains for n8n's OAuth2 routing, generic `authenticate` applied as n8n applies it, and a record of
 * every token update n8n persists after a refresh.
 */
export class MemoryCredentialsHelper extends ICredentialsHelper {
	tokenUpdates = 0;

	constructor(
		readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly types: Record<string, ICredentialType>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const options = { ...requestOptions } as IHttpRequestOptions;
		const auth = this.types[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, options);
		if (!auth || auth.type !== 'generic') return options;
		const { headers, qs, body, auth: basic } = auth.properties;
		if (headers) {
			options.headers = { ...(options.headers ?? {}) };
			for (const [k, v] of Object.entries(headers)) options.headers[k] = resolveCredentialExpression(String(v), credentials);
		}
		if (qs) {
			options.qs = { ...(options.qs ?? {}) };
			for (const [k, v] of Object.entries(qs)) options.qs[k] = resolveCredentialExpression(String(v), credentials);
		}
		if (body && typeof options.body === 'object') {
			for (const [k, v] of Object.entries(body)) (options.body as Record<string, unknown>)[k] = resolveCredentialExpression(String(v), credentials);
		}
		if (basic) {
			options.auth = {
				username: resolveCredentialExpression(String(basic.username), credentials),
				password: resolveCredentialExpression(String(basic.password), credentials),
			};
		}
		return options;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used by the node runner`);
	}

	async getDecrypted(
		_additionalData: unknown,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`The test gave no credentials of type ${type}`);
		return structuredClone(found);
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data[type] = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.tokenUpdates++;
		this.data[type] = { ...this.data[type], oauthTokenData: structuredClone(data.oauthTokenData) };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
