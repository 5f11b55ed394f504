/*
 * Issue 3 acceptance: every one of the 176 OpenAPI operations runs through the
 * node's typed fields (not the raw-JSON escape hatch) against the fake MVMNT
 * server with request validation on: 0 violations, every operation returns
 * items, none throws.
 *
 * Minimal valid request bodies come from the fake server's example factory;
 * this file turns each body into the node parameters a user would set.
 */
const { setup, rl } = require('./setup');
const { exampleFactory } = require('../fake-mvmnt/example-requests');
const { singularCamel } = require('../fake-mvmnt/spec');
const { OPERATIONS } = require('../../dist/nodes/Mvmnt/catalog/index.js');

jest.setTimeout(120000);

let server;
let rig;

beforeAll(async () => {
	({ server, rig } = await setup());
});

afterAll(async () => {
	await server.close();
});

/** A value as MVMNT takes it → the value of the n8n parameter for that field. */
function toParam(field, value, nested = false) {
	switch (field.type) {
		case 'id':
			return nested ? value : rl(value);
		case 'reference':
			if (nested) return value.id ?? value.key;
			return value.id !== undefined ? rl(value.id) : rl(value.key, 'key');
		case 'json':
			return JSON.stringify(value);
		case 'stringList':
			return value.join(', ');
		case 'object':
			return toCollection(field.fields, value);
		case 'objectList':
			return { entries: value.map((v) => toCollection(field.fields, v)) };
		default:
			return value;
	}
}

function toCollection(fields, values) {
	const out = {};
	for (const [name, value] of Object.entries(values)) {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`example has a field the catalog lacks: ${name}`);
		out[name] = toParam(field, value, true);
	}
	return out;
}

/** Node parameters for one catalog operation, given the API body and path values. */
function paramsFor(op, body, pathValues) {
	const params = { resource: op.resource, operation: op.operation };
	for (const p of op.pathParams ?? []) {
		const name = p.name === 'id' ? `${op.resource}Id` : p.name;
		params[name] = p.type === 'id' || p.name === 'id' ? rl(pathValues[p.name]) : pathValues[p.name];
	}
	if (op.kind === 'getAll' || op.kind === 'search' || op.pagination === 'cursorQuery') params.limit = 5;
	const collection = op.kind === 'update' ? 'updateFields' : 'additionalFields';
	for (const [name, value] of Object.entries(body ?? {})) {
		if (op.kind === 'search' && name === 'pagination') continue;
		const field = op.body.find((f) => f.name === name);
		if (!field) throw new Error(`${op.operationId}: example field ${name} is not in the catalog`);
		if (field.required) params[name] = toParam(field, value);
		else (params[collection] ??= {})[name] = toParam(field, value, field.type === 'id' || field.type === 'reference');
	}
	return params;
}

/** The examples' minimal PATCH is empty; a user updates at least one field: pick a plain one. */
function someUpdate(op) {
	const plain = ['notes', 'name', 'companyName', 'description', 'reference', 'title', 'driverName', 'phone', 'fileName'];
	const field =
		plain.map((n) => op.body.find((f) => f.name === n && f.type === 'string')).find(Boolean) ??
		op.body.find((f) => f.type === 'boolean') ??
		op.body.find((f) => f.type === 'options');
	if (!field) throw new Error(`${op.operationId}: no simple field to update`);
	if (field.type === 'options') return { [field.name]: field.options[0] };
	return { [field.name]: field.type === 'boolean' ? true : 'Updated by the every-operation test' };
}

/** {id: 'abc', loadId: ...} from a template and its concrete path. */
function pathValuesOf(template, path) {
	const t = template.split('/');
	const p = path.split('/');
	const out = {};
	t.forEach((seg, i) => {
		const m = /^\{(.+)\}$/.exec(seg);
		if (m) out[m[1]] = decodeURIComponent(p[i]);
	});
	return out;
}

// the same creation order and state sequence the fake server's own every-operation test uses
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

