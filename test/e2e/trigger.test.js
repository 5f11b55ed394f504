'use strict';
/**
 * MVMNT Trigger in real n8n (2.41.1 on Node 24, or 1.x on Node 22: N8N_RUNTIME): published workflows, `n8n start` on 127.0.0.1,
 * deliveries POSTed to the production webhook URL, executions read back through the public API.
 * One n8n for the whole file; every test has its own workflow so that execution counts and the
 * redelivery window never mix.
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');

jest.setTimeout(600000);

const TOKEN = 'whk_e2e_9f2c41d7a8b34e0c';
const CRED = { id: 'credMvmntWebhook01', name: 'MVMNT webhook e2e', type: 'mvmntWebhookApi', data: { token: TOKEN } };
const TRIGGER_TYPE = `${h.PKG_NAME}.mvmntTrigger`;

let stack;
let n8n;
const wf = {};

function triggerWorkflow(id, webhookId, parameters) {
	const w = h.linearWorkflow({
		id,
		name: id,
		manualTrigger: false,
		nodes: [
			{
				name: 'MVMNT Trigger',
				type: TRIGGER_TYPE,
				webhookId,
				parameters,
				credentials: { mvmntWebhookApi: { id: CRED.id, name: CRED.name } },
			},
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		],
	});
	w.hookPath = `${webhookId}/mvmnt`;
	return w;
}

const ev = (event, id, timestamp = '2026-03-02T10:00:00Z', extra = {}) => ({
	event,
	timestamp,
	data: { id, friendlyId: `F-${id}` },
	diff: null,
	...extra,
});
const delivery = (...events) => ({ sentAt: '2026-03-02T10:00:05Z', events });

const post = (w, body, headers = { 'x-api-key': TOKEN }) => n8n.postWebhook(w.hookPath, body, headers);

const allExecutions = (workflowId, opts) => n8n.allExecutions(workflowId, opts);
const waitFinished = (workflowId, n, opts) => n8n.waitFinished(workflowId, n, opts);

function itemsOf(execution, nodeName) {
	const runData = execution.data.resultData.runData;
	const runs = runData[nodeName];
	if (!runs) throw new Error(`node ${nodeName} did not run; ran: ${Object.keys(runData).join(', ')}`);
	return runs[runs.length - 1].data.main[0].map((i) => i.json);
}

beforeAll(async () => {
	wf.filter = triggerWorkflow('wfMvmntTrigFilter1', 'c0a80101-0000-4000-8000-000000000001', {
		events: ['SHIPMENT_DELIVERED', 'CUSTOMER_CREATED'],
	});
	wf.refuse = triggerWorkflow('wfMvmntTrigRefuse1', 'c0a80101-0000-4000-8000-000000000002', { events: ['*'] });
	wf.dedupe = triggerWorkflow('wfMvmntTrigDedupe1', 'c0a80101-0000-4000-8000-000000000003', { events: ['*'] });
	wf.load = triggerWorkflow('wfMvmntTrigLoad001', 'c0a80101-0000-4000-8000-000000000004', { events: ['*'] });
	wf.after = triggerWorkflow('wfMvmntTrigAfter01', 'c0a80101-0000-4000-8000-000000000005', { events: ['*'], additionalOptions: { answer: 'lastNode' } });
	// the work after the trigger takes 2 s: the answer comes after it
	wf.after.nodes.splice(1, 0, { id: 'wait-after-1', name: 'Work', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [110, 0], parameters: { resume: 'timeInterval', amount: 2, unit: 'seconds' } });
	wf.after.connections = {
		'MVMNT Trigger': { main: [[{ node: 'Work', type: 'main', index: 0 }]] },
		Work: { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
	};

	stack = await startStack({
		fake: false,
		credentials: [CRED],
		workflows: Object.values(wf),
		publish: Object.values(wf).map((w) => w.id),
		start: true,
	});
	n8n = stack.n8n;
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('3 events, 2 selected → one execution with 2 items and the right fields', async () => {
	const diff = [{ type: 'UPDATE', key: 'status', value: 'DELIVERED', oldValue: 'IN_TRANSIT' }];
	const body = delivery(
		ev('SHIPMENT_DELIVERED', 'shp-1', '2026-03-02T10:00:00Z', { diff }),
		ev('QUOTE_WON', 'qt-1', '2026-03-02T10:00:01Z'),
		ev('CUSTOMER_CREATED', 'cus-1', '2026-03-02T10:00:02Z'),
	);
	const r = await post(wf.filter, body);
	expect(r.status).toBe(200);
	expect(r.json).toEqual({ received: 3, accepted: 2 });

	const [execution] = await waitFinished(wf.filter.id, 1, { includeData: true });
	expect(await allExecutions(wf.filter.id)).toHaveLength(1);
	expect(execution.status).toBe('success');
	expect(execution.mode).toBe('webhook');
	const items = itemsOf(execution, 'Received');
	expect(items).toEqual([
		{ event: 'SHIPMENT_DELIVERED', timestamp: '2026-03-02T10:00:00Z', sentAt: '2026-03-02T10:00:05Z', data: { id: 'shp-1', friendlyId: 'F-shp-1' }, diff },
		{ event: 'CUSTOMER_CREATED', timestamp: '2026-03-02T10:00:02Z', sentAt: '2026-03-02T10:00:05Z', data: { id: 'cus-1', friendlyId: 'F-cus-1' }, diff: null },
	]);

	// a delivery whose events are all filtered out: 200, no execution
	const none = await post(wf.filter, delivery(ev('QUOTE_LOST', 'qt-2'), ev('SOME_FUTURE_EVENT', 'x-1')));
	expect(none.status).toBe(200);
	expect(none.json).toEqual({ received: 2, accepted: 0 });
	await new Promise((res) => setTimeout(res, 1000));
	expect(await allExecutions(wf.filter.id)).toHaveLength(1);
});

test('wrong key → 401, missing key → 401, malformed JSON → 400, invalid deliveries → 400; none leaves an execution', async () => {
	const body = delivery(ev('SHIPMENT_BOOKED', 'shp-9'));
	const wrong = await post(wf.refuse, body, { 'x-api-key': 'whk_not_the_token' });
	expect([wrong.status, wrong.json]).toEqual([401, { message: 'Invalid x-api-key header' }]);
	const missing = await post(wf.refuse, body, {});
	expect([missing.status, missing.json]).toEqual([401, { message: 'Missing x-api-key header' }]);
	const malformed = await post(wf.refuse, '{"sentAt": "2026-03-02T10:00:05Z", "events": [', { 'x-api-key': TOKEN, 'content-type': 'application/json' });
	expect([malformed.status, malformed.json]).toEqual([400, { message: 'The body is not valid JSON' }]);
	const noEvents = await post(wf.refuse, { sentAt: 'x', hello: 'world' });
	expect([noEvents.status, noEvents.json]).toEqual([400, { message: 'The body has no "events" array' }]);
	const noName = await post(wf.refuse, delivery({ timestamp: 't', data: { id: 'a' } }));
	expect([noName.status, noName.json]).toEqual([400, { message: 'events[0] has no "event" name' }]);
	const notObject = await post(wf.refuse, '[1, 2, 3]', { 'x-api-key': TOKEN, 'content-type': 'application/json' });
	expect([notObject.status, notObject.json]).toEqual([400, { message: 'The body must be a JSON object' }]);
	// malformed JSON without the key is refused for the key first
	const malformedNoKey = await post(wf.refuse, '{', { 'content-type': 'application/json' });
	expect(malformedNoKey.status).toBe(401);

	await new Promise((res) => setTimeout(res, 1000));
	expect(await allExecutions(wf.refuse.id)).toHaveLength(0);

	// the same workflow does run for a valid delivery: exactly one execution in total
	const ok = await post(wf.refuse, body);
	expect(ok.status).toBe(200);
	const list = await waitFinished(wf.refuse.id, 1);
	expect(list).toHaveLength(1);
	expect(list[0].status).toBe('success');
});

test('the same delivery posted twice → 1 execution', async () => {
	const body = delivery(ev('SHIPMENT_DISPATCHED', 'shp-2'), ev('CARRIER_UPDATED', 'car-2'));
	const first = await post(wf.dedupe, body);
	expect([first.status, first.json]).toEqual([200, { received: 2, accepted: 2 }]);
	const second = await post(wf.dedupe, body);
	expect([second.status, second.json]).toEqual([200, { received: 2, accepted: 0 }]);
	// a redelivery mixed with a new event: only the new one runs
	const third = await post(wf.dedupe, delivery(ev('SHIPMENT_DISPATCHED', 'shp-2'), ev('SHIPMENT_DELIVERED', 'shp-2', '2026-03-02T12:00:00Z')));
	expect([third.status, third.json]).toEqual([200, { received: 2, accepted: 1 }]);

	const list = await waitFinished(wf.dedupe.id, 2, { includeData: true });
	expect(list).toHaveLength(2);
	const byItems = list.map((e) => itemsOf(e, 'Received').map((i) => i.event).join(',')).sort();
	expect(byItems).toEqual(['SHIPMENT_DELIVERED', 'SHIPMENT_DISPATCHED,CARRIER_UPDATED']);

	// more than 1,000 events, then a restart (a new process that has seen nothing): the durable
	// memory in n8n's database still knows every event, so the redelivery runs nothing
	const big = Array.from({ length: 1500 }, (_, i) => ev('SHIPMENT_CHECK_CALL', `shp-big-${i}`, '2026-03-02T13:00:00Z'));
	const bigPost = await post(wf.dedupe, delivery(...big));
	expect([bigPost.status, bigPost.json]).toEqual([200, { received: 1500, accepted: 1500 }]);
	const withBig = await waitFinished(wf.dedupe.id, 3, { includeData: true });
	expect(withBig.map((e) => (e.data.resultData.runData.Received ? itemsOf(e, 'Received').length : 0)).sort((a, b) => a - b)).toEqual([1, 2, 1500]);

	await n8n.stop();
	await n8n.start();
	const again = await post(wf.dedupe, delivery(...big.slice().reverse(), ev('SHIPMENT_DISPATCHED', 'shp-2'), ev('SHIPMENT_DELIVERED', 'shp-2', '2026-03-02T12:00:00Z')));
	// the new process has not seen them: it accepts, and the execution drops them all
	expect([again.status, again.json]).toEqual([200, { received: 1502, accepted: 1502 }]);
	const after = await waitFinished(wf.dedupe.id, 4, { includeData: true });
	const reruns = after.filter((e) => e.data.resultData.runData.Received).map((e) => itemsOf(e, 'Received').length);
	expect(reruns.sort((a, b) => a - b)).toEqual([1, 2, 1500]); // still the first three: 0 events re-ran
	const [latest] = after.sort((a, b) => Number(b.id) - Number(a.id));
	expect(latest.status).toBe('success');
	expect(itemsOf(latest, 'MVMNT Trigger')).toEqual([]);
});

test('Answer MVMNT "When the Workflow Has Finished": the 200 comes once the workflow has run; a repeat of a finished event in the same process runs nothing', async () => {
	const body = delivery(ev('SHIPMENT_DELIVERED', 'shp-after-1'));
	const t0 = Date.now();
	const first = await post(wf.after, body);
	const waited = Date.now() - t0;
	expect(first.status).toBe(200);
	expect(waited).toBeGreaterThanOrEqual(2000); // not before the 2 s of work
	const [done] = await waitFinished(wf.after.id, 1, { includeData: true });
	expect(done.status).toBe('success');
	expect(itemsOf(done, 'Received').map((i) => i.data.id)).toEqual(['shp-after-1']);
	// MVMNT sending it again (it would only if it got no answer): an execution starts, and its
	// claim check finds the claim of this process's finished execution: nothing runs after the trigger
	const again = await post(wf.after, body);
	expect(again.status).toBe(200);
	const list = await waitFinished(wf.after.id, 2, { includeData: true });
	const ran = list.filter((e) => e.data.resultData.runData.Received).length;
	expect([list.length, ran]).toEqual([2, 1]);
});

test('200 distinct deliveries posted concurrently → 200 successful executions', async () => {
	// make sure the webhook is registered before the burst
	const warm = await post(wf.load, delivery(ev('DOCUMENT_UPLOADED', 'doc-warmup')));
	expect(warm.status).toBe(200);
	await waitFinished(wf.load.id, 1);

	const url = `${n8n.baseUrl}/webhook/${wf.load.hookPath}`;
	const N = 200;
	const t0 = Date.now();
	const responses = await Promise.all(
		Array.from({ length: N }, (_, i) =>
			h.http('POST', url, {
				headers: { 'x-api-key': TOKEN },
				body: delivery(ev('SHIPMENT_CHECK_CALL', `shp-load-${i}`, `2026-03-02T11:${String(i % 60).padStart(2, '0')}:00Z`)),
			}),
		),
	);
	const postMs = Date.now() - t0;
	const statuses = {};
	for (const r of responses) statuses[r.status] = (statuses[r.status] || 0) + 1;
	expect(statuses).toEqual({ 200: N });
	expect(responses.every((r) => r.json && r.json.accepted === 1)).toBe(true);

	const list = await waitFinished(wf.load.id, N + 1, { timeoutMs: 150000 });
	const doneMs = Date.now() - t0;
	expect(list).toHaveLength(N + 1);
	expect(list.filter((e) => e.status === 'success')).toHaveLength(N + 1);
	// every delivery ran exactly once
	const withData = await allExecutions(wf.load.id, { includeData: true });
	const ids = withData.flatMap((e) => itemsOf(e, 'Received').map((i) => i.data.id)).filter((id) => id !== 'doc-warmup');
	expect(ids).toHaveLength(N);
	expect(new Set(ids).size).toBe(N);
	console.log(`trigger e2e (n8n ${h.N8N_VERSION}): ${N} concurrent deliveries answered in ${postMs} ms, all ${N} executions finished after ${doneMs} ms`);
});
