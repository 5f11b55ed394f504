/*
 * Carrier fields as the contract gives them. Status: the carrier record keeps it as text, and the
 * contract lists the statuses only on the carrier search's rows (`carrierStatus`), so the form
 * offers them and still takes any text a saved workflow holds. Carrier types: a field shows for
 * the types whose schema has it, no more, no fewer — DOT, MC, drivers and trucks are in the base
 * schema every carrier type shares, so an air carrier keeps them.
 */
const fs = require('fs');
const path = require('path');
const { NodeHelpers } = require('n8n-workflow');
const { useFakeMvmnt, apiRequests } = require('../support/setup');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');

const contract = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'contract', 'mvmnt-api.contract.json'), 'utf8'));
const schemas = contract.components.schemas;
const description = new Mvmnt().description;
const properties = description.properties;
const VERSION = Math.max(...[].concat(description.version));

const resolve = (s) => (s?.$ref ? resolve(schemas[s.$ref.split('/').pop()]) : s);
/** The properties a schema has, allOf merged. */
const propertiesOf = (s) => {
	const r = resolve(s);
	return r.allOf ? Object.assign({}, ...r.allOf.map(propertiesOf)) : { ...(r.properties ?? {}) };
};
/** Carrier type → the names of the fields its schema takes, from a oneOf with a discriminator. */
const byType = (name) =>
	Object.fromEntries(Object.entries(schemas[name].discriminator.mapping).map(([type, ref]) => [type, Object.keys(propertiesOf({ $ref: ref }))]));

const carrierOp = (operation) => OPERATIONS.find((op) => op.resource === 'carrier' && op.operation === operation);

/** The body fields the form offers for a carrier type, by n8n's own display rules. */
function offered(operation, type) {
	const collection = operation === 'update' ? 'updateFields' : 'additionalFields';
	const values = { resource: 'carrier', operation, useRawJson: false, type, [collection]: {} };
	const top = properties.filter((p) => NodeHelpers.displayParameter(values, p, { typeVersion: VERSION }, description));
	const extra = top.find((p) => p.name === collection);
	const inside = extra.options.filter((o) => NodeHelpers.displayParameterPath(values, o, collection, { typeVersion: VERSION }, description));
	const body = carrierOp(operation).body.map((f) => f.name);
	return [...new Set([...top, ...inside].map((p) => p.name))].filter((n) => body.includes(n));
}

describe('carrier status', () => {
	// the statuses the contract lists (search rows), in the capitals carrier records are written in
	const listed = resolve(propertiesOf(schemas.CarrierSearchRow).carrierStatus).enum.filter((v) => v !== null);
	const capitals = listed.map((v) => v.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());

	test('the contract gives the record no values, the carrier search four', () => {
		expect(propertiesOf(schemas.CarrierInput.oneOf[0]).status).toEqual({ type: 'string' });
		expect(capitals).toEqual(['PENDING', 'ACTIVE', 'INACTIVE', 'DO_NOT_USE']);
	});

	test.each(['create', 'update', 'upsert'])('Carrier → %s: Status is a dropdown of those values that keeps any text', (operation) => {
		const field = carrierOp(operation).body.find((f) => f.name === 'status');
		expect(field).toMatchObject({ type: 'string', values: capitals });
		const collection = operation === 'update' ? 'updateFields' : 'additionalFields';
		const status = properties
			.filter((p) => p.name === collection && p.displayOptions.show.resource?.includes('carrier') && p.displayOptions.show.operation?.includes(operation))
			.flatMap((p) => p.options)
			.find((o) => o.name === 'status');
		expect(status).toMatchObject({ type: 'options', default: '', allowArbitraryValues: true });
		expect(status.options.map((o) => o.value).sort()).toEqual([...capitals].sort());
		expect(status.options.find((o) => o.value === 'DO_NOT_USE').name).toBe('Do Not Use');
		expect(status.description).toMatch(/expression/);
	});

	describe('saved and picked values are sent as they are', () => {
		const ctx = useFakeMvmnt();
		test.each([
			['a value picked from the list', 'DO_NOT_USE'],
			['free text a saved workflow holds', 'Preferred - Midwest'],
			['a saved value in lower case', 'active'],
		])('%s', async (_what, status) => {
			const from = ctx.server.stats.requests.length;
			await ctx.rig.run(
				{ resource: 'carrier', operation: 'create', name: 'Status Carrier', type: 'AIR', additionalFields: { status } },
				[{}],
				{ typeVersion: VERSION },
			);
			const sent = apiRequests(ctx.server, from).find((r) => r.method === 'POST' && r.path === '/v1/carriers');
			expect(sent.body.status).toBe(status);
		});
	});
});

describe('carrier fields follow the carrier type as the contract gives them', () => {
	test.each([
		['create', 'CarrierInput'],
		['update', 'CarrierPatch'],
		['upsert', 'CarrierInput'],
	])('Carrier → %s offers each type exactly the fields its schema (%s) takes', (operation, schema) => {
		const types = byType(schema);
		expect(Object.keys(types)).toEqual(carrierOp(operation).body.find((f) => f.discriminator).options);
		const body = carrierOp(operation).body.map((f) => f.name);
		for (const [type, names] of Object.entries(types)) {
			expect([type, offered(operation, type).sort()]).toEqual([type, body.filter((n) => names.includes(n)).sort()]);
		}
	});

	test('only truckload carriers take insurance, safety rating and FMCSA fields; DOT, MC, drivers and trucks are for every type', () => {
		const types = byType('CarrierInput');
		const truckloadOnly = types.TRUCKLOAD.filter((n) => !types.AIR.includes(n));
		expect(truckloadOnly.sort()).toEqual(
			[
				'insuranceCompany',
				'insuranceAgent',
				'insuranceAgentPhone',
				'insuranceAuthorityDate',
				'insuranceExpirationDate',
				'insuranceAutoLiabilityLimit',
				'insuranceCargoLiabilityLimit',
				'insuranceGeneralLiabilityLimit',
				'rating',
				'ratingDate',
				'reviewType',
				'reviewDate',
				'operatingAbility',
				'inFmcsa',
				'usDriverInspections',
				'usDriverInspectionsOos',
				'usDriverInspectionsOosPct',
				'usVehicleInspections',
				'usVehicleInspectionsOos',
				'usVehicleInspectionsOosPct',
			].sort(),
		);
		// every other type has the same fields as air
		for (const type of ['CARTAGE', 'LINEHAUL', 'LTL', 'OCEAN', 'RAIL']) expect(types[type].sort()).toEqual([...types.AIR].sort());
		const air = offered('create', 'AIR');
		for (const name of ['dotNumber', 'mcNumber', 'drivers', 'trucks', 'trailers', 'powerUnits']) {
			expect(types.AIR).toContain(name);
			expect(air).toContain(name);
		}
		for (const name of truckloadOnly) expect(air).not.toContain(name);
	});
});
