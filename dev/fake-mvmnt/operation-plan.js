'use strict';
/**
 * Runs every spec operation once, in an order where each precondition holds:
 * creates in dependency order, then the stateless operations, then the
 * state-dependent sequence, then deletes. Shared by the fake server's own
 * every-operation test (raw HTTP) and the node's (through n8n parameters).
 *
 *   await runEveryOperation(fake, async (operation, { body, path }) => responseBody)
 *
 * `body` is a minimal spec-valid request body, `path` the concrete API path.
 * With `full: { refMode: 'id' | 'key' }` every body sets every property the
 * schema declares instead, references by ID or by the records' client keys.
 * Returns the set of operationIds that ran.
 */
const { exampleFactory } = require('./example-requests');
const { deepMerge } = require('./store');
const { singularCamel } = require('./spec');

/** creation order so that every reference exists before it is needed */
const CREATE_ORDER = [
	'companies',
	'payment-terms',
	'teams',
	'users',
	'customers',
	'customer-contacts',
	'locations',
	'location-contacts',
	'carrier-factors',
	'carriers',
	'carrier-contacts',
	'carrier-payment-methods',
	'vendors',
	'vendor-contacts',
	'vendor-payment-methods',
	'saved-searches',
	'documents',
	'quotes',
	'shipments',
	'loads',
	'services',
	'invoices',
	'credit-memos',
	'bills',
	'payments',
	'bill-payments',
];

/** state-dependent operations, in an order where each precondition holds */
const SEQUENCE = [
	'updateQuote',
	'convertQuoteToShipment',
	'getLoadCarrier',
	'updateLoadCarrier',
	'addCarrierToLoad',
	'bounceCarrier',
	'reportTonu',
	'rebookLoad',
	'cancelShipment',
	'uncancelShipment',
	'duplicateShipment',
	'markShipmentReadyToInvoice',
	'markShipmentNotReadyToInvoice',
	'generateShipmentInvoice',
	'markInvoiceAwaiting',
	'sendInvoiceEmail',
	'batchGenerateInvoices',
	'approveBill',
	'unapproveBill',
	'batchApproveBills',
	'applyCreditMemo',
	'getCreditMemoApplications',
	'unapplyCreditMemo',
	'voidCreditMemo',
	'revertBill',
];

const DELETE_FIRST = ['deletePayment', 'deleteBillPayment', 'deleteLoad', 'deleteService'];

/** Bodies and path values the minimal examples can't guess (they depend on earlier results). */
function overrides(fake, ids) {
	const today = new Date().toISOString().slice(0, 10);
	const loadCarrier = (i) => fake.records('loads').find((l) => l.id === ids.load).carriers[i].id;
	const body = {
		updateQuote: () => ({ status: 'QUOTED', amount: 2500 }),
		updateCarrier: () => ({ type: 'TRUCKLOAD', dbaName: 'Swift Logistics' }),
		createLoad: () => ({ shipmentId: ids.shipment, load: { mode: 'TL', carrier: { carrier: { id: ids.carrier } } } }),
		createPayment: () => ({ customerId: ids.customer, paymentDate: today, applications: [{ invoiceId: ids.invoice, amount: 10 }] }),
		createBillPayment: () => ({ paymentDate: today, applications: [{ billId: ids.bill, amount: 10 }] }),
		applyCreditMemo: () => ({ invoiceId: ids.invoice, amount: 10 }),
		trackShipments: () => ({ searches: [{ query: fake.records('shipments')[0].key }] }),
		reportTonu: () => ({ createReplacementLoad: true }),
	};
	const path = {
		bounceCarrier: () => ({ carrierId: loadCarrier(0) }),
		getLoadCarrier: () => ({ carrierId: loadCarrier(0) }),
		updateLoadCarrier: () => ({ carrierId: loadCarrier(0) }),
		reportTonu: () => ({ carrierId: loadCarrier(1) }),
		unapplyCreditMemo: () => ({ applicationId: fake.records('credit-memos')[0].applications[0].id }),
		revertBill: () => ({ id: fake.records('bills')[1].id }),
	};
	return { body, path };
}

async function runEveryOperation(fake, runOne, { bodyFor, full } = {}) {
	const spec = fake.spec;
	const ids = {};
	const keys = {};
	const ex = exampleFactory(spec, ids);
	const extra = overrides(fake, ids);
	const done = new Set();

	async function run(op) {
		done.add(op.operationId);
		const override = extra.body[op.operationId] ? extra.body[op.operationId]() : undefined;
		let body = override ?? ex.body(op);
		if (full) {
			const all = ex.fullBody(op, { refMode: full.refMode, keys });
			body = all && override ? deepMerge(all, override) : (all ?? body);
		}
		const path = ex.path(op, extra.path[op.operationId] ? extra.path[op.operationId]() : {});
		const result = (await runOne(op, { body: bodyFor ? bodyFor(op, body, ids) : body, path, ids, keys })) ?? {};
		// an update may give the record a new client key: later references use it
		if (op.method === 'PATCH' && /^\/[^/]+\/\{id\}$/.test(op.template) && typeof result.key === 'string') {
			keys[singularCamel(op.collection)] = result.key;
		}
		return result;
	}

	const byId = (id) => spec.operations.find((o) => o.operationId === id);
	for (const c of CREATE_ORDER) {
		const created = await run(spec.collections[c].createOperation);
		ids[singularCamel(c)] = created.id;
		if (typeof created.key === 'string') keys[singularCamel(c)] = created.key;
		if (c === 'shipments') ids.order = created.orders?.[0]?.id;
	}
	await run(spec.collections.bills.createOperation); // a second bill, reverted at the end of SEQUENCE
	const deletes = spec.operations.filter((o) => o.method === 'DELETE' && !SEQUENCE.includes(o.operationId));
	const middle = spec.operations.filter((o) => !done.has(o.operationId) && !deletes.includes(o) && !SEQUENCE.includes(o.operationId));
	for (const op of middle) await run(op);
	for (const id of SEQUENCE) await run(byId(id));
	deletes.sort((a, b) => DELETE_FIRST.includes(b.operationId) - DELETE_FIRST.includes(a.operationId));
	for (const op of deletes) await run(op);
	return done;
}

module.exports = { runEveryOperation };
