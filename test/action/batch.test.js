/*
 * Combine Items (node version 1.4): a batch operation takes the entries of all input items in as
 * few requests as MVMNT's maximum per request allows (100), each item gets the answers to its own
 * entries, paired to it, and an entry MVMNT lists as failed fails its item alone.
 */
const { useFakeMvmnt, apiRequests } = require('../support/setup');

const ctx = useFakeMvmnt();
let server;
let rig;
beforeAll(() => ({ server, rig } = ctx));

const approve = (items, options = {}) =>
	rig.run({ resource: 'bill', operation: 'batchApprove', billIds: '={{ $json.billId }}' }, items, { typeVersion: 1.4, ...options });

test('250 items into Bill → Batch Approve: 3 requests, 250 output items paired to their inputs; the 40 MVMNT refuses are those items\' errors', async () => {
	const bills = server.seed(
		'bills',
		Array.from({ length: 250 }, (_, i) => ({ entityType: 'CARRIER', reference: `BATCH-${i}`, amount: 100 + i, status: i % 25 < 4 ? 'APPROVED_TO_PAY' : 'IN_REVIEW' })),
	);
	const items = bills.map((b) => ({ billId: b.id }));
	const from = server.stats.requests.length;
	const out = await approve(items, { continueOnFail: true });
	const requests = apiRequests(server, from).filter((r) => r.path === '/v1/bills/batch-approve');
	expect(requests.map((r) => r.body.billIds.length)).toEqual([100, 100, 50]);
	expect(out).toHaveLength(250);
	expect(out.map((o) => o.pairedItem.item)).toEqual(items.map((_, i) => i));
	const errors = out.filter((o) => o.json.error);
	expect(errors).toHaveLength(40);
	for (const o of errors) {
		const i = o.pairedItem.item;
		expect(bills[i].status).toBe('APPROVED_TO_PAY');
		expect(o.json.error).toContain(bills[i].id);
		expect(o.json.error).toContain('Bill is APPROVED_TO_PAY');
		expect(o.json.failed).toEqual([{ billId: bills[i].id, error: 'Bill is APPROVED_TO_PAY' }]);
	}
	for (const o of out.filter((x) => !x.json.error)) {
		expect(o.json.approved).toEqual([{ billId: bills[o.pairedItem.item].id, status: 'APPROVED_TO_PAY' }]);
		expect(o.json.failed).toEqual([]);
		expect(o.json.batch).toMatchObject({ requests: 3 });
	}
	// without Continue On Fail the first refused item fails the node, naming it
	await expect(approve(items.slice(0, 10))).rejects.toThrow(/item 0: .*Bill is APPROVED_TO_PAY/);
});

test('Shipment → Track: 150 items of one search each → 2 requests, each item its own result, in order', async () => {
	const shipments = server.seed(
		'shipments',
		Array.from({ length: 3 }, (_, i) => ({ customer: { id: '00000000-0000-4000-8000-00000000aa01' }, orders: [{ references: [{ type: 'PO', value: `TRACK-PO-${i}` }] }] })),
	);
	const refs = Array.from({ length: 150 }, (_, i) => (i % 50 === 0 ? shipments[(i / 50) % 3].key : `NO-SUCH-${i}`));
	const from = server.stats.requests.length;
	const out = await rig.run(
		{ resource: 'shipment', operation: 'track', searches: { entries: [{ query: '={{ $json.ref }}' }] } },
		refs.map((ref) => ({ ref })),
		{ typeVersion: 1.4 },
	);
	const requests = apiRequests(server, from).filter((r) => r.path === '/v1/shipments/track');
	expect(requests.map((r) => r.body.searches.length)).toEqual([100, 50]);
	expect(out).toHaveLength(150);
	out.forEach((o, i) => {
		expect(o.pairedItem.item).toBe(i);
		expect(o.json.results).toHaveLength(1);
		expect(o.json.results[0].query).toBe(refs[i]);
		expect(o.json.results[0].found).toBe(i % 50 === 0);
	});
});

