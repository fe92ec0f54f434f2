/**
 * Runs a polling trigger's `poll` inside n8n-core's real PollContext, poll after poll, on one
 * Workflow whose staticData lives on between polls as it does in an active n8n workflow: the cursor
 * is read and written through n8n's own getWorkflowStaticData('node'). Credentials come from the
 * in-memory store the node runner uses.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type { MemoryCredentialsHelper } from './memoryCredentials';
import { buildTestNode } from './testNode';

export interface TriggerHostOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Base of webhook URLs (hook runner), default http://127.0.0.1/webhook. */
	webhookBaseUrl?: string;
	webhookId?: string;
}

/** The n8n objects a trigger lives in: node, workflow (with persistent staticData), additional data. */
export interface TriggerHost {
	node: INode;
	workflow: Workflow;
	store: MemoryCredentialsHelper;
	additionalData: IWorkflowExecuteAdditionalData;
	/** The node's static data as n8n keeps it (`workflow.staticData['node:<name>']`). */
	staticData(): IDataObject;
	/** Replace the node's parameters (e.g. the user edits the trigger between activations). */
	setParameters(parameters: INodeParameters): void;
}

export function createTriggerHost(options: TriggerHostOptions): TriggerHost {
	const { node, workflow, store, additionalData, resolve } = buildTestNode({
		nodeType: options.node,
		parameters: options.parameters,
		credentials: options.credentials,
		nodeId: 'trigger-under-test',
		workflowId: 'trigger-runner',
		workflowName: 'trigger runner',
		executionId: 'test-execution',
		active: true,
		webhookBaseUrl: options.webhookBaseUrl,
		webhookId: options.webhookId,
	});
	return {
		node,
		workflow,
		store,
		additionalData,
		staticData: () => workflow.getStaticData('node', node),
		setParameters(parameters) {
			node.parameters = resolve(parameters);
		},
	};
}

export interface PollSession extends TriggerHost {
	/** One poll as n8n's scheduler runs it ('trigger' mode), or a "fetch test event" ('manual'). */
	poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
	/** The json of every item of one poll (first output), [] for null. */
	pollJson(mode?: WorkflowExecuteMode): Promise<IDataObject[]>;
	/** The PollContext n8n would reuse for this mode (created on first use). */
	contextOf(mode?: WorkflowExecuteMode): PollContext;
}

/**
 * Like n8n, one PollContext serves every scheduled poll of an activation (n8n builds the poll
 * functions once when it activates the workflow); a "fetch test event" gets its own.
 */
export function pollSession(options: TriggerHostOptions): PollSession {
	const host = createTriggerHost(options);
	const contexts = new Map<WorkflowExecuteMode, PollContext>();
	const contextOf = (mode: WorkflowExecuteMode = 'trigger'): PollContext => {
		let context = contexts.get(mode);
		if (!context) {
			context = new PollContext(host.workflow, host.node, host.additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			contexts.set(mode, context);
		}
		return context;
	};
	const poll = async (mode: WorkflowExecuteMode = 'trigger') => await options.node.poll!.call(contextOf(mode));
	return {
		...host,
		poll,
		contextOf,
		pollJson: async (mode) => ((await poll(mode)) ?? [[]])[0].map((i) => i.json),
	};
}
