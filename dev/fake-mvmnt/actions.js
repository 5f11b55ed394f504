'use strict';
/**
 * Business semantics the OpenAPI schemas cannot express, kept as small data-driven tables:
 *   RULES   per-collection hooks for create / patch / delete
 *   ACTIONS 'METHOD /template' -> (api, ctx, {record, item}) => value shaped into the success schema
 * Operations not listed here go through MvmntApi.fallback (look up path records, answer the schema).
 */
const crypto = require('crypto');
const { fieldValue } = require('./filter');
const { today, isPlainObject } = require('./conform');
const { makePdf } = require('./media');

const now = () => new Date().toISOString();
const uuid = () => crypto.randomUUID();
const sum = (rows, f) => Math.round(rows.reduce((s, r) => s + Number((typeof f === 'function' ? f(r) : r[f]) || 0), 0) * 100) / 100;
const live = (api, collection, pred) => api.store.list(collection).filter((r) => !r.deletedAt && pred(r));
const label = (r) => r.friendlyId || r.key || r.id;

// ------------------------------------------------------------------ shared helpers

/** status transition: from one of `from` (or any but `notFrom`) to `to` (string or fn), else 409 */
function transition({ from, notFrom, to, set = () => ({}), onItem = false }) {
	return (api, ctx, t) => {
		const target = onItem ? t.item : t.record;
		if ((from && !from.includes(target.status)) || (notFrom && notFrom.includes(target.status))) {
			throw api.conflict(`${label(target)} is ${target.status}; ${ctx.operation.operationId} is not allowed`);
		}
		const status = typeof to === 'function' ? to(target) : to;
		const patch = { status, ...set(ctx.body || {}, target) };
		if (onItem) {
			Object.assign(target, patch, { updatedAt: now() });
			api.update(t.record, {});
			return target;
		}
		return api.update(target, patch);
	};
}

function setOrderBilling(status) {
	return (api, ctx, { record }) => {
		if (record.status === 'CANCELED') throw api.conflict(`Shipment ${label(record)} is CANCELED`);
		for (const o of record.orders || []) o.billingStatus = status;
		return api.update(record, { billingStatus: status });
	};
}

function makeLoadCarrier(input = {}) {
	const charges = (input.charges || []).map((c) => ({ id: uuid(), quantity: 1, ...c }));
	return {
		...input,
		id: uuid(),
		charges,
		status: 'ACTIVE',
		billingStatus: 'AWAITING_INVOICE',
		bookedAt: now(),
		dispatchedAt: null,
		totalCost: sum(charges, (c) => c.amount * (c.quantity || 1)),
		createdAt: now(),
		updatedAt: now(),
	};
}

function copyLoad(api, load) {
	const stops = (load.stops || []).map(({ id, ...s }) => s);
	return api.insert('loads', { shipmentId: load.shipmentId, mode: load.mode, stops, carriers: [], rebookedFromLoadId: load.id });
}

/** stores bytes as an already-uploaded document */
function storeDocument(api, fields, bytes) {
	const doc = api.insert('documents', { ...fields, status: 'UPLOADED', fileSize: bytes.length, fileToken: api.newFileToken(), uploadUrl: null });
	api.files.set(doc.id, { bytes, contentType: fields.contentType });
	doc.downloadUrl = api.fileUrl('download', doc);
	return doc;
}

function generateInvoice(api, shipment, order) {
	if (order.invoiceId) return { error: `Order ${order.id} already has invoice ${order.invoiceId}` };
	const doc = storeDocument(
		api,
		{ type: 'INVOICE', fileName: `invoice-${label(shipment)}.pdf`, extension: 'pdf', contentType: 'application/pdf' },
		makePdf([`Invoice for shipment ${label(shipment)}`]),
	);
	const invoice = api.insert('invoices', {
		orderId: order.id,
		orderKey: order.key || null,
		shipmentId: shipment.id,
		shipmentKey: shipment.key,
		customer: shipment.customer,
		invoiceDate: today(),
		amount: Number(order.totalRevenue || shipment.totalRevenue || 0),
		status: 'DRAFT',
		documentId: doc.id,
		documentUrl: doc.downloadUrl,
		payments: [],
		credits: [],
	});
	order.invoiceId = invoice.id;
	order.billingStatus = 'INVOICED';
	api.update(shipment, {});
	return { invoice, doc };
}

