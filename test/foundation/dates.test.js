/*
 * Dates go out as the user meant them, in every time zone: a date-only field as the calendar day
 * picked or passed, a date-time as the instant meant (a picked wall time read in the workflow's
 * time zone, an explicit offset kept). Every date field of every operation (bodies, nested
 * entries, search criteria, query parameters) and every date condition of every Get Many filter
 * runs through the node's forms in America/New_York, UTC, Asia/Kolkata and Asia/Tokyo, with the
 * value given as the date picker saves it, as text with an offset, and from expressions (Luxon
 * DateTime, JS Date, epoch milliseconds). Expected values are computed with Luxon, independently
 * of the node's own date code.
 */
const path = require('path');
const { DateTime } = require(require.resolve('luxon', { paths: [path.dirname(require.resolve('n8n-workflow'))] }));
const { startFakeMvmnt } = require('../../dev/fake-mvmnt');
const { createRig } = require('../../dev/rig');
const { CLIENT } = require('../support/setup');
const { runPass } = require('../support/plan');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { keyedShapes } = require('../../dist/nodes/Mvmnt/fields/index.js');
const { filterFieldValue } = require('../../dist/nodes/foundation/filter/operators.js');

jest.setTimeout(600000);

const ZONES = ['America/New_York', 'UTC', 'Asia/Kolkata', 'Asia/Tokyo'];

/** Every date field of the catalog's request bodies and query parameters, as `operationId field.path`. */
function catalogDateFields() {
	const out = new Set();
	const walk = (op, fields, where) => {
		for (const f of fields ?? []) {
			const here = where ? `${where}.${f.name}` : f.name;
			if (f.type === 'date' || f.type === 'dateTime') out.add(`${op.operationId} ${here}`);
			walk(op, f.fields, here);
		}
	};
	for (const op of OPERATIONS) if (op.operationId) walk(op, [...(op.body ?? []), ...(op.query ?? [])], '');
	return out;
}

/**
 * The ways a value reaches the node, cycled over the fields: each gives the text or expression
 * set in the form and the value MVMNT must get (a day, or an instant with the offset it must keep).
 */
function inputs(zone) {
	const wall = (n) => DateTime.fromObject({ year: 2026, month: 3, day: 1 + (n % 27), hour: 0 }, { zone });
	return {
		date: [
			// the date picker's wall time: the day picked
			(n) => ({ set: `${wall(n).toISODate()}T00:00:00`, day: wall(n).toISODate() }),
			// text with an offset late in the day: the day as written
			(n) => ({ set: `${wall(n).toISODate()}T23:30:00-05:00`, day: wall(n).toISODate() }),
			// a Luxon DateTime from an expression: its own calendar day
			(n) => ({ set: `={{ DateTime.fromISO('${wall(n).toISODate()}T00:00:00', { zone: '${zone}' }) }}`, day: wall(n).toISODate() }),
			// an epoch number (an instant): its day in the workflow's zone
			(n) => ({ set: `={{ ${wall(n).plus({ hours: 1 }).toMillis()} }}`, day: wall(n).toISODate() }),
		],
		dateTime: [
			// the picker's wall time, read in the workflow's zone
			(n) => ({ set: `${wall(n).toISODate()}T09:30:00`, instant: wall(n).set({ hour: 9, minute: 30 }).toMillis() }),
			// an explicit offset is kept
			(n) => ({
				set: `${wall(n).toISODate()}T09:30:00+09:00`,
				instant: DateTime.fromISO(`${wall(n).toISODate()}T09:30:00+09:00`).toMillis(),
				text: `${wall(n).toISODate()}T09:30:00.000+09:00`,
			}),
			(n) => ({
				set: `={{ DateTime.fromISO('${wall(n).toISODate()}T18:45:00', { zone: '${zone}' }) }}`,
				instant: wall(n).set({ hour: 18, minute: 45 }).toMillis(),
			}),
			(n) => ({ set: `={{ new Date(${wall(n).set({ hour: 7 }).toMillis()}) }}`, instant: wall(n).set({ hour: 7 }).toMillis() }),
		],
	};
}

/** A body's values at catalog paths: replaces every date value with the next input form, remembering what must go out. */
function withDates(op, body, zone, expected, counter) {
	const forms = inputs(zone);
	const visit = (fields, value, where, concrete) => {
		if (value === null || value === undefined) return value;
		const out = Array.isArray(value) ? [...value] : { ...value };
		for (const f of fields ?? []) {
			const keys = Array.isArray(value) ? out.map((_, i) => i) : [f.name];
			for (const k of keys) {
				const v = Array.isArray(value) ? out[k]?.[f.name] : out[k];
				if (v === undefined || v === null) continue;
				const here = where ? `${where}.${f.name}` : f.name;
				const at = Array.isArray(value) ? [...concrete, k, f.name] : [...concrete, f.name];
				let next = v;
				if (f.type === 'date' || f.type === 'dateTime') {
					const n = counter.n++;
					const form = forms[f.type][n % forms[f.type].length](n);
					next = form.set;
					expected.push({ op: op.operationId, field: here, at, kind: f.type, ...form });
				} else if (f.type === 'object' && keyedShapes(f)) {
					// search criteria: each key holds an object of the shape's fields
					const shaped = { ...v };
					for (const shape of keyedShapes(f)) {
						for (const key of shape.keys) {
							if (shaped[key] !== undefined) shaped[key] = visit(shape.fields, shaped[key], `${here}.${key}`, [...at, key]);
						}
					}
					next = shaped;
				} else if (f.type === 'object') next = visit(f.fields, v, here, at);
				else if (f.type === 'objectList' && Array.isArray(v)) next = v.map((e, i) => visit(f.fields, e, here, [...at, i]));
				if (Array.isArray(value)) out[k] = { ...out[k], [f.name]: next };
				else out[k] = next;
			}
		}
		return out;
	};
	const fields = [...(op.body ?? []), ...(op.query ?? [])];
	return visit(fields, body, '', []);
}

