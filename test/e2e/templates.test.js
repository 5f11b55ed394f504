'use strict';
/**
 * The broker templates in examples/ (09 on) end to end in real n8n (2.41.1, or 1.x: N8N_RUNTIME)
 * against the fake MVMNT, with local stand-ins for everything outside MVMNT (dev/outside.js: an
 * SMTP server, a chat webhook). One n8n, one fake and one set of stand-ins for the whole file;
 * each template's outcome is asserted on what MVMNT, the mailbox and the chat received.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { startInbox, startSmtp } = require('../../dev/outside');
const { TEMPLATE_DIRS } = require('../support/examples');
const { startFakeOpenAi, toolNamed, toolResults } = require('../../dev/fake-openai');

jest.setTimeout(600000);

const CLIENT_ID = 'e2e-templates-client';
const CLIENT_SECRET = 'e2e-templates-secret-0123456789';
const IDS = { billing: 'wfTplBilling0001', track: 'wfTplTrackTrace1', watch: 'wfTplRateConWat1', ar: 'wfTplArFollowUp1', intake: 'wfTplQuoteIntake', onboarding: 'wfTplCarrierOnbo' };
const DIRS = TEMPLATE_DIRS;
const WEBHOOK_TOKEN = 'whk_e2e_templates_9c41';

let stack;
let fake;
let n8n;
let smtp;
let chat;
let openai;
const wf = {};

const admin = (method, p, body) => fake.admin(method, p, body);
const records = async (collection) => (await admin('GET', `/__admin/records/${collection}`)).filter((r) => !r.deletedAt);
const seed = async (collection, list) => (await admin('POST', '/__admin/seed', { collection, records: list })).ids;
async function apiRequests(from = 0) {
	const s = await admin('GET', '/__admin/stats');
	return s.requests.slice(from).filter((r) => r.path.startsWith('/v1/'));
}
const requestCount = async () => (await admin('GET', '/__admin/stats')).requests.length;

function expectSuccess(run) {
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
}

/** the template as shipped, with the test's credentials, the chat stand-in's URL and a workflow id */
function template(key, creds) {
	const json = JSON.parse(fs.readFileSync(path.join(h.EXAMPLES_DIR, DIRS[key], 'workflow.json'), 'utf8'));
	for (const node of json.nodes) {
		if (node.type === 'n8n-nodes-base.httpRequest' && /hooks\.slack\.com/.test(node.parameters.url)) node.parameters.url = `${chat.url}/ops/${key}`;
	}
	return h.prepareExample(json, { id: IDS[key], creds });
}

/*
 * Billing readiness, the example: 250 delivered shipments still DOCS_NEEDED, 210 with a POD
 * on file, 40 without, each of those hauled by its own carrier.
 */
const billing = { shipments: [], withPod: [], withoutPod: [], carriers: [] };

async function seedBilling() {
	const [customerId] = await seed('customers', [{ name: 'Billing Template Foods', status: 'ACTIVE' }]);
	const shipmentIds = await seed(
		'shipments',
		Array.from({ length: 250 }, () => ({
			status: 'DELIVERED',
			customer: { id: customerId },
			deliveredAt: '2026-12-03T16:00:00.000Z',
			orders: [{ id: crypto.randomUUID(), billingStatus: 'DOCS_NEEDED', totalRevenue: 1800 }],
		})),
	);
	const all = (await records('shipments')).filter((s) => shipmentIds.includes(s.id));
	billing.shipments = all;
	billing.withoutPod = all.filter((_, i) => i % 25 >= 21); // 40
	billing.withPod = all.filter((_, i) => i % 25 < 21); // 210
	await seed(
		'documents',
		billing.withPod.map((s) => ({ type: 'PROOF_OF_DELIVERY', fileName: `${s.key}-POD.pdf`, contentType: 'application/pdf', status: 'UPLOADED', tags: { shipmentKey: s.key } })),
	);
	const carrierIds = await seed(
		'carriers',
		billing.withoutPod.map((_, i) => ({ name: `Template Carrier ${i + 1}`, email: `dispatch${i + 1}@carrier${i + 1}.example`, status: 'ACTIVE', type: 'TRUCKLOAD' })),
	);
	billing.carriers = (await records('carriers')).filter((c) => carrierIds.includes(c.id));
	await seed(
		'loads',
		billing.withoutPod.map((s, i) => ({
			shipmentId: s.id,
			shipmentKey: s.key,
			mode: 'TL',
			status: 'DELIVERED',
			carriers: [{ id: crypto.randomUUID(), carrier: { id: carrierIds[i] }, status: 'ACTIVE', charges: [] }],
		})),
	);
}

