/* Shared by the MailChimp node's integration tests: sandbox, credentials, runner shortcuts. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { MailchimpCampaigns } from '../../../nodes/Mailchimp/MailchimpCampaigns.node';
import { runNode, type RunNodeResult } from '../../helpers/nodeRunner';
import { mailchimpApiKeyCredential, mailchimpOAuthCredential } from '../../helpers/sandboxCredentials';
import { startSandbox, type Sandbox } from '../../sandbox';

export interface McKit {
	sandbox: Sandbox;
	token: string;
	/** OAuth2 credentials (metadata resolves the API endpoint) unless `apiKey` is given. */
	run(parameters: INodeParameters, options?: { items?: IDataObject[]; continueOnFail?: boolean; apiKey?: string; token?: string; apiBaseUrl?: string }): Promise<RunNodeResult>;
	/** Calls per sandbox endpoint since the last reset, e.g. `GET /3.0/campaigns`. */
	calls(endpoint: string): number;
	json(result: RunNodeResult): IDataObject[];
	items(result: RunNodeResult): INodeExecutionData[];
}

export function useMailchimpKit(): McKit {
	const kit = { token: '' } as McKit;
	beforeAll(async () => {
		kit.sandbox = await startSandbox();
	});
	afterAll(async () => kit.sandbox.close());
	beforeEach(() => {
		kit.sandbox.reset();
		kit.token = kit.sandbox.mailchimp.issueToken();
	});
	kit.run = async (parameters, options = {}) => {
		const url = kit.sandbox.url;
		const credentials: Record<string, ICredentialDataDecryptedObject> = options.apiKey
			? { mailchimpConnectApi: mailchimpApiKeyCredential(url, options.apiKey) }
			: {
					mailchimpConnectOAuth2Api: {
						...mailchimpOAuthCredential(url, options.token ?? kit.token),
						...(options.apiBaseUrl !== undefined ? { apiBaseUrl: options.apiBaseUrl } : {}),
					},
				};
		return await runNode({
			node: new MailchimpCampaigns(),
			parameters: { authentication: options.apiKey ? 'apiKey' : 'oAuth2', ...parameters },
			items: options.items,
			credentials,
			continueOnFail: options.continueOnFail,
		});
	};
	kit.calls = (endpoint) => kit.sandbox.server.getStats().byEndpoint[endpoint] ?? 0;
	kit.items = (result) => result.output[0];
	kit.json = (result) => result.output[0].map((i) => i.json);
	return kit;
}
