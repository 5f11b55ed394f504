'use strict';
/**
 * MvmntTrigger.webhook() against a stand-in for n8n's webhook context (built files: run
 * `npm run build` first). The real-n8n behaviour (no execution stored, status codes on the wire)
 * is covered by test/e2e/trigger.test.js.
 */
const path = require('path');

const dist = path.resolve(__dirname, '..', '..', 'dist');
const { MvmntTrigger } = require(path.join(dist, 'nodes', 'MvmntTrigger', 'MvmntTrigger.node.js'));
const { clearProcessWindows } = require(path.join(dist, 'nodes', 'MvmntTrigger', 'delivery.js'));

const TOKEN = 'whk_0123456789abcdef';
const node = new MvmntTrigger();

function context({ headers = { 'x-api-key': TOKEN }, body, raw, params = {}, token = TOKEN, mode = 'webhook', workflowId = 'wf1', readError } = {}) {
	const res = { statusCode: undefined, body: undefined, headersSent: false };
	res.status = (c) => {
		res.statusCode = c;
		return res;
	};
	res.json = (b) => {
		res.body = b;
		res.headersSent = true;
		return res;
	};
	const text = raw !== undefined ? raw : body === undefined ? '' : JSON.stringify(body);
	const req = {
		rawBody: undefined,
		async readRawBody() {
			if (readError) throw readError;
			if (!req.rawBody) req.rawBody = Buffer.from(text, 'utf8');
		},
	};
	const parameters = { events: ['*'], additionalOptions: {}, ...params };
	const ctx = {
		res,
		logger: { warn() {}, info() {}, debug() {}, error() {} },
		async getCredentials(type) {
			expect(type).toBe('mvmntWebhookApi');
			if (token === null) throw new Error('Node does not have any credentials set');
			return { token };
		},
		getHeaderData: () => headers,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getBodyData: () => ({}),
		getNodeParameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		getMode: () => mode,
		getWorkflowStaticData: () => {
			throw new Error('static data is not used: n8n saves it unreliably from webhook calls');
		},
		getWorkflow: () => ({ id: workflowId, name: 'wf', active: true }),
		getNode: () => ({ id: 'node-1', name: 'MVMNT Trigger' }),
		helpers: { returnJsonArray: (a) => [].concat(a).map((json) => ({ json })) },
	};
	return ctx;
}

const run = (ctx) => node.webhook.call(ctx);

const delivery = (...events) => ({ sentAt: '2025-01-15T14:30:05Z', events });
const ev = (event, id, timestamp = '2025-01-15T14:30:00Z') => ({ event, timestamp, data: { id }, diff: null });

beforeEach(() => clearProcessWindows());

describe('refusals answer directly and start nothing', () => {
	test.each([
		['missing key', { headers: {} }, 401, 'Missing x-api-key header'],
		['empty key', { headers: { 'x-api-key': '' } }, 401, 'Missing x-api-key header'],
		['wrong key', { headers: { 'x-api-key': 'whk_nope' } }, 401, 'Invalid x-api-key header'],
		['key of another case', { headers: { 'x-api-key': TOKEN.toUpperCase() } }, 401, 'Invalid x-api-key header'],
		['no credential', { token: null }, 500, 'The MVMNT Trigger has no webhook token set up'],
		['empty token in credential', { token: '  ' }, 500, 'The MVMNT Trigger has no webhook token set up'],
		['malformed JSON', { raw: '{"sentAt": "x", "events": [' }, 400, 'The body is not valid JSON'],
		['empty body', { raw: '' }, 400, 'The body is empty'],
		['array body', { body: [1] }, 400, 'The body must be a JSON object'],
		['no events', { body: { sentAt: 'x' } }, 400, 'The body has no "events" array'],
		['event without name', { body: delivery({ timestamp: 't', data: {} }) }, 400, 'events[0] has no "event" name'],
		['too large', { readError: Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }) }, 413, 'The body is too large'],
		['aborted', { readError: new Error('aborted') }, 400, 'The body could not be read'],
	])('%s → %i', async (_name, opts, status, message) => {
		const ctx = context({ body: delivery(ev('CUSTOMER_CREATED', 'c1')), ...opts });
		const out = await run(ctx);
		expect(out).toEqual({ noWebhookResponse: true });
		expect(ctx.res.statusCode).toBe(status);
		expect(ctx.res.body).toEqual({ message });
	});

	test('the key is checked before the body is read', async () => {
		const ctx = context({ headers: { 'x-api-key': 'bad' }, raw: '{' });
		const spy = jest.spyOn(ctx.getRequestObject(), 'readRawBody');
		await run(ctx);
		expect(ctx.res.statusCode).toBe(401);
		expect(spy).not.toHaveBeenCalled();
	});

	test('a token pasted with surrounding whitespace still matches', async () => {
		const ctx = context({ token: `  ${TOKEN}\n`, body: delivery(ev('CUSTOMER_CREATED', 'c1')) });
		const out = await run(ctx);
		expect(out.workflowData[0]).toHaveLength(1);
	});
});

