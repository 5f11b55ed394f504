'use strict';
/**
 * The example workflows in examples/ imported into real n8n (2.41.1 on Node 24, or 1.x on Node 22:
 * N8N_RUNTIME) with this package
 * installed, and run against the fake MVMNT server:
 *   - every example imports, and what n8n serves to its editor knows every node type, version,
 *     parameter, option and connection in it (see workflow-check.js; a deliberately broken
 *     workflow imported alongside proves the check fails when it should)
 *   - examples 1, 2, 3 (twice) and 5 run with `n8n execute`; example 4 is published and fired
 *     by a webhook POST to `n8n start`; examples 6 (AI agent), 7 (polling trigger), 8 (MCP server) and the
 *     templates (09 on) are only imported and validated here (7 is published and polled in
 *     polling.test.js, 8 served to an MCP client in mcp.test.js, the templates run in
 *     templates.test.js)
 * One n8n user folder and one fake server for the whole file.
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { checkWorkflow, indexNodeTypes } = require('./workflow-check');
const { EXAMPLE_DIRS } = require('../support/examples');

jest.setTimeout(600000);

const EXAMPLES = h.EXAMPLES_DIR;
const CLIENT_ID = 'e2e-examples-client';
const CLIENT_SECRET = 'e2e-examples-secret-0123456789';
const WEBHOOK_TOKEN = 'whk_e2e_examples_5b7e21c9';

const DIRS = EXAMPLE_DIRS;
const IDS = {
	quickstart: 'wfExQuickstart01',
	quote: 'wfExQuoteShipment1',
	erp: 'wfExErpSync0001',
	invoice: 'wfExDeliveredInv1',
	documents: 'wfExDocuments001',
	agent: 'wfExAiAgentTool1',
	polling: 'wfExPolling00001',
	mcp: 'wfExMcpServer001',
	billing: 'wfExBilling00001',
	track: 'wfExTrackTrace01',
	watch: 'wfExRateConWat01',
	ar: 'wfExArFollowUp01',
	intake: 'wfExQuoteIntake1',
	onboarding: 'wfExCarrierOnbo1',
	broken: 'wfExBrokenOnPurpose',
};

let stack;
let fake;
let n8n;
let filesDir;
let creds;
const wf = {}; // key → workflow as imported (ids and paths substituted)
const raw = {}; // key → workflow.json as shipped

function readExample(dir) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES, dir, 'workflow.json'), 'utf8'));
}

/** the shipped JSON with test credential ids, the temp files dir and a workflow id */
function prepare(key, json) {
	return h.prepareExample(json, { id: IDS[key], creds, filesDir });
}

/** example 1 with one mistake of each kind the checker must catch */
function brokenWorkflow() {
	const w = JSON.parse(JSON.stringify(raw.quickstart));
	w.name = 'Broken on purpose';
	const byName = (n) => w.nodes.find((x) => x.name === n);
	byName('Create Customer').type = 'n8n-nodes-mvmnt.mvmnnt'; // typo in the type
	byName('Create Pickup Location').parameters.additionalFields.colour = 'red'; // no such field
	byName('Create Pickup Location').parameters.bogus = 1; // no such parameter
	byName('Create Delivery Location').parameters.additionalFields.type = 'WAREHOUSE'; // not an option
	delete byName('Create Pickup Location').parameters.name; // required
	byName('Get Order by Key').typeVersion = 3; // no such version
	delete byName('Create Delivery Location').credentials; // required credential
	return w; // (a connection to a missing node is refused by n8n's import itself; see the test)
}

async function violations() {
	const v = await fake.admin('GET', '/__admin/violations');
	return Array.isArray(v) ? v : v.violations || [];
}

async function apiRequests(from = 0) {
	const s = await fake.admin('GET', '/__admin/stats');
	return s.requests.slice(from).filter((r) => r.path.startsWith('/v1/'));
}

async function requestCount() {
	return (await fake.admin('GET', '/__admin/stats')).requests.length;
}

async function records(collection) {
	return (await fake.admin('GET', `/__admin/records/${collection}`)).filter((r) => !r.deletedAt);
}

function expectSuccess(run) {
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
}

