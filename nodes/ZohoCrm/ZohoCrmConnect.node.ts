import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties } from './actions/description';
import { route } from './actions/router';
import { searchModules, searchRelatedLists } from './methods/listSearch';
import { getDuplicateCheckFields, getFields } from './methods/loadOptions';
import { getMappingColumns } from './methods/resourceMapping';

export class ZohoCrmConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho CRM Connect',
		name: 'zohoCrmConnect',
		icon: { light: 'file:zohoCrmConnect.svg', dark: 'file:zohoCrmConnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Records of any Zoho CRM module through the v8 API: batched writes, paging past 2,000, search and COQL',
		defaults: { name: 'Zoho CRM Connect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoCrmConnectOAuth2Api', required: true }],
		properties,
	};

	methods = {
		listSearch: { searchModules, searchRelatedLists },
		loadOptions: { getFields, getDuplicateCheckFields },
		resourceMapping: { getMappingColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
