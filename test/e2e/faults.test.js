'use strict';
/**
 * Faults in real n8n (2.41.1, Node 24): the fault-injecting proxy (dev/fault-proxy) between
 * n8n and the fake MVMNT server.
 *   - Get Many over 5,000 customers with a broken page (200 + truncated JSON, 200 + HTML, body
 *     cut mid-way, a stall) that persists: the execution's status is "error" and its message
 *     names the fault and how far it got — never "success" with fewer records
 *   - the same fault once: retried, exactly 5,000 unique records
 *   - Get Many, Return All over 250,000 customers: succeeds; n8n's peak memory is printed
 * The record counts come from a sub-workflow ending in a Summarize node, so that n8n's printed
 * run data stays small. The rig (the node's execute() in n8n-core) reads the same 250,000 records
 * afterwards: a minute-scale check, kept out of the fast suite.
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { startFaultProxy } = require('../../dev/fault-proxy');
const { createRig } = require('../support/setup');

jest.setTimeout(600000);

const CLIENT_ID = 'e2e-faults-client';
const CLIENT_SECRET = 'e2e-faults-secret-0123456789';
const FILTER = { method: 'POST', path: /^\/v1\/customers\/filter$/ };
const IDS = { list: 'wfFaultGetMany01', count: 'wfFaultCount0001', child: 'wfFaultCountChild1' };

let stack;
let fake;
let proxy;
let n8n;
const figures = [];

const getMany = (requestOptions) => ({
	name: 'Get Many Customers',
	parameters: { resource: 'customer', operation: 'getAll', returnAll: true, requestOptions },
});

/** parent: Execute Workflow → child: Get Many → Summarize (count and unique count of ids) */
function countingWorkflows(credential) {
	const child = h.linearWorkflow({
		id: IDS.child,
		name: 'Count customers (sub-workflow)',
		credential,
		manualTrigger: false,
		nodes: [
			{
				name: 'When Called',
				type: 'n8n-nodes-base.executeWorkflowTrigger',
				typeVersion: 1.1,
				parameters: { inputSource: 'passthrough' },
			},
			getMany({ timeout: 20, retryBudget: 30 }),
			{
				name: 'Count',
				type: 'n8n-nodes-base.summarize',
				typeVersion: 1.1,
				parameters: {
					fieldsToSummarize: {
						values: [
							{ aggregation: 'count', field: 'id' },
							{ aggregation: 'countUnique', field: 'id' },
						],
					},
				},
			},
		],
	});
	child.settings = { executionOrder: 'v1', callerPolicy: 'any', saveDataSuccessExecution: 'none' };
	const parent = h.linearWorkflow({
		id: IDS.count,
		name: 'Count customers',
		credential,
		nodes: [
			{
				name: 'Run Count',
				type: 'n8n-nodes-base.executeWorkflow',
				typeVersion: 1.2,
				parameters: {
					source: 'database',
					workflowId: { __rl: true, mode: 'id', value: IDS.child },
					mode: 'once',
					options: { waitForSubWorkflow: true },
				},
			},
		],
	});
	return [child, parent];
}

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		// `n8n execute` runs no publication outbox: sub-workflows run from their published (active) version
		env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
		prepare: proxyAndWorkflows,
	});
	({ fake, n8n } = stack);
	await fake.admin('POST', '/__admin/seed', { collection: 'customers', count: 5000, template: { name: 'Customer {{i}}', status: 'ACTIVE' } });
});

/** the fault proxy in front of the fake, and a credential that goes through it */
async function proxyAndWorkflows(s) {
	proxy = await startFaultProxy({ target: s.fake.url });
	const credential = h.mvmntCredential({
		id: 'credMvmntFaults01',
		name: 'MVMNT via fault proxy',
		baseUrl: proxy.baseUrl,
		tokenUrl: proxy.tokenUrl,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
	});
	const list = h.linearWorkflow({ id: IDS.list, name: 'Get Many under faults', credential, nodes: [getMany({ timeout: 2, retryBudget: 1 })] });
	return { credentials: [credential], workflows: [list, ...countingWorkflows(credential)], publish: [IDS.child] };
}

