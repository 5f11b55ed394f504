/*
 * Nothing is sent that the user did not set. For every operation, each optional field is added
 * the way n8n's editor adds it (its default, untouched): Additional Fields, Update Fields, the
 * fields of optional nested objects, and optional query parameters; record pickers left empty in
 * each of their modes (From List, By ID, By Key). None of them may reach MVMNT. Then each optional
 * dropdown, number and yes/no field is set, and exactly the value set goes out (a value equal to
 * MVMNT's documented default is left to MVMNT on creates). Node version 1.2, the newest.
 */
const { NodeHelpers } = require('n8n-workflow');
const { startFakeMvmnt } = require('../../dev/fake-mvmnt');
const { createRig } = require('../../dev/rig');
const { CLIENT } = require('../support/setup');
const { runPass } = require('../support/plan');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { EXACT_VALUES_SINCE, isGroupField } = require('../../dist/nodes/Mvmnt/fields/index.js');

jest.setTimeout(600000);

const description = new Mvmnt().description;
const VERSION = Math.max(...description.version);

/** The parameters n8n shows for an operation in the newest node version. */
function shownFor(op, values = {}) {
	const node = { typeVersion: VERSION, parameters: {} };
	return description.properties.filter((p) => NodeHelpers.displayParameter({ resource: op.resource, operation: op.operation, useRawJson: false, ...values }, p, node, description));
}

/** What the editor puts in a collection when the user clicks Add Field and picks the option (its default). */
function asAdded(option, pickerMode) {
	if (option.type === 'resourceLocator') {
		// a picker added to a collection holds its bare default; By ID and By Key as after switching mode
		const mode = option.modes.some((m) => m.name === pickerMode) ? pickerMode : option.default.mode;
		return pickerMode === 'id' ? { __rl: true, mode, value: '' } : { mode, value: '' };
	}
	return JSON.parse(JSON.stringify(option.default));
}

/** Adds every optional field of the operation, untouched; returns the parameters and the API names that must not be sent. */
function withEveryOptionalUnset(op, params, pickerMode) {
	const out = { ...params };
	const unset = [];
	const isUpdate = op.kind === 'update';
	const collection = shownFor(op).find((p) => p.name === (isUpdate ? 'updateFields' : 'additionalFields'));
	const set = (out[collection?.name] = { ...(out[collection?.name] ?? {}) });
	for (const option of collection?.options ?? []) {
		if (option.name === 'fieldsToClear' || set[option.name] !== undefined) continue;
		set[option.name] = asAdded(option, pickerMode);
		unset.push(option.name);
	}
	// optional nested objects: every field of the object added, none set
	for (const field of (op.body ?? []).filter((f) => !f.required && f.type === 'object' && isGroupField(f))) {
		if (out[field.name] !== undefined) continue;
		const prop = shownFor(op).find((p) => p.name === field.name);
		if (prop?.type !== 'collection') continue;
		out[field.name] = Object.fromEntries(prop.options.filter((o) => o.name !== 'wholeJson').map((o) => [o.name, asAdded(o, pickerMode)]));
		unset.push(field.name);
	}
	return { params: out, unset };
}

/** A value to set for an optional dropdown, number or yes/no field: never MVMNT's default, within its bounds. */
function valueFor(field) {
	if (field.type === 'options') return field.options.find((o) => o !== field.default);
	if (field.type === 'boolean') return field.default === undefined ? false : !field.default;
	if (field.type === 'number') return field.max !== undefined && field.max < 3 ? field.max : Math.max(field.min ?? 0, 3);
	return undefined;
}

// the plan creates its records as it goes: a fresh MVMNT for each pass
let fake;
let rig;
beforeEach(async () => {
	fake = await startFakeMvmnt({ ...CLIENT });
	rig = createRig({ baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, ...CLIENT });
});
afterEach(async () => fake.close());

test.each(['list', 'id', 'key'])('every optional field added but not set sends nothing (record pickers left empty: %s mode)', async (pickerMode) => {
	const sentUnset = [];
	let added = 0;
	let operations = 0;
	const unsetOf = new Map();
	const { failures } = await runPass(fake, rig, {
		runOptions: { typeVersion: VERSION },
		mapParams: (op, params) => {
			if (op.kind === 'getAll' || !op.body?.length) return params;
			const { params: out, unset } = withEveryOptionalUnset(op, params, pickerMode);
			unsetOf.set(op.operationId, unset);
			return out;
		},
		onSent: (op, sent, body) => {
			const unset = unsetOf.get(op.operationId) ?? [];
			if (!sent) return;
			operations++;
			added += unset.length;
			for (const name of unset) if (sent.body?.[name] !== undefined && body?.[name] === undefined) sentUnset.push(`${op.operationId} ${name}=${JSON.stringify(sent.body[name])}`);
			// optional query parameters start empty (or at MVMNT's default) and are not sent either
			for (const q of op.query ?? []) if (!q.required && sent.query?.[q.name] !== undefined) sentUnset.push(`${op.operationId} ?${q.name}=${sent.query[q.name]}`);
		},
	});
	expect(failures).toEqual([]);
	expect(fake.violations).toEqual([]);
	expect(sentUnset).toEqual([]);
	expect(added).toBeGreaterThan(500);
	console.log(`${pickerMode}: ${added} optional fields added unset over ${operations} operations, 0 sent`);
});