/**
 * payment / bill-payment applications: fill ids + friendly ids and book (sign 1) or un-book (sign -1)
 * the amount on the target invoice/bill (amountPaid, payments[], status)
 */
function bookApplications(api, payment, { collection, idField, friendlyField }, sign = 1) {
	for (const app of payment.applications || []) {
		const target = api.store.find(collection, app[idField], 'id');
		if (!target) continue;
		app[friendlyField] = target.friendlyId || null;
		app.shipmentId = app.shipmentId || target.shipmentId || null;
		const paid = Math.max(0, Number(target.amountPaid || 0) + sign * Number(app.amount));
		const others = (target.payments || []).filter((p) => p.paymentGroupId !== payment.id);
		const entry = { id: app.id, paymentGroupId: payment.id, amount: app.amount, paymentDate: payment.paymentDate, reference: payment.reference || null, paymentMethodType: payment.paymentMethodType || null };
		const before = target.statusBeforePayment || target.status;
		const partly = collection === 'invoices' ? 'PARTIALLY_PAID' : before;
		const status = paid >= target.amount && paid > 0 ? 'PAID' : paid > 0 ? partly : before;
		api.update(target, { amountPaid: paid, payments: sign > 0 ? [...others, entry] : others, status, statusBeforePayment: before });
	}
	api.update(payment, {});
}

const INVOICE_APPS = { collection: 'invoices', idField: 'invoiceId', friendlyField: 'invoiceFriendlyId' };
const BILL_APPS = { collection: 'bills', idField: 'billId', friendlyField: 'billFriendlyId' };

/** 409 unless the predicate holds; used by delete rules */
function deletableWhen(pred, why) {
	return (api, record) => {
		if (!pred(record)) throw api.conflict(`${label(record)}: ${why}`);
	};
}

function payeeBills(api, record, field, statuses = ['APPROVED_TO_PAY']) {
	return live(api, 'bills', (b) => fieldValue(b, field) === record.id && statuses.includes(b.status) && b.openBalance > 0);
}

function billsForPayment(field) {
	return (api, ctx, { record }) => {
		const bills = payeeBills(api, record, field);
		return { ...record, [field.replace(/Id$/, '')]: record, bills, totalOutstanding: sum(bills, 'openBalance') };
	};
}

const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'];

/** AR/AP aging: open balances grouped by payer/payee into 30-day buckets (JSON; CSV via Accept) */
function aging({ collection, rowsKey, groupOf, match }) {
	return (api, ctx) => {
		const q = ctx.query;
		const size = Number(q.daysPerBucket) || 30;
		const max = Number(q.maxDays) || 120;
		const groups = new Map();
		const totals = Object.fromEntries([...BUCKETS, 'total'].map((b) => [b, 0]));
		for (const r of live(api, collection, (x) => x.openBalance > 0 && x.status !== 'VOIDED' && match(x, q))) {
			const due = r.dueDate || r.invoiceDate || today();
			const days = Math.floor((Date.parse(today()) - Date.parse(due)) / 864e5);
			const bucket = BUCKETS[days <= 0 ? 0 : Math.min(4, Math.ceil(days / 30))];
			const who = groupOf(api, r);
			if (!groups.has(who.id)) groups.set(who.id, { ...who, ...Object.fromEntries([...BUCKETS, 'total'].map((b) => [b, 0])) });
			const g = groups.get(who.id);
			for (const t of [g, totals]) {
				t[bucket] = Math.round((t[bucket] + r.openBalance) * 100) / 100;
				t.total = Math.round((t.total + r.openBalance) * 100) / 100;
			}
		}
		const labels = ['Current'];
		for (let d = 1; d <= max; d += size) labels.push(`${d}-${Math.min(d + size - 1, max)}`);
		labels.push(`${max}+`);
		return { asOfDate: today(), buckets: labels, [rowsKey]: [...groups.values()], totals };
	};
}

