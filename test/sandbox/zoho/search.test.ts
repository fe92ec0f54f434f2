import { lead, useZohoKit } from './testkit';

/** Escape a criteria value the way Zoho asks: backslash before ( ) , and \ — URL-encoding is axios's job. */
const esc = (v: string) => v.replace(/[\\(),]/g, (c) => `\\${c}`);

describe('Zoho sandbox: search and COQL', () => {
	const kit = useZohoKit({ reset: false });
	let ids: string[];
	beforeAll(() => {
		kit.zoho.setClock(() => Date.parse('2026-06-01T12:00:00Z'));
		ids = kit.zoho
			.insertDirect('Leads', [
				lead(1, { Company: 'Smith (Holdings), Ltd', Last_Name: 'Smith', City: 'Zürich', No_of_Employees: 10, Phone: '+49 30 1234567' }),
				lead(2, { Company: 'Müller & Söhne', Last_Name: 'Müller', City: 'Berlin', No_of_Employees: 50, Email_Opt_Out: true }),
				lead(3, { Company: 'back\\slash co', Last_Name: 'O\'Brien', City: '東京', No_of_Employees: 200, Lead_Status: 'Contacted' }),
				lead(4, { Company: 'Plain', Last_Name: 'Jones', No_of_Employees: 5, Next_Follow_Up: '2026-07-01T09:30:00+02:00' }),
			])
			.map((r) => r.id);
	});

	const search = (params: Record<string, unknown>) => kit.v8.get('/Leads/search', { params });
	const idsOf = (res: { data: { data: Array<{ id: string }> } }) => res.data.data.map((r) => r.id);

	it('finds by criteria with escaped ( ) , and backslash, and non-ASCII values', async () => {
		expect(idsOf(await search({ criteria: `(Company:equals:${esc('Smith (Holdings), Ltd')})` }))).toEqual([ids[0]]);
		expect(idsOf(await search({ criteria: `(Company:equals:${esc('back\\slash co')})` }))).toEqual([ids[2]]);
		expect(idsOf(await search({ criteria: '(City:equals:Zürich)' }))).toEqual([ids[0]]);
		expect(idsOf(await search({ criteria: '(City:equals:東京)' }))).toEqual([ids[2]]);
		expect(idsOf(await search({ criteria: "(Last_Name:equals:O'Brien)" }))).toEqual([ids[2]]);
		expect(idsOf(await search({ criteria: '(Company:starts_with:müll)' }))).toEqual([ids[1]]);
	});

	it('treats an unescaped comma as a list of values', async () => {
		expect((await search({ criteria: '(Company:equals:Smith \\(Holdings\\), Ltd)' })).status).toBe(204);
		expect((await search({ criteria: '(Last_Name:equals:Smith,Jones)' })).data.data).toHaveLength(2);
	});

	it('combines and/or, numbers, between, in, booleans and datetimes', async () => {
		expect(idsOf(await search({ criteria: '((No_of_Employees:greater_equal:50)and(City:not_equal:Berlin))' }))).toEqual([ids[2]]);
		expect(idsOf(await search({ criteria: '((Last_Name:equals:Jones)or(Email_Opt_Out:equals:true))' }))).toEqual([ids[1], ids[3]]);
		expect(idsOf(await search({ criteria: '(No_of_Employees:between:6,100)' }))).toEqual([ids[0], ids[1]]);
		expect(idsOf(await search({ criteria: '(Lead_Status:in:Contacted,Junk Lead)' }))).toEqual([ids[2]]);
		expect(idsOf(await search({ criteria: '(Next_Follow_Up:greater_than:2026-07-01T07:00:00+00:00)' }))).toEqual([ids[3]]);
		expect(idsOf(await search({ criteria: `(((Last_Name:equals:Smith)or(Last_Name:equals:Jones))and(id:in:${ids[3]}))` }))).toEqual([ids[3]]);
	});

	it.each([
		['(Last_Name:equals:Smith', /expected "\)"/],
		['Last_Name:equals:Smith', /expected "\("/],
		['(Last_Name:like:Smith)', /unknown operator "like"/],
		['((Last_Name:equals:a)and(City:equals:b)or(City:equals:c))', /mixed/],
		['(Nope:equals:x)', /not available for search/],
		['(City:greater_than:a)', /not supported/],
		['(No_of_Employees:equals:many)', /not a number/],
		['(Next_Follow_Up:equals:2026-07-01T07:00:00 00:00)', /%2B/],
		['(Company:equals:a(b)', /unescaped "\("/],
	])('answers 400 INVALID_QUERY with a helpful message for %s', async (criteria, message) => {
		const res = await search({ criteria });
		expect(res.status).toBe(400);
		expect(res.data.code).toBe('INVALID_QUERY');
		expect(res.data.message).toMatch(message);
	});

	it('limits conditions (10) and in-values (100)', async () => {
		const eleven = `(${Array.from({ length: 11 }, (_, i) => `(City:equals:c${i})`).join('or')})`;
		expect((await search({ criteria: eleven })).data).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 10 } });
		const ten = `(${Array.from({ length: 10 }, (_, i) => `(City:equals:c${i})`).join('or')})`;
		expect((await search({ criteria: ten })).status).toBe(204);
		const values = Array.from({ length: 101 }, (_, i) => `v${i}`).join(',');
		expect((await search({ criteria: `(City:in:${values})` })).data).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 100 } });
	});

	it('searches by email, phone and word; needs exactly one; word >= 2 chars; 204 when none', async () => {
		expect(idsOf(await search({ email: 'ADA.2@example.com' }))).toEqual([ids[1]]);
		expect(idsOf(await search({ phone: '301234567' }))).toEqual([ids[0]]);
		expect(idsOf(await search({ word: 'söhne' }))).toEqual([ids[1]]);
		expect((await search({ word: 'a' })).data).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'word' } });
		expect((await search({})).data.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await search({ email: 'a@b.c', word: 'ab' })).data.code).toBe('AMBIGUITY_DURING_PROCESSING');
		const none = await search({ email: 'nobody@example.com' });
		expect(none.status).toBe(204);
		expect(none.data).toBe('');
		const fields = await search({ email: 'ada.1@example.com', fields: 'Email,City' });
		expect(fields.data.data[0]).toEqual({ Email: 'ada.1@example.com', City: 'Zürich', id: ids[0] });
	});

	it('pages search results and stops at 2,000 (LIMIT_REACHED)', async () => {
		const res = await search({ criteria: '(Email:starts_with:ada)', per_page: 2, page: 2 });
		expect(res.data.info).toEqual({ per_page: 2, count: 2, page: 2, more_records: false });
		const past = await search({ criteria: '(Email:starts_with:ada)', per_page: 200, page: 11 });
		expect(past.status).toBe(400);
		expect(past.data.code).toBe('LIMIT_REACHED');
	});

	describe('COQL', () => {
		const coql = (select_query: string) => kit.v8.post('/coql', { select_query });

		it('selects, filters, orders and pages with limit O, L and limit L offset O', async () => {
			const all = await coql('select Last_Name, No_of_Employees from Leads where No_of_Employees > 0 order by No_of_Employees desc limit 0, 2');
			expect(all.status).toBe(200);
			expect(all.data).toEqual({
				data: [
					{ Last_Name: "O'Brien", No_of_Employees: 200, id: ids[2] },
					{ Last_Name: 'Müller', No_of_Employees: 50, id: ids[1] },
				],
				info: { count: 2, more_records: true },
			});
			const next = await coql('select Last_Name from Leads where No_of_Employees > 0 order by No_of_Employees desc limit 2 offset 2');
			expect(next.data.data.map((r: { Last_Name: string }) => r.Last_Name)).toEqual(['Smith', 'Jones']);
			expect(next.data.info.more_records).toBe(false);
		});

		it('supports like, in, is null, and/or with parentheses, != and quoted escapes', async () => {
			const q = async (where: string) => idsOf(await coql(`select Email from Leads where ${where}`));
			expect(await q("Company like 'Müller%'")).toEqual([ids[1]]);
			expect(await q("Last_Name in ('Smith', 'Jones')")).toEqual([ids[0], ids[3]]);
			expect(await q('Lead_Status is not null')).toEqual([ids[2]]);
			expect(await q("(City = 'Berlin' or City = 'Zürich') and No_of_Employees >= 50")).toEqual([ids[1]]);
			expect(await q("Last_Name = 'O''Brien'")).toEqual([ids[2]]);
			expect(await q("Next_Follow_Up >= '2026-07-01T00:00:00+00:00'")).toEqual([ids[3]]);
			expect(await q("Owner.email != 'x@y.z' and Email_Opt_Out = true")).toEqual([ids[1]]);
		});

		it('answers 204 when nothing matches and rejects bad queries', async () => {
			expect((await coql("select Email from Leads where City = 'Nowhere'")).status).toBe(204);
			const syntax = await coql('select Email Leads');
			expect(syntax.status).toBe(400);
			expect(syntax.data).toMatchObject({ code: 'SYNTAX_ERROR', details: { clause: expect.any(String) } });
			expect((await coql("select Email from Leads where City = 'x' limit 2001")).data.code).toBe('LIMIT_EXCEEDED');
			expect((await coql('select Nope from Leads')).data).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'Nope' } });
			expect((await coql('select Email from Nope')).data.code).toBe('INVALID_QUERY');
			expect((await coql('select * from Leads')).data.code).toBe('SYNTAX_ERROR');
			expect((await kit.v8.post('/coql', { query: 'x' })).data.code).toBe('INVALID_DATA');
		});
	});
});