test('each optional dropdown, number and yes/no field sends exactly the value set', async () => {
	const wrong = [];
	let checked = 0;
	const expectedOf = new Map();
	const { failures } = await runPass(fake, rig, {
		runOptions: { typeVersion: VERSION },
		mapBody: (op, body) => {
			if (op.kind === 'getAll' || !op.body?.length) return body;
			const out = { ...(body ?? {}) };
			const expected = {};
			for (const f of op.body.filter((x) => !x.required && !isGroupField(x) && ['options', 'boolean', 'number'].includes(x.type))) {
				if (out[f.name] !== undefined || f.variants) continue;
				const v = valueFor(f);
				if (v === undefined) continue;
				out[f.name] = v;
				expected[f.name] = v;
			}
			expectedOf.set(op.operationId, expected);
			return out;
		},
		onSent: (op, sent) => {
			for (const [name, v] of Object.entries(expectedOf.get(op.operationId) ?? {})) {
				checked++;
				if (sent?.body?.[name] !== v) wrong.push(`${op.operationId} ${name}: set ${JSON.stringify(v)}, sent ${JSON.stringify(sent?.body?.[name])}`);
			}
		},
	});
	expect(failures).toEqual([]);
	expect(wrong).toEqual([]);
	expect(checked).toBeGreaterThan(90);
	console.log(`${checked} dropdown, number and yes/no values set, each sent as set`);
});

test('MVMNT defaults are shown and sent only when changed on creates; updates start empty', async () => {
	expect(VERSION).toBeGreaterThanOrEqual(EXACT_VALUES_SINCE);
	const stackable = (op) => {
		const freight = shownFor(op).find((p) => p.name === 'order')?.options.find((o) => o.name === 'freight');
		return freight?.options.find((o) => o.name === 'stackable');
	};
	// Quote → Create: Stackable shows MVMNT's default (on)
	expect(stackable({ resource: 'quote', operation: 'create' })).toMatchObject({ type: 'boolean', default: true });
	// Customer → Create: Currency and Annual Spend start empty, nothing preselected
	const customer = shownFor({ resource: 'customer', operation: 'create' }).find((p) => p.name === 'additionalFields').options;
	for (const name of ['currency', 'annualSpend', 'numberOfEmployees', 'creditLimit']) {
		const o = customer.find((x) => x.name === name);
		if (o) expect(o.default).toBe('');
	}
	// Bill → Create: Entity Type must be chosen, and says what it can be
	const entityType = shownFor({ resource: 'bill', operation: 'create' }).find((p) => p.name === 'entityType');
	expect(entityType).toMatchObject({ default: '', required: true, placeholder: 'Choose one: Carrier or Vendor' });
	await expect(
		rig.run({ resource: 'bill', operation: 'create', entityId: 'x', amount: 1, invoiceDate: '2026-03-02' }, [{}], { typeVersion: VERSION }),
	).rejects.toThrow(/Entity Type is required/);
});

test.each([1, 1.1])('saved workflows of node version %s run as they did: untouched fields keep the value they preselected', async (typeVersion) => {
	// n8n saves only values that differ from the default: a saved Bill → Create whose Entity Type was
	// left at its first option holds no entityType, and an Aging Report no query values at all
	const customer = (await rig.run({ resource: 'customer', operation: 'create', name: 'Saved', status: 'ACTIVE' }, [{}], { typeVersion: 1.2 }))[0].json;
	const carrier = (await rig.run({ resource: 'carrier', operation: 'create', name: 'Saved Carrier', type: 'TRUCKLOAD' }, [{}], { typeVersion: 1.2 }))[0].json;
	const from = fake.stats.requests.length;
	await rig.run({ resource: 'bill', operation: 'create', entityId: carrier.id, amount: 10, invoiceDate: '2026-03-02' }, [{}], { typeVersion });
	const bill = fake.stats.requests.slice(from).find((r) => r.method === 'POST' && r.path === '/v1/bills');
	expect(bill.body.entityType).toBe('CARRIER');
	const before = fake.stats.requests.length;
	await rig.run({ resource: 'bill', operation: 'getAgingReport', format: 'application/json' }, [{}], { typeVersion });
	const report = fake.stats.requests.slice(before).find((r) => r.path.startsWith('/v1/bills/aging-report'));
	expect(report.query).toMatchObject({ entityType: 'CARRIER', daysPerBucket: '0', maxDays: '0' });
	// the same saved parameters in version 1.2: nothing preselected, the required choice is asked for
	await expect(
		rig.run({ resource: 'bill', operation: 'create', entityId: carrier.id, amount: 10, invoiceDate: '2026-03-02' }, [{}], { typeVersion: 1.2 }),
	).rejects.toThrow(/Entity Type is required/);
	const after = fake.stats.requests.length;
	await rig.run({ resource: 'bill', operation: 'getAgingReport', format: 'application/json' }, [{}], { typeVersion: 1.2 });
	expect(fake.stats.requests.slice(after).find((r) => r.path.startsWith('/v1/bills/aging-report')).query).toEqual({});
	expect(customer.id).toBeDefined();
});