const one = (run, node) => {
	const items = h.nodeJson(run, node);
	expect(items).toHaveLength(1);
	return items[0];
};

function parseCsv(text) {
	// the export has no embedded quotes or commas in these fixtures; keep it simple
	const [header, ...rows] = text.trim().split(/\r?\n/);
	const cols = header.split(',').map((c) => c.replace(/^"|"$/g, ''));
	return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
}

beforeAll(async () => {
	filesDir = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'mvmnt-examples-files-')));
	await h.copyExampleFixtures(filesDir);

	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credExMvmnt00001', name: 'MVMNT account' },
		prepare: workflows,
	});
	({ fake, n8n } = stack);
});

/** every example, imported with the stack's credential; n8n reads and writes files in filesDir */
function workflows({ credential }) {
	creds = {
		mvmntOAuth2Api: credential,
		mvmntWebhookApi: { id: 'credExMvmntHook01', name: 'MVMNT webhook token', type: 'mvmntWebhookApi', data: { token: WEBHOOK_TOKEN } },
		httpBearerAuth: { id: 'credExMcpBearer01', name: 'MVMNT MCP token', type: 'httpBearerAuth', data: { token: 'mcp_examples_token_1' } },
		smtp: { id: 'credExSmtp0000001', name: 'SMTP account', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: 2525, secure: false } },
	};
	for (const [key, dir] of Object.entries(DIRS)) {
		raw[key] = readExample(dir);
		wf[key] = prepare(key, raw[key]);
	}
	wf.broken = prepare('broken', brokenWorkflow());

	return {
		credentials: Object.values(creds),
		workflows: Object.values(wf),
		publish: [wf.invoice.id],
		env: {
			N8N_RESTRICT_FILE_ACCESS_TO: filesDir, // n8n 2.x only reads/writes files under this folder
			N8N_DISABLE_UI: 'false', // the editor's node types (/types/nodes.json) are only generated with the UI on
			// n8n 1.123's default expression engine ('vm') reads a Code node's output through
			// $('…') as null (an n8n bug, example 03 hits it); its 'legacy' engine does not
			...(h.N8N_MAJOR === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		},
	};
}

afterAll(async () => {
	if (stack) await stack.stop();
	if (filesDir && process.env.KEEP_N8N_E2E !== '1') await fsp.rm(filesDir, { recursive: true, force: true });
});

test('every example is an n8n workflow export referencing only this package and n8n core node types', () => {
	for (const [key, w] of Object.entries(raw)) {
		expect({ key, name: typeof w.name, nodes: Array.isArray(w.nodes), connections: typeof w.connections, order: w.settings && w.settings.executionOrder }).toEqual({
			key,
			name: 'string',
			nodes: true,
			connections: 'object',
			order: 'v1',
		});
		for (const node of w.nodes) {
			expect(node.type).toMatch(/^(n8n-nodes-mvmnt\.(mvmnt|mvmntTrigger|mvmntPollingTrigger|mvmntTool)|n8n-nodes-base\.\w+|@n8n\/n8n-nodes-langchain\.\w+)$/);
			expect(typeof node.id).toBe('string');
			for (const ref of Object.values(node.credentials || {})) expect(ref.id).toMatch(/^REPLACE_WITH_/); // placeholders the README names
		}
		expect(JSON.stringify(w)).not.toMatch(/\/tmp\/|credExMvmnt/); // nothing of the test leaks into the shipped files
	}
	// the import printed no warning
	const out = fs
		.readdirSync(n8n.root)
		.filter((f) => /^cli-\d+-import-workflow\.(out|err)$/.test(f))
		.map((f) => fs.readFileSync(path.join(n8n.root, f), 'utf8'))
		.join('\n');
	expect(out).toMatch(new RegExp(`Successfully imported ${Object.keys(wf).length} workflows`));
	expect(out).not.toMatch(/warn|error|invalid|unrecogni[sz]ed|unknown/i);
});