test('items whose other fields differ go in separate requests; Combine Items off, or node version 1.3, sends one request per item', async () => {
	const bills = server.seed('bills', Array.from({ length: 6 }, (_, i) => ({ entityType: 'CARRIER', reference: `SEP-${i}`, amount: 10, status: 'IN_REVIEW' })));
	const items = bills.map((b) => ({ billId: b.id }));
	let from = server.stats.requests.length;
	await rig.run({ resource: 'bill', operation: 'batchApprove', billIds: '={{ $json.billId }}', combineItems: false }, items.slice(0, 3), { typeVersion: 1.4 });
	expect(apiRequests(server, from).filter((r) => r.path === '/v1/bills/batch-approve')).toHaveLength(3);
	from = server.stats.requests.length;
	await rig.run({ resource: 'bill', operation: 'batchApprove', billIds: '={{ $json.billId }}' }, items.slice(3), { typeVersion: 1.3 });
	expect(apiRequests(server, from).filter((r) => r.path === '/v1/bills/batch-approve')).toHaveLength(3);
});

test('Track items with different Reference Fields are sent in separate requests, each with its own', async () => {
	const items = [
		{ ref: 'SEP-A', fields: ['BOL_NUMBER'] },
		{ ref: 'SEP-B', fields: ['BOL_NUMBER'] },
		{ ref: 'SEP-C', fields: ['PICKUP_NUMBER'] },
	];
	const from = server.stats.requests.length;
	const out = await rig.run(
		{ resource: 'shipment', operation: 'track', searches: { entries: [{ query: '={{ $json.ref }}' }] }, additionalFields: { referenceFields: '={{ $json.fields }}' } },
		items,
		{ typeVersion: 1.4 },
	);
	const requests = apiRequests(server, from).filter((r) => r.path === '/v1/shipments/track');
	expect(requests.map((r) => [r.body.searches.map((s) => s.query), r.body.referenceFields])).toEqual([
		[['SEP-A', 'SEP-B'], ['BOL_NUMBER']],
		[['SEP-C'], ['PICKUP_NUMBER']],
	]);
	expect(out.map((o) => o.json.results[0].query)).toEqual(['SEP-A', 'SEP-B', 'SEP-C']);
});

test('250 items into Invoice → Batch Generate: 3 requests; the 40 orders already invoiced fail their items; a re-run invoices nothing twice', async () => {
	const crypto = require('crypto');
	const shipments = server.seed(
		'shipments',
		Array.from({ length: 250 }, (_, i) => ({
			customer: { id: '00000000-0000-4000-8000-00000000aa02' },
			orders: [{ id: crypto.randomUUID(), billingStatus: 'READY_TO_INVOICE', ...(i % 25 < 4 ? { invoiceId: crypto.randomUUID() } : {}) }],
		})),
	);
	const items = shipments.map((s) => ({ orderId: s.orders[0].id }));
	const invoicesBefore = server.records('invoices').length;
	const generate = () =>
		rig.run({ resource: 'invoice', operation: 'batchGenerate', orderIds: '={{ $json.orderId }}' }, items, { typeVersion: 1.4, continueOnFail: true });
	let from = server.stats.requests.length;
	const out = await generate();
	expect(apiRequests(server, from).filter((r) => r.path === '/v1/invoices/batch-generate').map((r) => r.body.orderIds.length)).toEqual([100, 100, 50]);
	expect(out).toHaveLength(250);
	expect(out.map((o) => o.pairedItem.item)).toEqual(items.map((_, i) => i));
	const failed = out.filter((o) => o.json.error);
	expect(failed.map((o) => o.pairedItem.item)).toEqual(items.map((_, i) => i).filter((i) => i % 25 < 4));
	for (const o of out.filter((x) => !x.json.error)) expect(o.json.generated).toEqual([expect.objectContaining({ orderId: items[o.pairedItem.item].orderId, invoiceId: expect.any(String) })]);
	expect(server.records('invoices').length - invoicesBefore).toBe(210);
	// again: every order has its invoice now, each item says so, and nothing is invoiced twice
	from = server.stats.requests.length;
	const again = await generate();
	expect(apiRequests(server, from).filter((r) => r.path === '/v1/invoices/batch-generate')).toHaveLength(3);
	expect(again.filter((o) => /already has invoice/.test(o.json.error ?? ''))).toHaveLength(250);
	expect(server.records('invoices').length - invoicesBefore).toBe(210);
});