function refInfo(api, ref, extra = {}) {
	const r = (ref && api.store.findById(ref.id)) || ref || {};
	return { id: r.id, name: r.name || r.companyName || label(r), friendlyId: r.friendlyId || null, ...extra };
}

/**
 * A quote's order as MVMNT summarizes it (OrderSummary): the first pickup's and last delivery's
 * requested dates and the freight's total weight, derived from the stops and freight it was given.
 */
function summarizeOrder(order) {
	const stops = Array.isArray(order.stops) ? order.stops : [];
	const first = stops.find((s) => s && s.type === 'PICKUP');
	const last = [...stops].reverse().find((s) => s && s.type === 'DELIVERY');
	if (first && first.requestedStartDate && order.pickUpDate === undefined) order.pickUpDate = first.requestedStartDate;
	if (last && last.requestedStartDate && order.deliveryDate === undefined) order.deliveryDate = last.requestedStartDate;
	const freights = Array.isArray(order.freight) ? order.freight : order.freight ? [order.freight] : [];
	const weights = freights.map((f) => f && f.weight).filter((w) => typeof w === 'number');
	if (weights.length && order.weight === undefined) order.weight = weights.reduce((a, b) => a + b, 0);
}

// ------------------------------------------------------------------ per-collection rules

const RULES = {
	quotes: {
		beforeCreate(api, data) {
			if (data.order) summarizeOrder(data.order);
		},
		beforePatch(api, record, patch) {
			if (patch.order) summarizeOrder(patch.order);
			const merged = { ...record, ...patch };
			if (patch.status === 'LOST' && !merged.lostReason) {
				throw api.errors.validation([{ field: 'lostReason', message: 'lostReason is required when status is LOST' }]);
			}
			if (merged.status === 'LOST' && merged.lostReason === 'OTHER' && !merged.lostReasonText) {
				throw api.errors.validation([{ field: 'lostReasonText', message: "lostReasonText is required when lostReason is 'OTHER'" }]);
			}
			if (['WON', 'LOST', 'PASS', 'CANCELED'].includes(patch.status)) patch.closedTime = now();
		},
	},
	shipments: {
		beforeCreate(api, data) {
			for (const o of data.orders || []) o.billingStatus = o.billingStatus || 'NOT_READY_TO_INVOICE';
			data.nested = { loads: data.loads || [], services: data.services || [] };
			delete data.loads;
			delete data.services;
		},
		beforeDelete(api, record) {
			for (const c of ['loads', 'services']) for (const child of api.children(record, c)) api.store.softDelete(child);
		},
		afterCreate(api, record) {
			for (const load of record.nested.loads) api.insert('loads', loadFields({ ...load, shipmentId: record.id }));
			for (const service of record.nested.services) api.insert('services', { ...service, shipmentId: record.id });
			delete record.nested;
		},
	},
	bills: {
		beforeCreate(api, data) {
			if (data.entityType && data.entityId) data[data.entityType.toLowerCase()] = { id: data.entityId };
			data.status = data.status || 'IN_REVIEW';
			data.payments = [];
		},
		beforeDelete: deletableWhen((r) => !(r.amountPaid > 0), 'Cannot delete - bill has payments'),
	},
	invoices: {
		beforeCreate(api, data) {
			const hit = data.orderId && api.store.findNested(data.orderId);
			if (hit && hit.collection === 'shipments') Object.assign(data, { shipmentId: hit.record.id, shipmentKey: hit.record.key, customer: hit.record.customer });
			Object.assign(data, { payments: [], credits: [], creditsApplied: 0 });
		},
		beforeDelete(api, record) {
			deletableWhen((r) => !(r.amountPaid > 0) && !r.factorName, 'Cannot void - invoice has payments or is factored')(api, record);
			api.update(record, { status: 'VOIDED' });
			return false; // DELETE /invoices/{id} is "void": the invoice stays readable with status VOIDED
		},
	},
	'credit-memos': { beforeCreate: (api, data) => Object.assign(data, { appliedAmount: 0, applications: [] }) },
	payments: {
		afterCreate: (api, r) => bookApplications(api, r, INVOICE_APPS),
		beforeDelete: (api, r) => bookApplications(api, r, INVOICE_APPS, -1),
	},
	loads: {
		beforeCreate: (api, data) => Object.assign(data, loadFields(data)),
		beforeDelete: deletableWhen((r) => !(r.carriers || []).some((c) => c.status === 'ACTIVE'), 'Cannot delete - load has active carriers'),
	},
	services: { beforeDelete: deletableWhen((r) => r.status !== 'PAID', 'Cannot delete - service is paid') },
	'bill-payments': {
		beforeDelete: (api, r) => bookApplications(api, r, BILL_APPS, -1),
		afterCreate(api, r) {
			bookApplications(api, r, BILL_APPS);
			const bill = api.store.findById((r.applications[0] || {}).billId) || {};
			const recipient = r.carrierFactorId ? 'CARRIER_FACTOR' : bill.entityType || 'CARRIER';
			api.update(r, { recipientType: recipient, carrier: bill.carrier, vendor: bill.vendor });
		},
	},
	documents: {
		beforeCreate(api, data) {
			Object.assign(data, { status: 'PENDING_UPLOAD', extension: (/\.([^.]+)$/.exec(data.fileName || '') || [])[1] || '', downloadUrl: null, fileToken: api.newFileToken() });
		},
		afterCreate: (api, record) => Object.assign(record, { uploadUrl: api.fileUrl('upload', record) }),
	},
};

