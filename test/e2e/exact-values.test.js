'use strict';
/**
 * Exact values in the real n8n (2.41.1 on Node 24, and the newest 1.x): what the editor is offered
 * and exactly what MVMNT receives.
 *   - Custom API Call: n8n adds it as the last resource of the MVMNT node, for every version the node
 *     has; the editor answers it with the HTTP Request node and the MVMNT credential, which reaches
 *     MVMNT with a token; a saved MVMNT node set to it fails with a message naming the HTTP Request node.
 *   - Dates east of UTC: with n8n in Asia/Tokyo, a day picked in the date picker (saved as a wall time
 *     without zone, midnight) is the day MVMNT gets, and a date-time is that wall time in Tokyo.
 * One n8n for the whole file, started with GENERIC_TIMEZONE=Asia/Tokyo; workflows run with `n8n execute`,
 * `n8n start` only serves the node types (and is stopped again, so that no two n8n processes share the
 * SQLite database).
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { filterFieldValue } = require('../../dist/nodes/foundation/filter/operators.js');

jest.setTimeout(300000);

const CLIENT_ID = 'exact-client-id';
const CLIENT_SECRET = 'exact-client-secret-0123456789';
const TIME_ZONE = 'Asia/Tokyo';
const ACTION_TYPE = `${h.PKG_NAME}.mvmnt`;
const CUSTOM_API_CALL = { name: 'Custom API Call', value: '__CUSTOM_API_CALL__' };
const SEEDED_CUSTOMERS = ['Custom Call Freight 1', 'Custom Call Freight 2', 'Custom Call Freight 3'];
// HTTP Request 4.2: in both n8n 1.123 (default 4.3) and 2.41 (default 4.5)
const HTTP_REQUEST_VERSION = 4.2;

let stack;
let fake;
let n8n;
let credential;
let carrierId;
const wf = {};

function expectSuccess(run) {
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
}

/** runs a workflow with `n8n execute`; returns the run and the requests the fake MVMNT saw meanwhile */
async function execute(workflowId) {
	const before = (await fake.admin('GET', '/__admin/stats?limit=0')).requestCount;
	const run = await n8n.execute(workflowId);
	const after = await fake.admin('GET', '/__admin/stats');
	const requests = after.requestCount > before ? after.requests.slice(-(after.requestCount - before)) : [];
	return { run, requests, tokenRequests: after.tokenRequests };
}

async function violations() {
	const v = await fake.admin('GET', '/__admin/violations');
	return Array.isArray(v) ? v : v.violations || [];
}

/**
 * GET /types/nodes.json as the owner. n8n writes the file in the background once it is ready: until it
 * is complete the answer is a 404 or a JSON text cut short, asked again.
 */
async function typesFile({ timeoutMs = 30000 } = {}) {
	const t0 = Date.now();
	for (;;) {
		const r = await n8n.session('GET', '/types/nodes.json');
		if (Array.isArray(r.json)) return r.json;
		if (![200, 404].includes(r.status) || Date.now() - t0 > timeoutMs) {
			throw new Error(`/types/nodes.json: HTTP ${r.status} ${String(r.text).slice(0, 300)}`);
		}
		await h.sleep(250);
	}
}

function resourceOptions(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	if (!resource) throw new Error(`${description.name} has no resource parameter`);
	return resource.options;
}

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credMvmntExact0001', name: 'MVMNT (exact values)' },
		// the editor's files on: n8n serves /types/nodes.json, the node descriptions the editor downloads
		env: { GENERIC_TIMEZONE: TIME_ZONE, N8N_DISABLE_UI: 'false', N8N_VERIFIED_PACKAGES_ENABLED: 'false' },
		prepare: seedAndWorkflows,
	});
	({ fake, n8n, credential } = stack);
});

/** a carrier and customers at the fake; the workflows, all with the stack's credential */
async function seedAndWorkflows(s) {
	({ fake, credential } = s);
	const carriers = await fake.admin('POST', '/__admin/seed', { collection: 'carriers', records: [{ name: 'Kanto Line Haul', type: 'CARRIER' }] });
	carrierId = carriers.ids[0];
	await fake.admin('POST', '/__admin/seed', { collection: 'customers', records: SEEDED_CUSTOMERS.map((name) => ({ name, status: 'ACTIVE' })) });
	const credentials = { mvmntOAuth2Api: { id: credential.id, name: credential.name } };

	// what the editor sets up for a Custom API Call: the HTTP Request node with the node's credential type
	wf.httpRequest = h.linearWorkflow({
		id: 'wfMvmntExactHttp01',
		name: 'Custom API Call: HTTP Request',
		nodes: [
			{
				name: 'List Customers',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: HTTP_REQUEST_VERSION,
				credentials,
				parameters: {
					method: 'POST',
					url: `${fake.baseUrl}/customers/filter`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'mvmntOAuth2Api',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '{ "pageSize": 10 }',
					options: {},
				},
			},
		],
	});
	// a version-1 node saved with the Custom API Call resource, as the editor stores it
	wf.customCall = h.linearWorkflow({
		id: 'wfMvmntExactCustom1',
		name: 'Custom API Call: MVMNT node',
		credential,
		nodes: [{ name: 'Custom Call', typeVersion: 1, parameters: { resource: CUSTOM_API_CALL.value, operation: CUSTOM_API_CALL.value } }],
	});

	// dates as n8n's date picker saves them: a wall time without zone; each node goes on after a failure
	// of the one before, so that every request is made and checked on its own
	const customerGetAll = OPERATIONS.find((o) => o.resource === 'customer' && o.kind === 'getAll');
	const createdAt = customerGetAll.filterFields.find((f) => f.name === 'createdAt');
	wf.dates = h.linearWorkflow({
		id: 'wfMvmntExactDates1',
		name: 'Dates east of UTC',
		credential,
		nodes: [
			{
				name: 'Create Bill',
				typeVersion: 1.1,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'bill',
					operation: 'create',
					entityType: 'CARRIER',
					entityId: carrierId,
					amount: 100,
					invoiceDate: '2026-03-02T00:00:00',
					additionalFields: { dueDate: '2026-03-31T00:00:00' },
				},
			},
			{
				name: 'Create Customer',
				typeVersion: 1.1,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'customer',
					operation: 'create',
					name: 'Tokyo Freight KK',
					status: 'ACTIVE',
					additionalFields: { deactivationDate: '2026-03-02T09:30:00' },
				},
			},
			{
				name: 'Customers Since New Year',
				typeVersion: 1.1,
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					returnAll: false,
					limit: 5,
					filterType: 'builder',
					conditions: { condition: [{ field: filterFieldValue(createdAt), operator: 'greaterThan', dateValue: '2026-01-01T00:00:00' }] },
				},
			},
		],
	});
	wf.dates.settings = { ...wf.dates.settings, timezone: TIME_ZONE };

	return { workflows: Object.values(wf) };
}

