/*
 * Over the built node: every parameter and operation explained,
 * filters that offer exactly the API's operators with typed values, readable
 * labels, the record picker's search, Simplify, and a lean description.
 */
const { NodeHelpers } = require('n8n-workflow');
const { useFakeMvmnt, rl } = require('../support/setup');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { MvmntPollingTrigger } = require('../../dist/nodes/MvmntPollingTrigger/MvmntPollingTrigger.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { ACRONYMS, SIMPLE_FIELDS } = require('../../dist/nodes/foundation/catalog/descriptions.js');
const { fieldDescription } = require('../../dist/nodes/foundation/labels.js');
const { filterInput } = require('../../dist/nodes/foundation/filter/operators.js');

const description = new Mvmnt().description;
const properties = description.properties;

/** Every parameter at any depth (collection options, fixedCollection values, keyed groups). */
function everyParameter(of = properties) {
	const out = [];
	const walk = (props, path) => {
		for (const p of props) {
			const here = path ? `${path}.${p.name}` : p.name;
			out.push({ p, path: here });
			for (const o of Array.isArray(p.options) ? p.options : []) {
				if (o.values) walk(o.values, `${here}.${o.name}`);
				else if (o.type) walk([o], here);
			}
		}
	};
	walk(of, '');
	return out;
}

/** Every option label of every dropdown, with the parameter it belongs to. */
function everyOption() {
	return everyParameter().flatMap(({ p, path }) =>
		['options', 'multiOptions'].includes(p.type) && p.options ? p.options.map((o) => ({ label: o.name, value: o.value, path })) : [],
	);
}

const ctx = useFakeMvmnt();
const getAlls = OPERATIONS.filter((op) => op.kind === 'getAll');
const conditionValues = properties.find((p) => p.name === 'conditions').options[0].values;

describe('every field explained', () => {
	test('no parameter, at any depth, lacks a description', () => {
		const all = everyParameter();
		expect(all.length).toBeGreaterThan(1400);
		expect(all.filter(({ p }) => !p.description?.trim()).map(({ path }) => path)).toEqual([]);
	});

	test('the polling trigger too: no parameter, at any depth, lacks a description', () => {
		const all = everyParameter(new MvmntPollingTrigger().description.properties);
		expect(all.length).toBeGreaterThan(40);
		expect(all.filter(({ p }) => !p.description?.trim()).map(({ path }) => path)).toEqual([]);
	});

	test('every operation has a description, none shared with another operation, none merely its name', () => {
		const ops = properties.filter((p) => p.name === 'operation').flatMap((p) => p.options);
		expect(ops).toHaveLength(OPERATIONS.length);
		expect(ops.filter((o) => !o.description?.trim()).map((o) => o.value)).toEqual([]);
		const texts = ops.map((o) => o.description);
		expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
		expect(ops.filter((o) => o.description.toLowerCase() === o.name.toLowerCase())).toEqual([]);
	});

	test('descriptions follow the field: per-resource overrides, shared otherwise', () => {
		const texts = new Set(everyParameter().map(({ p }) => p.description));
		const bill = fieldDescription('reference', { resource: 'bill' });
		const payment = fieldDescription('reference', { resource: 'payment' });
		expect(bill).toMatch(/carrier's or vendor's invoice number/);
		expect(payment).toMatch(/check or invoice number/);
		expect(texts).toContain(bill);
		expect(texts).toContain(payment);
		expect(fieldDescription('type', { parent: 'stops' })).toMatch(/picked up or delivered/);
		expect(fieldDescription('amount', { resource: 'quote' })).not.toBe(fieldDescription('amount', { resource: 'creditMemo' }));
	});
});

describe('typed filter builder', () => {
	const fieldsOf = (op) => ctx.rig.loadOptions('getFilterFields', { resource: op.resource, operation: op.operation, filterType: 'builder' }, 'conditions.condition[0].field');
	const shownIn = (condition) => conditionValues.filter((p) => NodeHelpers.displayParameter(condition, p, { typeVersion: 1.1 }, description));

	test('for every Get Many, each field offers exactly the operators the API takes for it, and one value input of its type', async () => {
		let checked = 0;
		for (const op of getAlls) {
			const offered = await fieldsOf(op);
			expect(offered.map((o) => o.value.split('|')[1]).sort()).toEqual(op.filterFields.map((f) => f.name).sort());
			for (const { value } of offered) {
				const field = op.filterFields.find((f) => f.name === value.split('|')[1]);
				const operators = shownIn({ field: value }).filter((p) => p.name === 'operator');
				expect(operators).toHaveLength(1);
				expect(operators[0].options.map((o) => o.value).sort()).toEqual([...field.ops].sort());
				for (const operator of field.ops) {
					const inputs = shownIn({ field: value, operator }).filter((p) => !['field', 'operator'].includes(p.name));
					expect(inputs.map((p) => p.name)).toEqual([filterInput(field, operator)]);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});

	test('value inputs follow the type: enum dropdown from the catalog, date picker, number, boolean, comma list for In', () => {
		const type = (input) => [...new Set(conditionValues.filter((p) => p.name === input).map((p) => p.type))];
		expect(type('enumValue')).toEqual(['options']);
		expect(type('enumValues')).toEqual(['multiOptions']);
		expect(type('dateValue')).toEqual(['dateTime']);
		expect(type('numberValue')).toEqual(['number']);
		expect(type('booleanValue')).toEqual(['boolean']);
		expect(type('value')).toEqual(['string']);
		expect(conditionValues.find((p) => p.name === 'enumValue').typeOptions).toMatchObject({ loadOptionsMethod: 'getFilterValues' });
	});

	test('a status filter picked from the dropdown lists only matching customers; errors name what the user saw', async () => {
		const { rig, server } = ctx;
		const statusField = (await fieldsOf(getAlls.find((o) => o.resource === 'customer'))).find((o) => o.name === 'Status');
		const requests = server.stats.requests.length;
		const values = await rig.loadOptions(
			'getFilterValues',
			{ resource: 'customer', operation: 'getAll', filterType: 'builder', conditions: { condition: [{ field: statusField.value }] } },
			'conditions.condition[0].enumValue',
		);
		expect(server.stats.requests.length).toBe(requests); // the values come from the catalog
		expect(values).toContainEqual({ name: 'Inactive', value: 'INACTIVE' });
		for (const [name, status] of [['Filter Active', 'ACTIVE'], ['Filter Inactive', 'INACTIVE']]) {
			await rig.run({ resource: 'customer', operation: 'create', name, status });
		}
		const run = (condition) =>
			rig.run({ resource: 'customer', operation: 'getAll', returnAll: true, filterType: 'builder', conditions: { condition: [condition] } });
		const inactive = await run({ field: statusField.value, operator: 'equalTo', enumValue: 'INACTIVE' });
		expect(inactive.length).toBeGreaterThan(0);
		expect(inactive.every((i) => i.json.status === 'INACTIVE')).toBe(true);
		// a bare API name with a label typed by hand (or by an AI agent) works as well as the dropdown
		const typed = await run({ field: 'status', operator: 'in', value: 'Inactive' });
		expect(typed.map((i) => i.json.id).sort()).toEqual(inactive.map((i) => i.json.id).sort());
		await expect(run({ field: statusField.value, operator: 'equalTo', enumValue: 'Sleeping' })).rejects.toThrow(
			/Condition 1: Filter on Status can't be "Sleeping" for Customer records: use one of .*Active.*Inactive/,
		);
		await expect(run({ field: statusField.value, operator: 'lessThan', enumValue: 'ACTIVE' })).rejects.toThrow(
			/Filter on Status can't use "Less Than"; it supports Equal To, Not Equal To, In, Not In/,
		);
	});
});

describe('labels', () => {
	const allowed = new Set(Object.values(ACRONYMS));

	test('no option label shouts: all-caps words are listed acronyms only', () => {
		const shouting = everyOption().filter(({ label }) =>
			(label.match(/[A-Za-z]+/g) ?? []).some((w) => w.length >= 2 && w === w.toUpperCase() && !allowed.has(w)),
		);
		expect(shouting.map(({ label, path }) => `${path}: ${label}`)).toEqual([]);
	});

	test('enum labels read naturally; ranges are sorted by magnitude', () => {
		const labels = new Map(everyOption().map(({ value, label }) => [value, label]));
		expect(labels.get('BILL_OF_LADING')).toBe('Bill of Lading');
		expect(labels.get('RATE_CON')).toBe('Rate Confirmation');
		expect(labels.get('AIR')).toBe('Air');
		expect(labels.get('SHIPMENT_IN_TRANSIT')).toBe('Shipment In Transit');
		expect(labels.get('_0_TO_500K')).toBe('0 to 500K');
		const ranges = everyParameter().filter(({ p }) => p.options?.length > 2 && p.options.every((o) => /^_\d/.test(o.value)));
		expect(ranges.length).toBeGreaterThan(2);
		// a bare lower bound is in the upper bound's unit: _25_TO_150K is 25K to 150K, _1_TO_5M is 1M to 5M
		const size = (v) => {
			const [, n, unit, high, highUnit] = /^_(\d+)([KM]?)(?:_TO_(\d+)([KM]?))?/.exec(v);
			const u = unit || (high !== undefined && Number(n) > 0 && Number(n) <= Number(high) ? highUnit : '');
			return Number(n) * ({ K: 1e3, M: 1e6 }[u] ?? 1);
		};
		for (const { p } of ranges) {
			const sizes = p.options.map((o) => size(o.value));
			expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
			expect(p.options.every((o) => o.name === o.name.trim())).toBe(true);
		}
	});

	test('field labels keep acronyms and use title case with small words lower', () => {
		const labels = new Set(everyParameter().map(({ p }) => p.displayName));
		for (const label of ['DBA Name', 'FF Number', 'MX Number', 'MC Number', 'DOT Number', 'SCAC', 'In FMCSA', 'Driver OOS %', 'Line 1', 'Number of Employees']) {
			expect(labels).toContain(label);
		}
		for (const bad of ['Dba Name', 'Ff Number', 'Mx Number', 'In Fmcsa', 'Line1', 'Number Of Employees']) {
			expect(labels).not.toContain(bad);
		}
	});

	test('money has 2 decimals; the key mode is named By Key and says it is your client key', () => {
		const amount = everyParameter().filter(({ p }) => p.name === 'amount' && p.type === 'number');
		expect(amount.length).toBeGreaterThan(0);
		expect(amount.every(({ p }) => p.typeOptions.numberPrecision === 2)).toBe(true);
		const modes = everyParameter().flatMap(({ p }) => p.modes ?? []).filter((m) => m.name === 'key');
		expect(modes.length).toBeGreaterThan(0);
		expect(modes.every((m) => m.displayName === 'By Key' && /client key/.test(m.hint))).toBe(true);
	});

	test('the canvas subtitle shows display names', () => {
		const expression = description.subtitle.replace(/^=\{\{|\}\}$/g, '');
		const evaluate = new Function('$parameter', `return ${expression};`);
		expect(evaluate({ resource: 'customer', operation: 'getAll' })).toBe('Get Many: Customer');
		expect(evaluate({ resource: 'carrierPaymentMethod', operation: 'get' })).toBe('Get: Carrier Payment Method');
	});

	test('Send Raw JSON Body comes after the required fields', () => {
		const shown = properties.filter((p) =>
			NodeHelpers.displayParameter({ resource: 'customer', operation: 'create', useRawJson: false }, p, { typeVersion: 1.1 }, description),
		);
		const names = shown.map((p) => p.name);
		expect(names.indexOf('useRawJson')).toBeGreaterThan(names.indexOf('name'));
		expect(names.indexOf('useRawJson')).toBeGreaterThan(names.indexOf('status'));
	});
});

describe('record picker', () => {

	test('search finds a customer by name, friendly ID and client key; entries show the friendly ID, status and key', async () => {
		const { rig } = ctx;
		const [created] = await rig.run({ resource: 'customer', operation: 'create', name: 'Picker Freight', status: 'INACTIVE', additionalFields: { key: 'ERP-PICK-7' } });
		const customer = created.json;
		expect(customer.friendlyId).toMatch(/^CUS-/);
		const search = (text) => rig.listSearch('searchCustomer', { resource: 'customer', operation: 'get' }, text);
		for (const text of ['Picker Fre', customer.friendlyId, 'ERP-PICK-7']) {
			const { results } = await search(text);
			expect(results.map((r) => r.value)).toContain(customer.id);
		}
		const { results } = await search(customer.friendlyId);
		expect(results.find((r) => r.value === customer.id).name).toBe(`Picker Freight (${customer.friendlyId}, Inactive, key ERP-PICK-7)`);
		expect((await search('no such customer anywhere')).results).toEqual([]);
	});
});

describe('Simplify', () => {

	test('on (new nodes): Get Many customers gives compact items of at most 15 fields; off and version 1: the full record', async () => {
		const { rig } = ctx;
		await rig.run({
			resource: 'customer',
			operation: 'create',
			name: 'Simple Co',
			status: 'ACTIVE',
			additionalFields: {
				key: 'ERP-SIMPLE',
				website: 'https://simple.example',
				creditLimit: 1000,
				naics: '484121',
				leadSource: 'Referral',
				ein: '12-3456789',
				duns: '123456789',
				dbaName: 'Simple',
				externalId: 'EXT-1',
				defaultMargin: 12,
				phoneNumber: '+1 312 555 0100',
			},
		});
		const params = { resource: 'customer', operation: 'getAll', returnAll: true };
		const simple = await rig.run(params, [{}], { typeVersion: 1.1 });
		expect(simple.length).toBeGreaterThan(0);
		for (const item of simple) {
			expect(Object.keys(item.json).length).toBeLessThanOrEqual(15);
			expect(Object.keys(item.json).every((k) => SIMPLE_FIELDS.customer.includes(k))).toBe(true);
		}
		const full = await rig.run({ ...params, simplify: false }, [{}], { typeVersion: 1.1 });
		const v1 = await rig.run(params);
		const mine = (items) => items.find((i) => i.json.key === 'ERP-SIMPLE').json;
		expect(Object.keys(mine(full)).length).toBeGreaterThan(15);
		expect(mine(v1)).toEqual(mine(full));
		expect(mine(simple)).toMatchObject({ key: 'ERP-SIMPLE', name: 'Simple Co', status: 'ACTIVE', creditLimit: 1000 });
		expect(mine(simple)).not.toHaveProperty('naics');
	});

	test('Get and Search simplify too; references keep what names them', async () => {
		const { rig } = ctx;
		const [customer] = await rig.run({ resource: 'customer', operation: 'create', name: 'Ref Co', status: 'ACTIVE' });
		const [quote] = await rig.run(
			{ resource: 'quote', operation: 'get', quoteId: rl('missing') },
			[{}],
			{ typeVersion: 1.1, continueOnFail: true },
		);
		expect(quote.json.error).toBeTruthy();
		const [got] = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(customer.json.id) }, [{}], { typeVersion: 1.1 });
		expect(Object.keys(got.json).length).toBeLessThanOrEqual(15);
		expect(got.json.id).toBe(customer.json.id);
		const simplifies = properties.filter((p) => p.name === 'simplify');
		const ops = simplifies.flatMap((p) => p.displayOptions.show.resource.flatMap((r) => p.displayOptions.show.operation.map((o) => `${r}:${o}`)));
		for (const op of OPERATIONS.filter((o) => ['get', 'getAll', 'search'].includes(o.kind))) expect(ops).toContain(`${op.resource}:${op.operation}`);
		expect(simplifies.every((p) => p.default === true)).toBe(true);
	});
});

describe('errors', () => {

	test("n8n's Custom API Call gets a clear message pointing to the HTTP Request node", async () => {
		await expect(ctx.rig.run({ resource: '__CUSTOM_API_CALL__' })).rejects.toMatchObject({
			message: 'The MVMNT node has no Custom API Call',
			description: expect.stringMatching(/HTTP Request node.*MVMNT OAuth2 API/),
		});
	});
});