describe('accepted deliveries', () => {
	test('3 events, 2 selected → 2 items with event, timestamp, sentAt, data, diff', async () => {
		const diff = [{ type: 'UPDATE', key: 'status', value: 'DELIVERED', oldValue: 'IN_TRANSIT' }];
		const body = delivery(
			{ ...ev('SHIPMENT_DELIVERED', 's1'), diff },
			ev('CUSTOMER_CREATED', 'c1'),
			ev('QUOTE_WON', 'q1'),
		);
		const ctx = context({ body, params: { events: ['SHIPMENT_DELIVERED', 'CUSTOMER_CREATED'] } });
		const out = await run(ctx);
		expect(ctx.res.statusCode).toBeUndefined(); // n8n answers (200, onReceived)
		expect(out.webhookResponse).toEqual({ received: 3, accepted: 2 });
		expect(out.workflowData).toHaveLength(1);
		expect(out.workflowData[0].map((i) => i.json)).toEqual([
			{ event: 'SHIPMENT_DELIVERED', timestamp: '2025-01-15T14:30:00Z', sentAt: '2025-01-15T14:30:05Z', data: { id: 's1' }, diff },
			{ event: 'CUSTOMER_CREATED', timestamp: '2025-01-15T14:30:00Z', sentAt: '2025-01-15T14:30:05Z', data: { id: 'c1' }, diff: null },
		]);
	});

	test('Output Entity Only / Include Diff off: the webhook still hands over full events (execute() applies them)', async () => {
		const diff = [{ key: 'name' }];
		const body = delivery({ event: 'CUSTOMER_UPDATED', timestamp: 't', data: { id: 'c1', name: 'Acme' }, diff });
		const out = await run(context({ body, params: { additionalOptions: { entityOnly: true, includeDiff: false } } }));
		expect(out.workflowData[0].map((i) => i.json)).toEqual([{ event: 'CUSTOMER_UPDATED', timestamp: 't', sentAt: '2025-01-15T14:30:05Z', data: { id: 'c1', name: 'Acme' }, diff }]);
	});

	test('everything filtered out → 200 without execution', async () => {
		const ctx = context({ body: delivery(ev('QUOTE_WON', 'q1'), ev('FUTURE_EVENT', 'f1')), params: { events: ['SHIPMENT_DELIVERED'] } });
		const out = await run(ctx);
		expect(out).toEqual({ webhookResponse: { received: 2, accepted: 0 } });
		expect(ctx.res.statusCode).toBeUndefined();
	});

	test('drift: a delivery from a newer MVMNT (unknown event type, extra fields, nulls, unknown values) passes through as it came', async () => {
		const data = { id: 's9', status: 'TELEPORTED', name: null, driftNewField: 'x', driftNewObject: { nested: true } };
		const body = { ...delivery({ event: 'SHIPMENT_TELEPORTED', timestamp: '2025-01-15T14:30:00Z', data, diff: null, priority: 'HIGH' }), deliveryAttempt: 2, region: null };
		const out = await run(context({ body, params: { events: ['*'] } }));
		expect(out.webhookResponse).toEqual({ received: 1, accepted: 1 });
		expect(out.workflowData[0][0].json).toMatchObject({ event: 'SHIPMENT_TELEPORTED', data });
	});

	test('future event types pass with All Events', async () => {
		const out = await run(context({ body: delivery(ev('FUTURE_EVENT', 'f1')), params: { events: ['*'] } }));
		expect(out.workflowData[0][0].json.event).toBe('FUTURE_EVENT');
	});
});

