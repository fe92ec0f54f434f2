import { convertValue } from '../../nodes/ZohoCrm/actions/record/convertValue';
import { mapperType } from '../../nodes/ZohoCrm/methods/resourceMapping';

describe('typed field values', () => {
	it('wraps lookup ids and splits multiselects', () => {
		expect(convertValue({ api_name: 'Account_Name', data_type: 'lookup' }, '123')).toEqual({ id: '123' });
		expect(convertValue({ api_name: 'Owner', data_type: 'ownerlookup' }, { id: '9' })).toEqual({ id: '9' });
		expect(convertValue({ api_name: 'Tags', data_type: 'multiselectpicklist' }, 'a, b,,c')).toEqual(['a', 'b', 'c']);
	});

	it('turns numeric strings into numbers only for number fields, leaves bad input for Zoho to name', () => {
		expect(convertValue({ api_name: 'Annual_Revenue', data_type: 'currency' }, '12.5')).toBe(12.5);
		expect(convertValue({ api_name: 'No_of_Employees', data_type: 'integer' }, 'many')).toBe('many');
		expect(convertValue({ api_name: 'Phone', data_type: 'phone' }, '0123')).toBe('0123');
	});

	it('formats dates and date-times as Zoho expects', () => {
		expect(convertValue({ api_name: 'Start_Date', data_type: 'date' }, '2026-11-23T10:00:00.000Z')).toBe('2026-11-23');
		expect(convertValue({ api_name: 'X', data_type: 'datetime' }, '2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00+00:00');
		// Any fraction goes, and only the fraction: microseconds, offsets, and a value with none.
		expect(convertValue({ api_name: 'X', data_type: 'datetime' }, '2026-11-23T10:00:00.123456Z')).toBe('2026-11-23T10:00:00+00:00');
		expect(convertValue({ api_name: 'X', data_type: 'datetime' }, '2026-11-23T10:00:00.5+05:30')).toBe('2026-11-23T10:00:00+05:30');
		expect(convertValue({ api_name: 'X', data_type: 'datetime' }, '2026-11-23T10:00:00.000-0400')).toBe('2026-11-23T10:00:00-0400');
		expect(convertValue({ api_name: 'X', data_type: 'datetime' }, '2026-11-23T10:00:00+01:00')).toBe('2026-11-23T10:00:00+01:00');
	});

	it('maps Zoho types to resource-mapper types', () => {
		expect(mapperType('currency')).toBe('number');
		expect(mapperType('boolean')).toBe('boolean');
		expect(mapperType('picklist')).toBe('options');
		expect(mapperType('multiselectpicklist')).toBe('array');
		expect(mapperType('datetime')).toBe('dateTime');
		expect(mapperType('email')).toBe('string');
	});
});