test('all 176 operations run through the node with 0 OpenAPI violations', async () => {
	const spec = server.spec;
	const ids = {};
	const ex = exampleFactory(spec, ids);
	const today = new Date().toISOString().slice(0, 10);
	const loadCarrier = (i) => server.records('loads').find((l) => l.id === ids.load).carriers[i].id;
	const BODY = {
		updateQuote: () => ({ status: 'QUOTED', amount: 2500 }),
		updateCarrier: () => ({ type: 'TRUCKLOAD', dbaName: 'Swift Logistics' }),
		updateShipment: () => ({ customer: { id: ids.customer } }),
		createLoad: () => ({ shipmentId: ids.shipment, load: { mode: 'TL', carrier: { carrier: { id: ids.carrier } } } }),
		createPayment: () => ({ customerId: ids.customer, paymentDate: today, applications: [{ invoiceId: ids.invoice, amount: 10 }] }),
		createBillPayment: () => ({ paymentDate: today, applications: [{ billId: ids.bill, amount: 10 }] }),
		applyCreditMemo: () => ({ invoiceId: ids.invoice, amount: 10 }),
		trackShipments: () => ({ searches: [{ query: server.records('shipments')[0].key }] }),
		reportTonu: () => ({ createReplacementLoad: true }),
	};
	const PATH = {
		bounceCarrier: () => ({ carrierId: loadCarrier(0) }),
		getLoadCarrier: () => ({ carrierId: loadCarrier(0) }),
		updateLoadCarrier: () => ({ carrierId: loadCarrier(0) }),
		reportTonu: () => ({ carrierId: loadCarrier(1) }),
		unapplyCreditMemo: () => ({ applicationId: server.records('credit-memos')[0].applications[0].id }),
		revertBill: () => ({ id: server.records('bills')[1].id }),
	};
	const catalogOf = (operationId) => OPERATIONS.find((o) => o.operationId === operationId);
	const done = new Set();
	const failures = [];
	const itemsPerOp = {};

	async function run(specOp) {
		done.add(specOp.operationId);
		const op = catalogOf(specOp.operationId);
		if (!op) {
			failures.push({ op: specOp.operationId, error: 'no catalog entry' });
			return {};
		}
		try {
			let body = BODY[op.operationId] ? BODY[op.operationId]() : ex.body(specOp);
			if (op.kind === 'update' && Object.keys(body ?? {}).length === 0) body = someUpdate(op);
			const path = ex.path(specOp, PATH[op.operationId] ? PATH[op.operationId]() : {});
			const items = await rig.run(paramsFor(op, body, pathValuesOf(specOp.template, path)));
			itemsPerOp[op.operationId] = items.length;
			if (!Array.isArray(items)) failures.push({ op: op.operationId, error: 'no items array' });
			if (items.length === 0 && !['getAll', 'search', 'list'].includes(op.kind)) {
				failures.push({ op: op.operationId, error: 'no output item' });
			}
			return items[0]?.json ?? {};
		} catch (error) {
			failures.push({ op: op.operationId, error: error.message });
			return {};
		}
	}

	const byId = (id) => spec.operations.find((o) => o.operationId === id);
	for (const c of CREATE_ORDER) {
		const created = await run(spec.collections[c].createOperation);
		ids[singularCamel(c)] = created.id;
		if (c === 'shipments') ids.order = created.orders?.[0]?.id;
	}
	await run(spec.collections.bills.createOperation);
	const deletes = spec.operations.filter((o) => o.method === 'DELETE' && !SEQUENCE.includes(o.operationId));
	const middle = spec.operations.filter((o) => !done.has(o.operationId) && !deletes.includes(o) && !SEQUENCE.includes(o.operationId));
	for (const op of middle) await run(op);
	for (const id of SEQUENCE) await run(byId(id));
	deletes.sort((a, b) => DELETE_FIRST.includes(b.operationId) - DELETE_FIRST.includes(a.operationId));
	for (const op of deletes) await run(op);

	expect(failures).toEqual([]);
	expect(server.violations).toEqual([]);
	expect(done.size).toBe(176);
	// list operations over a fresh store may be empty; every other operation produced an item
	const empty = Object.entries(itemsPerOp).filter(([, n]) => n === 0).map(([id]) => id);
	expect(empty.every((id) => ['getAll', 'search', 'list'].includes(catalogOf(id).kind))).toBe(true);
});