describe('redeliveries reaching the same process (webhook)', () => {
	test('the same delivery twice → second one is acknowledged without execution', async () => {
		const body = delivery(ev('SHIPMENT_DELIVERED', 's1'), ev('SHIPMENT_DELIVERED', 's2'));
		const first = await run(context({ body }));
		expect(first.workflowData[0]).toHaveLength(2);
		const second = await run(context({ body }));
		expect(second).toEqual({ webhookResponse: { received: 2, accepted: 0 } });
	});

	test('partly seen → only the new events; repeats inside one delivery count once', async () => {
		await run(context({ body: delivery(ev('SHIPMENT_DELIVERED', 's1')) }));
		const out = await run(context({ body: delivery(ev('SHIPMENT_DELIVERED', 's1'), ev('SHIPMENT_DELIVERED', 's3'), ev('SHIPMENT_DELIVERED', 's3')) }));
		expect(out.webhookResponse).toEqual({ received: 3, accepted: 1 });
		expect(out.workflowData[0].map((i) => i.json.data.id)).toEqual(['s3']);
	});

	test('concurrent requests: exactly one of them takes the event', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c7'));
		const outs = await Promise.all(Array.from({ length: 10 }, () => run(context({ body }))));
		expect(outs.filter((o) => o.workflowData)).toHaveLength(1);
	});

	test('a delivery of 1,500 events posted twice → 0 events the second time', async () => {
		const events = Array.from({ length: 1500 }, (_, i) => ev('SHIPMENT_CHECK_CALL', `big${i}`));
		expect((await run(context({ body: delivery(...events) }))).webhookResponse).toEqual({ received: 1500, accepted: 1500 });
		expect(await run(context({ body: delivery(...events.slice().reverse()) }))).toEqual({ webhookResponse: { received: 1500, accepted: 0 } });
	});

	test('windows are per workflow', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c8'));
		await run(context({ body, workflowId: 'wfA' }));
		const out = await run(context({ body, workflowId: 'wfB' }));
		expect(out.workflowData[0]).toHaveLength(1);
	});

	test('Skip Redeliveries off, or the test URL (manual mode), passes repeats through', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c5'));
		const params = { additionalOptions: { skipRedeliveries: false } };
		expect((await run(context({ body, params }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, params }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, mode: 'manual' }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, mode: 'manual' }))).workflowData[0]).toHaveLength(1);
	});

	test('answered after the workflow, a repeat goes on to the execution (MVMNT got no 200 for the first copy): its claim check decides', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c6'));
		const params = { additionalOptions: { answer: 'lastNode' } };
		expect((await run(context({ body, params }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, params }))).workflowData[0]).toHaveLength(1);
		// answered when received, the same process drops the repeat before any execution
		const other = delivery(ev('CUSTOMER_CREATED', 'c7'));
		expect((await run(context({ body: other }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body: other }))).workflowData).toBeUndefined();
	});
});

/**
 * n8n's deduplication store as n8n implements it (DeduplicationHelper, mode 'entries'): one list
 * per trigger node, read and written back whole, no lock; `lag` holds the write back so that tests
 * can interleave two "processes".
 */
function dedupStore({ lag = async () => {} } = {}) {
	const store = { list: null, calls: 0, options: [] };
	store.helpers = () => ({
		async checkProcessedAndRecord(items, scope, options) {
			expect(scope).toBe('node');
			store.calls++;
			store.options.push(options);
			const list = store.list ? store.list.slice() : [];
			const known = new Set(list);
			const out = { new: [], processed: [] };
			for (const item of items) {
				if (known.has(item)) out.processed.push(item);
				else {
					out.new.push(item);
					list.push(item);
				}
			}
			await lag();
			store.list = list.slice(-options.maxEntries);
			return out;
		},
		async removeProcessed(items, scope) {
			expect(scope).toBe('node');
			const gone = new Set(items);
			store.list = (store.list ?? []).filter((item) => !gone.has(item));
		},
	});
	return store;
}

