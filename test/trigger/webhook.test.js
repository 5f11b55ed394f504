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

function context({ headers = { 'x-api-key': TOKEN }, body, raw, params = {}, token = TOKEN, mode = 'webhook', staticData = {}, workflowId = 'wf1', readError } = {}) {
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
		staticData,
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
		getWorkflowStaticData: (type) => {
			expect(type).toBe('node');
			return staticData;
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
		expect(ctx.staticData).toEqual({});
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

	test('options: Output Entity Only / Include Diff off', async () => {
		const body = delivery({ event: 'CUSTOMER_UPDATED', timestamp: 't', data: { id: 'c1', name: 'Acme' }, diff: [{ key: 'name' }] });
		let out = await run(context({ body, params: { additionalOptions: { entityOnly: true } } }));
		expect(out.workflowData[0].map((i) => i.json)).toEqual([{ id: 'c1', name: 'Acme' }]);
		clearProcessWindows();
		out = await run(context({ body, params: { additionalOptions: { includeDiff: false } } }));
		expect(out.workflowData[0][0].json).toEqual({ event: 'CUSTOMER_UPDATED', timestamp: 't', sentAt: '2025-01-15T14:30:05Z', data: { id: 'c1', name: 'Acme' } });
	});

	test('everything filtered out → 200 without execution', async () => {
		const ctx = context({ body: delivery(ev('QUOTE_WON', 'q1'), ev('FUTURE_EVENT', 'f1')), params: { events: ['SHIPMENT_DELIVERED'] } });
		const out = await run(ctx);
		expect(out).toEqual({ webhookResponse: { received: 2, accepted: 0 } });
		expect(ctx.res.statusCode).toBeUndefined();
		expect(ctx.staticData).toEqual({});
	});

	test('future event types pass with All Events', async () => {
		const out = await run(context({ body: delivery(ev('FUTURE_EVENT', 'f1')), params: { events: ['*'] } }));
		expect(out.workflowData[0][0].json.event).toBe('FUTURE_EVENT');
	});
});

describe('redeliveries', () => {
	test('the same delivery twice → second one is acknowledged without execution', async () => {
		const staticData = {};
		const body = delivery(ev('SHIPMENT_DELIVERED', 's1'), ev('SHIPMENT_DELIVERED', 's2'));
		const first = await run(context({ body, staticData }));
		expect(first.workflowData[0]).toHaveLength(2);
		expect(staticData.seenEvents).toHaveLength(2);
		const second = await run(context({ body, staticData }));
		expect(second).toEqual({ webhookResponse: { received: 2, accepted: 0 } });
	});

	test('partly seen → only the new events', async () => {
		const staticData = {};
		await run(context({ body: delivery(ev('SHIPMENT_DELIVERED', 's1')), staticData }));
		const out = await run(context({ body: delivery(ev('SHIPMENT_DELIVERED', 's1'), ev('SHIPMENT_DELIVERED', 's3')), staticData }));
		expect(out.workflowData[0].map((i) => i.json.data.id)).toEqual(['s3']);
	});

	test('remembered in static data across processes (fresh process window)', async () => {
		const staticData = {};
		const body = delivery(ev('CUSTOMER_CREATED', 'c9'));
		await run(context({ body, staticData }));
		clearProcessWindows(); // e.g. n8n restarted
		const out = await run(context({ body, staticData: JSON.parse(JSON.stringify(staticData)) }));
		expect(out.workflowData).toBeUndefined();
	});

	test('concurrent requests that each load the same stale static data still catch the repeat', async () => {
		// n8n loads static data per request and writes it back whole: simulate two snapshots
		const body = delivery(ev('CUSTOMER_CREATED', 'c7'));
		const a = await run(context({ body, staticData: {} }));
		const b = await run(context({ body, staticData: {} }));
		expect(a.workflowData[0]).toHaveLength(1);
		expect(b.workflowData).toBeUndefined();
	});

	test('process windows are per workflow', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c8'));
		await run(context({ body, workflowId: 'wfA' }));
		const out = await run(context({ body, workflowId: 'wfB' }));
		expect(out.workflowData[0]).toHaveLength(1);
	});

	test('Skip Redeliveries off, or the test URL (manual mode), passes repeats through', async () => {
		const body = delivery(ev('CUSTOMER_CREATED', 'c5'));
		const params = { additionalOptions: { skipRedeliveries: false } };
		const staticData = {};
		expect((await run(context({ body, params, staticData }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, params, staticData }))).workflowData[0]).toHaveLength(1);
		expect(staticData).toEqual({});
		expect((await run(context({ body, mode: 'manual', staticData }))).workflowData[0]).toHaveLength(1);
		expect((await run(context({ body, mode: 'manual', staticData }))).workflowData[0]).toHaveLength(1);
		expect(staticData).toEqual({});
	});
});

