/*
 * The node's forms as built from the catalog: JSON only where the
 * API's type is free-form, variant-aware carrier forms as n8n's own display
 * rules evaluate them, By Client Key wherever the API takes a key for an ID,
 * and shapes declared once however many operations show them.
 */
const { sizes, olderOnly, CURRENT_LIMIT, OLDER_LIMIT } = require('../../dev/description-budget');
const { NodeHelpers } = require('n8n-workflow');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');

const description = new Mvmnt().description;
const properties = description.properties;

/** Every parameter at any depth, with the top-level parameter it sits in. */
function everyParameter() {
	const out = [];
	const walk = (props, path, top) => {
		for (const p of props) {
			const here = path ? `${path}.${p.name}` : p.name;
			out.push({ p, path: here, top });
			for (const o of Array.isArray(p.options) ? p.options : []) {
				if (o.values) walk(o.values, `${here}.${o.name}`, top);
				else if (o.type) walk([o], here, top);
			}
		}
	};
	for (const p of properties) walk([p], '', p);
	return out;
}

/** The parameters a set of node values shows, by n8n's own display rules. */
function shown(values) {
	return properties.filter((p) => NodeHelpers.displayParameter(values, p, { typeVersion: 1 }, description));
}

// The API fields that are free-form JSON, and why (also listed in the README).
const FREE_FORM = {
	// the raw body toggle's field: the whole request as JSON
	rawJson: 'the whole body, written by hand',
	// Get Many: a filter with nested and/or/not groups, next to the condition builder
	filterJson: 'a filter with nested and/or/not groups',
	// saved search value: a map of column visibility plus values of mixed types
	jsonValue: "a saved search's stored value (free-form map and mixed-type values)",
	// document tags: `additionalProperties: true`
	tags: "a document's tags (any keys)",
	// every nested object or list: the whole value from an expression
	wholeJson: 'the per-object JSON alternative of a form',
};

describe('JSON parameters', () => {
	const json = everyParameter().filter(({ p }) => p.type === 'json');

	test('only free-form API fields (and the per-object alternatives) are JSON', () => {
		expect([...new Set(json.map(({ p }) => p.name))].sort()).toEqual(Object.keys(FREE_FORM).sort());
	});

	test('no required JSON parameter but the raw body and a saved search value', () => {
		const required = json.filter(({ p }) => p.required).map(({ p }) => p.name);
		expect([...new Set(required)].sort()).toEqual(['jsonValue', 'rawJson']);
	});

	test('the catalog types no API field as JSON unless the spec leaves it free-form', () => {
		const jsonFields = [];
		const walk = (fields, where) => {
			for (const f of fields ?? []) {
				if (f.type === 'json') jsonFields.push(`${where}.${f.name}`);
				walk(f.fields, `${where}.${f.name}`);
			}
		};
		for (const op of OPERATIONS) walk([...(op.body ?? []), ...(op.query ?? [])], `${op.resource}:${op.operation}`);
		expect([...new Set(jsonFields.map((f) => f.split('.').pop()))].sort()).toEqual(['jsonValue', 'tags']);
	});

	test('Quote → Create: order, stops, address, freight, equipment are forms', () => {
		const order = shown({ resource: 'quote', operation: 'create', useRawJson: false }).find((p) => p.name === 'order');
		expect(order.type).toBe('collection');
		const stops = order.options.find((o) => o.name === 'stops');
		expect(stops).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true } });
		// the entry's form of the newest node version (earlier versions keep their own Type with its old default)
		const entry = stops.options.find((o) => o.name === 'entries').values.filter((v) => NodeHelpers.displayParameter({}, v, { typeVersion: 1.2 }, description));
		// required fields in the entry itself; optional ones only when added (n8n fills an entry's values with defaults)
		expect(entry.map((v) => v.name)).toEqual(['type', 'additionalFields']);
		expect(entry.find((v) => v.name === 'type').type).toBe('options');
		const stop = entry.find((v) => v.name === 'additionalFields').options;
		expect(stop.map((v) => v.name)).toEqual(expect.arrayContaining(['location', 'address', 'requestedStartDate', 'appointmentRequired']));
		expect(stop.find((v) => v.name === 'location')).toMatchObject({ type: 'resourceLocator' });
		expect(stop.find((v) => v.name === 'location').modes.map((m) => m.name)).toEqual(['list', 'id', 'key']);
		expect(stop.find((v) => v.name === 'address').type).toBe('collection');
		expect(stop.find((v) => v.name === 'requestedStartDate').type).toBe('dateTime');
		expect(order.options.find((o) => o.name === 'freight').type).toBe('collection');
		expect(order.options.find((o) => o.name === 'equipment').type).toBe('fixedCollection');
	});
});