/*
 * Track & trace: 6 open shipments (2 of them past their delivery date), one delivered long ago;
 * for the events, a customer with a primary contact.
 */
const track = { late: [], onTime: [], delivered: null, contact: null };
const stops = (delivery) => [
	{ type: 'PICKUP', requestedStartDate: '2026-11-16' },
	{ type: 'DELIVERY', requestedStartDate: delivery },
];

async function seedTrack() {
	const [customerId] = await seed('customers', [{ name: 'Track Template Retail', status: 'ACTIVE' }]);
	await seed('customer-contacts', [
		{ customer: { id: customerId }, name: 'Dana Receiving', isPrimary: true, contactInfo: { name: 'Dana Receiving', email: 'dana@track-retail.example' } },
	]);
	track.contact = 'dana@track-retail.example';
	const dates = ['2026-11-20', '2027-01-15', '2026-11-21', '2027-01-16', '2027-01-17', '2027-01-18'];
	const ids = await seed(
		'shipments',
		dates.map((d) => ({ status: 'IN_TRANSIT', customer: { id: customerId }, orders: [{ id: crypto.randomUUID(), stops: stops(d) }] })),
	);
	const [deliveredId] = await seed('shipments', [{ status: 'DELIVERED', customer: { id: customerId }, orders: [{ id: crypto.randomUUID(), stops: stops('2026-11-10') }] }]);
	const all = await records('shipments');
	const byId = (id) => all.find((x) => x.id === id);
	track.late = [byId(ids[0]), byId(ids[2])];
	track.onTime = [ids[1], ids[3], ids[4], ids[5]].map(byId);
	track.delivered = byId(deliveredId);
}

/* Rate-con and pickup watch: two booked shipments, each with a load and its carrier. */
const watch = { unsigned: null, pickup: null, carriers: [] };

async function seedWatch() {
	const [customerId] = await seed('customers', [{ name: 'Watch Template Mills', status: 'ACTIVE' }]);
	const carrierIds = await seed('carriers', [
		{ name: 'Unsigned Haulers', email: 'ratecon@unsigned-haulers.example', status: 'ACTIVE', type: 'TRUCKLOAD' },
		{ name: 'Late Dispatch Lines', email: 'ops@late-dispatch.example', status: 'ACTIVE', type: 'TRUCKLOAD' },
	]);
	const ids = await seed(
		'shipments',
		['2026-12-05', '2026-12-04'].map((d) => ({
			status: 'BOOKED',
			customer: { id: customerId },
			orders: [{ id: crypto.randomUUID(), stops: [{ type: 'PICKUP', requestedStartDate: d }, { type: 'DELIVERY', requestedStartDate: '2026-12-09' }] }],
		})),
	);
	const all = await records('shipments');
	[watch.unsigned, watch.pickup] = ids.map((id) => all.find((x) => x.id === id));
	await seed(
		'loads',
		ids.map((id, i) => ({ shipmentId: id, shipmentKey: all.find((x) => x.id === id).key, mode: 'TL', status: 'BOOKED', carriers: [{ id: crypto.randomUUID(), carrier: { id: carrierIds[i] }, status: 'ACTIVE', charges: [] }] })),
	);
	watch.carriers = carrierIds;
}

/* AR follow-up: two customers past due (two invoices and one), one only current. */
const ar = { customers: {}, invoices: {}, billing: {} };
const daysFromToday = (n) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