describe('execute(): first step of each execution, persists the window', () => {
	function execContext({ items, params = {}, mode = 'webhook', staticData = {}, workflowId = 'wf1' }) {
		const parameters = { additionalOptions: {}, ...params };
		return {
			staticData,
			getInputData: () => items,
			getNodeParameter: (name, _i, fallback) => (name in parameters ? parameters[name] : fallback),
			getMode: () => mode,
			getWorkflowStaticData: () => staticData,
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: 'node-1', name: 'MVMNT Trigger' }),
		};
	}
	const exec = (ctx) => node.execute.call(ctx);

	test('passes items through with pairedItem and stores the keys the webhook call remembered', async () => {
		const body = delivery(ev('SHIPMENT_DELIVERED', 's1'), ev('SHIPMENT_DELIVERED', 's2'));
		const hook = await run(context({ body, params: { additionalOptions: { entityOnly: true } }, staticData: {} }));
		const items = hook.workflowData[0];
		const staticData = { seenEvents: ['older-key'] }; // what the execution loaded from the database
		const out = await exec(execContext({ items, staticData }));
		expect(out).toEqual([items.map((item, i) => ({ ...item, pairedItem: { item: i } }))]);
		expect(staticData.seenEvents[0]).toBe('older-key');
		expect(staticData.seenEvents).toHaveLength(3);

		// a later delivery of the same events, in a process that has forgotten them, is still skipped
		clearProcessWindows();
		const again = await run(context({ body, staticData: JSON.parse(JSON.stringify(staticData)) }));
		expect(again.workflowData).toBeUndefined();
	});

	test('full-event items carry their keys themselves (e.g. on another process)', async () => {
		const body = delivery(ev('QUOTE_WON', 'q1'));
		const hook = await run(context({ body, staticData: {} }));
		clearProcessWindows();
		const staticData = {};
		await exec(execContext({ items: hook.workflowData[0], staticData }));
		expect(staticData.seenEvents).toHaveLength(1);
		const again = await run(context({ body, staticData }));
		expect(again.workflowData).toBeUndefined();
	});

	test('leaves static data alone in manual mode, with Skip Redeliveries off, or when nothing is new', async () => {
		const items = [{ json: { event: 'QUOTE_WON', timestamp: 't', sentAt: 's', data: { id: 'q2' }, diff: null } }];
		for (const opts of [{ mode: 'manual' }, { params: { additionalOptions: { skipRedeliveries: false } } }]) {
			const staticData = {};
			await exec(execContext({ items, staticData, ...opts }));
			expect(staticData).toEqual({});
		}
		const staticData = {};
		await exec(execContext({ items, staticData }));
		const stored = staticData.seenEvents;
		await exec(execContext({ items, staticData }));
		expect(staticData.seenEvents).toBe(stored); // unchanged: not rewritten
	});
});

describe('description and credential test', () => {
	test('POST webhook answered on receipt, lifecycle methods are no-ops', async () => {
		const { description } = node;
		expect(description.name).toBe('mvmntTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', responseMode: 'onReceived' })]);
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