describe('variant-aware carrier forms', () => {
	const carrierCreate = OPERATIONS.find((op) => op.resource === 'carrier' && op.operation === 'create');
	const truckloadOnly = carrierCreate.body.filter((f) => f.variants && !f.variants.includes('AIR')).map((f) => f.name);

	const offered = (type) => {
		const values = { resource: 'carrier', operation: 'create', useRawJson: false, type, additionalFields: {} };
		const top = shown(values);
		const extra = top.find((p) => p.name === 'additionalFields');
		const inCollection = extra.options.filter((o) =>
			NodeHelpers.displayParameterPath(values, o, 'additionalFields', { typeVersion: 1 }, description),
		);
		return [...top.map((p) => p.name), ...inCollection.map((o) => o.name)];
	};

	test('Type AIR offers no field only other carrier types take', () => {
		expect(truckloadOnly.length).toBeGreaterThan(10);
		const air = offered('AIR');
		expect(air.filter((name) => truckloadOnly.includes(name))).toEqual([]);
	});

	test('Type TRUCKLOAD offers its own fields', () => {
		const truckload = offered('TRUCKLOAD');
		const mine = carrierCreate.body.filter((f) => f.variants?.includes('TRUCKLOAD')).map((f) => f.name);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((name) => truckload.includes(name))).toBe(true);
	});
});

describe('references and IDs', () => {
	const modesOf = (values, name) => shown(values).find((p) => p.name === name)?.modes?.map((m) => m.name);

	test.each(['carrier', 'company', 'location', 'vendor', 'carrierContact', 'customerContact', 'locationContact', 'vendorContact', 'carrierFactor', 'carrierPaymentMethod', 'vendorPaymentMethod'])(
		'%s Get, Update and Delete take a client key for the ID',
		(resource) => {
			for (const operation of ['get', 'update', 'delete']) {
				expect(modesOf({ resource, operation, useRawJson: false }, `${resource}Id`)).toContain('key');
			}
		},
	);

	test('references under Additional and Update Fields are locators with By ID and By Client Key', () => {
		const extra = (resource, operation, collection) =>
			shown({ resource, operation, useRawJson: false }).find((p) => p.name === collection).options;
		const paymentTerm = extra('customer', 'create', 'additionalFields').find((o) => o.name === 'paymentTerm');
		expect(paymentTerm.type).toBe('resourceLocator');
		expect(paymentTerm.modes.map((m) => m.name)).toEqual(['list', 'id', 'key']);
		const assignee = extra('quote', 'update', 'updateFields').find((o) => o.name === 'assignee');
		expect(assignee.modes.map((m) => m.name)).toEqual(['list', 'id', 'key']);
		const carrierTerm = extra('carrier', 'create', 'additionalFields').find((o) => o.name === 'paymentTermId');
		expect(carrierTerm.type).toBe('resourceLocator');
	});

	test('nullable fields are cleared only by picking them under Fields to Clear; enums never default to clearing', () => {
		for (const { p } of everyParameter()) {
			// an options parameter starts empty only on purpose: listed by a load-options method (filter
			// fields and values), or a field with nothing chosen until the user picks (n8n told to accept it)
			if (p.type === 'options' && !p.typeOptions?.loadOptionsMethod && p.default === '') expect(p.allowArbitraryValues).toBe(true);
			if (p.type === 'options' && p.default !== '') expect(p.options.map((o) => o.value)).toContain(p.default);
		}
		const customerUpdate = OPERATIONS.find((op) => op.resource === 'customer' && op.operation === 'update');
		const clear = shown({ resource: 'customer', operation: 'update', useRawJson: false })
			.find((p) => p.name === 'updateFields')
			.options.find((o) => o.name === 'fieldsToClear');
		expect(clear.default).toEqual([]);
		expect(clear.options.map((o) => o.value).sort()).toEqual(
			customerUpdate.body.filter((f) => !f.required && f.nullable).map((f) => f.name).sort(),
		);
	});
});

describe('shapes declared once', () => {
	test('an address form is declared far fewer times than operations show one', () => {
		let shownIn = 0;
		const walk = (fields) => {
			for (const f of fields ?? []) {
				if ((f.fields ?? []).some((g) => g.name === 'isSmartyValidated')) shownIn += 1;
				walk(f.fields);
			}
		};
		for (const op of OPERATIONS) walk(op.body);
		// (forms kept for older node versions' saved workflows aside)
		const current = JSON.parse(JSON.stringify(properties), (k, v) => (Array.isArray(v) ? v.filter((p) => !olderOnly(p)) : v));
		const declared = JSON.stringify(current).split('"name":"isSmartyValidated"').length - 1;
		expect(shownIn).toBeGreaterThan(15);
		// (three forms: creates with MVMNT's defaults and required marks, Create or Update with the
		// required marks, updates with neither; each declared once per group of operations showing it)
		expect(declared).toBeLessThanOrEqual(Math.ceil(shownIn * 0.55));
	});

	test('no two parameters of the same name are shown for one operation', () => {
		for (const op of OPERATIONS) {
			for (const raw of [false, true]) {
				const names = shown({ resource: op.resource, operation: op.operation, useRawJson: raw, type: 'TRUCKLOAD' }).map((p) => p.name);
				expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
			}
		}
	});

	test('the description, with every parameter explained: what the newest version shows within 475 KB, the forms kept for older versions within 75 KB', () => {
		const { total, older, current } = sizes(description);
		console.log(`description: ${Math.round(total / 1000)} KB, of which ${Math.round(older / 1000)} KB only for node versions before 1.3`);
		expect(current).toBeLessThanOrEqual(CURRENT_LIMIT);
		expect(older).toBeLessThanOrEqual(OLDER_LIMIT);
	});
});