async function seedAr() {
	const names = { late: 'AR Late Logistics', later: 'AR Later Lumber', current: 'AR Current Candles' };
	const ids = await seed('customers', Object.values(names).map((name) => ({ name, status: 'ACTIVE' })));
	Object.keys(names).forEach((k, i) => (ar.customers[k] = ids[i]));
	const invoice = (k, days, open) => ({ customer: { id: ar.customers[k] }, status: 'AWAITING_PAYMENT', amount: open, openBalance: open, currency: 'USD', invoiceDate: daysFromToday(days - 30), dueDate: daysFromToday(days), reference: `AR-${k}-${-days}` });
	const invoiceIds = await seed('invoices', [invoice('late', -60, 1200), invoice('late', -45, 800), invoice('later', -100, 2500), invoice('current', 10, 900)]);
	const all = await records('invoices');
	for (const k of Object.keys(names)) ar.invoices[k] = all.filter((x) => invoiceIds.includes(x.id) && x.customer && x.customer.id === ar.customers[k]);
	const contact = (k, email, types, isPrimary) => ({ customer: { id: ar.customers[k] }, name: `${k} contact`, isPrimary, contactTypes: types, contactInfo: { name: `${k} contact`, email } });
	for (const k of Object.keys(names)) ar.billing[k] = `ap@${k}.example`;
	await seed('customer-contacts', [
		contact('late', 'owner@late.example', ['OWNER'], true),
		contact('late', ar.billing.late, ['BILLING'], false),
		contact('later', ar.billing.later, ['BILLING', 'OWNER'], true),
		contact('current', ar.billing.current, ['BILLING'], true),
	]);
}

/*
 * Email quote intake: a scripted model (dev/fake-openai.js) reads the email, finds the customer,
 * creates the quote through the MVMNT tools and writes the reply.
 */
const intake = { customerId: null, email: null };
const REQUEST = {
	from: 'Tonya Brooks <tonya.brooks@lakeside-plastics.example>',
	subject: 'Quote request: Dallas to Memphis, 20 pallets, Dec 14',
	text: 'Hi team,\nplease quote a 53 ft dry van from our Dallas DC (3450 Pinnacle Point Dr, Dallas, TX) to Memphis (4150 Rozelle Rd, Memphis, TN).\n20 pallets, 36,000 lb, pickup Dec 14, delivery Dec 15. Our target is $2,100.\nThanks, Tonya',
};
const QUOTE_ARGS = (customerId) => ({
	quote: {
		customer: { id: customerId },
		order: {
			mode: 'TL',
			stops: [
				{ type: 'PICKUP', address: { line1: '3450 Pinnacle Point Dr', city: 'Dallas', market: 'TX', country: 'US' }, requestedStartDate: '2026-12-14' },
				{ type: 'DELIVERY', address: { line1: '4150 Rozelle Rd', city: 'Memphis', market: 'TN', country: 'US' }, requestedStartDate: '2026-12-15' },
			],
			freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 36000 },
			equipment: [{ key: 'DRY_VAN_53' }],
		},
	},
});
const firstRecord = (content) => {
	const parsed = JSON.parse(content);
	return Array.isArray(parsed) ? parsed[0] : parsed;
};

async function seedIntake() {
	[intake.customerId] = await seed('customers', [{ name: 'Lakeside Industrial Plastics', status: 'ACTIVE', website: 'https://lakeside-plastics.example' }]);
}

let serving;
/** `n8n start` once, for the templates that wait for MVMNT's webhooks */
const started = () => (serving = serving || n8n.start());

beforeAll(async () => {
	[smtp, chat] = await Promise.all([startSmtp(), startInbox()]);
	openai = await startFakeOpenAi([
		(body) => ({ toolCall: { name: toolNamed(body, /find/i).name, args: { filter: { name: { includes: 'Lakeside' } } } } }),
		(body) => ({ toolCall: { name: toolNamed(body, /quote/i).name, args: QUOTE_ARGS(firstRecord(toolResults(body)[0]).id) } }),
		(body) => ({
			text: `Hello Tonya,\n\nthank you for your request. We have it as quote ${firstRecord(toolResults(body)[1]).key}: 53 ft dry van, Dallas TX to Memphis TN, pickup Dec 14, delivery Dec 15, 20 pallets, 36,000 lb. We have noted your target of $2,100 and will come back with our rate shortly.\n\nBest regards`,
		}),
	]);
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credTplMvmnt00001', name: 'MVMNT account' },
		prepare: async (s) => {
			fake = s.fake;
			await seedBilling();
			await seedTrack();
			await seedWatch();
			await seedAr();
			await seedIntake();
			const creds = {
				mvmntOAuth2Api: s.credential,
				mvmntWebhookApi: { id: 'credTplMvmntHook1', name: 'MVMNT webhook token', type: 'mvmntWebhookApi', data: { token: WEBHOOK_TOKEN } },
				openAiApi: { id: 'credTplOpenAi0001', name: 'Scripted model', type: 'openAiApi', data: { apiKey: 'sk-scripted', url: openai.baseUrl } },
				smtp: { id: 'credTplSmtp000001', name: 'SMTP (stand-in)', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
			};
			for (const key of Object.keys(DIRS)) wf[key] = template(key, creds);
			return { credentials: Object.values(creds), workflows: Object.values(wf), publish: [wf.track.id, wf.watch.id, wf.intake.id, wf.onboarding.id] };
		},
	});
	({ n8n } = stack);
});