function loadFields(data) {
	const out = { ...data };
	out.carriers = out.carrier ? [makeLoadCarrier(out.carrier)] : out.carriers || [];
	if (out.carrier) out.status = 'BOOKED';
	delete out.carrier;
	return out;
}

// ------------------------------------------------------------------ actions

const ACTIONS = {
	'POST /quotes/{id}/convert-to-shipment'(api, ctx, { record: quote }) {
		if (quote.shipmentId) throw api.conflict(`Quote has already been converted to shipment ${quote.shipmentKey}`);
		if (!['QUOTED', 'WON'].includes(quote.status)) throw api.conflict(`Quote ${label(quote)} is ${quote.status}; only QUOTED or WON quotes can be converted`);
		const orders = [quote.order, ...((ctx.body || {}).additionalOrders || [])].filter(Boolean).map((o) => ({ ...o, id: o.id || uuid() }));
		const shipment = api.insert('shipments', { customer: quote.customer, orders, quoteId: quote.id });
		api.update(quote, { status: 'WON', shipmentId: shipment.id, shipmentKey: shipment.key, closedTime: quote.closedTime || now() });
		return { quoteId: quote.id, quoteStatus: 'WON', shipmentId: shipment.id, shipmentKey: shipment.key, orderId: shipment.orders[0].id };
	},
	'POST /shipments/{id}/cancel': transition({ notFrom: ['CANCELED', 'DELIVERED'], to: 'CANCELED', set: (b, r) => ({ previousStatus: r.status, cancelReason: b.reason || null }) }),
	'POST /shipments/{id}/uncancel': transition({ from: ['CANCELED'], to: (r) => r.previousStatus || 'DRAFT' }),
	'POST /shipments/{id}/duplicate'(api, ctx, { record }) {
		const body = ctx.body || {};
		const orders = (record.orders || []).map(({ id, invoiceId, ...o }) => ({
			...o,
			billingStatus: 'NOT_READY_TO_INVOICE',
			stops: (o.stops || []).map(({ id: _s, ...s }, i) => ({ ...s, requestedStartDate: (i === 0 ? body.pickUpDate : body.deliveryDate) || s.requestedStartDate })),
		}));
		const copy = api.insert('shipments', { customer: record.customer, customerRep: record.customerRep, orders, duplicatedFromId: record.id });
		return { originalShipmentId: record.id, newShipmentId: copy.id, newShipmentKey: copy.key };
	},
	'POST /shipments/{id}/ready-to-invoice': setOrderBilling('READY_TO_INVOICE'),
	'POST /shipments/{id}/not-ready-to-invoice': setOrderBilling('NOT_READY_TO_INVOICE'),
	'POST /shipments/{id}/invoice/generate'(api, ctx, { record }) {
		const order = (record.orders || [])[0];
		const result = order ? generateInvoice(api, record, order) : { error: 'Shipment has no orders' };
		if (result.error) throw api.conflict(result.error);
		return { shipmentId: record.id, invoiceId: result.invoice.id, documentId: result.doc.id, downloadUrl: result.doc.downloadUrl };
	},
	'POST /shipments/track'(api, ctx) {
		const body = ctx.body || {};
		const shipments = live(api, 'shipments', () => true).reverse();
		const results = body.searches.map(({ query }) => {
			const q = query.toLowerCase();
			for (const s of shipments) {
				const refs = (s.orders || []).flatMap((o) => o.references || []).filter((r) => !body.referenceFields || body.referenceFields.includes(r.type));
				const ref = refs.find((r) => String(r.value).toLowerCase() === q);
				if (ref || [s.id, s.key, s.friendlyId].some((v) => v && String(v).toLowerCase() === q)) {
					const stops = (s.orders || []).flatMap((o) => o.stops || []);
					const place = (st) => (st && st.address ? [st.address.city, st.address.market].filter(Boolean).join(', ') : null);
					return { query, id: s.id, key: s.key, friendlyId: s.friendlyId, status: s.status, field: ref ? ref.type : null, value: ref ? ref.value : null, origin: place(stops[0]), destination: place(stops[stops.length - 1]), pickUpDate: (stops[0] || {}).requestedStartDate || null, deliveryDate: (stops[stops.length - 1] || {}).requestedStartDate || null, trackingUrl: `${api.publicUrl()}/track/${s.id}` };
				}
			}
			return { query, id: null, key: null, friendlyId: null, status: null, field: null, value: null, origin: null, destination: null, pickUpDate: null, deliveryDate: null, trackingUrl: null };
		});
		return { results };
	},
	'POST /loads/{id}/add-carrier'(api, ctx, { record }) {
		const lc = makeLoadCarrier(ctx.body);
		api.update(record, { carriers: [...(record.carriers || []), lc], status: record.status === 'SOURCING' ? 'BOOKED' : record.status });
		return { loadId: record.id, loadCarrierId: lc.id, loadCarrier: lc };
	},
	'POST /loads/{id}/rebook'(api, ctx, { record }) {
		if (!(record.carriers || []).some((c) => c.status === 'TONU')) throw api.conflict(`Load ${label(record)} has no TONU carrier to rebook`);
		const copy = copyLoad(api, record);
		return { originalLoadId: record.id, newLoadId: copy.id, newLoadKey: copy.key };
	},
	'PATCH /loads/{loadId}/carriers/{carrierId}': transition({ onItem: true, to: (i) => i.status, set: (b) => b }),
	'POST /loads/{loadId}/carriers/{carrierId}/bounce': transition({ onItem: true, from: ['ACTIVE'], to: 'BOUNCED', set: (b) => ({ removalReason: b.reason || 'BOUNCED', removalReasonText: b.reasonText || null }) }),
	'POST /loads/{loadId}/carriers/{carrierId}/tonu'(api, ctx, t) {
		const body = ctx.body || {};
		const lc = transition({ onItem: true, from: ['ACTIVE'], to: 'TONU', set: (b) => ({ tonuReason: b.reason || null, tonuCosts: b.costs || [] }) })(api, ctx, t);
		const replacement = body.createReplacementLoad ? copyLoad(api, t.record) : null;
		return { loadCarrier: lc, replacementLoadId: replacement ? replacement.id : null };
	},
	'POST /invoices/{id}/mark-awaiting': transition({ notFrom: ['VOIDED', 'PAID'], to: 'AWAITING_PAYMENT', set: (b, r) => ({ invoiceDate: b.invoiceDate || r.invoiceDate, dueDate: b.dueDate || r.dueDate || null }) }),
	'POST /invoices/{id}/send'(api, ctx, { record }) {
		api.update(record, { lastSentAt: now(), lastSentTo: ctx.body.toEmails });
		return { success: true, emailId: uuid() };
	},
	'POST /invoices/batch-generate'(api, ctx) {
		const body = ctx.body || {};
		const generated = [];
		const failed = [];
		for (const orderId of body.orderIds) {
			const hit = api.store.findNested(orderId);
			const result = hit && hit.collection === 'shipments' ? generateInvoice(api, hit.record, hit.item) : { error: `Order ${orderId} not found` };
			if (result.error) failed.push({ orderId, error: result.error });
			else generated.push({ orderId, invoiceId: result.invoice.id, documentId: result.doc.id });
		}
		return { generated, failed, emailsSent: body.sendEmail ? generated.length : 0 };
	},
	'GET /invoices/aging-report': aging({
		collection: 'invoices',
		rowsKey: 'customers',
		groupOf: (api, r) => refInfo(api, r.customer),
		match: (r, q) => !q.customerId || fieldValue(r, 'customerId') === q.customerId,
	}),
	'GET /bills/aging-report': aging({
		collection: 'bills',
		rowsKey: 'payees',
		groupOf: (api, r) => refInfo(api, r.carrier || r.vendor, { entityType: r.entityType }),
		match: (r, q) => (!q.carrierId || fieldValue(r, 'carrierId') === q.carrierId) && (!q.vendorId || fieldValue(r, 'vendorId') === q.vendorId) && (!q.entityType || r.entityType === q.entityType),
	}),
	'GET /customers/{id}/payments'(api, ctx, { record }) {
		const page = api.paged(ctx, live(api, 'payments', (p) => fieldValue(p, 'customerId') === record.id));
		return { data: page.data, pagination: page.pageInfo };
	},
	'GET /customers/{id}/outstanding-invoices'(api, ctx, { record }) {
		const invoices = live(api, 'invoices', (i) => fieldValue(i, 'customerId') === record.id && ['AWAITING_PAYMENT', 'PARTIALLY_PAID'].includes(i.status));
		return { invoices, totalOutstanding: sum(invoices, 'openBalance') };
	},
	'GET /invoices/{id}/available-credits'(api, ctx, { record }) {
		const customerId = fieldValue(record, 'customerId');
		const memos = live(api, 'credit-memos', (m) => fieldValue(m, 'customerId') === customerId && m.status !== 'VOIDED' && m.remainingBalance > 0);
		return { availableCredits: memos, totalAvailable: sum(memos, 'remainingBalance') };
	},
	'POST /credit-memos/{id}/void': transition({ notFrom: ['VOIDED'], to: 'VOIDED', set: (b) => ({ voidedAt: now(), voidReason: b.reason || null }) }),
	'POST /credit-memos/{id}/apply'(api, ctx, { record: memo }) {
		const { invoiceId, amount } = ctx.body;
		if (memo.status === 'VOIDED') throw api.conflict(`Credit memo ${label(memo)} is VOIDED`);
		const invoice = api.store.find('invoices', invoiceId, 'id');
		if (!invoice || invoice.deletedAt) throw api.errors.validation([{ field: 'invoiceId', message: `invoice '${invoiceId}' not found` }]);
		if (amount > memo.remainingBalance) throw api.errors.validation([{ field: 'amount', message: `exceeds the remaining balance ${memo.remainingBalance}` }]);
		const application = { id: uuid(), invoiceId, invoiceFriendlyId: invoice.friendlyId, amount, appliedAt: now() };
		const applied = memo.appliedAmount + amount;
		api.update(memo, { applications: [...memo.applications, application], appliedAmount: applied, status: applied >= memo.amount ? 'APPLIED' : 'PARTIALLY_APPLIED' });
		const credit = { id: application.id, creditMemoId: memo.id, creditMemoReference: memo.reference || null, amount, appliedAt: application.appliedAt };
		api.update(invoice, { credits: [...(invoice.credits || []), credit], creditsApplied: Number(invoice.creditsApplied || 0) + amount });
		return { application, creditMemo: memo };
	},
	'DELETE /credit-memos/{creditMemoId}/applications/{applicationId}'(api, ctx, { record: memo, item }) {
		const invoice = api.store.findById(item.invoiceId);
		if (invoice) api.update(invoice, { credits: (invoice.credits || []).filter((c) => c.id !== item.id), creditsApplied: invoice.creditsApplied - item.amount });
		const applied = memo.appliedAmount - item.amount;
		return api.update(memo, { applications: memo.applications.filter((a) => a.id !== item.id), appliedAmount: applied, status: applied > 0 ? 'PARTIALLY_APPLIED' : 'OPEN' });
	},
	'POST /bills/{id}/approve': transition({ notFrom: ['APPROVED_TO_PAY', 'PAID'], to: 'APPROVED_TO_PAY' }),
	'POST /bills/{id}/unapprove': transition({ from: ['APPROVED_TO_PAY'], to: 'IN_REVIEW' }),
	'POST /bills/batch-approve'(api, ctx) {
		const approved = [];
		const failed = [];
		for (const billId of ctx.body.billIds) {
			const bill = api.store.find('bills', billId, 'id');
			if (!bill || bill.deletedAt) failed.push({ billId, error: 'Bill not found' });
			else if (['APPROVED_TO_PAY', 'PAID'].includes(bill.status)) failed.push({ billId, error: `Bill is ${bill.status}` });
			else approved.push({ billId, status: api.update(bill, { status: 'APPROVED_TO_PAY' }).status });
		}
		return { approved, failed };
	},
	'POST /bills/{id}/revert'(api, ctx, { record }) {
		api.update(record, { revertReason: (ctx.body || {}).reason || null, payments: [], amountPaid: 0 });
		api.store.softDelete(record);
		return { success: true, entityStatus: 'AWAITING_INVOICE' };
	},
	'GET /carriers/{id}/outstanding-bills': billsForPayment('carrierId'),
	'GET /vendors/{id}/outstanding-bills': billsForPayment('vendorId'),
	'GET /carriers/{id}/bills-for-payment': billsForPayment('carrierId'),
	'GET /vendors/{id}/bills-for-payment': billsForPayment('vendorId'),
	'GET /carrier-factors/{id}/bills-for-payment'(api, ctx, { record }) {
		const factored = new Set(live(api, 'carrier-payment-methods', (m) => m.carrierFactorId === record.id).map((m) => m.carrierId));
		const bills = live(api, 'bills', (b) => b.status === 'APPROVED_TO_PAY' && b.openBalance > 0 && (factored.has(fieldValue(b, 'carrierId')) || fieldValue(b, 'carrierFactorId') === record.id));
		return { bills, totalOutstanding: sum(bills, 'openBalance'), carrierFactor: record };
	},
	'GET /bill-payments/{id}/remittance-advice'(api, ctx, { record }) {
		const payee = api.store.findById((record.carrier || record.vendor || {}).id) || {};
		const address = isPlainObject(payee.billingAddress || payee.corporateAddress) ? Object.values(payee.billingAddress || payee.corporateAddress).filter((v) => typeof v === 'string').join(', ') : '';
		const applications = (record.applications || []).map((a) => ({ ...a, shipmentFriendlyId: (api.store.findById(a.shipmentId) || {}).friendlyId, invoiceDate: (api.store.findById(a.billId) || {}).invoiceDate }));
		return { ...record, paymentMethod: record.paymentMethodType || 'CHECK', reference: record.reference || label(record), payee: { name: payee.name || 'Payee', address }, applications };
	},
	'POST /bill-payments/{id}/send-remittance'(api, ctx, { record }) {
		const payee = api.store.findById((record.carrier || record.vendor || {}).id) || {};
		const sentTo = (ctx.body || {}).toEmail || payee.email || 'ap@example.com';
		api.update(record, { remittanceSentTo: sentTo, remittanceSentAt: now() });
		return { success: true, sentTo };
	},
	'POST /global-search': (api, ctx) => api.globalSearch(ctx),
};

module.exports = { ACTIONS, RULES };
