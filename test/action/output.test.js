/*
 * Output (node version 1.4 on): Simplified (default), Raw or Selected Fields, on reads and writes
 * alike, through the node's real execute() against the fake MVMNT server; older node versions keep
 * what they did (Simplify on reads from 1.1, full records before). Also measures the bytes of a
 * simplified record against the raw one for the record types the MCP example's tools return.
 */
const { useFakeMvmnt, rl, apiRequests, CLIENT } = require('../support/setup');
const { createClient } = require('../../dev/fake-mvmnt/client');
const { seedDemoData } = require('../../dev/fake-mvmnt/demo-data');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { SIMPLE_FIELDS, DEFAULT_SIMPLE } = require('../../dist/nodes/foundation/catalog/descriptions.js');

const ctx = useFakeMvmnt();
const V = 1.4;
const run = (params, items = [{}], options = {}) => ctx.rig.run(params, items, { typeVersion: V, ...options });
const bytes = (value) => Buffer.byteLength(JSON.stringify(value));

const CUSTOMER = {
	resource: 'customer',
	operation: 'create',
	name: 'Output Co',
	status: 'ACTIVE',
	additionalFields: { key: 'ERP-OUT-1', website: 'https://out.example', creditLimit: 2500, naics: '484121', dbaName: 'Out' },
	billingAddress: { line1: '1 Main St', city: 'Dallas', country: 'US', market: 'DAL' },
};

test('version 1.4: Create, Get and Get Many answer simplified by default; Raw gives every field; Selected Fields only the named ones, nested and null where missing', async () => {
	const [created] = await run(CUSTOMER);
	const simple = SIMPLE_FIELDS.customer;
	expect(Object.keys(created.json).every((k) => simple.includes(k))).toBe(true);
	expect(created.json).toMatchObject({ key: 'ERP-OUT-1', name: 'Output Co', status: 'ACTIVE' });
	expect(created.json).not.toHaveProperty('naics');
	const id = created.json.id;

	const [raw] = await run({ resource: 'customer', operation: 'get', customerId: rl(id), output: 'raw' });
	expect(raw.json).toMatchObject({ id, naics: '484121', website: 'https://out.example', billingAddress: expect.objectContaining({ city: 'Dallas' }) });
	const [got] = await run({ resource: 'customer', operation: 'get', customerId: rl(id) });
	expect(got.json).toEqual(created.json.updatedAt === got.json.updatedAt ? created.json : got.json);
	expect(Object.keys(got.json).every((k) => simple.includes(k))).toBe(true);

	const [picked] = await run({ resource: 'customer', operation: 'get', customerId: rl(id), output: 'selected', outputFields: 'id, name,billingAddress.city , noSuchField' });
	expect(picked.json).toEqual({ id, name: 'Output Co', billingAddress: { city: 'Dallas' }, noSuchField: null });

	const many = await run({ resource: 'customer', operation: 'getAll', returnAll: true, output: 'selected', outputFields: 'key,status' });
	expect(many.find((i) => i.json.key === 'ERP-OUT-1').json).toEqual({ key: 'ERP-OUT-1', status: 'ACTIVE' });
	expect(many.every((i) => Object.keys(i.json).join() === 'key,status')).toBe(true);

	// a write: Update answers simplified too, or raw
	const [updated] = await run({ resource: 'customer', operation: 'update', customerId: rl(id), updateFields: { notes: 'changed' } });
	expect(updated.json).not.toHaveProperty('notes');
	expect(updated.json.id).toBe(id);
	const [updatedRaw] = await run({ resource: 'customer', operation: 'update', customerId: rl(id), updateFields: { notes: 'again' }, output: 'raw' });
	expect(updatedRaw.json.notes).toBe('again');
});

test('Selected Fields with nothing named, or a name that is not one, fails before anything is sent; other items go on under Continue On Fail', async () => {
	const { server } = ctx;
	const from = server.stats.requests.length;
	await expect(run({ resource: 'customer', operation: 'get', customerId: rl('x'), output: 'selected', outputFields: ' , ' })).rejects.toThrow(
		/Output › Fields is empty: name the fields to keep/,
	);
	await expect(run({ resource: 'customer', operation: 'get', customerId: rl('x'), output: 'selected', outputFields: 'id, na me' })).rejects.toThrow(
		/Output › Fields: "na me" is not a field name/,
	);
	expect(apiRequests(server, from)).toEqual([]);
	const [created] = await run({ ...CUSTOMER, additionalFields: { key: 'ERP-OUT-2' } });
	const out = await run(
		{ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}'), output: 'selected', outputFields: '={{ $json.fields }}' },
		[{ json: { id: created.json.id, fields: '' } }, { json: { id: created.json.id, fields: 'id' } }],
		{ continueOnFail: true },
	);
	expect(out.map((i) => i.json.error ? 'error' : Object.keys(i.json).join())).toEqual(['error', 'id']);
});

