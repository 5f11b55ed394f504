'use strict';
/**
 * A two-stop truckload quote built in the order a dispatcher thinks, in the real n8n, with the
 * forms of node version 1.3: customer (by client key), pickup (a saved location by key, a day),
 * delivery (an address, a day), freight, equipment; then the quote won and converted to a shipment. Not
 * one value comes from Additional Fields: everything sits where the form shows it when it opens.
 * MVMNT receives exactly what was filled in, and nothing the OpenAPI rejects.
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');

jest.setTimeout(300000);

const CLIENT_ID = 'dispatcher-client-id';
const CLIENT_SECRET = 'dispatcher-client-secret-0123456789';
const rlKey = (value) => ({ __rl: true, mode: 'key', value });

let stack;
let fake;
let n8n;
let customerId;
let locationId;
const wf = {};

/** the quote as a dispatcher fills it in, field by field, top to bottom */
const QUOTE = {
	resource: 'quote',
	operation: 'create',
	customer: rlKey('ERP-CUST-7'),
	order: {
		mode: 'TL',
		stops: {
			entries: [
				{ type: 'PICKUP', location: rlKey('DOCK-LA'), requestedStartDate: '2026-03-02' },
				{ type: 'DELIVERY', address: { line1: '456 Distribution Ctr', city: 'Dallas', country: 'US', market: 'TX' }, requestedEndDate: '2026-03-04' },
			],
		},
		freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 38000, commodityDescription: 'Canned goods' },
		equipment: { entries: [{ reference: rlKey('VAN-53') }] },
	},
};

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credMvmntDispatch01', name: 'MVMNT (dispatcher)' },
		prepare: async (s) => {
			({ fake } = s);
			[customerId] = (await fake.admin('POST', '/__admin/seed', { collection: 'customers', records: [{ name: 'Evergreen Produce', status: 'ACTIVE', key: 'ERP-CUST-7' }] })).ids;
			[locationId] = (await fake.admin('POST', '/__admin/seed', { collection: 'locations', records: [{ name: 'LA Dock 7', key: 'DOCK-LA' }] })).ids;
			wf.quote = h.linearWorkflow({
				id: 'wfMvmntDispatch01',
				name: 'Dispatcher: two-stop truckload quote to shipment',
				credential: s.credential,
				nodes: [
					{ name: 'Create Quote', typeVersion: 1.3, parameters: QUOTE },
					// priced and accepted: MVMNT converts only quoted or won quotes
					{ name: 'Mark Won', typeVersion: 1.3, parameters: { resource: 'quote', operation: 'update', quoteId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { status: 'WON', amount: 2450 } } },
					{ name: 'Convert to Shipment', typeVersion: 1.3, parameters: { resource: 'quote', operation: 'convertToShipment', quoteId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } } },
				],
			});
			return { workflows: Object.values(wf) };
		},
	});
	({ n8n } = stack);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the quote uses no Additional Fields: every value sits where the 1.3 form shows it', () => {
	expect(JSON.stringify(QUOTE)).not.toMatch(/additionalFields/);
});

test('customer, pickup by location key and day, delivery address and day, freight, equipment → quote → shipment', async () => {
	const before = (await fake.admin('GET', '/__admin/stats?limit=0')).requestCount;
	const run = await n8n.execute(wf.quote.id);
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run)}`);
	const stats = await fake.admin('GET', '/__admin/stats');
	const requests = stats.requests.slice(-(stats.requestCount - before));

	const created = requests.find((r) => r.method === 'POST' && r.path === '/v1/quotes');
	expect(created.status).toBeLessThan(300);
	expect(created.body.customer).toEqual(expect.objectContaining(created.body.customer.id ? { id: customerId } : { key: 'ERP-CUST-7' }));
	const [pickup, delivery] = created.body.order.stops;
	expect(pickup).toEqual({ type: 'PICKUP', location: pickup.location.id ? { id: locationId } : { key: 'DOCK-LA' }, requestedStartDate: '2026-03-02' });
	expect(delivery).toEqual({ type: 'DELIVERY', address: { line1: '456 Distribution Ctr', city: 'Dallas', country: 'US', market: 'TX' }, requestedEndDate: '2026-03-04' });
	expect(created.body.order).toMatchObject({
		mode: 'TL',
		freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 38000, commodityDescription: 'Canned goods' },
		equipment: [{ key: 'VAN-53' }],
	});

	const quote = h.nodeJson(run, 'Create Quote')[0];
	expect(h.nodeJson(run, 'Mark Won')[0].status).toBe('WON');
	const converted = requests.find((r) => r.method === 'POST' && r.path === `/v1/quotes/${quote.id}/convert-to-shipment`);
	expect(converted.status).toBeLessThan(300);
	const shipment = h.nodeJson(run, 'Convert to Shipment')[0];
	expect(shipment.id ?? shipment.shipment?.id ?? shipment.shipmentId).toBeDefined();

	const violations = await fake.admin('GET', '/__admin/violations');
	expect(Array.isArray(violations) ? violations : violations.violations).toEqual([]);
});
