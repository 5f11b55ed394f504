'use strict';
/* Tests for the fake MVMNT server itself (run: npx jest --config test/jest.config.js test/fake-mvmnt.test.js) */
const { startFakeMvmnt } = require('../dev/fake-mvmnt');
const { createClient, getToken, rawRequest } = require('../dev/fake-mvmnt/client');
const { runEveryOperation } = require('../dev/fake-mvmnt/operation-plan');
const { spawn } = require('child_process');
const path = require('path');

jest.setTimeout(120000);

let fake;
let api;

beforeAll(async () => {
	fake = await startFakeMvmnt();
	api = createClient(fake);
});

afterAll(() => fake && fake.close());

beforeEach(() => fake.reset());

const admin = (method, path, body) => rawRequest(`${fake.url}/__admin${path}`, { method, body });

async function create(collection, body, expected = 201) {
	const r = await api.call('POST', `/${collection}`, { body });
	expect({ status: r.status, body: r.body }).toMatchObject({ status: expected });
	return r.body;
}

const customer = (extra = {}) => create('customers', { name: 'Acme Industrial Plastics', status: 'ACTIVE', ...extra });

function addr(city) {
	return { line1: `1 ${city} St`, city, country: 'US', market: city.slice(0, 3).toUpperCase() };
}

function quoteBody(customerId) {
	return { customer: { id: customerId }, order: { mode: 'TL', stops: [{ type: 'PICKUP', address: addr('Dallas') }, { type: 'DELIVERY', address: addr('Memphis') }] } };
}

async function filter(collection, body) {
	const r = await api.call('POST', `/${collection}/filter`, { body });
	expect(r.status).toBe(200);
	return r.body;
}

// ---------------------------------------------------------------------------------------------- oauth2

