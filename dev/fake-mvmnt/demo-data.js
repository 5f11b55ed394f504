'use strict';
/**
 * A small, realistic broker dataset for `npm run demo`: created through the fake server's own API
 * (so every record passed the same contract validation as the node's requests would).
 *   const counts = await seedDemoData(client)   // client from ./client.js createClient()
 */

const CUSTOMERS = [
	{ key: 'ERP-C-1001', name: 'Lakeside Industrial Plastics', status: 'ACTIVE', phoneNumber: '+1 214 555 0147', website: 'https://lakeside-plastics.example', currency: 'USD', creditLimit: 250000 },
	{ key: 'ERP-C-1002', name: 'Blue Ridge Paper Co.', status: 'ACTIVE', phoneNumber: '+1 828 555 0199', currency: 'USD', creditLimit: 120000 },
	{ key: 'ERP-C-1003', name: 'Gulf Coast Produce', status: 'ACTIVE', phoneNumber: '+1 713 555 0110', currency: 'USD' },
	{ key: 'ERP-C-1004', name: 'Northwind Furniture (closed)', status: 'INACTIVE', currency: 'USD' },
];

const LOCATIONS = [
	{ key: 'LOC-DAL-DC1', customer: 'ERP-C-1001', name: 'Lakeside Dallas DC', isAppointmentRequired: true },
	{ key: 'LOC-MEM-WH2', customer: 'ERP-C-1001', name: 'Lakeside Memphis Warehouse', isAppointmentRequired: false },
	{ key: 'LOC-ASH-MILL', customer: 'ERP-C-1002', name: 'Blue Ridge Asheville Mill', isAppointmentRequired: true },
	{ key: 'LOC-HOU-PORT', customer: 'ERP-C-1003', name: 'Gulf Coast Houston Cold Storage', isAppointmentRequired: true },
];

const CARRIERS = [
	{ key: 'CAR-LONESTAR', name: 'Lone Star Freightways', type: 'TRUCKLOAD', mcNumber: '845120', dotNumber: '2291044', scac: 'LSFW', email: 'dispatch@lonestar.example' },
	{ key: 'CAR-SMOKY-LTL', name: 'Smoky Mountain LTL', type: 'LTL', scac: 'SMLT', email: 'ops@smokyltl.example' },
	{ key: 'CAR-BAYOU-AIR', name: 'Bayou Air Cargo', type: 'AIR', iataCode: 'BYC', email: 'booking@bayouair.example' },
];

const VENDORS = [
	{ key: 'VEN-LUMPER-01', name: 'Dallas Lumper Services', email: 'billing@dallaslumper.example' },
	{ key: 'VEN-CUSTOMS-01', name: 'Laredo Customs Brokerage', email: 'entries@laredocb.example' },
];

const address = (line1, city, market) => ({ line1, city, market, country: 'US' });

const ORDERS = [
	{
		customer: 'ERP-C-1001',
		mode: 'TL',
		stops: [
			{ type: 'PICKUP', location: { key: 'LOC-DAL-DC1' }, requestedStartDate: '2026-12-07', requestedStartTime: '08:00' },
			{ type: 'DELIVERY', location: { key: 'LOC-MEM-WH2' }, requestedStartDate: '2026-12-08' },
		],
		freight: { handlingUnitQuantity: 22, handlingUnitType: 'PALLET', weight: 38500, commodityDescription: 'HDPE pellets' },
	},
	{
		customer: 'ERP-C-1002',
		mode: 'LTL',
		stops: [
			{ type: 'PICKUP', location: { key: 'LOC-ASH-MILL' }, requestedStartDate: '2026-12-09' },
			{ type: 'DELIVERY', address: address('400 Commerce St', 'Atlanta', 'Atlanta, GA'), requestedStartDate: '2026-12-11' },
		],
		freight: { handlingUnitQuantity: 6, handlingUnitType: 'SKID', weight: 5200, commodityDescription: 'Kraft paper rolls' },
	},
	{
		customer: 'ERP-C-1003',
		mode: 'TL',
		stops: [
			{ type: 'PICKUP', location: { key: 'LOC-HOU-PORT' }, requestedStartDate: '2026-12-03' },
			{ type: 'DELIVERY', address: address('1200 Market Hall Rd', 'Chicago', 'Chicago, IL'), requestedStartDate: '2026-12-05' },
		],
		freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 41000, commodityDescription: 'Fresh citrus (reefer)' },
	},
];

const DOCUMENTS = [
	{ key: 'DOC-BOL-0001', type: 'BILL_OF_LADING', fileName: 'bol-acme-dal-mem.pdf', contentType: 'application/pdf', body: '%PDF-1.4\n% demo bill of lading\n' },
	{ key: 'DOC-POD-0001', type: 'PROOF_OF_DELIVERY', fileName: 'pod-gulf-hou-chi.pdf', contentType: 'application/pdf', body: '%PDF-1.4\n% demo proof of delivery\n' },
];

async function must(promise, what) {
	const r = await promise;
	if (r.status < 200 || r.status >= 300) throw new Error(`demo data: ${what} → HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
	return r.body;
}

/** seeds the dataset; returns how many records of each kind exist afterwards */
async function seedDemoData(client, { rawRequest } = {}) {
	const ids = {};
	for (const c of CUSTOMERS) ids[c.key] = (await must(client.call('POST', '/customers', { body: c }), `customer ${c.key}`)).id;
	for (const { customer, ...l } of LOCATIONS) {
		await must(client.call('POST', '/locations', { body: { ...l, customerId: ids[customer] } }), `location ${l.key}`);
	}
	for (const c of CARRIERS) await must(client.call('POST', '/carriers', { body: c }), `carrier ${c.key}`);
	for (const v of VENDORS) await must(client.call('POST', '/vendors', { body: v }), `vendor ${v.key}`);
	// one open quote; the others priced, won and converted into shipments
	let quotes = 0;
	let shipments = 0;
	for (const [i, { customer, ...order }] of ORDERS.entries()) {
		const quote = await must(client.call('POST', '/quotes', { body: { customer: { key: customer }, order } }), `quote ${i + 1}`);
		quotes++;
		if (i === 0) continue;
		await must(client.call('PATCH', `/quotes/${quote.id}`, { body: { status: 'QUOTED', amount: 1850 + 400 * i } }), `price quote ${i + 1}`);
		await must(client.call('PATCH', `/quotes/${quote.id}`, { body: { status: 'WON' } }), `win quote ${i + 1}`);
		await must(client.call('POST', `/quotes/${quote.id}/convert-to-shipment`, { body: {} }), `convert quote ${i + 1}`);
		shipments++;
	}
	let documents = 0;
	for (const { body, ...d } of DOCUMENTS) {
		const bytes = Buffer.from(body);
		const doc = await must(client.call('POST', '/documents', { body: { ...d, fileSize: bytes.length } }), `document ${d.key}`);
		if (rawRequest && doc.uploadUrl) {
			await must(rawRequest(doc.uploadUrl, { method: 'PUT', headers: { 'content-type': d.contentType }, body: bytes }), `upload ${d.key}`);
		}
		documents++;
	}
	return {
		customers: CUSTOMERS.length,
		locations: LOCATIONS.length,
		carriers: CARRIERS.length,
		vendors: VENDORS.length,
		quotes,
		shipments,
		documents,
	};
}

module.exports = { seedDemoData, CUSTOMERS, CARRIERS };