afterAll(async () => {
	if (stack) await stack.stop();
	await Promise.all([smtp && smtp.close(), chat && chat.close(), openai && openai.close()]);
});

test('billing readiness over 250 delivered shipments, 40 without a POD: exactly the 210 complete ones invoiced in 3 batch requests, each of the 40 carriers asked once, ops told; a re-run invoices nothing twice', async () => {
	const invoicesBefore = (await records('invoices')).length;
	let from = await requestCount();
	const run = await n8n.execute(wf.billing.id);
	expectSuccess(run);
	const batches = (await apiRequests(from)).filter((r) => r.path === '/v1/invoices/batch-generate');
	expect(batches.map((r) => r.body.orderIds.length)).toEqual([100, 100, 10]);
	expect(batches.every((r) => r.body.sendEmail === true)).toBe(true);
	const invoices = (await records('invoices')).slice(invoicesBefore);
	expect(invoices).toHaveLength(210);
	expect(new Set(invoices.map((i) => i.shipmentId))).toEqual(new Set(billing.withPod.map((s) => s.id)));

	// one email per carrier, to its address, naming its shipment
	expect(smtp.messages).toHaveLength(40);
	const byTo = new Map(smtp.messages.map((m) => [m.to[0], m]));
	billing.withoutPod.forEach((s, i) => {
		const m = byTo.get(billing.carriers[i].email);
		expect(m).toBeDefined();
		expect(m.subject).toContain(s.key);
		expect(m.text).toContain(s.key);
	});
	// the ops channel: one line per branch
	const lines = chat.received.filter((r) => r.path === '/ops/billing').map((r) => r.body.text);
	expect(lines).toEqual(
		expect.arrayContaining([
			'Billing readiness: 210 invoices generated and emailed (3 batch requests)',
			'Billing readiness: POD requested from 40 carriers for 40 delivered shipments',
		]),
	);
	expect(lines).toHaveLength(2);

	// the next morning: the invoiced shipments are no longer DOCS_NEEDED; the 40 are chased again
	from = await requestCount();
	const again = await n8n.execute(wf.billing.id);
	expectSuccess(again);
	expect((await apiRequests(from)).filter((r) => r.path === '/v1/invoices/batch-generate')).toHaveLength(0);
	expect((await records('invoices')).length - invoicesBefore).toBe(210);
	expect(smtp.messages).toHaveLength(80);
	expect(await admin('GET', '/__admin/violations')).toEqual([]);
});