afterAll(async () => {
	if (stack) await stack.stop();
});

describe('Custom API Call', () => {
	test('n8n offers it as the last resource of the MVMNT node, in every version', async () => {
		await n8n.start();
		try {
			// the editor's list of node types: one description for all versions of the node
			const served = await typesFile();
			const listed = served.find((t) => t.name === ACTION_TYPE);
			expect(listed).toBeDefined();
			expect(resourceOptions(listed).slice(-1)).toEqual([CUSTOM_API_CALL]);
			expect(resourceOptions(listed).filter((o) => o.value === CUSTOM_API_CALL.value)).toHaveLength(1);
			const versions = [].concat(listed.version);
			expect(versions).toEqual(expect.arrayContaining([1, 1.1, 1.2]));

			// what the editor asks for when it opens a workflow holding a node of each version
			const r = await n8n.session('POST', '/rest/node-types', { nodeInfos: versions.map((version) => ({ name: ACTION_TYPE, version })) });
			expect(r.status).toBe(200);
			expect(r.json.data).toHaveLength(versions.length);
			for (const description of r.json.data) {
				expect(resourceOptions(description).slice(-1)).toEqual([CUSTOM_API_CALL]);
			}
		} finally {
			await n8n.stop();
		}
	});

	test('the HTTP Request node with the MVMNT credential (Predefined Credential Type) calls MVMNT with a token', async () => {
		const { run, requests, tokenRequests } = await execute(wf.httpRequest.id);
		expectSuccess(run);
		const [answer] = h.nodeJson(run, 'List Customers');
		expect(answer.data.map((c) => c.name)).toEqual(expect.arrayContaining(SEEDED_CUSTOMERS));
		expect(tokenRequests).toBeGreaterThan(0);
		const call = requests.find((q) => q.method === 'POST' && q.path === '/v1/customers/filter');
		expect(call).toBeDefined();
		expect(call.status).toBe(200);
		expect(call.headers.authorization).toBe('Bearer ***');
		expect(await violations()).toEqual([]);
	});

	test('a saved version-1 MVMNT node set to it fails with a message naming the HTTP Request node', async () => {
		const { run, requests } = await execute(wf.customCall.id);
		expect(run.status).not.toBe('success');
		const error = run.data.resultData.error;
		expect(error).toBeDefined();
		expect(error.node && error.node.name).toBe('Custom Call');
		expect(`${error.message} ${error.description || ''}`).toContain('HTTP Request');
		expect(requests.filter((q) => q.path.startsWith('/v1/'))).toEqual([]);
	});
});

describe('Dates east of UTC (n8n in Asia/Tokyo)', () => {
	let sent;

	beforeAll(async () => {
		const { run, requests } = await execute(wf.dates.id);
		expectSuccess(run);
		sent = { run, requests };
	});

	/** the body of the one request the workflow made to `method path` */
	function bodyOf(method, path) {
		const matching = sent.requests.filter((q) => q.method === method && q.path === path);
		expect(matching).toHaveLength(1);
		return matching[0].body;
	}

	test('Bill → Create sends the days picked: invoice date 2026-03-02, due date 2026-03-31', () => {
		const body = bodyOf('POST', '/v1/bills');
		expect({ invoiceDate: body.invoiceDate, dueDate: body.dueDate }).toEqual({ invoiceDate: '2026-03-02', dueDate: '2026-03-31' });
		expect(body).toMatchObject({ entityType: 'CARRIER', entityId: carrierId, amount: 100 });
	});

	test('a date-time field is the wall time in Tokyo: 2026-03-02 09:30 is 00:30 UTC', () => {
		const body = bodyOf('POST', '/v1/customers');
		expect(body.deactivationDate).toBe('2026-03-02T00:30:00.000Z');
	});

	test('a date filter is midnight in Tokyo: created after 2026-01-01 is after 2025-12-31T15:00 UTC', () => {
		const body = bodyOf('POST', '/v1/customers/filter');
		expect(body.filter).toEqual({ createdAt: { greaterThan: '2025-12-31T15:00:00.000Z' } });
	});

	test('MVMNT accepted every request', async () => {
		expect(sent.requests.filter((q) => q.path.startsWith('/v1/') && q.status >= 300).map((q) => `${q.method} ${q.path} -> ${q.status}`)).toEqual([]);
		expect(await violations()).toEqual([]);
	});
});