describe('token endpoint', () => {
	test('issues opaque bearer tokens and counts them', async () => {
		const r = await getToken(fake);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
		expect(fake.stats.tokenRequests).toBe(1);
		const logged = fake.stats.requests.find((x) => x.path === '/oauth2/token');
		expect(JSON.stringify(logged)).not.toContain('test-client-secret');
	});

	test.each([
		[{ clientSecret: 'wrong' }, 401, { error: 'invalid_client', message: 'Client authentication failed' }],
		[{ clientId: 'nobody' }, 401, { error: 'invalid_client', message: 'Client authentication failed' }],
		[{ grantType: 'password' }, 400, { error: 'invalid_grant', message: expect.any(String) }],
	])('rejects %j', async (creds, status, body) => {
		const r = await getToken(fake, creds);
		expect(r.status).toBe(status);
		expect(r.body).toEqual(body);
	});

	test('missing, unknown, expired and revoked tokens get 401', async () => {
		const unauthorized = { error: 'unauthorized', message: 'Invalid or expired access token' };
		expect((await rawRequest(`${fake.baseUrl}/customers/x`)).body).toEqual(unauthorized);
		expect((await rawRequest(`${fake.baseUrl}/customers/x`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
		const c = createClient(fake);
		expect((await c.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
		fake.expireTokens();
		expect((await c.call('POST', '/customers/filter', { body: {} })).body).toEqual(unauthorized);
		await c.reauth();
		expect((await c.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
		fake.revokeTokens();
		expect((await c.call('POST', '/customers/filter', { body: {} })).status).toBe(401);
		await api.reauth();
	});

	test('tokens expire after tokenTtlSeconds', async () => {
		const short = await startFakeMvmnt({ tokenTtlSeconds: 1 });
		try {
			const c = createClient(short);
			expect((await c.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await c.call('POST', '/customers/filter', { body: {} })).status).toBe(401);
		} finally {
			await short.close();
		}
	});
});

// ---------------------------------------------------------------------------------------------- CRUD

describe('generic resources', () => {
	test('create assigns system fields and keeps key', async () => {
		const c = await customer({ key: 'ERP-1' });
		expect(c).toMatchObject({ object: 'CUSTOMER', id: expect.stringMatching(/^[0-9a-f-]{36}$/), friendlyId: expect.any(String), key: 'ERP-1', deletedAt: null });
		const contact = await create('location-contacts', { locationId: c.id, customerContactId: c.id, isPrimary: true });
		expect(contact).toMatchObject({ object: 'LOCATION_CONTACT', key: null });
	});

	test('GET by id, by=key, by=id and the id-then-key fallback', async () => {
		const c = await customer({ key: 'ERP-2' });
		for (const [ref, query, status] of [
			[c.id, undefined, 200],
			['ERP-2', undefined, 200],
			['ERP-2', { by: 'key' }, 200],
			[c.id, { by: 'key' }, 404],
			['ERP-2', { by: 'id' }, 404],
			[c.id, { by: 'id' }, 200],
		]) {
			const r = await api.call('GET', `/customers/${encodeURIComponent(ref)}`, { query });
			expect([ref, query, r.status]).toEqual([ref, query, status]);
			if (status === 200) expect(r.body.id).toBe(c.id);
		}
	});

	test('PATCH merges, null clears, nested objects deep-merge', async () => {
		const loc = await create('carriers', { name: 'Swift', type: 'TRUCKLOAD', phone: '1', corporateAddress: addr('Austin') });
		const r = await api.call('PATCH', `/carriers/${loc.id}`, { body: { type: 'TRUCKLOAD', phone: null, corporateAddress: { line2: 'Suite 5' } } });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ name: 'Swift', phone: null, corporateAddress: { city: 'Austin', line2: 'Suite 5' } });
		expect(fake.records('carriers')[0].phone).toBeNull();
	});

	test('duplicate keys are rejected on create and patch with DUPLICATE_KEY', async () => {
		await customer({ key: 'DUP' });
		const other = await customer({ key: 'OTHER' });
		const dup = {
			error: 'DUPLICATE_KEY',
			code: 'DUPLICATE_KEY',
			message: "A customer with key 'DUP' already exists",
			details: [{ field: 'key', message: 'must be unique' }],
		};
		expect((await api.call('POST', '/customers', { body: { name: 'x', status: 'ACTIVE', key: 'DUP' } })).body).toEqual(dup);
		const r = await api.call('PATCH', `/customers/${other.id}`, { body: { key: 'DUP' } });
		expect([r.status, r.body]).toEqual([409, dup]);
	});

	test('DELETE is a soft delete: 204, then 404, hidden from filters unless deletedAt is filtered', async () => {
		const a = await customer({ name: 'A' });
		await customer({ name: 'B' });
		const del = await api.call('DELETE', `/customers/${a.id}`);
		expect([del.status, del.body.length]).toEqual([204, 0]);
		expect((await api.call('GET', `/customers/${a.id}`)).status).toBe(404);
		expect((await filter('customers', {})).data.map((x) => x.name)).toEqual(['B']);
		expect((await filter('customers', { filter: { deletedAt: { isNull: false } } })).data.map((x) => x.name)).toEqual(['A']);
		const both = await filter('customers', { filter: { or: [{ deletedAt: { isNull: true } }, { deletedAt: { isNull: false } }] } });
		expect(both.data).toHaveLength(2);
	});

	test('validation errors answer 400 with details and are recorded as violations', async () => {
		const r = await api.call('POST', '/customers', { body: { status: 'ACTIVE' } });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: 'validation_error', message: 'Request validation failed', details: [{ field: 'name', message: "must have required property 'name'" }] });
		expect(fake.violations).toHaveLength(1);
	});
});

// ---------------------------------------------------------------------------------------------- filter

describe('filter', () => {
	beforeEach(() => {
		fake.seed('customers', [
			{ name: 'Acme Plastics', status: 'ACTIVE', website: 'https://acme.example', key: 'K1' },
			{ name: 'Beta Freight', status: 'INACTIVE', website: null, key: 'K2' },
			{ name: 'Gamma Acme', status: 'ACTIVE', website: 'https://gamma.example', key: 'K3' },
		]);
	});

	const names = async (f) => (await filter('customers', { filter: f })).data.map((c) => c.name);

	test.each([
		[{ name: { equalTo: 'Acme Plastics' } }, ['Acme Plastics']],
		[{ name: { notEqualTo: 'Acme Plastics' } }, ['Beta Freight', 'Gamma Acme']],
		[{ status: { in: ['INACTIVE'] } }, ['Beta Freight']],
		[{ status: { notIn: ['INACTIVE'] } }, ['Acme Plastics', 'Gamma Acme']],
		[{ name: { includes: 'acme' } }, ['Acme Plastics', 'Gamma Acme']],
		[{ name: { notIncludes: 'acme' } }, ['Beta Freight']],
		[{ name: { startsWith: 'Be' } }, ['Beta Freight']],
		[{ name: { notStartsWith: 'Be' } }, ['Acme Plastics', 'Gamma Acme']],
		[{ name: { endsWith: 'acme' } }, ['Gamma Acme']],
		[{ name: { notEndsWith: 'acme' } }, ['Acme Plastics', 'Beta Freight']],
		[{ website: { isNull: true } }, ['Beta Freight']],
		[{ key: { in: ['K1', 'K3'] } }, ['Acme Plastics', 'Gamma Acme']],
		[{ and: [{ status: { equalTo: 'ACTIVE' } }, { name: { startsWith: 'G' } }] }, ['Gamma Acme']],
		[{ or: [{ name: { startsWith: 'A' } }, { name: { startsWith: 'B' } }] }, ['Acme Plastics', 'Beta Freight']],
		[{ not: { status: { equalTo: 'ACTIVE' } } }, ['Beta Freight']],
	])('%j', async (f, expected) => {
		expect(await names(f)).toEqual(expected);
	});

	test('date comparisons', async () => {
		const [first] = fake.records('customers');
		expect(await names({ createdAt: { lessThanOrEqualTo: first.createdAt } })).toEqual(['Acme Plastics']);
		expect(await names({ createdAt: { greaterThan: first.createdAt } })).toEqual(['Beta Freight', 'Gamma Acme']);
		expect(await names({ createdAt: { lessThan: first.createdAt } })).toEqual([]);
		expect(await names({ createdAt: { greaterThanOrEqualTo: first.createdAt } })).toHaveLength(3);
	});

	test('reference fields compare by id (customerId -> customer.id)', async () => {
		const [acme, beta] = fake.records('customers');
		const q1 = (await create('quotes', quoteBody(acme.id))).id;
		await create('quotes', quoteBody(beta.id));
		const r = await filter('quotes', { filter: { customerId: { equalTo: acme.id } } });
		expect(r.data.map((q) => q.id)).toEqual([q1]);
	});

	test('cursor paging over 1,234 records with pageSize 250 takes 5 pages', async () => {
		fake.reset();
		const seeded = await admin('POST', '/seed', { collection: 'companies', count: 1234, template: { name: 'Company {{i}}' } });
		expect(seeded.body.count).toBe(1234);
		const seen = [];
		let cursor;
		let pages = 0;
		for (;;) {
			const page = await filter('companies', { pageSize: 250, ...(cursor ? { cursor } : {}) });
			pages++;
			seen.push(...page.data.map((c) => c.name));
			expect(page.pageInfo.hasPreviousPage).toBe(pages > 1);
			if (!page.pageInfo.hasNextPage) break;
			cursor = page.pageInfo.endCursor;
		}
		expect(pages).toBe(5);
		expect(seen).toEqual(Array.from({ length: 1234 }, (_, i) => `Company ${i + 1}`));
	});

	test('page key (pageInfo vs pagination) follows each path\'s 200 schema', async () => {
		for (const op of fake.spec.operations.filter((o) => o.template.endsWith('/filter'))) {
			const schema = fake.spec.successResponse(op).content['application/json'];
			const key = [...fake.spec.objectView(schema).properties.keys()].find((k) => k !== 'data');
			const r = await api.call('POST', op.template, { body: { pageSize: 1 } });
			expect([op.template, Object.keys(r.body).sort()]).toEqual([op.template, ['data', key].sort()]);
		}
		expect(fake.responseViolations).toEqual([]);
	});

	test('bad cursor -> 400', async () => {
		const r = await api.call('POST', '/customers/filter', { body: { cursor: 'garbage' } });
		expect([r.status, r.body.details[0].field]).toEqual([400, 'cursor']);
	});
});

// ---------------------------------------------------------------------------------------------- search

describe('search', () => {
	beforeEach(() => {
		fake.seed('customers', [
			{ name: 'Acme Plastics', status: 'ACTIVE' },
			{ name: 'Beta Freight', status: 'INACTIVE' },
		]);
	});

	test('criteria + page numbers, flat rows by default and full records on request', async () => {
		const body = { criteria: { name: { operator: 'INCLUDES', values: ['acme'] } }, pagination: { pageNumber: 1, pageSize: 10 } };
		const flat = await api.call('POST', '/customers/search', { body });
		expect(flat.body).toMatchObject({ totalResults: 1, pagination: { pageNumber: 1, pageSize: 10, totalPages: 1 } });
		expect(flat.body.data[0]).toMatchObject({ object: 'CUSTOMER_SEARCH_ROW', name: 'Acme Plastics' });
		const full = await api.call('POST', '/customers/search', { body: { ...body, format: 'full' } });
		expect(full.body.data[0]).toMatchObject({ object: 'CUSTOMER', name: 'Acme Plastics', status: 'ACTIVE' });
		const none = await api.call('POST', '/customers/search', { body: { criteria: { status: { operator: 'NOT_ONE_OF', values: ['ACTIVE', 'INACTIVE'] } } } });
		expect(none.body.totalResults).toBe(0);
	});

	test('global search with type prefix', async () => {
		const r = await api.call('POST', '/global-search', { body: { query: 'customer:beta' } });
		expect(r.body).toMatchObject({ totalResults: 1, data: [{ object: 'CUSTOMER', title: 'Beta Freight' }] });
		expect(fake.responseViolations).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------- quotes

describe('quotes', () => {
	let quote;
	beforeEach(async () => {
		quote = await create('quotes', quoteBody((await customer()).id));
	});

	const patchQuote = (body) => api.call('PATCH', `/quotes/${quote.id}`, { body });

	test('LOST requires lostReason; OTHER requires lostReasonText', async () => {
		const noReason = await patchQuote({ status: 'LOST' });
		expect([noReason.status, noReason.body.details]).toEqual([400, [{ field: 'lostReason', message: expect.any(String) }]]);
		const other = await patchQuote({ status: 'LOST', lostReason: 'OTHER' });
		expect([other.status, other.body.details[0].field]).toEqual([400, 'lostReasonText']);
		const ok = await patchQuote({ status: 'LOST', lostReason: 'OTHER', lostReasonText: 'went elsewhere' });
		expect([ok.status, ok.body.status, ok.body.lostReason]).toEqual([200, 'LOST', 'OTHER']);
		expect(fake.violations).toEqual([]);
	});

	test('convert-to-shipment needs QUOTED/WON, creates a shipment, and only once (problem+json 409)', async () => {
		const early = await api.call('POST', `/quotes/${quote.id}/convert-to-shipment`, { body: {} });
		expect([early.status, early.contentType]).toEqual([409, 'application/problem+json']);
		expect(early.body).toMatchObject({ type: expect.any(String), title: 'Conflict', status: 409, detail: expect.any(String) });
		await patchQuote({ status: 'WON' });
		const r = await api.call('POST', `/quotes/${quote.id}/convert-to-shipment`);
		expect(r.status).toBe(200);
		expect(r.body).toEqual({ quoteId: quote.id, quoteStatus: 'WON', shipmentId: expect.any(String), shipmentKey: expect.any(String), orderId: expect.any(String) });
		expect(fake.records('shipments').map((s) => s.id)).toEqual([r.body.shipmentId]);
		expect((await api.call('POST', `/quotes/${quote.id}/convert-to-shipment`)).status).toBe(409);
	});
});

// ---------------------------------------------------------------------------------------------- faults

describe('fault injection', () => {
	test('429 with rate-limit headers, counted down by times', async () => {
		fake.inject({ match: { method: 'POST', path: '/customers' }, status: 429, times: 2 });
		for (let i = 0; i < 2; i++) {
			const r = await api.call('POST', '/customers/filter', { body: {} });
			expect(r.status).toBe(429);
			expect(r.body).toEqual({ error: 'rate_limit_exceeded', message: 'Too many requests' });
			expect(r.headers).toMatchObject({ 'retry-after': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': expect.any(String), 'x-ratelimit-reset': expect.stringMatching(/^\d+$/) });
		}
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
	});

	test('problem+json, custom headers, regex match and delay-only faults', async () => {
		fake.inject({ match: { path: '^/v1/carriers/.+' }, status: 503, problem: true, headers: { 'Retry-After': '2' } });
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
		const r = await api.call('GET', '/carriers/abc');
		expect([r.status, r.contentType, r.headers['retry-after']]).toEqual([503, 'application/problem+json', '2']);
		expect(r.body).toMatchObject({ type: expect.stringContaining('https://'), title: 'Service Unavailable', status: 503, detail: expect.any(String) });
		fake.inject({ delayMs: 300 });
		const t = Date.now();
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(290);
	});

	test('faults apply after the token check and can be cleared', async () => {
		fake.inject({ status: 500, times: 5 });
		expect((await rawRequest(`${fake.baseUrl}/customers/filter`, { method: 'POST', body: {} })).status).toBe(401);
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(500);
		fake.clearFaults();
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(200);
	});
});

// ---------------------------------------------------------------------------------------------- violations

describe('spec violations', () => {
	test.each([
		['undeclared body field', 'POST', '/customers', { body: { name: 'x', status: 'ACTIVE', favouriteColour: 'blue' } }, 'favouriteColour'],
		['undeclared nested field', 'POST', '/customers/filter', { body: { filter: { name: { like: 'x' } } } }, 'filter.name.like'],
		['unknown query param', 'GET', '/customers/abc', { query: { expand: 'all' } }, 'query.expand'],
		['by on a path without LookupBy', 'GET', '/carriers/abc', { query: { by: 'key' } }, 'query.by'],
		['bad enum', 'POST', '/customers', { body: { name: 'x', status: 'ALIVE' } }, 'status'],
		['wrong type', 'POST', '/customers', { body: { name: 42, status: 'ACTIVE' } }, 'name'],
		['missing required field', 'POST', '/customers', { body: { status: 'ACTIVE' } }, 'name'],
		['non-JSON content type', 'POST', '/customers', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'content-type'],
		['unknown operation', 'POST', '/customers/abc/archive', { body: {} }, 'path'],
	])('%s', async (_, method, path, opts, field) => {
		const r = await api.call(method, path, opts);
		expect(r.status).toBe(field === 'path' ? 404 : 400);
		expect(fake.violations).toHaveLength(1);
		expect(fake.violations[0]).toMatchObject({ method, path: `/v1${path}`, errors: expect.arrayContaining([expect.objectContaining({ field })]) });
	});
});

// ---------------------------------------------------------------------------------------------- documents

describe('documents', () => {
	test('pre-signed upload (no Authorization) and download round trip with 1 MB', async () => {
		const bytes = Buffer.alloc(1024 * 1024, 7);
		bytes.write('%PDF-1.4');
		const doc = await create('documents', { type: 'BILL_OF_LADING', fileName: 'bol.pdf', contentType: 'application/pdf', fileSize: bytes.length });
		expect(doc).toMatchObject({ status: 'PENDING_UPLOAD', extension: 'pdf', uploadUrl: expect.stringContaining(fake.url), downloadUrl: null });
		const withAuth = await rawRequest(doc.uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/pdf', authorization: 'Bearer x' }, body: bytes });
		expect(withAuth.status).toBe(400);
		const put = await rawRequest(doc.uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: bytes });
		expect(put.status).toBe(200);
		expect(fake.stats.uploads.map((u) => [u.hadAuthorization, u.bytes])).toEqual([
			[true, bytes.length],
			[false, bytes.length],
		]);
		const meta = await api.call('GET', `/documents/${doc.id}`);
		expect(meta.body).toMatchObject({ status: 'UPLOADED', fileSize: bytes.length, downloadUrl: expect.any(String) });
		const down = await rawRequest(meta.body.downloadUrl);
		expect([down.status, down.contentType]).toEqual([200, 'application/pdf']);
		expect(Buffer.compare(down.body, bytes)).toBe(0);
	});

	test('upload with the wrong content type is refused', async () => {
		const doc = await create('documents', { type: 'W9', fileName: 'w9.pdf', contentType: 'application/pdf' });
		const r = await rawRequest(doc.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: Buffer.from('x') });
		expect(r.status).toBe(403);
	});
});

// ---------------------------------------------------------------------------------------------- orders + admin

describe('/orders (quickstart, not in the spec)', () => {
	test('create, get by key / id / friendlyId, patch, duplicate key', async () => {
		const body = { key: 'QS-ORDER-2026-0001', stops: [{ sequence: 1, type: 'pickup', locationId: 'L1' }], freight: { weight: 18400 } };
		const o = await create('orders', body);
		expect(o).toMatchObject({ id: expect.any(String), friendlyId: expect.stringMatching(/^ORD-/), status: 'draft', ...body, createdAt: expect.any(String) });
		expect((await api.call('GET', '/orders', { query: { key: body.key } })).body.id).toBe(o.id);
		expect((await api.call('GET', `/orders/${o.friendlyId}`)).body.id).toBe(o.id);
		expect((await api.call('GET', '/orders', { query: { key: 'nope' } })).status).toBe(404);
		const p = await api.call('PATCH', `/orders/${o.id}`, { body: { freight: { weightUnit: 'lbs' } } });
		expect(p.body.freight).toEqual({ weight: 18400, weightUnit: 'lbs' });
		expect((await create('orders', { key: body.key }, 409)).error).toBe('DUPLICATE_KEY');
		expect(fake.violations).toEqual([]);
	});
});

describe('admin API', () => {
	test('stats, faults, seed, records, tokens, reset over HTTP', async () => {
		await customer();
		const stats = (await admin('GET', '/stats')).body;
		expect(stats.byRoute['POST /v1/customers']).toBe(1);
		expect(stats.byOperation.createCustomer).toBe(1);
		expect(stats.requests.find((x) => x.path === '/v1/customers').headers.authorization).toBe('Bearer ***');
		expect((await admin('GET', '/stats?limit=0')).body).toMatchObject({ requests: [], byRoute: { 'POST /v1/customers': 1 } });
		expect((await admin('POST', '/faults', { match: { path: '/customers' }, status: 500 })).status).toBe(201);
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(500);
		await admin('POST', '/faults', { status: 502 });
		expect((await admin('DELETE', '/faults')).status).toBe(204);
		expect((await admin('POST', '/seed', { collection: 'vendors', records: [{ name: 'V1' }] })).body.count).toBe(1);
		expect((await admin('GET', '/records/vendors')).body).toEqual([expect.objectContaining({ name: 'V1', object: 'VENDOR' })]);
		expect((await admin('GET', '/violations')).body).toEqual([]);
		expect((await admin('POST', '/expire-tokens')).body.expired).toBeGreaterThan(0);
		expect((await api.call('POST', '/customers/filter', { body: {} })).status).toBe(401);
		await api.reauth();
		expect((await admin('POST', '/revoke-tokens')).status).toBe(200);
		await api.reauth();
		await admin('POST', '/reset');
		expect((await admin('GET', '/records/customers')).body).toEqual([]);
	});
});

describe('cli', () => {
	test('prints one JSON line with the URLs, serves, and exits on SIGTERM', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, '..', 'dev', 'fake-mvmnt', 'cli.js'), '--port', '0', '--client-id', 'cli-id', '--client-secret', 'cli-secret'], { stdio: ['ignore', 'pipe', 'inherit'] });
		const line = await new Promise((resolve, reject) => {
			let buf = '';
			child.stdout.on('data', (d) => {
				buf += d;
				if (buf.includes('\n')) resolve(buf.split('\n')[0]);
			});
			child.once('exit', (code) => reject(new Error(`cli exited early (${code})`)));
		});
		const info = JSON.parse(line);
		expect(info).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), baseUrl: `${info.url}/v1`, tokenUrl: `${info.url}/oauth2/token`, validate: true });
		expect((await getToken(info, { clientId: 'cli-id', clientSecret: 'cli-secret' })).status).toBe(200);
		const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
		child.kill('SIGTERM');
		expect(await exited).toEqual({ code: 0, signal: null });
	});
});

// ---------------------------------------------------------------------------------------------- every operation

describe('every spec operation', () => {
	test('answers 2xx with a spec-conformant body for a minimal valid request', async () => {
		const spec = fake.spec;
		const failures = [];
		const done = await runEveryOperation(fake, async (op, { body, path }) => {
			let r;
			try {
				r = await api.call(op.method, path, { body });
			} catch (e) {
				failures.push({ op: op.operationId, path, error: e.message });
				return {};
			}
			const expected = spec.successResponse(op);
			const types = Object.keys(expected.content);
			const okType = !types.length || types.some((t) => r.contentType.startsWith(t));
			if (r.status !== expected.status || !okType) failures.push({ op: op.operationId, path, status: r.status, contentType: r.contentType, body: r.body });
			return r.body;
		});

		expect(failures).toEqual([]);
		expect(fake.violations).toEqual([]);
		expect(fake.responseViolations).toEqual([]);
		expect(done.size).toBe(spec.operations.length);
		expect(spec.operations.length).toBe(176);
	});

	test('report formats: aging CSV via Accept, remittance advice PDF by default and JSON on request', async () => {
		const c = await customer();
		fake.seed('invoices', [{ customer: { id: c.id }, amount: 100, invoiceDate: '2020-01-01', dueDate: '2020-01-31', status: 'AWAITING_PAYMENT' }]);
		const json = await api.call('GET', '/invoices/aging-report');
		expect(json.body).toMatchObject({ customers: [{ id: c.id, over90: 100, total: 100 }], totals: { over90: 100 } });
		const csv = await api.call('GET', '/invoices/aging-report', { headers: { accept: 'text/csv' } });
		expect(csv.contentType).toMatch(/^text\/csv/);
		expect(csv.body.split('\n')[0]).toContain('over90');
		const bp = fake.seed('bill-payments', [{ paymentDate: '2025-01-01', applications: [] }])[0];
		const pdf = await api.call('GET', `/bill-payments/${bp.id}/remittance-advice`, { headers: { accept: 'application/pdf' } });
		expect([pdf.contentType, pdf.body.subarray(0, 5).toString()]).toEqual(['application/pdf', '%PDF-']);
		const advice = await api.call('GET', `/bill-payments/${bp.id}/remittance-advice`, { headers: { accept: 'application/json' } });
		expect(advice.body).toMatchObject({ paymentDate: '2025-01-01', payee: expect.any(Object) });
		expect(fake.responseViolations).toEqual([]);
	});
});