test('example 1 quickstart: customer → 2 locations → order → order by key', async () => {
	await fake.admin('POST', '/__admin/reset');
	const run = await n8n.execute(wf.quickstart.id);
	expectSuccess(run);
	const customer = one(run, 'Create Customer');
	const pickup = one(run, 'Create Pickup Location');
	const delivery = one(run, 'Create Delivery Location');
	const created = one(run, 'Create Order');
	const order = one(run, 'Get Order by Key');
	expect(customer).toMatchObject({ name: 'Acme Industrial Plastics', status: 'ACTIVE' });
	expect([pickup.key, delivery.key]).toEqual(['QS-LOC-DAL-001', 'QS-LOC-MEM-001']);
	expect(order).toMatchObject({ id: created.id, key: 'QS-ORDER-2026-0001', status: 'draft' });
	expect(order.stops.map((s) => s.locationId || (s.location && s.location.id))).toEqual([pickup.id, delivery.id]);
	expect(await violations()).toEqual([]);
});

test('example 2 quote → shipment: priced, won, converted, fetched and tracked', async () => {
	await fake.admin('POST', '/__admin/reset');
	const run = await n8n.execute(wf.quote.id);
	expectSuccess(run);
	const customer = one(run, 'Create or Update Customer');
	const quote = one(run, 'Create Quote');
	expect(customer).toMatchObject({ key: 'ERP-10001', name: 'Acme Industrial Plastics' });
	expect(quote.status).toBe('DRAFT');
	expect(one(run, 'Price Quote')).toMatchObject({ id: quote.id, status: 'QUOTED', amount: 2450 });
	expect(one(run, 'Mark Quote Won')).toMatchObject({ id: quote.id, status: 'WON' });
	const converted = one(run, 'Convert to Shipment');
	expect(converted).toMatchObject({ quoteId: quote.id, quoteStatus: 'WON' });
	const shipment = one(run, 'Get Shipment');
	expect(shipment).toMatchObject({ id: converted.shipmentId, key: converted.shipmentKey });
	expect(shipment.customer.id).toBe(customer.id);
	const tracked = one(run, 'Track Shipment');
	expect(tracked.results).toHaveLength(1);
	expect(tracked.results[0]).toMatchObject({ id: converted.shipmentId, key: converted.shipmentKey });
	expect(tracked.results[0].origin).toMatch(/Dallas/);
	expect(tracked.results[0].destination).toMatch(/Memphis/);

	const [stored] = await records('quotes');
	expect(stored).toMatchObject({ id: quote.id, status: 'WON', amount: 2450, shipmentId: converted.shipmentId });
	expect(stored.order.stops.map((s) => s.type)).toEqual(['PICKUP', 'DELIVERY']);
	expect(stored.order.freight).toMatchObject({ handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400 });
	expect(await violations()).toEqual([]);
});

