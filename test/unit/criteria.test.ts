import { buildCriteria, escapeCriteriaValue } from '../../nodes/ZohoCrm/actions/record/criteria';
import { splitCoqlLimit } from '../../nodes/ZohoCrm/transport/credits';

describe('search criteria', () => {
	it('escapes ( ) , and backslash in values', () => {
		expect(escapeCriteriaValue('Burns, B (Jr.) \\ co')).toBe('Burns\\, B \\(Jr.\\) \\\\ co');
	});

	it('builds one condition without outer parentheses and several joined', () => {
		expect(buildCriteria([{ field: 'Email', operator: 'equals', value: 'a@b.c' }], 'and')).toBe('(Email:equals:a@b.c)');
		expect(
			buildCriteria(
				[
					{ field: 'Last_Name', operator: 'equals', value: 'Smith, J' },
					{ field: 'City', operator: 'starts_with', value: 'Zürich (HQ)' },
				],
				'or',
			),
		).toBe('((Last_Name:equals:Smith\\, J)or(City:starts_with:Zürich \\(HQ\\)))');
	});

	it('keeps the separating commas of "in" and "between" while escaping inside values', () => {
		expect(buildCriteria([{ field: 'Lead_Status', operator: 'in', value: 'New, Contacted (2)' }], 'and')).toBe(
			'(Lead_Status:in:New,Contacted \\(2\\))',
		);
		expect(buildCriteria([{ field: 'Annual_Revenue', operator: 'between', value: '100,200' }], 'and')).toBe(
			'(Annual_Revenue:between:100,200)',
		);
	});
});

describe('COQL limit handling', () => {
	it.each([
		['select id from Leads', { body: 'select id from Leads', offset: 0 }],
		['select id from Leads limit 10', { body: 'select id from Leads', offset: 0, limit: 10 }],
		['select id from Leads limit 5, 20;', { body: 'select id from Leads', offset: 5, limit: 20 }],
		['select id from Leads LIMIT 20 OFFSET 40', { body: 'select id from Leads', offset: 40, limit: 20 }],
	])('%s', (query, expected) => {
		expect(splitCoqlLimit(query)).toEqual(expected);
	});
});
