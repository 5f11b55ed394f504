/*
 * The node under faults. A fault-injecting proxy sits between the
 * node (inside n8n-core's real ExecuteContext) and the fake MVMNT server:
 * broken pages, resets, stalls, dripped bodies, writes whose answer is lost,
 * a failing token endpoint, hostile IDs. Figures are printed with `FAULTS:`.
 */
const { setup: startFake, createRig, rl, CLIENT } = require('../support/setup');
const { startFaultProxy } = require('../../dev/fault-proxy');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { DEFAULT_LIMITS } = require('../../dist/nodes/foundation/transport/session.js');

jest.setTimeout(60000);

let server;
let proxy;
let rig;
const figures = [];
const report = (line) => figures.push(line);

beforeAll(async () => {
	({ server } = await startFake());
	proxy = await startFaultProxy({ target: server.url });
	rig = createRig({ baseUrl: proxy.baseUrl, tokenUrl: proxy.tokenUrl, ...CLIENT });
});

afterAll(async () => {
	// the only requests MVMNT's contract rejects are the deliberate ones: encoded hostile IDs and an empty raw body
	const deliberate = (v) => /a%2F\.\.%2Fb|x%3Fby%3Did/.test(v.path) || v.errors.every((e) => /request body is required/.test(e.message));
	expect(server.violations.filter((v) => !deliberate(v))).toEqual([]);
	process.stdout.write(`FAULTS:\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
	await proxy.close();
	await server.close();
});

afterEach(() => proxy.clear());

const TOTAL = 5000;
const FILTER = { method: 'POST', path: /^\/v1\/customers\/filter$/ };
const getAll = (requestOptions = {}) => ({ resource: 'customer', operation: 'getAll', returnAll: true, requestOptions });

/** what each fault must be called in the error when it persists */
const FAULTS = [
	['200 + truncated JSON', { fault: 'truncate' }, /answered 200 .* body that is not JSON/],
	['200 + HTML page', { fault: 'html' }, /not JSON \(an HTML page/],
	['200 + body cut mid-way', { fault: 'cut' }, /cut off before its end/],
	['200 + no page info', { fault: 'noPageInfo' }, /not a list page: the answer has no "pageInfo"/],
	['429', { fault: 'status', status: 429, headers: { 'retry-after': '0.2' } }, /answered 429.*try again in 1 s or later \(MVMNT's rate limit\)/],
	['500', { fault: 'status', status: 500 }, /answered 500/],
	['reset', { fault: 'reset' }, /The connection to MVMNT was reset during POST \/customers\/filter/],
	['stall', { fault: 'stall' }, /no complete answer to POST \/customers\/filter within 0.5 s/],
];

describe('Get Many over 5,000 records: exactly 5,000 or an error, never short', () => {
	beforeAll(() => {
		server.seed('customers', Array.from({ length: TOTAL }, (_, i) => ({ name: `Customer ${i + 1}`, status: 'ACTIVE' })));
	});

	test.each(FAULTS.filter(([, f]) => f.fault !== 'noPageInfo'))('%s once: retried, all 5,000 records', async (name, fault) => {
		// broken 200 answers on page 1 and on a later page; the other faults on a later page
		// (the no-page-info answer is valid JSON of the wrong shape: not worth a retry, it must fail: next test)
		for (const after of ['truncate', 'html', 'cut'].includes(fault.fault) ? [0, 4] : [4]) {
			const rule = proxy.inject({ ...fault, match: FILTER, after });
			const t0 = Date.now();
			const items = await rig.run(getAll({ timeout: 0.5, retryBudget: 10 }));
			const ids = new Set(items.map((i) => i.json.id));
			expect(rule.applied).toBe(1);
			expect([items.length, ids.size]).toEqual([TOTAL, TOTAL]);
			report(`Get Many, ${name} once on page ${after + 1}: ${items.length} records, ${ids.size} unique, ${Date.now() - t0} ms`);
		}
	});

	test.each(FAULTS)('%s on every try from page 1 / page 5: the run fails naming the fault and the progress', async (name, fault, why) => {
		for (const after of [0, 4]) {
			proxy.clear();
			proxy.inject({ ...fault, match: FILTER, after, times: 1000 });
			const t0 = Date.now();
			const error = await rig.run(getAll({ timeout: 0.5, retryBudget: 0.6 })).then(
				(items) => new Error(`succeeded with ${items.length} records`),
				(e) => e,
			);
			const read = after * 250;
			expect(error.message).toMatch(
				new RegExp(`^Get Many \\(Customer\\) stopped after reading ${read.toLocaleString('en-US')} records in ${after} pages?: `),
			);
			expect(error.message).toMatch(why);
			report(`Get Many, ${name} persisting from page ${after + 1}: error after ${Date.now() - t0} ms: ${error.message.slice(0, 160)}`);
		}
	});
});

describe('single-record answers are checked too', () => {
	let id;
	beforeAll(async () => {
		[{ id }] = server.seed('customers', [{ name: 'Single', status: 'ACTIVE' }]);
	});
	const get = (requestOptions = {}) => rig.run({ resource: 'customer', operation: 'get', customerId: rl(id), requestOptions });

	test('a 200 HTML page or truncated JSON is never returned as the record', async () => {
		for (const fault of ['html', 'truncate']) {
			proxy.inject({ fault, match: { method: 'GET' }, times: 10 });
			await expect(get({ retryBudget: 1 })).rejects.toThrow(/GET \/customers\/.* not JSON/);
			proxy.clear();
		}
		proxy.inject({ fault: 'html', match: { method: 'GET' } });
		expect((await get())[0].json.id).toBe(id);
	});

	test('a server that never answers, and a body dripped byte by byte, fail within Timeout + Retry Time Budget', async () => {
		for (const fault of [{ fault: 'stall' }, { fault: 'drip', dripMs: 50 }]) {
			proxy.inject({ ...fault, match: { method: 'GET' }, times: 100 });
			const t0 = Date.now();
			const error = await get({ timeout: 0.6, retryBudget: 1.2 }).catch((e) => e);
			const ms = Date.now() - t0;
			expect(error.message).toMatch(/no complete answer to GET \/customers\/\S+ within 0\.\d s \((Timeout option|what was left of the Retry Time Budget)\) — gave up after 2 attempts in 1(\.\d)? s/);
			expect(ms).toBeGreaterThanOrEqual(1100);
			expect(ms).toBeLessThan(600 + 1200 + 300);
			report(`never answers (${fault.fault}), Timeout 0.6 s + Retry Time Budget 1.2 s: failed after ${ms} ms: ${error.message}`);
			proxy.clear();
		}
		// defaults: 60 s per request, 120 s for retries — at most 3 minutes for an item that gets no answer
		expect(DEFAULT_LIMITS.timeoutMs + DEFAULT_LIMITS.retryBudgetMs).toBeLessThanOrEqual(180000);
	});
});

describe('writes whose outcome is unknown', () => {
	const createParams = (key, extra = {}) => ({
		resource: 'customer',
		operation: 'create',
		name: `Keyed ${key}`,
		status: 'ACTIVE',
		additionalFields: key ? { key } : {},
		...extra,
	});
	const CREATE = { method: 'POST', path: /^\/v1\/customers$/ };
	const keyed = (prefix) => server.records('customers').filter((r) => String(r.key).startsWith(prefix));

	test('300 creates with client keys under 500-after-create and reset-after-create: 0 errors, 0 duplicates; a Create or Update re-run creates nothing', async () => {
		const n = 300;
		const after500 = proxy.inject({ fault: 'statusAfter', status: 500, match: CREATE, every: 7, times: 1000 });
		const afterReset = proxy.inject({ fault: 'resetAfter', match: CREATE, every: 11, times: 1000 });
		const items = Array.from({ length: n }, (_, i) => ({ key: `BATCH-${i}` }));
		const t0 = Date.now();
		const out = await rig.run(
			{ ...createParams('={{ $json.key }}'), name: '={{ "Batch " + $json.key }}' },
			items,
			{ continueOnFail: true },
		);
		const ms = Date.now() - t0;
		const errors = out.filter((o) => o.json.error);
		const recovered = out.filter((o) => o.json.recovered);
		expect(errors).toEqual([]);
		expect(out).toHaveLength(n);
		expect(after500.applied + afterReset.applied).toBeGreaterThan(30);
		expect(recovered.length).toBe(after500.applied + afterReset.applied);
		expect(recovered[0].json.recovered).toMatch(/MVMNT had created the record, found by its client key/);
		const stored = keyed('BATCH-');
		expect(new Set(stored.map((r) => r.key)).size).toBe(n);
		expect(stored).toHaveLength(n);
		report(
			`300 keyed creates: ${after500.applied} × 500-after-create, ${afterReset.applied} × reset-after-create → ` +
				`${errors.length} error items, ${recovered.length} recovered, ${stored.length} records at MVMNT (0 duplicates), ${ms} ms`,
		);
		// re-run of the whole input as Create or Update, same faults: nothing new
		const rerun = await rig.run(
			{ resource: 'customer', operation: 'upsert', key: '={{ $json.key }}', name: '={{ "Batch " + $json.key }}', status: 'ACTIVE' },
			items,
			{ continueOnFail: true },
		);
		expect(rerun.filter((o) => o.json.error)).toEqual([]);
		expect(keyed('BATCH-')).toHaveLength(n);
		report(`re-run as Create or Update: ${rerun.length} items, 0 errors, ${keyed('BATCH-').length - n} new records`);
	});

	test('Create or Update under the same faults: recovered, no duplicates', async () => {
		proxy.inject({ fault: 'statusAfter', status: 502, match: CREATE, times: 1000 });
		const out = await rig.run({ resource: 'customer', operation: 'upsert', key: 'UPSERT-LOST-1', name: 'Lost answer', status: 'ACTIVE' });
		expect(out[0].json).toMatchObject({ key: 'UPSERT-LOST-1', recovered: expect.stringMatching(/answered 502/) });
		expect(keyed('UPSERT-LOST-')).toHaveLength(1);
	});

	test('a resend that meets its own first send (409 for the key) returns the record, recovered', async () => {
		// the first send is carried out but its answer is lost; the lookup misses it (as if still in flight)
		proxy.inject({ fault: 'resetAfter', match: CREATE });
		const miss = proxy.inject({ fault: 'status', status: 404, body: { error: 'not_found', message: 'Not found' }, match: { method: 'GET', path: '/v1/customers/INFLIGHT-1' } });
		const out = await rig.run(createParams('INFLIGHT-1'));
		expect(miss.applied).toBe(1);
		expect(out[0].json).toMatchObject({ key: 'INFLIGHT-1', recovered: expect.stringMatching(/connection to MVMNT was reset/) });
		expect(keyed('INFLIGHT-')).toHaveLength(1);
	});

	test('a create that failed before MVMNT acted is sent once more (found nothing by its key)', async () => {
		const rule = proxy.inject({ fault: 'status', status: 503, match: CREATE });
		const out = await rig.run(createParams('RESEND-1'));
		expect(rule.applied).toBe(1);
		expect(out[0].json.recovered).toBeUndefined();
		expect(keyed('RESEND-')).toHaveLength(1);
	});

	test('without a client key: never resent; the error says it may exist and how to re-run safely', async () => {
		const before = server.records('customers').length;
		proxy.inject({ fault: 'resetAfter', match: CREATE });
		const sent = proxy.seen.length;
		const error = await rig.run(createParams('')).catch((e) => e);
		expect(error.message).toMatch(/may have been created.*Create or Update with a Client Key/);
		expect(proxy.since(sent).filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(server.records('customers').length).toBe(before + 1);
		report(`keyless create, reset after create: 1 POST sent, error: ${error.message}`);
	});
});

describe('token endpoint failures', () => {
	const TOKEN = { method: 'POST', path: '/oauth2/token' };
	const freshRig = () => createRig({ baseUrl: proxy.baseUrl, tokenUrl: proxy.tokenUrl, ...CLIENT });
	const tokenRequests = (from) => proxy.since(from, { api: false }).filter((r) => r.path === '/oauth2/token').length;

	test('500 for 1,000 items with Continue On Fail: ≤ 5 token requests, 1,000 error items naming HTTP 500', async () => {
		proxy.inject({ fault: 'status', status: 500, match: TOKEN, times: 100000 });
		const from = proxy.seen.length;
		const t0 = Date.now();
		const out = await freshRig().run(
			{ resource: 'customer', operation: 'get', customerId: rl('00000000-0000-4000-8000-000000000000') },
			Array.from({ length: 1000 }, () => ({})),
			{ continueOnFail: true },
		);
		const ms = Date.now() - t0;
		const requests = tokenRequests(from);
		expect(requests).toBeLessThanOrEqual(5);
		expect(out).toHaveLength(1000);
		expect(out.every((o) => /token endpoint answered HTTP 500/.test(o.json.error) && o.json.httpCode === '500')).toBe(true);
		expect(out.every((o, i) => o.pairedItem.item === i)).toBe(true);
		report(`token endpoint 500, 1,000 items: ${requests} token requests, 1,000 error items in ${ms} ms: ${out[999].json.error}`);
	});

	test('resets on every try: ≤ 5 token requests, every item says the token endpoint could not be reached', async () => {
		proxy.inject({ fault: 'reset', match: TOKEN, times: 100000 });
		const from = proxy.seen.length;
		const out = await freshRig().run({ resource: 'customer', operation: 'getAll', limit: 1 }, Array.from({ length: 50 }, () => ({})), { continueOnFail: true });
		expect(tokenRequests(from)).toBeLessThanOrEqual(5);
		expect(out.map((o) => o.json.error)).toEqual(Array(50).fill(expect.stringMatching(/: Could not reach MVMNT's token endpoint: the connection was reset \(4 attempts\)$/)));
		report(`token endpoint resets, 50 items: ${tokenRequests(from)} token requests, 50 error items: ${out[0].json.error}`);
	});

	// every way the token endpoint (or a proxy in front of it) can fail, for 3 items: one bounded
	// token retry policy whatever the status or body, never multiplied by the API's retries
	test.each([
		['500 JSON', { fault: 'status', status: 500 }, /token endpoint answered HTTP 500/],
		['502 HTML', { fault: 'status', status: 502, html: true }, /token endpoint answered HTTP 502/],
		['503 HTML', { fault: 'status', status: 503, html: true }, /token endpoint answered HTTP 503/],
		['504 HTML', { fault: 'status', status: 504, html: true }, /token endpoint answered HTTP 504/],
		['429 always', { fault: 'status', status: 429, headers: { 'retry-after': '0.2' } }, /token endpoint answered HTTP 429/],
		['reset', { fault: 'reset' }, /token endpoint: the connection was reset/],
		['200 HTML page', { fault: 'html' }, /token endpoint/],
		['200 truncated', { fault: 'truncate' }, /token endpoint/],
	])('token endpoint %s, 3 items: ≤ 8 token requests, 0 API requests, each error names the token endpoint', async (_name, fault, wording) => {
		proxy.inject({ ...fault, match: TOKEN, times: 100000 });
		try {
			const from = proxy.seen.length;
			const out = await freshRig().run({ resource: 'customer', operation: 'get', customerId: rl('00000000-0000-4000-8000-000000000000') }, [{}, {}, {}], { continueOnFail: true });
			const token = tokenRequests(from);
			const api = proxy.since(from).filter((r) => r.path.startsWith('/v1/')).length;
			report(`token endpoint ${_name}, 3 items: ${token} token requests, ${api} API requests: ${out[0].json.error}`);
			expect(token).toBeLessThanOrEqual(8);
			expect(api).toBe(0);
			for (const o of out) {
				expect(o.json.error).toMatch(wording);
				// the status is the token endpoint's, kept as the item's HTTP code (never n8n's generic text for it)
				if (fault.status) expect(o.json.httpCode).toBe(String(fault.status));
				expect(o.json.error).not.toMatch(/<html|Bad gateway - /i);
			}
		} finally {
			proxy.clear();
		}
	});

	test('429 (Retry-After), 503 and a reset from the token endpoint are retried', async () => {
		for (const fault of [{ fault: 'status', status: 429, headers: { 'retry-after': '0.3' } }, { fault: 'status', status: 503 }, { fault: 'reset' }]) {
			proxy.inject({ ...fault, match: TOKEN });
			const from = proxy.seen.length;
			// the run succeeds (it would throw otherwise) after one retried token request
			await freshRig().run({ resource: 'customer', operation: 'getAll', limit: 1 });
			expect(tokenRequests(from)).toBe(2);
		}
	});

	test('a rejected secret is still reported as rejected (401), once', async () => {
		const from = proxy.seen.length;
		const bad = createRig({ baseUrl: proxy.baseUrl, tokenUrl: proxy.tokenUrl, clientId: CLIENT.clientId, clientSecret: 'wrong' });
		const out = await bad.run({ resource: 'customer', operation: 'getAll', limit: 1 }, [{}, {}, {}], { continueOnFail: true });
		expect(out.map((o) => o.json.error)).toEqual(Array(3).fill(expect.stringMatching(/rejected the credentials \(invalid_client, HTTP 401\)/)));
		expect(tokenRequests(from)).toBe(1);
	});
});

describe('IDs and keys are exactly one path segment', () => {
	const HOSTILE = ['.', '..', '%2e%2e', '%2E%2e', 'a/../b', 'x?by=id', { id: 'x' }, ['a', 'b']];
	const DUMMY = '00000000-0000-4000-8000-000000000001';
	const withParams = OPERATIONS.filter((o) => o.pathParams?.length && !['upload', 'download'].includes(o.kind));
	// every operation with two path parameters, then a spread of the rest: 30 operations
	const multi = withParams.filter((o) => o.pathParams.length > 1);
	const single = withParams.filter((o) => o.pathParams.length === 1);
	const step = single.length / (30 - multi.length);
	const chosen = [...multi, ...Array.from({ length: 30 - multi.length }, (_, i) => single[Math.floor(i * step)])];
	const paramName = (op, p) => (p.name === 'id' ? `${op.resource}Id` : p.name);

	/** a request is on target when each path segment is the template's, a parameter decoding to exactly its value */
	function onTarget(op, values, request) {
		const raw = request.url.split('?')[0].split('/');
		const template = `/v1${op.path}`.split('/');
		if (raw.length !== template.length) return false;
		for (let i = 0; i < raw.length; i++) {
			const m = /^\{(.+)\}$/.exec(template[i]);
			if (!m && raw[i] !== template[i]) return false;
			if (m && (raw[i] === '.' || raw[i] === '..' || decodeURIComponent(raw[i]) !== String(values[m[1]]))) return false;
		}
		const allowed = new Set([...(op.query ?? []).map((q) => q.name), 'pageSize', 'cursor']);
		return Object.keys(request.query).every((k) => allowed.has(k));
	}

	test('30 operations × every path parameter × 8 hostile values: 0 requests off target', async () => {
		expect(chosen).toHaveLength(30);
		let runs = 0;
		let sent = 0;
		let refused = 0;
		const off = [];
		for (const op of chosen) {
			for (const target of op.pathParams) {
				for (const value of HOSTILE) {
					const params = { resource: op.resource, operation: op.operation, useRawJson: true, rawJson: '{}', limit: 1 };
					const values = {};
					for (const p of op.pathParams) {
						values[p.name] = p === target ? value : DUMMY;
						params[paramName(op, p)] = p.type === 'id' || p.name === 'id' ? rl(values[p.name]) : values[p.name];
					}
					const from = proxy.seen.length;
					const [item] = await rig.run(params, [{}], { continueOnFail: true });
					runs++;
					for (const request of proxy.since(from)) {
						sent++;
						if (!onTarget(op, values, request)) off.push(`${op.operationId} ${JSON.stringify(value)} → ${request.method} ${request.url}`);
					}
					if (typeof value !== 'string' || ['.', '..', '%2e%2e', '%2E%2e'].includes(value)) {
						expect(item.json.error).toMatch(
							typeof value === 'string' ? /can't be ".*": an ID or key must not be "\." or "\.\."/ : /must be text, got an? (object|list)/,
						);
						expect(item.json.error).toMatch(/\[item 0\]$/);
						refused++;
					}
				}
			}
		}
		expect(off).toEqual([]);
		report(`hostile IDs: ${chosen.length} operations, ${runs} runs, ${refused} refused before sending, ${sent} requests sent, ${off.length} off target`);
	});

	test('client keys: lookups, Create or Update and keyed creates refuse "..", objects and lone surrogates', async () => {
		const from = proxy.seen.length;
		const cases = [
			{ resource: 'customer', operation: 'get', customerId: rl('..', 'key') },
			{ resource: 'customer', operation: 'get', customerId: rl('%2e%2e', 'key') },
			{ resource: 'customer', operation: 'upsert', key: '..', name: 'x', status: 'ACTIVE' },
			{ resource: 'customer', operation: 'upsert', key: '={{ {a: 1} }}', name: 'x', status: 'ACTIVE' },
			{ resource: 'customer', operation: 'get', customerId: rl('ab\ud800cd') },
		];
		for (const params of cases) {
			const [item] = await rig.run(params, [{}], { continueOnFail: true });
			expect(item.json.error).toMatch(/Client Key|Customer|can't be|must be text|malformed text/);
		}
		expect(proxy.since(from)).toHaveLength(0);
	});
});

describe('inputs', () => {
	test('Limit and Page Size must be whole numbers ≥ 1', async () => {
		for (const limit of [-1, 2.5, 0, 'NaN', 'abc']) {
			const [item] = await rig.run({ resource: 'customer', operation: 'getAll', limit }, [{}], { continueOnFail: true });
			expect(item.json.error).toMatch(/^Limit must be a whole number of at least 1, got /);
		}
		const [item] = await rig.run({ resource: 'customer', operation: 'getAll', limit: 5, options: { pageSize: 0 } }, [{}], { continueOnFail: true });
		expect(item.json.error).toMatch(/^Page Size must be a whole number/);
		const search = OPERATIONS.find((o) => o.kind === 'search');
		const [s] = await rig.run({ resource: search.resource, operation: search.operation, limit: 2.5 }, [{}], { continueOnFail: true });
		expect(s.json.error).toMatch(/^Limit must be a whole number/);
	});

	test('JSON nested 50,000 levels deep is refused with a clear message, nothing sent', async () => {
		const deep = `${'['.repeat(50000)}${']'.repeat(50000)}`;
		const from = proxy.seen.length;
		const [item] = await rig.run(
			{ resource: 'customer', operation: 'create', useRawJson: true, rawJson: `{"name": "x", "status": "ACTIVE", "tags": ${deep}}` },
			[{}],
			{ continueOnFail: true },
		);
		expect(item.json.error).toMatch(/JSON Body is nested more than 100 levels deep/);
		expect(proxy.since(from)).toHaveLength(0);
	});

	test('error messages quote at most ~200 characters of a 1 MB value', async () => {
		const huge = 'x'.repeat(1024 * 1024);
		const cases = [
			{ resource: 'customer', operation: 'getAll', limit: huge },
			{ resource: 'customer', operation: 'get', customerId: rl(huge) },
			{ resource: 'customer', operation: 'create', name: 'x', status: huge },
			{ resource: 'customer', operation: 'create', useRawJson: true, rawJson: huge },
			{ resource: 'customer', operation: 'getAll', limit: 1, filterType: 'builder', conditions: { condition: [{ field: huge, operator: 'equalTo', value: 'x' }] } },
			{ resource: 'customer', operation: 'update', customerId: rl('00000000-0000-4000-8000-000000000001'), updateFields: { creditLimit: huge } },
			{ resource: 'customer', operation: 'get', customerId: rl(huge, 'key') },
		];
		let longest = 0;
		for (const params of cases) {
			const [item] = await rig.run(params, [{}], { continueOnFail: true });
			expect(item.json.error).toBeTruthy();
			longest = Math.max(longest, item.json.error.length + (item.json.description ?? '').length);
		}
		expect(longest).toBeLessThan(600);
		report(`1 MB input values in ${cases.length} error messages: longest message ${longest} characters`);
	});
});

describe('uploads and creates without client keys', () => {
	test('a document upload whose create answer is lost is recovered by its key and the file still arrives', async () => {
		const bytes = Buffer.from('%PDF-1.4 recovered upload');
		const item = { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'pod.pdf' } } };
		const rule = proxy.inject({ fault: 'statusAfter', status: 500, match: { method: 'POST', path: /^\/v1\/documents$/ } });
		const out = await rig.run(
			{ resource: 'document', operation: 'upload', type: 'BILL_OF_LADING', binaryPropertyName: 'data', additionalFields: { key: 'DOC-LOST-1' } },
			[item],
		);
		expect(rule.applied).toBe(1);
		expect(out[0].json).toMatchObject({ key: 'DOC-LOST-1', recovered: expect.stringMatching(/answered 500/) });
		expect(server.records('documents').filter((d) => d.key === 'DOC-LOST-1')).toHaveLength(1);
		expect(server.stats.uploads.at(-1)).toMatchObject({ bytes: bytes.length, hadAuthorization: false });
	});

	test('a create of a record type without client keys says a re-run can duplicate it', async () => {
		const op = OPERATIONS.find((o) => o.kind === 'create' && !o.body.some((f) => f.name === 'key'));
		proxy.inject({ fault: 'resetAfter', match: { method: 'POST', path: new RegExp(`^/v1${op.path}$`) } });
		const [item] = await rig.run({ resource: op.resource, operation: op.operation, useRawJson: true, rawJson: '{}' }, [{}], { continueOnFail: true });
		expect(item.json.error).toMatch(/may have been created.*MVMNT has no client key for a .*, so running this item again can create a duplicate/);
	});
});