describe('track & trace', () => {
	test('every 30 minutes: the open shipments tracked in one combined request; exactly the 2 running late raise an alert with their tracking link', async () => {
		const from = await requestCount();
		const run = await n8n.execute(wf.track.id);
		expectSuccess(run);
		const tracks = (await apiRequests(from)).filter((r) => r.path === '/v1/shipments/track');
		expect(tracks).toHaveLength(1);
		const open = (await records('shipments')).filter((x) => ['DISPATCHED', 'LOADING', 'PICKED_UP', 'IN_TRANSIT', 'UNLOADING', 'OUT_FOR_DELIVERY'].includes(x.status));
		expect(tracks[0].body.searches.map((q) => q.query).sort()).toEqual(open.map((x) => x.key).sort());
		const lines = chat.received.filter((r) => r.path === '/ops/track').map((r) => r.body.text);
		expect(lines).toHaveLength(2);
		for (const late of track.late) {
			const line = lines.find((l) => l.includes(late.key));
			expect(line).toMatch(new RegExp(`^Running late: ${late.key} \\(IN_TRANSIT\\), delivery was due 2026-11-2\\d.*Track: http\\S+/track/${late.id}$`));
		}
	});

	test('MVMNT events: an overdue check call alerts ops with the tracking link; a delivered shipment emails the customer\'s primary contact', async () => {
		await started();
		const hookPath = `${wf.track.nodes.find((n) => n.name === 'MVMNT Events').webhookId}/mvmnt`;
		const [overdue] = track.onTime;
		const delivered = track.onTime[1];
		const before = chat.received.length;
		const body = {
			sentAt: '2026-12-04T16:00:05Z',
			events: [
				{ id: 'evt-tpl-overdue-1', event: 'SHIPMENT_NEXT_CHECK_CALL_OVERDUE', timestamp: '2026-12-04T16:00:00Z', data: { id: overdue.id, key: overdue.key }, diff: null },
				{ id: 'evt-tpl-delivered-1', event: 'SHIPMENT_DELIVERED', timestamp: '2026-12-04T16:00:01Z', data: { id: delivered.id, key: delivered.key, status: 'DELIVERED' }, diff: null },
			],
		};
		const r = await n8n.postWebhook(hookPath, body, { 'x-api-key': WEBHOOK_TOKEN });
		expect(r.status).toBe(200);
		await n8n.waitForExecutions(wf.track.id, (l) => l.some((e) => e.status && !['running', 'new', 'waiting'].includes(e.status)), { timeoutMs: 60000 });
		const t0 = Date.now();
		while (Date.now() - t0 < 30000 && (chat.received.length === before || !smtp.messages.some((m) => m.to.includes(track.contact)))) await h.sleep(200);
		const alerts = chat.received.slice(before).map((x) => x.body.text);
		expect(alerts).toEqual([expect.stringMatching(new RegExp(`^Check call overdue: ${overdue.key} \\(IN_TRANSIT\\), call the driver\\. Track: http\\S+/track/${overdue.id}$`))]);
		const mail = smtp.messages.filter((m) => m.to.includes(track.contact));
		expect(mail).toHaveLength(1);
		expect(mail[0].subject).toBe(`Shipment ${delivered.key}: delivered`);
		expect(mail[0].text).toContain(`/track/${delivered.id}`);
	});
});

test('rate-con and pickup watch: an unsigned rate con and a pickup near but not dispatched each escalate to ops with the load and its carrier; the unsigned one also reminds the carrier', async () => {
	await started();
	const hookPath = `${wf.watch.nodes.find((n) => n.name === 'Watched Events').webhookId}/mvmnt`;
	const before = chat.received.length;
	const mailBefore = smtp.messages.length;
	const body = {
		sentAt: '2026-12-04T06:00:05Z',
		events: [
			{ id: 'evt-tpl-ratecon-1', event: 'SHIPMENT_RATE_CON_NOT_SIGNED', timestamp: '2026-12-04T06:00:00Z', data: { id: watch.unsigned.id, key: watch.unsigned.key }, diff: null },
			{ id: 'evt-tpl-pickup-1', event: 'SHIPMENT_PICK_UP_NEAR_NOT_DISPATCHED', timestamp: '2026-12-04T06:00:01Z', data: { id: watch.pickup.id, key: watch.pickup.key }, diff: null },
		],
	};
	const r = await n8n.postWebhook(hookPath, body, { 'x-api-key': WEBHOOK_TOKEN });
	expect(r.status).toBe(200);
	const t0 = Date.now();
	while (Date.now() - t0 < 60000 && (chat.received.length - before < 2 || smtp.messages.length === mailBefore)) await h.sleep(200);
	const lines = chat.received.slice(before).map((x) => x.body.text).sort();
	expect(lines).toEqual([
		expect.stringMatching(new RegExp(`^Pickup near, not dispatched: ${watch.pickup.key}, load .* \\(BOOKED\\), carrier Late Dispatch Lines ops@late-dispatch\\.example, pickup 2026-12-04$`)),
		expect.stringMatching(new RegExp(`^Rate con not signed: ${watch.unsigned.key}, load .* \\(BOOKED\\), carrier Unsigned Haulers ratecon@unsigned-haulers\\.example, pickup 2026-12-05$`)),
	]);
	const mail = smtp.messages.slice(mailBefore);
	expect(mail.map((m) => [m.to[0], m.subject])).toEqual([['ratecon@unsigned-haulers.example', `Rate confirmation to sign: ${watch.unsigned.key}`]]);
});