describe('execute(): durable memory (n8n deduplication store) and output options', () => {
	function execContext({ items, params = {}, mode = 'webhook', store, workflowId = 'wf1', executionId }) {
		const parameters = { additionalOptions: {}, ...params };
		return {
			...(executionId ? { getExecutionId: () => executionId } : {}),
			getInputData: () => items,
			getNodeParameter: (name, _i, fallback) => (name in parameters ? parameters[name] : fallback),
			getMode: () => mode,
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: 'node-1', name: 'MVMNT Trigger' }),
			helpers: store ? store.helpers() : {},
		};
	}
	const exec = (ctx) => node.execute.call(ctx);
	const itemsOf = async (body, params) => (await run(context({ body, params }))).workflowData[0];

	test('claims the events, applies the output options, pairs each item with its input', async () => {
		const store = dedupStore();
		const body = delivery({ ...ev('SHIPMENT_DELIVERED', 's1'), diff: [{ key: 'status' }] }, ev('SHIPMENT_DELIVERED', 's2'));
		const items = await itemsOf(body);
		const entity = await exec(execContext({ items, store, params: { additionalOptions: { entityOnly: true } } }));
		expect(entity).toEqual([[{ json: { id: 's1' }, pairedItem: { item: 0 } }, { json: { id: 's2' }, pairedItem: { item: 1 } }]]);
		expect(store.list).toHaveLength(2);
		expect(store.options[0]).toEqual({ mode: 'entries', maxEntries: 30000 });

		// the same events in a later execution (another process, or after a restart): nothing runs
		expect(await exec(execContext({ items, store }))).toEqual([[]]);
		const noDiff = await exec(execContext({ items: await itemsOf(delivery(ev('QUOTE_WON', 'q1'))), store, params: { additionalOptions: { includeDiff: false } } }));
		expect(noDiff[0][0].json).toEqual({ event: 'QUOTE_WON', timestamp: '2025-01-15T14:30:00Z', sentAt: '2025-01-15T14:30:05Z', data: { id: 'q1' } });
	});

	test('a claim belongs to its execution: n8n running the same execution again gets its events back, another execution gets none', async () => {
		const store = dedupStore();
		const items = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's31'), ev('SHIPMENT_DELIVERED', 's32'), ev('SHIPMENT_DELIVERED', 's31')));
		const first = await exec(execContext({ items, store, executionId: '101' }));
		expect(first[0].map((i) => [i.json.data.id, i.pairedItem.item])).toEqual([['s31', 0], ['s32', 1]]);
		// the worker died after the first step; n8n runs execution 101 again (a stalled job in queue mode)
		const rerun = await exec(execContext({ items, store, executionId: '101' }));
		expect(rerun[0].map((i) => i.json.data.id)).toEqual(['s31', 's32']);
		// a redelivery MVMNT made meanwhile starts execution 102: nothing runs twice
		expect(await exec(execContext({ items, store, executionId: '102' }))).toEqual([[]]);
		// and 102 leaves no marker that a re-run of it could mistake for its own
		expect(store.list.filter((k) => k.includes('#run:102'))).toEqual([]);
		expect(await exec(execContext({ items, store, executionId: '102' }))).toEqual([[]]);
		expect(store.list.filter((k) => k.includes('#run:101'))).toHaveLength(2);
		// the operator's Retry of the failed execution (a new execution, mode "retry") gets the events again, once each
		const retried = await exec(execContext({ items, store, executionId: '103', mode: 'retry' }));
		expect(retried[0].map((i) => [i.json.data.id, i.pairedItem.item])).toEqual([['s31', 0], ['s32', 1]]);
	}, 30000);

	describe('answered after the workflow: a copy of a claimed event learns how the claiming execution ended', () => {
		const outcomes = require(path.join(dist, 'nodes', 'MvmntTrigger', 'outcomes.js'));
		const { eventKey } = require(path.join(dist, 'nodes', 'MvmntTrigger', 'delivery.js'));
		const afterFinish = { additionalOptions: { answer: 'lastNode' } };
		const saved = { ...outcomes.timing };
		beforeEach(() => {
			outcomes.clearLocalClaims();
			Object.assign(outcomes.timing, { ownerWaitMs: 600, probeEveryMs: 50 });
		});
		const openMarkers = (store) => store.list.filter((e) => e.endsWith('#open'));
		afterAll(() => Object.assign(outcomes.timing, saved));
		/** an execution with n8n's lifecycle hooks: `end(status)` runs what n8n runs when it ends */
		function hooked(opts) {
			const handlers = [];
			const ctx = { ...execContext(opts), additionalData: { hooks: { executionId: opts.executionId, addHandler: (name, ...fns) => name === 'workflowExecuteAfter' && handlers.push(...fns) } } };
			return { ctx, end: async (status) => Promise.all(handlers.map((fn) => fn({ status }))) };
		}
		const ids = (out) => out[0].map((i) => i.json.data.id);

		test('finished elsewhere (claim without open marker): the copy outputs nothing, at once, and leaves no open marker', async () => {
			const store = dedupStore();
			const items = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's41')));
			const k = eventKey(items[0].json);
			store.list = [k, `${k}#run:90`];
			outcomes.timing.ownerWaitMs = 15000; // not waited for
			const t0 = Date.now();
			expect(await exec(hooked({ items, store, executionId: '91', params: afterFinish }).ctx)).toEqual([[]]);
			expect(Date.now() - t0).toBeLessThan(15000);
			expect(openMarkers(store)).toEqual([]);
		}, 30000);

		test('the owner died without an end (claim and open marker held): after the wait the copy takes it over, once; its end closes it', async () => {
			const store = dedupStore();
			const items = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's42'), ev('SHIPMENT_DELIVERED', 's43')));
			const [k42, k43] = items.map((i) => eventKey(i.json));
			store.list = [k42, `${k42}#run:90`, `${k42}#open`, k43, `${k43}#run:90`, `${k43}#open`];
			const t0 = Date.now();
			const copy = hooked({ items, store, executionId: '91', params: afterFinish });
			expect(ids(await exec(copy.ctx))).toEqual(['s42', 's43']);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
			expect(store.list).toEqual(expect.arrayContaining([`${k42}#run:91`, `${k43}#run:91`]));
			await copy.end('success');
			expect(openMarkers(store)).toEqual([]);
			// the next copy: nothing runs twice
			expect(await exec(hooked({ items, store, executionId: '92', params: afterFinish }).ctx)).toEqual([[]]);
		}, 30000);

		test('the owner runs in this process: the copy waits for its end; finished → nothing, failed (answered 500) → the copy runs it', async () => {
			const store = dedupStore();
			const items = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's44')));
			const k = eventKey(items[0].json);
			const first = hooked({ items, store, executionId: '100', params: afterFinish });
			expect(ids(await exec(first.ctx))).toEqual(['s44']);
			// longer than the wait for a remote owner: a live owner in this process is waited for
			const copy = exec(hooked({ items, store, executionId: '101', params: afterFinish }).ctx);
			await new Promise((r) => setTimeout(r, 900));
			await first.end('success');
			expect(await copy).toEqual([[]]);

			const other = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's45')));
			const k45 = eventKey(other[0].json);
			const failing = hooked({ items: other, store, executionId: '102', params: afterFinish });
			expect(ids(await exec(failing.ctx))).toEqual(['s45']);
			const second = hooked({ items: other, store, executionId: '103', params: afterFinish });
			const copy2 = exec(second.ctx);
			await new Promise((r) => setTimeout(r, 100));
			await failing.end('error');
			expect(ids(await copy2)).toEqual(['s45']);
			// the failed execution's claim and marker are gone; the copy holds the event now
			expect(store.list).not.toContain(`${k45}#run:102`);
			expect(store.list).toEqual(expect.arrayContaining([k45, `${k45}#run:103`]));
			expect(store.list).toContain(`${k45}#open`);
			await second.end('success');
			expect(await exec(hooked({ items: other, store, executionId: '104', params: afterFinish }).ctx)).toEqual([[]]);
			expect(openMarkers(store)).toEqual([]);
			expect(store.list).toContain(k);
		}, 30000);

		test('a failed owner in another process released the claim: the copy runs it without waiting', async () => {
			const store = dedupStore();
			const items = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's46')));
			const first = hooked({ items, store, executionId: '110', params: afterFinish });
			expect(ids(await exec(first.ctx))).toEqual(['s46']);
			await first.end('crashed');
			outcomes.clearLocalClaims(); // the copy arrives at another process
			outcomes.timing.ownerWaitMs = 15000; // not waited for
			const t0 = Date.now();
			expect(ids(await exec(hooked({ items, store, executionId: '111', params: afterFinish }).ctx))).toEqual(['s46']);
			expect(Date.now() - t0).toBeLessThan(15000);
		}, 30000);

		test("n8n's run status → the outcome MVMNT was told", () => {
			expect(['success', 'waiting', 'error', 'crashed', 'canceled', 'unknown'].map((status) => outcomes.outcomeOf({ status }))).toEqual(['finished', 'finished', 'failed', 'failed', 'failed', 'failed']);
			expect(outcomes.outcomeOf({ finished: true })).toBe('finished');
			expect(outcomes.outcomeOf(undefined)).toBe('failed');
		});

		test('answered when received (MVMNT sends nothing again), or an n8n without lifecycle hooks: a claim is never taken over', async () => {
			const store = dedupStore();
			const other = await itemsOf(delivery(ev('SHIPMENT_DELIVERED', 's47')));
			const k = eventKey(other[0].json);
			store.list = [k, `${k}#run:90`];
			expect(await exec(hooked({ items: other, store, executionId: '93' }).ctx)).toEqual([[]]);
			expect(await exec(execContext({ items: other, store, executionId: '94', params: afterFinish }))).toEqual([[]]);
		}, 30000);
	});

	test('the webhook answers MVMNT when received by default, after the workflow when chosen', () => {
		const [hook] = node.description.webhooks;
		const evaluate = (expr, options) => {
			const m = /^=\{\{ \$parameter\["additionalOptions"\]\["answer"\] === "lastNode" \? "(\w+)" : "(\w*)" \}\}$/.exec(expr);
			expect(m).not.toBeNull();
			return options.answer === 'lastNode' ? m[1] : m[2];
		};
		expect(evaluate(hook.responseMode, {})).toBe('onReceived');
		expect(evaluate(hook.responseData, {})).toBe('');
		expect(evaluate(hook.responseMode, { answer: 'lastNode' })).toBe('lastNode');
		expect(evaluate(hook.responseData, { answer: 'lastNode' })).toBe('noData');
	});

	test('partly claimed → only the fresh items, with their original pairing', async () => {
		const store = dedupStore();
		const all = await itemsOf(delivery(ev('CUSTOMER_CREATED', 'c1'), ev('CUSTOMER_CREATED', 'c2'), ev('CUSTOMER_CREATED', 'c3')));
		await exec(execContext({ items: [all[1]], store }));
		const out = await exec(execContext({ items: all, store }));
		expect(out[0].map((i) => [i.json.data.id, i.pairedItem.item])).toEqual([['c1', 0], ['c3', 2]]);
	});

	test('more than 1,000 events, forgotten by the process: the durable memory still holds them', async () => {
		const store = dedupStore();
		const events = Array.from({ length: 2500 }, (_, i) => ev('SHIPMENT_CHECK_CALL', `s${i}`));
		const items = await itemsOf(delivery(...events));
		expect((await exec(execContext({ items, store })))[0]).toHaveLength(2500);
		clearProcessWindows(); // a restarted or another webhook process
		const again = await itemsOf(delivery(...events.slice().reverse()));
		expect(again).toHaveLength(2500);
		expect(await exec(execContext({ items: again, store }))).toEqual([[]]);
	});

	test('concurrent executions in one process: each event runs once (calls are queued)', async () => {
		const store = dedupStore({ lag: () => new Promise((r) => setTimeout(r, 5)) });
		const items = await itemsOf(delivery(ev('QUOTE_WON', 'q7'), ev('QUOTE_WON', 'q8')));
		const outs = await Promise.all(Array.from({ length: 6 }, () => exec(execContext({ items, store }))));
		expect(outs.flatMap((o) => o[0])).toHaveLength(2);
		expect(store.list).toHaveLength(2);
	});

	test('the test URL (manual mode) and Skip Redeliveries off neither read nor write the memory', async () => {
		const store = dedupStore();
		const items = await itemsOf(delivery(ev('QUOTE_WON', 'q2')));
		for (const opts of [{ mode: 'manual' }, { params: { additionalOptions: { skipRedeliveries: false } } }]) {
			expect((await exec(execContext({ items, store, ...opts })))[0]).toHaveLength(1);
			expect((await exec(execContext({ items, store, ...opts })))[0]).toHaveLength(1);
		}
		expect(store.calls).toBe(0);
	});

	test('an n8n without the deduplication store: items pass through', async () => {
		const items = await itemsOf(delivery(ev('QUOTE_WON', 'q3')));
		expect((await exec(execContext({ items })))[0]).toHaveLength(1);
	});
});

