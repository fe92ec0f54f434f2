/**
 * Deterministic input data. The same JavaScript source runs in two places: inside n8n's Code node
 * (which generates the workflow's input items) and here (which pre-seeds the records that the
 * upserts will find), so both sides agree on every value without shipping the items in the workflow.
 */

/** Plain ES2019 source, no TypeScript: n8n's Code node runs it as is. */
export const GENERATOR_SOURCE = String.raw`
function benchRandom(seed) {
	let a = seed >>> 0;
	return function () {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
var BENCH_FIRST = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jiyoon', 'Kofi', 'Lucía', 'Mateo', 'Nora', 'Oskar', 'Priya'];
var BENCH_LAST = ['Andersen', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Huber', 'Ito', 'Jansen', 'Kowalski', 'López', 'Müller', 'Nakamura', "O'Brien", 'Petrov'];
var BENCH_COMPANY = ['Acme GmbH', 'Globex Inc.', 'Initech Ltd', 'Umbrella AG', 'Hooli LLC', 'Vandelay SARL', 'Nordwind Oy', 'Café Lumière & Co.'];
var BENCH_TITLE = ['CEO', 'CTO', 'Head of Marketing', 'Buyer', 'Engineer', 'Consultant', 'Analyst', 'Founder'];
/** Person i of data set "seed": the same seed and index always give the same person. */
function benchPerson(seed, i) {
	var rand = benchRandom(seed * 1000003 + i);
	var pick = function (list) { return list[Math.floor(rand() * list.length)]; };
	var first = pick(BENCH_FIRST);
	var last = pick(BENCH_LAST);
	return {
		First_Name: first,
		Last_Name: last,
		Company: pick(BENCH_COMPANY),
		Email: 'person' + i + '.s' + seed + '@bench-corp.com',
		Designation: pick(BENCH_TITLE),
	};
}
`;

export interface BenchPerson {
	First_Name: string;
	Last_Name: string;
	Company: string;
	Email: string;
	Designation: string;
}

type PersonFn = (seed: number, index: number) => BenchPerson;

// Our own constant source, evaluated once.
const benchPerson = new Function(`${GENERATOR_SOURCE}\nreturn benchPerson;`)() as PersonFn;

export function person(seed: number, index: number): BenchPerson {
	return benchPerson(seed, index);
}

/** The Code node body ("Run Once for All Items") that emits `count` people of data set `seed`. */
export function codeNodeSource(seed: number, count: number): string {
	return `${GENERATOR_SOURCE}\nconst out = [];\nfor (let i = 0; i < ${count}; i++) out.push({ json: benchPerson(${seed}, i) });\nreturn out;\n`;
}
