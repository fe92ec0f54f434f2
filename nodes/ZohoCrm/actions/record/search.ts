import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { SEARCH_LIMIT, searchRecords, type SearchOptions } from '../../transport/search';
import { clientFor, forEachItem, getModule } from '../common';
import { buildCriteria, MAX_CONDITIONS, MAX_IN_VALUES, type Condition } from './criteria';
import { combineConditionsProperty, conditionFieldProperty } from '../conditionProperties';
import { returnAllAndLimit } from '../../../shared/descriptions';
import { forOperation } from '../../../shared/operations';


export const description: INodeProperties[] = forOperation('record', 'search', [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Conditions', value: 'conditions', description: 'Build criteria from fields, operators and values' },
			{ name: 'Criteria (Raw)', value: 'criteria', description: 'A Zoho criteria string, used as written' },
			{ name: 'Email', value: 'email', description: 'Every email field of the module' },
			{ name: 'Phone', value: 'phone', description: 'Every phone field of the module' },
			{ name: 'Word', value: 'word', description: 'Any text field (at least 2 characters)' },
		],
		default: 'conditions',
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		displayOptions: { show: { searchBy: ['conditions'] } },
		description: 'Values are escaped for you: parentheses, commas and backslashes are safe',
		options: [
			{
				name: 'condition',
				displayName: 'Condition',
				values: [
					conditionFieldProperty(),
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Between (From,To)', value: 'between' },
							{ name: 'Equals', value: 'equals' },
							{ name: 'Greater or Equal', value: 'greater_equal' },
							{ name: 'Greater Than', value: 'greater_than' },
							{ name: 'In (Comma-Separated)', value: 'in' },
							{ name: 'Less or Equal', value: 'less_equal' },
							{ name: 'Less Than', value: 'less_than' },
							{ name: 'Not Equal', value: 'not_equal' },
							{ name: 'Starts With', value: 'starts_with' },
						],
						default: 'equals',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	combineConditionsProperty('combine', { show: { searchBy: ['conditions'] } }),
	{
		displayName: 'Criteria',
		name: 'criteria',
		type: 'string',
		default: '',
		placeholder: '((Last_Name:equals:Burns\\,B)and(First_Name:starts_with:Mr.))',
		description: 'Zoho criteria syntax; escape ( ) , in values with a backslash yourself',
		displayOptions: { show: { searchBy: ['criteria'] } },
	},
	{
		displayName: 'Value',
		name: 'term',
		type: 'string',
		default: '',
		displayOptions: { show: { searchBy: ['email', 'phone', 'word'] } },
	},
	...returnAllAndLimit(SEARCH_LIMIT),
]);

function queryFor(ctx: IExecuteFunctions, itemIndex: number): SearchOptions['query'] {
	const searchBy = ctx.getNodeParameter('searchBy', itemIndex, 'conditions') as string;
	const fail = (field: string, problem: string): never => {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}, field "${field}": ${problem}`, { itemIndex });
	};
	if (searchBy === 'criteria') {
		const criteria = String(ctx.getNodeParameter('criteria', itemIndex, '')).trim();
		if (!criteria) fail('Criteria', 'empty');
		return { criteria };
	}
	if (searchBy === 'conditions') {
		const conditions = ((ctx.getNodeParameter('conditions.condition', itemIndex, []) as Condition[]) ?? []).filter((c) => c.field);
		if (conditions.length === 0) fail('Conditions', 'add at least one condition with a field');
		if (conditions.length > MAX_CONDITIONS) fail('Conditions', `Zoho allows at most ${MAX_CONDITIONS} conditions, got ${conditions.length}`);
		for (const c of conditions) {
			if (c.operator === 'in' && c.value.split(',').length > MAX_IN_VALUES) {
				fail('Conditions', `"in" takes at most ${MAX_IN_VALUES} values (field ${c.field})`);
			}
			if (c.operator === 'between' && c.value.split(',').length !== 2) {
				fail('Conditions', `"between" needs two comma-separated values (field ${c.field})`);
			}
		}
		const combine = ctx.getNodeParameter('combine', itemIndex, 'and') as 'and' | 'or';
		return { criteria: buildCriteria(conditions, combine) };
	}
	const term = String(ctx.getNodeParameter('term', itemIndex, '')).trim();
	if (searchBy === 'word' && term.length < 2) fail('Value', 'a word search needs at least 2 characters');
	if (!term) fail('Value', 'empty');
	return { [searchBy]: term } as IDataObject as SearchOptions['query'];
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	return await forEachItem(this, client, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		return await searchRecords(this, client, {
			module: getModule(this, itemIndex),
			query: queryFor(this, itemIndex),
			limit: returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number),
			itemIndex,
		});
	});
}
