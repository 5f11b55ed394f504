/*
 * Fields of catalog type `date` take a day: n8n's picker without a time (`typeOptions.dateOnly`,
 * which the editors of n8n 1.123 and 2.x honour), a label and a description that say so, and the
 * day sent whatever form the value comes in — the picker's "2026-03-02" or the
 * "2026-03-02T00:00:00" an older editor (or a saved workflow) holds. Every `date` field of the
 * catalog, at any depth; no `dateTime` field loses its time.
 */
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { fieldProperty, normalizeDate } = require('../../dist/nodes/Mvmnt/fields/index.js');
const { useFakeMvmnt, apiRequests } = require('../support/setup');

const description = new Mvmnt().description;
const VERSION = Math.max(...[].concat(description.version));

/** Every date or date-time field of the catalog, with where it sits. */
function dateFields() {
	const out = [];
	const walk = (fields, op, parent, where) => {
		for (const f of fields ?? []) {
			const place = { resource: op.resource, ...(parent ? { parent } : {}), update: op.kind === 'update' };
			if (f.type === 'date' || f.type === 'dateTime') out.push({ field: f, place, where: `${where}.${f.name}` });
			walk(f.fields, op, f.name, `${where}.${f.name}`);
		}
	};
	for (const op of OPERATIONS) {
		const where = `${op.resource}:${op.operation}`;
		walk(op.body, op, undefined, where);
		walk(op.query, op, undefined, `${where}?`);
		walk(op.pathParams, op, undefined, `${where}/`);
	}
	return out;
}

/** Every parameter of the built node at any depth. */
function everyParameter(props = description.properties) {
	const out = [];
	for (const p of props) {
		out.push(p);
		for (const o of Array.isArray(p.options) ? p.options : []) {
			if (o.values) out.push(...everyParameter(o.values));
			else if (o.type) out.push(...everyParameter([o]));
		}
	}
	return out;
}

const all = dateFields();
const days = all.filter(({ field }) => field.type === 'date');
const instants = all.filter(({ field }) => field.type === 'dateTime');

test('the catalog has date fields at the top, in lists and in search criteria', () => {
	expect(days.length).toBeGreaterThan(20);
	expect(days.map(({ where }) => where)).toEqual(
		expect.arrayContaining(['bill:create.invoiceDate', 'quote:create.order.stops.requestedStartDate', 'customer:search.criteria.nextFollowUp.min']),
	);
});

test.each(days.map((d) => [d.where, d]))('%s takes a day: a picker without a time, labelled and described so', (_where, { field, place }) => {
	const p = fieldProperty(field, place);
	expect(p.type).toBe('dateTime');
	expect(p.typeOptions).toMatchObject({ dateOnly: true });
	expect(p.placeholder).toMatch(/^e\.g\. \d{4}-\d{2}-\d{2}$/);
	expect(p.displayName).toMatch(/\b(Date|Day)\b/);
	expect(p.description).toMatch(/\bday\b/i);
	expect(p.description).toMatch(/YYYY-MM-DD/);
	expect(p.description).toMatch(/without a time/);
	expect(p.description).not.toMatch(/\b(date and time|offset|HH:mm)\b/i);
});

test.each(instants.map((d) => [d.where, d]))('%s keeps its time', (_where, { field, place }) => {
	const p = fieldProperty(field, place);
	expect(p.type).toBe('dateTime');
	expect(p.typeOptions?.dateOnly).toBeUndefined();
});

test('in the built node, every parameter of a day-only field has the day picker, and no other has', () => {
	const dayOnlyNames = new Set(days.map(({ field }) => field.name));
	const timeNames = new Set(instants.map(({ field }) => field.name));
	const pickers = everyParameter().filter((p) => p.type === 'dateTime');
	// names that are a day everywhere (min, max and value are days in some criteria, instants in others)
	const alwaysDay = pickers.filter((p) => dayOnlyNames.has(p.name) && !timeNames.has(p.name));
	expect(alwaysDay.length).toBeGreaterThan(20);
	expect(alwaysDay.filter((p) => p.typeOptions?.dateOnly !== true).map((p) => p.name)).toEqual([]);
	const neverDay = pickers.filter((p) => !dayOnlyNames.has(p.name));
	expect(neverDay.length).toBeGreaterThan(5);
	expect(neverDay.filter((p) => p.typeOptions?.dateOnly).map((p) => p.name)).toEqual([]);
	// a stop's Start Date next to its Start Time: a day, and the time in its own field
	const stopStart = pickers.find((p) => p.name === 'requestedStartDate');
	expect(stopStart).toMatchObject({ displayName: 'Start Date', typeOptions: { dateOnly: true } });
	expect(stopStart.description).toMatch(/Start Time/);
});

test.each([
	['the day picker', '2026-03-02'],
	['a time picker (older n8n) or a saved workflow', '2026-03-02T00:00:00'],
	['a late time in a zone ahead of UTC', '2026-03-02T23:30:00'],
	['an ISO instant with an offset', '2026-03-02T00:30:00+09:00'],
])('a value from %s is sent as the day picked', (_from, value) => {
	const field = days.find(({ field: f }) => f.name === 'requestedStartDate').field;
	for (const timeZone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) expect(normalizeDate(value, field, timeZone)).toBe('2026-03-02');
});

describe('a day reaches MVMNT as the day picked', () => {
	const ctx = useFakeMvmnt();
	test.each(['2026-03-02', '2026-03-02T00:00:00'])('Credit Memo → Create with Memo Date %s', async (memoDate) => {
		const customer = (await ctx.rig.run({ resource: 'customer', operation: 'create', name: 'Day Customer', status: 'ACTIVE' }, [{}], { typeVersion: VERSION }))[0].json;
		const from = ctx.server.stats.requests.length;
		await ctx.rig.run(
			{ resource: 'creditMemo', operation: 'create', customerId: customer.id, amount: 10, currency: 'USD', memoDate },
			[{}],
			{ typeVersion: VERSION, timezone: 'Asia/Tokyo' },
		);
		const sent = apiRequests(ctx.server, from).find((r) => r.method === 'POST' && r.path === '/v1/credit-memos');
		expect(sent.body.memoDate).toBe('2026-03-02');
	});
});