describe('claimKeys: the store written by several processes at once', () => {
	const { claimKeys, VERIFY_DELAY_MS } = require(path.join(dist, 'nodes', 'MvmntTrigger', 'seenEventKeys.js'));

	test('a write from another process that drops our keys is detected and repaired', async () => {
		// two "processes" read the same list; the other one writes last and drops our key
		const store = dedupStore();
		const record = (keys) => store.helpers().checkProcessedAndRecord(keys, 'node', { mode: 'entries', maxEntries: 10000 }).then((r) => r.new);
		const waits = [];
		const fresh = await claimKeys('scope-a', ['k1', 'k2'], record, async (ms) => {
			waits.push(ms);
			if (waits.length === 1) store.list = ['other']; // the overlapping write of another process
		});
		expect([...fresh]).toEqual(['k1', 'k2']);
		expect(waits).toEqual([VERIFY_DELAY_MS, VERIFY_DELAY_MS]); // lost → written again → checked again
		expect(store.list).toEqual(['other', 'k1', 'k2']);
	});

	test("the first write of two processes at once: n8n's insert fails for one, which retries", async () => {
		let inserts = 0;
		const record = async (keys) => {
			inserts++;
			if (inserts === 1) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			return keys;
		};
		expect([...(await claimKeys('scope-b', ['k1'], record, async () => {}))]).toEqual(['k1']);
	});

	test("a loser's markers written back by another process's write are removed again (removal repeated after a pause)", async () => {
		const { forgetMarkers } = require(path.join(dist, 'nodes', 'MvmntTrigger', 'seenEventKeys.js'));
		let list = ['k1', 'k1#run:7', 'k2#run:8'];
		let removals = 0;
		const pauses = [];
		const ctx = {
			helpers: {
				async removeProcessed(items) {
					removals++;
					const before = list.slice();
					list = list.filter((k) => !items.includes(k));
					// another process read the list before this removal and writes it back after it
					if (removals === 1) list = before;
				},
			},
		};
		await forgetMarkers(ctx, 'scope-r', ['k2#run:8'], async (ms) => void pauses.push(ms));
		expect(list).toEqual(['k1', 'k1#run:7']);
		expect(removals).toBe(5);
		expect(pauses.every((ms) => ms >= VERIFY_DELAY_MS)).toBe(true);
		// nothing to remove, or no store: no call
		await forgetMarkers(ctx, 'scope-r', []);
		await forgetMarkers({ helpers: {} }, 'scope-r', ['x']);
		expect(removals).toBe(5);
	});

	test('nothing to claim → no call', async () => {
		const record = jest.fn();
		expect((await claimKeys('scope-c', [], record)).size).toBe(0);
		expect(record).not.toHaveBeenCalled();
	});
});