test('AR follow-up: the aging report\'s past-due customers each get one reminder at their billing contact listing their open invoices; ops get the total', async () => {
	const mailBefore = smtp.messages.length;
	const chatBefore = chat.received.length;
	const run = await n8n.execute(wf.ar.id);
	expectSuccess(run);
	const mail = smtp.messages.slice(mailBefore);
	expect(mail.map((m) => m.to[0]).sort()).toEqual([ar.billing.late, ar.billing.later].sort());
	for (const k of ['late', 'later']) {
		const m = mail.find((x) => x.to[0] === ar.billing[k]);
		for (const inv of ar.invoices[k]) expect(m.text).toContain(inv.friendlyId || inv.reference);
	}
	expect(mail.find((x) => x.to[0] === ar.billing.late).subject).toBe('Payment reminder: 2 open invoices, 2000 USD');
	const lines = chat.received.slice(chatBefore).filter((r) => r.path === '/ops/ar').map((r) => r.body.text);
	expect(lines).toEqual(['AR follow-up: reminders sent to 2 customers, 4500 past due']);
});

test('email quote intake: the agent finds the customer and creates the quote through the MVMNT tools; sales get the reply draft with the quote number', async () => {
	await started();
	const quotesBefore = (await records('quotes')).length;
	const mailBefore = smtp.messages.length;
	const r = await n8n.postWebhook('quote-requests', REQUEST);
	expect(r.status).toBe(200);
	const t0 = Date.now();
	while (Date.now() - t0 < 60000 && !smtp.messages.slice(mailBefore).some((m) => m.to.includes('sales@your-brokerage.example'))) await h.sleep(200);
	if (!smtp.messages.slice(mailBefore).length) {
		const [e] = await n8n.executions(wf.intake.id);
		const data = (e && e.data && e.data.resultData) || {};
		throw new Error(`no draft: model asked ${openai.requests.length} times; execution ${e && e.status}: ${JSON.stringify(data.error || {}).slice(0, 1500)} ran ${Object.keys(data.runData || {}).join(', ')}`);
	}
	const quotes = (await records('quotes')).slice(quotesBefore);
	if (quotes.length !== 1) throw new Error(`quotes ${quotes.length}; tool results: ${JSON.stringify(toolResults(openai.requests[openai.requests.length - 1])).slice(0, 2000)}`);
	expect(quotes).toHaveLength(1);
	const [quote] = quotes;
	expect(quote.customer.id).toBe(intake.customerId);
	expect(quote.amount == null).toBe(true); // pricing sets the price
	expect(quote.order.stops.map((x) => [x.type, x.address.city, x.requestedStartDate])).toEqual([
		['PICKUP', 'Dallas', '2026-12-14'],
		['DELIVERY', 'Memphis', '2026-12-15'],
	]);
	const [draft] = smtp.messages.slice(mailBefore).filter((m) => m.to.includes('sales@your-brokerage.example'));
	expect(draft.subject).toBe(`Draft reply to ${REQUEST.from}: ${REQUEST.subject}`);
	expect(draft.text).toContain(`quote ${quote.key}`);
	expect(draft.text).toContain('> please quote a 53 ft dry van');
	// the model was shown both tools, each with a described argument
	const tools = openai.requests[0].tools.map((t) => t.function);
	expect(tools.map((t) => t.name).sort()).toEqual(['Create_Quote', 'Find_Customers']);
	for (const t of tools) for (const [, prop] of Object.entries(t.parameters.properties)) expect((prop.description || '').length).toBeGreaterThan(40);
});

