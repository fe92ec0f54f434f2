import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The operation contract of every action node (as n8n's own v2 nodes have it): one file per
 * operation, `actions/<resource>/<operation>.ts`, exporting its `description` (the properties it
 * shows) and `execute`; the node's registry maps resource → operation → that file's exports.
 */
export interface Operation {
	description: INodeProperties[];
	/** Every input item in, every output item out, each paired to its input item. */
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** resource → operation → operation file. Declared `as const satisfies` so resource names are typed. */
export type OperationRegistry = Readonly<Record<string, Readonly<Record<string, Operation>>>>;

/** Shows each property only for this resource and operation (merged with the property's own `show`). */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: {
			...p.displayOptions,
			show: { ...(p.displayOptions?.show ?? {}), resource: [resource], operation: [operation] },
		},
	}));
}

/** Every operation's properties, in registry order. */
export function operationProperties(registry: OperationRegistry): INodeProperties[] {
	return Object.values(registry).flatMap((operations) => Object.values(operations).flatMap((op) => op.description));
}

/** The operation chosen on the node (resource and operation are read at item 0, as n8n's v2 nodes do). */
export function chosenOperation(ctx: IExecuteFunctions, registry: OperationRegistry): Operation {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const chosen: Operation | undefined = registry[resource]?.[operation];
	if (!chosen) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return chosen;
}