describe('description and credential test', () => {
	test('POST webhook answered on receipt, lifecycle methods are no-ops', async () => {
		const { description } = node;
		expect(description.name).toBe('mvmntTrigger');
		expect(description.inputs).toEqual([]);
		// the response mode is an expression: when received unless Answer MVMNT says otherwise (tested below)
		expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', responseMode: expect.stringContaining('"onReceived"') })]);
		for (const m of ['checkExists', 'create', 'delete']) {
			await expect(node.webhookMethods.default[m].call({})).resolves.toBe(true);
		}
		const events = description.properties.find((p) => p.name === 'events');
		expect(events.type).toBe('multiOptions');
		expect(events.options.length).toBe(74); // All Events + 73 types
		// asks n8n to leave the body unparsed (typeVersion 1 webhooks read options.binaryData)
		expect(description.version).toBe(1);
		expect(description.properties.find((p) => p.name === 'options')).toMatchObject({ type: 'hidden', default: { binaryData: true } });
	});

	test.each([
		['', 'Error'],
		['   ', 'Error'],
		['tok\nen', 'Error'],
		['tökén', 'Error'],
		['whk_0123456789abcdef', 'OK'],
		['  whk_0123456789abcdef\n', 'OK'],
		['with inner space', 'OK'],
	])('credential test of %j → %s', async (token, status) => {
		const r = await node.methods.credentialTest.mvmntWebhookTokenTest.call({}, { data: { token } });
		expect(r.status).toBe(status);
	});
});
