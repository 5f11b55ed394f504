'use strict';
/**
 * Real n8n (2.41.1, Node 24) running this package against the fake MVMNT server.
 * One n8n user folder and one fake server for the whole file; every test has its own
 * credential so that token state (n8n stores the access token in the credential) never leaks
 * from one test into another.
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');

jest.setTimeout(600000);

const CLIENT_ID = 'e2e-client-id';
const CLIENT_SECRET = 'e2e-client-secret-0123456789';
const NONEXISTENT_ID = '00000000-0000-4000-8000-00000000dead';

let stack;
let fake;
let n8n;
const creds = {};
const wf = {};

function cred(key, id, secret = CLIENT_SECRET) {
	creds[key] = h.mvmntCredential({
		id,
		name: `MVMNT test ${key}`,
		baseUrl: fake.baseUrl,
		tokenUrl: fake.tokenUrl,
		clientId: CLIENT_ID,
		clientSecret: secret,
	});
	return creds[key];
}

const customerGet = (name, extra = {}) => ({
	name,
	parameters: {
		resource: 'customer',
		operation: 'get',
		customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	},
	...extra,
});

async function stats() {
	return fake.admin('GET', '/__admin/stats');
}

async function violations() {
	const v = await fake.admin('GET', '/__admin/violations');
	return Array.isArray(v) ? v : v.violations || [];
}

async function resetAndSeed(count) {
	await fake.admin('POST', '/__admin/reset');
	if (count) await fake.admin('POST', '/__admin/seed', { collection: 'customers', count, template: { name: 'Seeded Customer {{i}}', status: 'ACTIVE' } });
}

function errorText(json) {
	const e = json && json.error;
	if (e === undefined || e === null) return '';
	if (typeof e === 'string') return e;
	return [e.message, e.description].filter(Boolean).join(' — ') || JSON.stringify(e);
}

function expectSuccess(run) {
	if (run.status !== 'success') {
		throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
	}
}

beforeAll(async () => {
	stack = await startStack({ fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, prepare: workflows });
	({ fake, n8n } = stack);
});

/** the workflows, each with its own credential to the fake (a token of its own) */
function workflows(s) {
	fake = s.fake;
	wf.quickstart = h.quickstartWorkflow({ id: 'wfMvmntQuickstart01', credential: cred('quick', 'credMvmntQuick001') });
	wf.reuse = h.linearWorkflow({
		id: 'wfMvmntTokenReuse1',
		credential: cred('reuse', 'credMvmntReuse001'),
		nodes: [
			{ name: 'Get Many Customers', parameters: { resource: 'customer', operation: 'getAll', returnAll: true } },
			customerGet('Get Customer'),
		],
	});
	wf.expiry = h.linearWorkflow({
		id: 'wfMvmntTokenExpiry',
		credential: cred('expiry', 'credMvmntExpiry01'),
		nodes: [
			{ name: 'Get Many Customers', parameters: { resource: 'customer', operation: 'getAll', returnAll: true } },
			customerGet('Get Customer'),
		],
	});
	wf.badSecret = h.linearWorkflow({
		id: 'wfMvmntBadSecret01',
		credential: cred('bad', 'credMvmntBadSec01', 'definitely-the-wrong-secret'),
		nodes: [
			{ name: 'One Id', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return [{ json: { id: '${NONEXISTENT_ID}' } }];` } },
			customerGet('Get Customer', { onError: 'continueRegularOutput' }),
		],
	});
	wf.continueOnFail = h.linearWorkflow({
		id: 'wfMvmntContinueFail',
		credential: cred('cof', 'credMvmntCof00001'),
		nodes: [
			{ name: 'Get 9 Customers', parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 9 } },
			{
				name: 'Ten Ids',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode: `const ids = $input.all().map((i) => ({ json: { id: i.json.id } }));\nids.push({ json: { id: '${NONEXISTENT_ID}' } });\nreturn ids;`,
				},
			},
			customerGet('Get Customer', { onError: 'continueRegularOutput' }),
		],
	});

	return { credentials: Object.values(creds), workflows: Object.values(wf) };
}

afterAll(async () => {
	if (stack) await stack.stop();
});

test('quickstart: customer → 2 locations → order → get order by key, no OpenAPI violations', async () => {
	await fake.admin('POST', '/__admin/reset');
	const run = await n8n.execute(wf.quickstart.id);
	expectSuccess(run);

	const [customer] = h.nodeJson(run, 'Create Customer');
	const [pickup] = h.nodeJson(run, 'Create Pickup Location');
	const [delivery] = h.nodeJson(run, 'Create Delivery Location');
	expect(customer).toEqual(expect.objectContaining({ name: 'Acme Industrial Plastics' }));
	expect(pickup.id).toBeTruthy();
	expect(delivery.id).toBeTruthy();
	expect(pickup.id).not.toEqual(delivery.id);

	const out = h.nodeJson(run, 'Get Order by Key');
	expect(out).toHaveLength(1);
	const order = out[0];
	expect(order.key).toBe(h.QUICKSTART_ORDER_KEY);
	expect(String(order.status).toLowerCase()).toBe('draft');
	const stopLocationIds = (order.stops || []).map((s) => s.locationId || (s.location && s.location.id));
	expect(stopLocationIds).toEqual(expect.arrayContaining([pickup.id, delivery.id]));
	expect(order.stops).toHaveLength(2);

	const [created] = h.nodeJson(run, 'Create Order');
	expect(order.id).toBe(created.id);

	expect(await violations()).toEqual([]);
});

test('token reuse: 1,000 customers listed and fetched one by one with exactly 1 token request', async () => {
	await resetAndSeed(1000);
	const before = (await stats()).tokenRequests;
	const run = await n8n.execute(wf.reuse.id);
	expectSuccess(run);
	const listed = h.nodeJson(run, 'Get Many Customers');
	expect(listed).toHaveLength(1000);
	const fetched = h.nodeJson(run, 'Get Customer');
	expect(fetched).toHaveLength(1000);
	expect(fetched.filter((j) => j.error)).toEqual([]);
	expect(fetched.map((j) => j.id)).toEqual(listed.map((j) => j.id));
	const after = (await stats()).tokenRequests;
	expect(after - before).toBe(1);
	expect(await violations()).toEqual([]);
});

test('token expiry mid-run: the token is renewed exactly once and the run completes', async () => {
	await resetAndSeed(1000);
	const before = (await stats()).tokenRequests;
	// The run happens in another process (`n8n execute`): watch the fake server and expire every
	// issued token once ~500 of the 1,000 GET /customers/{id} calls have been answered.
	const getCount = (s) =>
		Object.entries(s.byRoute || {})
			.filter(([route]) => /^GET \/v1\/customers\/\{[^}]+\}$/.test(route))
			.reduce((n, [, c]) => n + c, 0);
	let done = false;
	let expiredAt = null;
	const watcher = (async () => {
		while (!done && expiredAt === null) {
			const s = await stats();
			const n = getCount(s);
			if (n >= 500) {
				await fake.admin('POST', '/__admin/expire-tokens');
				expiredAt = n;
				break;
			}
			await new Promise((r) => setTimeout(r, 25));
		}
	})();
	let run;
	try {
		run = await n8n.execute(wf.expiry.id);
	} finally {
		done = true;
		await watcher;
	}
	expectSuccess(run);
	expect(expiredAt).not.toBeNull();
	expect(expiredAt).toBeLessThan(1000); // the expiry really happened mid-run
	const fetched = h.nodeJson(run, 'Get Customer');
	expect(fetched).toHaveLength(1000);
	expect(fetched.filter((j) => j.error)).toEqual([]);
	const after = await stats();
	expect(after.tokenRequests - before).toBe(2);
	// only the calls already in flight at the expiry were answered 401 (at most Parallel Items, 32);
	// each was retried with the one new token
	const unauthorized = after.requests.filter((r) => r.status === 401 && r.path.startsWith('/v1/'));
	expect(unauthorized.length).toBeGreaterThanOrEqual(1);
	expect(unauthorized.length).toBeLessThanOrEqual(32);
});

test('wrong client secret: continue-on-fail item says the credentials were rejected', async () => {
	const run = await n8n.execute(wf.badSecret.id);
	expectSuccess(run);
	const out = h.nodeJson(run, 'Get Customer');
	expect(out).toHaveLength(1);
	const msg = errorText(out[0]);
	expect(msg).toMatch(/rejected/i);
	expect(msg).not.toContain('definitely-the-wrong-secret');
});

test('continue-on-fail: 10 items, one nonexistent id → 9 customers + 1 error item', async () => {
	await resetAndSeed(20);
	const run = await n8n.execute(wf.continueOnFail.id);
	expectSuccess(run);
	const ids = h.nodeJson(run, 'Ten Ids').map((j) => j.id);
	expect(ids).toHaveLength(10);
	const out = h.nodeJson(run, 'Get Customer');
	expect(out).toHaveLength(10);
	const ok = out.filter((j) => !j.error);
	const failed = out.filter((j) => j.error);
	expect(ok).toHaveLength(9);
	expect(ok.map((j) => j.id)).toEqual(ids.slice(0, 9));
	expect(failed).toHaveLength(1);
	expect(errorText(failed[0])).not.toBe('');
	const items = h.nodeItems(run, 'Get Customer');
	const failedItem = items.find((i) => i.json.error);
	const paired = [].concat(failedItem.pairedItem || [])[0];
	if (paired !== undefined) expect(typeof paired === 'number' ? paired : paired.item).toBe(9);
});