/** The plan's update bodies change one field: add every top-level date field, so each is tested. */
function withEveryTopLevelDate(op, body) {
	const out = { ...(body ?? {}) };
	for (const f of op.body ?? []) if ((f.type === 'date' || f.type === 'dateTime') && (out[f.name] === undefined || out[f.name] === null)) out[f.name] = '2026-03-05';
	return body === undefined && Object.keys(out).length === 0 ? body : out;
}

const valueAt = (object, at) => at.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), object);

describe.each(ZONES)('in %s', (zone) => {
	let fake;
	let rig;
	beforeAll(async () => {
		fake = await startFakeMvmnt({ ...CLIENT });
		rig = createRig({ baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, ...CLIENT });
	});
	afterAll(async () => fake.close());

	test('every date field of every operation goes out as the day picked or the instant meant', async () => {
		const expected = [];
		const counter = { n: 0 };
		const wrong = [];
		const covered = new Set();
		const { failures } = await runPass(fake, rig, {
			full: { refMode: 'id' },
			runOptions: { timezone: zone },
			mapBody: (op, body) => (op.kind === 'getAll' ? body : withDates(op, withEveryTopLevelDate(op, body), zone, expected, counter)),
			onSent: (op, sent) => {
				for (const e of expected.filter((x) => x.op === op.operationId && !x.checked)) {
					e.checked = true;
					covered.add(`${e.op} ${e.field}`);
					const inQuery = (op.query ?? []).some((q) => q.name === e.at[0]);
					const got = inQuery ? sent?.query?.[e.at[0]] : valueAt(sent?.body, e.at);
					const ok =
						e.kind === 'date'
							? got === e.day
							: typeof got === 'string' && /(Z|[+-]\d\d:\d\d)$/.test(got) && Date.parse(got) === e.instant && (e.text === undefined || got === e.text);
					if (!ok) wrong.push(`${e.op} ${e.field}: set ${e.set}, sent ${JSON.stringify(got)}, meant ${e.kind === 'date' ? e.day : new Date(e.instant).toISOString()}`);
				}
			},
		});
		expect(failures).toEqual([]);
		expect(fake.violations).toEqual([]);
		expect(wrong).toEqual([]);
		// every date field of the catalog was set and checked
		const missing = [...catalogDateFields()].filter((f) => !covered.has(f));
		expect(missing).toEqual([]);
		const days = expected.filter((e) => e.kind === 'date').length;
		console.log(`dates in ${zone}: ${covered.size} date fields of ${new Set(expected.map((e) => e.op)).size} operations, ${expected.length} values (${days} days, ${expected.length - days} instants), 0 wrong`);
	});

	test('every date condition of every Get Many filter is the instant meant', async () => {
		const wrong = [];
		let conditions = 0;
		for (const op of OPERATIONS.filter((o) => o.kind === 'getAll')) {
			const dateFields = (op.filterFields ?? []).filter((f) => f.kind === 'date' && f.ops.includes('greaterThan'));
			if (!dateFields.length) continue;
			const forms = inputs(zone).dateTime;
			const given = dateFields.map((f, i) => ({ f, form: forms[i % forms.length](i) }));
			const from = fake.stats.requests.length;
			await rig.run(
				{
					resource: op.resource,
					operation: 'getAll',
					limit: 1,
					filterType: 'builder',
					combinator: 'and',
					conditions: { condition: given.map(({ f, form }) => ({ field: filterFieldValue(f), operator: 'greaterThan', dateValue: form.set })) },
				},
				[{}],
				{ timezone: zone },
			);
			const sent = fake.stats.requests.slice(from).find((r) => r.method === op.method && r.path.startsWith('/v1/'));
			const parts = given.length === 1 ? [sent?.body?.filter] : (sent?.body?.filter?.and ?? []);
			given.forEach(({ f, form }, i) => {
				conditions++;
				const got = parts[i]?.[f.name]?.greaterThan;
				const ok = typeof got === 'string' && Date.parse(got) === form.instant && (form.text === undefined || got === form.text);
				if (!ok) wrong.push(`${op.operationId} ${f.name}: set ${form.set}, sent ${JSON.stringify(got)}`);
			});
		}
		expect(wrong).toEqual([]);
		expect(conditions).toBeGreaterThan(40);
		expect(fake.violations).toEqual([]);
		console.log(`filters in ${zone}: ${conditions} date conditions, 0 wrong`);
	});
});
