'use strict';
/**
 * Forms in the real n8n (2.41.1): a broker's quote built entirely in the
 * node's forms, no JSON anywhere. Quote → Create with two stops (pickup by the
 * location's client key, delivery by address), freight and equipment in form
 * fields → Update to QUOTED, then WON → Convert to Shipment → Get Shipment.
 * The shipment carries both stops and the freight; every request is exactly
 * what the forms say and validates against the OpenAPI.
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');

jest.setTimeout(600000);

const CLIENT_ID = 'e2e-forms-client';
const CLIENT_SECRET = 'e2e-forms-secret-0123456789';
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

let stack;
let fake;
let n8n;
let wf;

beforeAll(async () => {
	stack = await startStack({ fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, credential: { id: 'credMvmntForms001' }, prepare: workflows });
	({ fake, n8n } = stack);
});

function workflows({ credential }) {
	wf = h.linearWorkflow({
		id: 'wfMvmntFormsQuote1',
		name: 'Quote to shipment in forms',
		credential,
		nodes: [
			{
				name: 'Create Customer',
				parameters: { resource: 'customer', operation: 'create', name: 'Forms Freight Co', status: 'ACTIVE', additionalFields: { key: 'FORMS-CUST-1' } },
			},
			{
				name: 'Create Pickup Location',
				parameters: {
					resource: 'location',
					operation: 'create',
					customerId: rl('FORMS-CUST-1', 'key'),
					name: 'Forms DC - Dallas',
					isAppointmentRequired: true,
					additionalFields: { key: 'FORMS-LOC-DAL' },
				},
			},
			{
				name: 'Create Quote',
				parameters: {
					resource: 'quote',
					operation: 'create',
					customer: rl('FORMS-CUST-1', 'key'),
					order: {
						mode: 'TL',
						stops: {
							entries: [
								{
									type: 'PICKUP',
									additionalFields: { location: rl('FORMS-LOC-DAL', 'key'), requestedStartDate: '2026-03-02', appointmentRequired: true },
								},
								{
									type: 'DELIVERY',
									additionalFields: {
										address: { line1: '2250 Warehouse Row', city: 'Memphis', market: 'MEM', country: 'US' },
										requestedStartDate: '2026-03-04',
										notes: 'Call ahead',
									},
								},
							],
						},
						freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400, commodityDescription: 'Plastic resin' },
						equipment: { entries: [{ reference: rl('DRY_VAN_53', 'key') }] },
					},
				},
			},
			{
				name: 'Price Quote',
				parameters: { resource: 'quote', operation: 'update', quoteId: rl('={{ $json.id }}'), updateFields: { status: 'QUOTED', amount: 2450 } },
			},
			{
				name: 'Mark Quote Won',
				parameters: { resource: 'quote', operation: 'update', quoteId: rl('={{ $json.id }}'), updateFields: { status: 'WON' } },
			},
			{ name: 'Convert to Shipment', parameters: { resource: 'quote', operation: 'convertToShipment', quoteId: rl('={{ $json.id }}') } },
			{ name: 'Get Shipment', parameters: { resource: 'shipment', operation: 'get', shipmentId: rl('={{ $json.shipmentId }}') } },
		],
	});
	return { workflows: [wf] };
}

afterAll(async () => {
	if (stack) await stack.stop();
});

test('quote → shipment from form parameters: both stops and the freight reach the shipment, 0 violations', async () => {
	await fake.admin('POST', '/__admin/reset');
	const run = await n8n.execute(wf.id);
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);

	const [pickup] = h.nodeJson(run, 'Create Pickup Location');
	const [quote] = h.nodeJson(run, 'Create Quote');
	expect(quote.status).toBe('DRAFT');
	expect(h.nodeJson(run, 'Price Quote')[0]).toMatchObject({ status: 'QUOTED', amount: 2450 });
	expect(h.nodeJson(run, 'Mark Quote Won')[0]).toMatchObject({ status: 'WON' });
	const [converted] = h.nodeJson(run, 'Convert to Shipment');
	const [shipment] = h.nodeJson(run, 'Get Shipment');
	expect(shipment.id).toBe(converted.shipmentId);

	// the quote went out exactly as the forms say: references as {key}, the address as an object
	const stats = await fake.admin('GET', '/__admin/stats');
	const post = stats.requests.find((r) => r.method === 'POST' && r.path === '/v1/quotes');
	expect(post.body).toEqual({
		customer: { key: 'FORMS-CUST-1' },
		order: {
			mode: 'TL',
			stops: [
				{ type: 'PICKUP', location: { key: 'FORMS-LOC-DAL' }, requestedStartDate: '2026-03-02', appointmentRequired: true },
				{
					type: 'DELIVERY',
					address: { line1: '2250 Warehouse Row', city: 'Memphis', market: 'MEM', country: 'US' },
					requestedStartDate: '2026-03-04',
					notes: 'Call ahead',
				},
			],
			freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400, commodityDescription: 'Plastic resin' },
			equipment: [{ key: 'DRY_VAN_53' }],
		},
	});

	// the shipment carries both stops and the freight
	const order = shipment.orders[0];
	expect(order.stops).toHaveLength(2);
	expect(order.stops[0]).toMatchObject({ type: 'PICKUP' });
	expect(order.stops[0].location.id).toBe(pickup.id);
	expect(order.stops[1]).toMatchObject({ type: 'DELIVERY', address: { line1: '2250 Warehouse Row', city: 'Memphis' } });
	expect(order.freight).toMatchObject({ handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400 });

	const violations = await fake.admin('GET', '/__admin/violations');
	expect(Array.isArray(violations) ? violations : violations.violations).toEqual([]);
});