test('example 3 nightly ERP sync: run twice → no duplicates, the second run updates and exports what changed since the first', async () => {
	await fake.admin('POST', '/__admin/reset');
	const old = { status: 'ACTIVE', createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z' };
	await fake.admin('POST', '/__admin/seed', { collection: 'customers', records: [{ ...old, name: 'Old Customer 1', key: 'OLD-1' }, { ...old, name: 'Old Customer 2', key: 'OLD-2' }] });
	const erpDir = path.join(filesDir, 'mvmnt-erp-sync');
	const exportFile = path.join(erpDir, 'mvmnt-customers-updated.csv');
	const erpKeys = ['ERP-10001', 'ERP-10002', 'ERP-10003', 'ERP-10004', 'ERP-10005'];

	// ---- first run: 5 ERP customers created; the export holds what changed in the last 24 h
	let from = await requestCount();
	const run1 = await n8n.execute(wf.erp.id);
	expectSuccess(run1);
	const start1 = one(run1, 'Start Run');
	expect(start1.firstRun).toBe(true);
	expect(h.nodeJson(run1, 'Create or Update Customer').map((c) => c.key)).toEqual(erpKeys);
	let reqs = await apiRequests(from);
	expect(reqs.filter((r) => r.method === 'POST' && r.path === '/v1/customers')).toHaveLength(5);
	let export1 = parseCsv(await fsp.readFile(exportFile, 'utf8'));
	expect(export1.map((r) => r.key).sort()).toEqual(erpKeys);
	expect(Object.keys(export1[0])).toEqual(['id', 'key', 'name', 'status', 'phoneNumber', 'website', 'updatedAt']);
	expect(one(run1, 'Remember Last Run')).toMatchObject({ lastRunAt: start1.runStartedAt, upserted: 5, exported: 5 });

	// ---- between the runs: the ERP renames a customer; someone edits a customer in MVMNT
	const csvPath = path.join(erpDir, 'erp-customers.csv');
	await fsp.writeFile(csvPath, (await fsp.readFile(csvPath, 'utf8')).replace('Blue Ridge Paper Co.', 'Blue Ridge Paper Company'));
	await fake.admin('POST', '/__admin/seed', { collection: 'customers', records: [{ name: 'Edited In MVMNT', status: 'ACTIVE', key: 'MVMNT-ONLY-1' }] });

	// ---- second run: updates only, and exports what changed since the first run started
	from = await requestCount();
	const run2 = await n8n.execute(wf.erp.id);
	expectSuccess(run2);
	const start2 = one(run2, 'Start Run');
	expect(start2).toMatchObject({ firstRun: false, since: start1.runStartedAt }); // static data kept the last run
	reqs = await apiRequests(from);
	expect(reqs.filter((r) => r.method === 'POST' && r.path === '/v1/customers')).toHaveLength(0);
	expect(reqs.filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1/customers/'))).toHaveLength(5);
	const filterCall = reqs.find((r) => r.method === 'POST' && r.path === '/v1/customers/filter');
	expect(filterCall.body.filter).toEqual({ updatedAt: { greaterThanOrEqualTo: new Date(start1.runStartedAt).toISOString() } });

	const all = await records('customers');
	const erp = all.filter((c) => erpKeys.includes(c.key));
	expect(erp).toHaveLength(5); // no duplicates
	expect(all).toHaveLength(5 + 2 + 1);
	expect(erp.find((c) => c.key === 'ERP-10002').name).toBe('Blue Ridge Paper Company');
	const export2 = parseCsv(await fsp.readFile(exportFile, 'utf8'));
	expect(export2.map((r) => r.key).sort()).toEqual([...erpKeys, 'MVMNT-ONLY-1'].sort());
	expect(export2.find((r) => r.key === 'ERP-10002').name).toBe('Blue Ridge Paper Company');
	expect(one(run2, 'Remember Last Run')).toMatchObject({ lastRunAt: start2.runStartedAt, exportedSince: start1.runStartedAt, upserted: 5, exported: 6 });
	expect(await violations()).toEqual([]);
});

test('example 5 documents: the PDF uploaded, fetched and downloaded back byte-identical', async () => {
	await fake.admin('POST', '/__admin/reset');
	const fixture = await fsp.readFile(path.join(EXAMPLES, DIRS.documents, 'bill-of-lading.pdf'));
	const run = await n8n.execute(wf.documents.id);
	expectSuccess(run);
	const uploaded = one(run, 'Upload Document');
	expect(uploaded).toMatchObject({ type: 'BILL_OF_LADING', fileName: 'bill-of-lading.pdf', contentType: 'application/pdf', fileSize: fixture.length });
	expect(one(run, 'Get Document')).toMatchObject({ id: uploaded.id, status: 'UPLOADED', fileName: 'bill-of-lading.pdf' });
	const downloaded = h.nodeItems(run, 'Download Document');
	expect(downloaded).toHaveLength(1);
	expect(downloaded[0].json.id).toBe(uploaded.id);
	expect(downloaded[0].binary.data).toMatchObject({ fileName: 'bill-of-lading.pdf', mimeType: 'application/pdf' });
	const copy = await fsp.readFile(path.join(filesDir, 'mvmnt-documents', 'bill-of-lading.downloaded.pdf'));
	expect(copy.equals(fixture)).toBe(true);
	expect(await violations()).toEqual([]);
});

describe('in the running n8n (n8n start)', () => {
	let nodeTypes;

	beforeAll(async () => {
		await n8n.start();
		const r = await n8n.session('GET', '/types/nodes.json');
		if (r.status !== 200 || !Array.isArray(r.json)) throw new Error(`GET /types/nodes.json: HTTP ${r.status} ${r.text.slice(0, 300)}`);
		nodeTypes = indexNodeTypes(r.json);
	});

	test('every example, as n8n stored it, uses only node types, parameters and connections n8n knows', async () => {
		// the package's nodes, and the tool variant n8n generates for usableAsTool
		for (const t of ['n8n-nodes-mvmnt.mvmnt', 'n8n-nodes-mvmnt.mvmntTrigger', 'n8n-nodes-mvmnt.mvmntPollingTrigger', 'n8n-nodes-mvmnt.mvmntTool']) expect(nodeTypes.has(t)).toBe(true);
		for (const key of Object.keys(DIRS)) {
			const stored = await n8n.api('GET', `/workflows/${wf[key].id}`);
			expect(stored.status).toBe(200);
			expect(stored.json.nodes.map((n) => n.name)).toEqual(raw[key].nodes.map((n) => n.name));
			expect({ key, issues: checkWorkflow(stored.json, nodeTypes) }).toEqual({ key, issues: [] });
		}
		// the AI agent example: both MVMNT tools hang on the agent's ai_tool input
		const agent = (await n8n.api('GET', `/workflows/${wf.agent.id}`)).json;
		const tools = agent.nodes.filter((n) => n.type === 'n8n-nodes-mvmnt.mvmntTool').map((n) => n.name);
		expect(tools).toEqual(['Track Shipments', 'Get Shipment']);
		for (const name of tools) expect(agent.connections[name].ai_tool).toEqual([[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]]);
		expect(agent.connections['OpenAI Chat Model'].ai_languageModel).toEqual([[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]]);
		// the MCP server example: every MVMNT tool hangs on the MCP Server Trigger
		const mcp = (await n8n.api('GET', `/workflows/${wf.mcp.id}`)).json;
		const mcpTools = mcp.nodes.filter((n) => n.type === 'n8n-nodes-mvmnt.mvmntTool').map((n) => n.name);
		expect(mcpTools.length).toBeGreaterThanOrEqual(8);
		for (const name of mcpTools) expect(mcp.connections[name].ai_tool).toEqual([[{ node: 'MVMNT MCP Server', type: 'ai_tool', index: 0 }]]);
		expect(n8n.logTail(200000)).not.toMatch(/Unrecognized node type|unknown node type/i);
	});

	test('the check fails on a broken workflow that n8n imported without a word', async () => {
		const stored = await n8n.api('GET', `/workflows/${wf.broken.id}`);
		expect(stored.status).toBe(200);
		const issues = checkWorkflow(stored.json, nodeTypes);
		const expected = [
			/^Create Customer: unknown node type n8n-nodes-mvmnt\.mvmnnt$/,
			/^Create Pickup Location: additionalFields\.colour: unknown parameter$/,
			/^Create Pickup Location: bogus: unknown parameter$/,
			/^Create Delivery Location: additionalFields\.type: "WAREHOUSE" is not an option/,
			/^Create Delivery Location: credential mvmntOAuth2Api is required but not set$/,
			/^Create Pickup Location: name: Parameter "Name" is required\.$/,
			/^Get Order by Key: unknown version 3 of n8n-nodes-mvmnt\.mvmnt/,
		];
		for (const re of expected) expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(re)]));
		expect(issues).toHaveLength(expected.length);

		// and what the imported copy cannot hold: a parameter of another operation, a tool wired as main, a dangling connection
		const bad = JSON.parse(JSON.stringify(stored.json));
		const getOrder = bad.nodes.find((n) => n.name === 'Get Order by Key');
		getOrder.typeVersion = 1;
		getOrder.parameters.operation = 'create';
		bad.nodes.push({ ...bad.nodes.find((n) => n.name === 'Create Order'), id: 'x-tool', name: 'As Tool', type: 'n8n-nodes-mvmnt.mvmntTool' });
		bad.connections['As Tool'] = { main: [[{ node: 'Create Order', type: 'main', index: 0 }]] };
		bad.connections['Get Order by Key'] = { main: [[{ node: 'Nowhere', type: 'main', index: 0 }]] };
		const more = checkWorkflow(bad, nodeTypes);
		expect(more).toEqual(
			expect.arrayContaining([
				'Get Order by Key: orderId: not shown for these settings (n8n drops it)',
				'As Tool: has no "main" output (outputs: ai_tool)',
				'Get Order by Key: connected to a node that does not exist: "Nowhere"',
			]),
		);
	});

	test('example 4 delivered → invoice: a webhook POST with the token marks the shipment ready, generates and sends the invoice', async () => {
		await fake.admin('POST', '/__admin/reset');
		const [customerId] = (await fake.admin('POST', '/__admin/seed', { collection: 'customers', records: [{ name: 'Acme Industrial Plastics', status: 'ACTIVE', key: 'ERP-10001' }] })).ids;
		const [shipmentId] = (
			await fake.admin('POST', '/__admin/seed', {
				collection: 'shipments',
				records: [{ customer: { id: customerId }, status: 'DELIVERED', orders: [{ id: '0e4b1c0d-0000-4000-8000-000000000401', totalRevenue: 2450 }] }],
			})
		).ids;
		const [shipment] = (await records('shipments')).filter((s) => s.id === shipmentId);
		const hookPath = `${wf.invoice.nodes.find((n) => n.name === 'Shipment Delivered').webhookId}/mvmnt`;
		const body = {
			sentAt: '2026-03-04T16:00:05Z',
			events: [
				{ event: 'SHIPMENT_DISPATCHED', timestamp: '2026-03-02T09:00:00Z', data: { id: shipmentId }, diff: null },
				{ event: 'SHIPMENT_DELIVERED', timestamp: '2026-03-04T16:00:00Z', data: { id: shipmentId, key: shipment.key, friendlyId: shipment.friendlyId, status: 'DELIVERED' }, diff: [{ type: 'UPDATE', key: 'status', value: 'DELIVERED', oldValue: 'IN_TRANSIT' }] },
			],
		};

		const refused = await n8n.postWebhook(hookPath, body, { 'x-api-key': 'whk_wrong' });
		expect(refused.status).toBe(401);
		const r = await n8n.postWebhook(hookPath, body, { 'x-api-key': WEBHOOK_TOKEN });
		expect([r.status, r.json]).toEqual([200, { received: 2, accepted: 1 }]);

		const list = await n8n.waitForExecutions(wf.invoice.id, (l) => l.some((e) => e.status && !['running', 'new', 'waiting'].includes(e.status)), { timeoutMs: 60000 });
		expect(list).toHaveLength(1); // the wrong token started nothing
		const [execution] = list;
		const itemsOf = (node) => {
			const runs = execution.data.resultData.runData[node];
			if (!runs) throw new Error(`${node} did not run: ${JSON.stringify(execution.data.resultData.error || {}).slice(0, 500)}`);
			return runs[runs.length - 1].data.main[0].map((i) => i.json);
		};
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(itemsOf('Shipment Delivered')).toEqual([expect.objectContaining({ event: 'SHIPMENT_DELIVERED', data: expect.objectContaining({ id: shipmentId }) })]);
		const [ready] = itemsOf('Mark Ready to Invoice');
		expect(ready.id).toBe(shipmentId);
		expect(ready.orders.map((o) => o.billingStatus)).toEqual(['READY_TO_INVOICE']);
		const [generated] = itemsOf('Generate Invoice');
		expect(generated).toMatchObject({ shipmentId });
		const [sent] = itemsOf('Send Invoice');
		expect(sent).toEqual({ success: true, emailId: expect.any(String) });

		const [invoice] = await records('invoices');
		const [after] = (await records('shipments')).filter((s) => s.id === shipmentId);
		expect(after.orders.map((o) => [o.billingStatus, o.invoiceId])).toEqual([['INVOICED', generated.invoiceId]]);
		expect(invoice).toMatchObject({ id: generated.invoiceId, shipmentId, amount: 2450, lastSentTo: ['ap@acme-industrial-plastics.example'] });
		const sendCall = (await apiRequests()).find((q) => q.method === 'POST' && q.path === `/v1/invoices/${generated.invoiceId}/send`);
		expect(sendCall.body).toMatchObject({ toEmails: ['ap@acme-industrial-plastics.example'], subject: `Invoice for shipment ${shipment.friendlyId || shipment.key}` });
		expect(await violations()).toEqual([]);
	});
});