test('older node versions keep their output: 1.3 Create answers raw, 1.3 Get simplified, 1.0 Get raw; Output is shown only from 1.4', async () => {
	const [created] = await run({ ...CUSTOMER, additionalFields: { ...CUSTOMER.additionalFields, key: 'ERP-OUT-3' } }, [{}], { typeVersion: 1.3 });
	expect(created.json).toMatchObject({ naics: '484121' });
	const [v13] = await run({ resource: 'customer', operation: 'get', customerId: rl(created.json.id) }, [{}], { typeVersion: 1.3 });
	expect(v13.json).not.toHaveProperty('naics');
	const [v1] = await run({ resource: 'customer', operation: 'get', customerId: rl(created.json.id) }, [{}], { typeVersion: 1 });
	expect(v1.json).toMatchObject({ naics: '484121' });
	const properties = new Mvmnt().description.properties;
	const output = properties.filter((p) => p.name === 'output');
	const ops = output.flatMap((p) => p.displayOptions.show.resource.flatMap((r) => p.displayOptions.show.operation.map((o) => `${r}:${o}`)));
	expect(ops).toEqual(expect.arrayContaining(['customer:get', 'customer:getAll', 'customer:create', 'customer:update', 'customer:upsert', 'customer:search']));
	for (const p of output) expect(p.displayOptions.show['@version']).toEqual([{ _cnd: { gte: 1.4 } }]);
	for (const p of properties.filter((q) => q.name === 'simplify')) expect(p.displayOptions.hide['@version']).toEqual([{ _cnd: { gte: 1.4 } }]);
});

test('bytes per answer over every seeded record of the MCP example\'s types (printed; simplified ≤ 1/4 of raw)', async () => {
	const { server } = ctx;
	await seedDemoData(createClient(server, CLIENT));
	const rows = [];
	for (const resource of ['customer', 'shipment', 'carrier', 'quote']) {
		const table = { customer: 'customers', shipment: 'shipments', carrier: 'carriers', quote: 'quotes' }[resource];
		const records = server.records(table).filter((r) => !r.deletedAt);
		expect({ resource, records: records.length >= 2 }).toEqual({ resource, records: true });
		const row = { resource, records: records.length, raw: 0, simplified: 0, selected: 0 };
		for (const record of records) {
			const one = async (output, extra = {}) => (await run({ resource, operation: 'get', [`${resource}Id`]: rl(record.id), output, ...extra }))[0].json;
			row.raw += bytes(await one('raw'));
			row.simplified += bytes(await one('simplified'));
			row.selected += bytes(await one('selected', { outputFields: 'id,status' }));
		}
		rows.push(row);
	}
	console.log(
		'bytes per answer, summed over the seeded records (raw / simplified / selected id,status):\n' +
			rows.map((r) => `  ${r.resource} (${r.records}): ${r.raw} / ${r.simplified} / ${r.selected} (simplified ${((100 * r.simplified) / r.raw).toFixed(0)} % of raw)`).join('\n'),
	);
	for (const r of rows) expect({ resource: r.resource, ratio: r.simplified / r.raw <= 0.25 }).toEqual({ resource: r.resource, ratio: true });
	for (const r of rows) expect(r.selected).toBeLessThan(r.simplified);
	expect(DEFAULT_SIMPLE.length).toBeGreaterThan(0);
});

test('Shipment → Track (1.4): each result says found, so "no match" differs from a record with empty fields; older versions answer as MVMNT does', async () => {
	const { server } = ctx;
	if (!server.records('shipments').some((s) => s.key)) await seedDemoData(createClient(server, CLIENT));
	const shipment = server.records('shipments').find((s) => s.key);
	const params = { resource: 'shipment', operation: 'track', searches: { entries: [{ query: shipment.key }, { query: 'NO-SUCH-REF-404' }] } };
	const [item] = await run(params);
	expect(item.json.results.map((r) => [r.query, r.found, r.id])).toEqual([
		[shipment.key, true, shipment.id],
		['NO-SUCH-REF-404', false, null],
	]);
	const [old] = await run(params, [{}], { typeVersion: 1.3 });
	expect(old.json.results.every((r) => !('found' in r))).toBe(true);
});
