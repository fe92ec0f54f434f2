import { bulkCriteria, EMPTY_VALUE } from '../../nodes/ZohoCrm/transport/bulk/criteria';
import { rowReader } from '../../nodes/ZohoCrm/transport/bulk/readValues';
import type { ZohoField } from '../../nodes/ZohoCrm/transport/metadata';

const FIELDS: ZohoField[] = [
	{ api_name: 'Last_Name', data_type: 'text' },
	{ api_name: 'No_of_Employees', data_type: 'integer' },
	{ api_name: 'Annual_Revenue', data_type: 'currency' },
	{ api_name: 'Visitor_Count', data_type: 'bigint' },
	{ api_name: 'Email_Opt_Out', data_type: 'boolean' },
	{ api_name: 'Interests', data_type: 'multiselectpicklist' },
	{ api_name: 'Account_Name', data_type: 'lookup', lookup: { module: { api_name: 'Accounts' } } },
	{ api_name: 'Owner', data_type: 'ownerlookup' },
	{ api_name: 'Tag', data_type: 'text' },
];

describe('Bulk Read conditions -> JSON criteria', () => {
	it('one condition is a leaf; several are a group; values typed by the field', () => {
		expect(bulkCriteria([{ field: 'No_of_Employees', operator: 'greater_than', value: '10' }], 'and', FIELDS)).toEqual({
			field: { api_name: 'No_of_Employees' },
			comparator: 'greater_than',
			value: 10,
		});
		expect(
			bulkCriteria(
				[
					{ field: 'Email_Opt_Out', operator: 'equal', value: 'TRUE' },
					{ field: 'Last_Name', operator: 'in', value: 'Smith, O\\,Brien ,Lee' },
				],
				'or',
				FIELDS,
			),
		).toEqual({
			group_operator: 'or',
			group: [
				{ field: { api_name: 'Email_Opt_Out' }, comparator: 'equal', value: true },
				{ field: { api_name: 'Last_Name' }, comparator: 'in', value: ['Smith', 'O,Brien', 'Lee'] },
			],
		});
	});

	it('"is empty" and "is not empty" use ${EMPTY}; between needs two values; no conditions, no criteria', () => {
		expect(bulkCriteria([{ field: 'Last_Name', operator: 'is_empty', value: 'ignored' }], 'and', FIELDS)).toEqual({
			field: { api_name: 'Last_Name' },
			comparator: 'equal',
			value: EMPTY_VALUE,
		});
		expect(bulkCriteria([{ field: 'Last_Name', operator: 'is_not_empty', value: '' }], 'and', FIELDS)).toMatchObject({ comparator: 'not_equal', value: '${EMPTY}' });
		expect(bulkCriteria([{ field: 'Annual_Revenue', operator: 'between', value: '10,20.5' }], 'and', FIELDS)).toMatchObject({ value: [10, 20.5] });
		expect(() => bulkCriteria([{ field: 'Annual_Revenue', operator: 'between', value: '10' }], 'and', FIELDS)).toThrow(/needs two values/);
		expect(() => bulkCriteria([{ field: 'Last_Name', operator: 'in', value: ' , ' }], 'and', FIELDS)).toThrow(/at least one value/);
		expect(bulkCriteria([], 'and', FIELDS)).toBeUndefined();
	});
});

describe('Bulk Read CSV rows -> typed records', () => {
	const header = ['id', 'Last_Name', 'No_of_Employees', 'Annual_Revenue', 'Visitor_Count', 'Email_Opt_Out', 'Interests', 'Account_Name', 'Account_Name.Account_Name', 'Owner', 'Tag'];
	const read = rowReader(header, FIELDS);

	it('types numbers, booleans, multi-selects, lookups with their name column, owners and tags', () => {
		expect(
			read({
				id: '5725767000000400001',
				Last_Name: 'Smith',
				No_of_Employees: '42',
				Annual_Revenue: '1234.5',
				Visitor_Count: '9007199254740993',
				Email_Opt_Out: 'false',
				Interests: 'Webinars;Offers',
				Account_Name: '5725767000000400777',
				'Account_Name.Account_Name': 'Acme GmbH',
				Owner: '5725767000000026005',
				Tag: 'vip;2026',
			}),
		).toEqual({
			id: '5725767000000400001',
			Last_Name: 'Smith',
			No_of_Employees: 42,
			Annual_Revenue: 1234.5,
			Visitor_Count: '9007199254740993',
			Email_Opt_Out: false,
			Interests: ['Webinars', 'Offers'],
			Account_Name: { id: '5725767000000400777', name: 'Acme GmbH' },
			Owner: { id: '5725767000000026005' },
			Tag: [{ name: 'vip' }, { name: '2026' }],
		});
	});

	it('empty cells are null (an empty multi-select is []), an empty lookup is null with its name column dropped', () => {
		const empty = Object.fromEntries(header.map((h) => [h, ''])) as Record<string, string>;
		expect(read({ ...empty, id: '1' })).toEqual({
			id: '1',
			Last_Name: null,
			No_of_Employees: null,
			Annual_Revenue: null,
			Visitor_Count: null,
			Email_Opt_Out: null,
			Interests: [],
			Account_Name: null,
			Owner: null,
			Tag: null,
		});
	});
});