describe('carrier onboarding from an n8n form', () => {
	const pdf = (title) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
	const answers = (email) => ['Prairie Wind Transport LLC', 'MC-778812', '3391045', 'Luis Ortega', email, '+1 316 555 0142', 'First Plains Bank', 'Prairie Wind Transport LLC', '101000019', '4455667788'];
	async function submit(email) {
		const form = new FormData();
		answers(email).forEach((value, i) => form.append(`field-${i}`, value));
		form.append('field-10', new Blob([pdf('W-9 Prairie Wind')], { type: 'application/pdf' }), 'w9-prairie-wind.pdf');
		form.append('field-11', new Blob([pdf('COI Prairie Wind')], { type: 'application/pdf' }), 'coi-prairie-wind.pdf');
		// (n8n registers a published form's URL a moment after it is up)
		const t0 = Date.now();
		for (;;) {
			const res = await fetch(`${n8n.baseUrl}/form/carrier-onboarding`, { method: 'POST', body: form });
			if (res.status !== 404 || Date.now() - t0 > 30000) return { status: res.status, text: await res.text() };
			await h.sleep(250);
		}
	}
	const byKey = async (collection, key) => (await records(collection)).filter((r) => r.key === key);
	async function waitChat(from, pattern) {
		const t0 = Date.now();
		for (;;) {
			const line = chat.received.slice(from).find((r) => r.path === '/ops/onboarding' && pattern.test(r.body.text));
			if (line) return line.body.text;
			if (Date.now() - t0 > 60000) {
				const [e] = await n8n.executions(wf.onboarding.id);
				const data = (e && e.data && e.data.resultData) || {};
				throw new Error(`no chat line ${pattern}: execution ${e && e.status}: ${JSON.stringify(data.error || {}).slice(0, 1200)}; ran ${Object.keys(data.runData || {}).join(', ')}`);
			}
			await h.sleep(200);
		}
	}

	test('a new carrier: carrier (pending review), dispatch contact, ACH payment method, W-9 and insurance certificate uploaded; ops told', async () => {
		await started();
		const from = chat.received.length;
		const r = await submit('dispatch@prairie-wind.example');
		expect(r.status).toBe(200);
		const line = await waitChat(from, /^New carrier onboarded/);
		expect(line).toBe('New carrier onboarded: Prairie Wind Transport LLC (MC 778812), dispatch dispatch@prairie-wind.example, ACH on file, W-9 and insurance certificate uploaded; status PENDING for review');
		const [carrier] = await byKey('carriers', 'MC-778812');
		expect(carrier).toMatchObject({ name: 'Prairie Wind Transport LLC', mcNumber: '778812', dotNumber: '3391045', email: 'dispatch@prairie-wind.example', status: 'PENDING' });
		expect(await byKey('carrier-contacts', 'MC-778812-DISPATCH')).toHaveLength(1);
		const methods = (await records('carrier-payment-methods')).filter((m) => m.carrierId === carrier.id || (m.carrier && m.carrier.id === carrier.id));
		expect(methods.map((m) => [m.paymentMethodType, m.bankName, m.accountNumber])).toEqual([['ACH', 'First Plains Bank', '4455667788']]);
		const docs = [...(await byKey('documents', 'MC-778812-W9')), ...(await byKey('documents', 'MC-778812-COI'))];
		expect(docs.map((d) => [d.type, d.status, d.fileName])).toEqual([
			['W9', 'UPLOADED', 'w9-prairie-wind.pdf'],
			['CERTIFICATE_OF_INSURANCE', 'UPLOADED', 'coi-prairie-wind.pdf'],
		]);
	});

	test('the same carrier submits again: caught by its MC number (client key), nothing created twice, the dispatch email updated, ops told', async () => {
		const from = chat.received.length;
		const r = await submit('ops@prairie-wind.example');
		expect(r.status).toBe(200);
		const line = await waitChat(from, /sent again/);
		expect(line).toContain('Prairie Wind Transport LLC (key MC-778812): no second carrier created');
		const carriers = await byKey('carriers', 'MC-778812');
		expect(carriers).toHaveLength(1);
		expect(carriers[0].email).toBe('ops@prairie-wind.example');
		expect(await byKey('carrier-contacts', 'MC-778812-DISPATCH')).toHaveLength(1);
		expect((await records('carrier-payment-methods')).filter((m) => m.carrierId === carriers[0].id || (m.carrier && m.carrier.id === carriers[0].id))).toHaveLength(1);
		expect([...(await byKey('documents', 'MC-778812-W9')), ...(await byKey('documents', 'MC-778812-COI'))]).toHaveLength(2);
	});
});