describe('building bodies from the forms', () => {
	const { useFakeMvmnt, rl, apiRequests } = require('../support/setup');
	const ctx = useFakeMvmnt();
	const address = (city) => ({ line1: '1 Main St', city, country: 'US', market: 'DAL' });
	const stop = (type, extra) => ({ type, additionalFields: extra });
	const twoStops = { entries: [stop('PICKUP', { address: address('Dallas') }), stop('DELIVERY', { address: address('Memphis') })] };

	let customerId;
	beforeAll(async () => {
		const [c] = await ctx.rig.run({ resource: 'customer', operation: 'create', name: 'Forms Co', status: 'ACTIVE', additionalFields: { key: 'FORMS-1' } });
		customerId = c.json.id;
	});

	const createQuote = async (order) => {
		const from = ctx.server.stats.requests.length;
		await ctx.rig.run({ resource: 'quote', operation: 'create', customer: rl(customerId), order });
		return apiRequests(ctx.server, from).find((r) => r.method === 'POST').body;
	};

	test('nested forms: stops, address, freight, a list of references by client key', async () => {
		const body = await createQuote({
			mode: 'TL',
			stops: twoStops,
			// Stackable on is MVMNT's default: shown, and sent only when changed
			freight: { weight: 1200, hazmat: true, stackable: true },
			equipment: { entries: [{ reference: rl('DRY_VAN', 'key') }, { reference: rl('1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b') }] },
		});
		expect(body.order).toEqual({
			mode: 'TL',
			stops: [
				{ type: 'PICKUP', address: address('Dallas') },
				{ type: 'DELIVERY', address: address('Memphis') },
			],
			freight: { weight: 1200, hazmat: true },
			equipment: [{ key: 'DRY_VAN' }, { id: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b' }],
		});
	});

	test('a whole object or a list of objects as JSON, for expressions', async () => {
		const whole = { mode: 'TL', stops: [{ type: 'PICKUP', address: address('A') }, { type: 'DELIVERY', address: address('B') }] };
		expect((await createQuote({ wholeJson: JSON.stringify(whole) })).order).toEqual(whole);
		const listed = await createQuote({ mode: 'TL', stops: { json: [{ wholeJson: JSON.stringify(whole.stops) }] } });
		expect(listed.order.stops).toEqual(whole.stops);
	});

	test('clear, specific errors for what the forms cannot send', async () => {
		await expect(createQuote({ mode: 'TL', stops: { entries: [stop('PICKUP', { address: address('A') })] } })).rejects.toThrow(
			'Order › Stops needs at least 2 entries, got 1',
		);
		await expect(
			createQuote({ mode: 'TL', stops: { entries: [stop('PICKUP', { address: { line1: 'x', country: 'US', market: 'DAL' } }), stop('DELIVERY', {})] } }),
		).rejects.toThrow('Order › Stop 1 › Address › City is required');
		await expect(createQuote({ mode: 'TL', stops: { ...twoStops, json: [{ wholeJson: '[]' }] } })).rejects.toThrow(
			'Order › Stops: add entries with the form or as JSON, not both',
		);
		await expect(createQuote({ mode: 'TL', stops: twoStops, equipment: { entries: [{ reference: rl('') }] } })).rejects.toThrow(
			'Order › Equipment 1 is empty: fill it in or remove it',
		);
		await expect(createQuote({ mode: 'TL', wholeJson: '{}' })).rejects.toThrow('Order: set its fields or All Fields as JSON, not both');
		await expect(createQuote({ wholeJson: '[1, 2]' })).rejects.toThrow('Order must be a JSON object');
		await expect(
			createQuote({ mode: 'TL', stops: { entries: [stop('PICKUP', { requestedStartDate: 'next tuesday-ish' }), stop('DELIVERY', {})] } }),
		).rejects.toThrow('Order › Stop 1 › Start Date is not a valid date: "next tuesday-ish"');
	});

	test('a carrier field of another type: hidden by the form, refused in a raw JSON body', async () => {
		const create = OPERATIONS.find((op) => op.resource === 'carrier' && op.operation === 'create');
		const truckloadOnly = create.body.find((f) => f.variants && !f.variants.includes('AIR') && f.type === 'number');
		const from = ctx.server.stats.requests.length;
		// n8n drops a field its display rules hide: an AIR carrier never sends it
		await ctx.rig.run({ resource: 'carrier', operation: 'create', name: 'Air Co', type: 'AIR', additionalFields: { [truckloadOnly.name]: 3 } });
		expect(apiRequests(ctx.server, from).find((r) => r.method === 'POST').body).toEqual({ name: 'Air Co', type: 'AIR' });
		await expect(
			ctx.rig.run({
				resource: 'carrier',
				operation: 'create',
				useRawJson: true,
				rawJson: JSON.stringify({ name: 'Air Co', type: 'AIR', [truckloadOnly.name]: 3 }),
			}),
		).rejects.toThrow(/only applies when Type is/);
	});
});