afterAll(async () => {
	process.stdout.write(`FAULTS (real n8n):\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
	if (stack) await stack.stop();
	if (proxy) await proxy.close();
});

afterEach(() => proxy.clear());

test.each([
	['200 + truncated JSON', { fault: 'truncate' }, 2, /answered 200 to POST \/customers\/filter with a body that is not JSON/],
	['200 + HTML page', { fault: 'html' }, 0, /not JSON \(an HTML page/],
	['200 + body cut mid-way', { fault: 'cut' }, 8, /cut off before its end/],
	['stall', { fault: 'stall' }, 1, /no complete answer to POST \/customers\/filter within 2 s/],
])('%s that persists: execution status "error", never success with fewer records', async (name, fault, after, why) => {
	proxy.inject({ ...fault, match: FILTER, after, times: 1000 });
	const run = await n8n.execute(IDS.list);
	const message = h.runError(run);
	expect(run.status).toBe('error');
	expect(message).toMatch(new RegExp(`stopped after reading ${(after * 250).toLocaleString('en-US')} records in ${after} pages?`));
	expect(message).toMatch(why);
	figures.push(`Get Many over 5,000, ${name} from page ${after + 1} on: status ${run.status} in ${run.__ms} ms: ${message.slice(0, 170)}`);
});

test('the same faults once each (cut on page 3, 500 on page 9, reset on page 15): success with exactly 5,000 unique records', async () => {
	const rules = [
		proxy.inject({ fault: 'cut', match: FILTER, after: 2 }),
		proxy.inject({ fault: 'status', status: 500, match: FILTER, after: 8 }),
		proxy.inject({ fault: 'reset', match: FILTER, after: 14 }),
	];
	const run = await n8n.execute(IDS.count);
	expect(run.status).toBe('success');
	const [count] = h.nodeJson(run, 'Run Count');
	expect(count).toEqual({ count_id: 5000, unique_count_id: 5000 });
	expect(rules.map((r) => r.applied)).toEqual([1, 1, 1]);
	figures.push(`Get Many over 5,000, cut + 500 + reset once each: status ${run.status}, ${count.count_id} records, ${count.unique_count_id} unique, ${run.__ms} ms`);
});

test('Get Many, Return All over 250,000 records succeeds (peak memory printed)', async () => {
	await fake.admin('POST', '/__admin/seed', { collection: 'customers', count: 245000, template: { name: 'Bulk Customer {{i}}', status: 'ACTIVE' } });
	const run = await n8n.execute(IDS.count, { measureMemory: true });
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run)}`);
	const [count] = h.nodeJson(run, 'Run Count');
	expect(count).toEqual({ count_id: 250000, unique_count_id: 250000 });
	figures.push(`Get Many, Return All over 250,000 in real n8n: ${count.count_id} records, ${count.unique_count_id} unique, ${run.__ms} ms, n8n peak RSS ${run.__peakRssMb ?? '?'} MB`);
});

test('rig: Get Many, Return All over the same 250,000 records: all of them, each once, in order (peak memory printed)', async () => {
	// the node's execute() inside n8n-core, against the fake server n8n just read (it runs in its own process)
	const rig = createRig({ baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
	const t0 = Date.now();
	const items = await rig.run({ resource: 'customer', operation: 'getAll', returnAll: true });
	const ms = Date.now() - t0;
	expect(items).toHaveLength(250000);
	const ids = new Set();
	for (const item of items) ids.add(item.json.id);
	expect(ids.size).toBe(250000);
	expect([items[0].json.name, items[249999].json.name]).toEqual(['Customer 1', 'Bulk Customer 245000']);
	expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
	const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
	figures.push(`rig, Get Many Return All over 250,000: ${items.length} records, ${ids.size} unique, ${ms} ms, peak RSS of the test process ${peakMb} MB`);
});
