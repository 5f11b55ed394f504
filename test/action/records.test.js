/*
 * Records created, read, updated, listed and deleted through the node's real execute() against the fake MVMNT
 * server over real HTTP: CRUD by ID and client key, Get Many with cursors and
 * filters, create/update field handling, errors, retries, token reuse.
 */
const { useFakeMvmnt, rl, apiRequests, createRig, CLIENT } = require('../support/setup');

const ctx = useFakeMvmnt();
let server;
let rig;
beforeAll(() => ({ server, rig } = ctx));

const createCustomer = (name, extra = {}) =>
	rig.run({ resource: 'customer', operation: 'create', name, status: 'ACTIVE', ...extra }).then((o) => o[0].json);

describe('customer', () => {
	test('create sends only what the user set', async () => {
		const from = server.stats.requests.length;
		const c = await createCustomer('Only Required');
		const [req] = apiRequests(server, from).filter((r) => r.method === 'POST');
		expect(req.body).toEqual({ name: 'Only Required', status: 'ACTIVE' });
		expect(c).toMatchObject({ object: 'CUSTOMER', name: 'Only Required', status: 'ACTIVE' });
		expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('create with additional fields, get by ID and by client key', async () => {
		const c = await createCustomer('Acme', {
			additionalFields: { website: 'https://acme.example', key: 'ERP-C-1', creditLimit: 5000 },
		});
		expect(c).toMatchObject({ website: 'https://acme.example', key: 'ERP-C-1', creditLimit: 5000 });
		const byId = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(c.id) });
		expect(byId[0].json.id).toBe(c.id);
		const from = server.stats.requests.length;
		const byKey = await rig.run({ resource: 'customer', operation: 'get', customerId: rl('ERP-C-1', 'key') });
		expect(byKey[0].json.id).toBe(c.id);
		expect(apiRequests(server, from)[0].query).toMatchObject({ by: 'key' });
	});

	test('update sends only set fields; Fields to Clear sends null; an added empty field sends nothing, never a clear', async () => {
		const c = await createCustomer('To Update', {
			additionalFields: { website: 'https://x.example', notes: 'n', creditLimit: 900 },
			billingAddress: { line1: '1 Main St', city: 'Dallas', country: 'US', market: 'DAL' },
		});
		const from = server.stats.requests.length;
		const out = await rig.run({
			resource: 'customer',
			operation: 'update',
			customerId: rl(c.id),
			updateFields: { name: 'Updated', fieldsToClear: ['website', 'creditLimit', 'billingAddress'] },
		});
		const [req] = apiRequests(server, from);
		expect(req.method).toBe('PATCH');
		expect(req.body).toEqual({ name: 'Updated', website: null, creditLimit: null, billingAddress: null });
		expect(out[0].json).toMatchObject({ name: 'Updated', website: null, creditLimit: null, notes: 'n' });
		const update = (updateFields) => rig.run({ resource: 'customer', operation: 'update', customerId: rl(c.id), updateFields });
		// added but left empty: nothing is sent for it (alone, there is nothing to update, and the error says how to clear)
		await expect(update({ website: '' })).rejects.toThrow(/Nothing to update: Website is added but empty\. Set a value, or pick the field under Fields to Clear/);
		await expect(update({ paymentTerm: rl(''), annualSpend: '' })).rejects.toThrow(/Nothing to update: (Payment Term, Annual Spend|Annual Spend, Payment Term) are added but empty/);
		const before = server.stats.requests.length;
		await update({ notes: 'kept', website: '', paymentTerm: { mode: 'list', value: '' }, currency: '' });
		expect(apiRequests(server, before).find((r) => r.method === 'PATCH').body).toEqual({ notes: 'kept' });
		await expect(update({ notes: 'x', fieldsToClear: ['notes'] })).rejects.toThrow(/Notes is both set and in Fields to Clear/);
		await expect(update({ fieldsToClear: ['name'] })).rejects.toThrow(/Name can't be cleared: MVMNT requires a value/);
	});

	test('update with nothing set is a clear input error', async () => {
		const c = await createCustomer('Nothing');
		await expect(rig.run({ resource: 'customer', operation: 'update', customerId: rl(c.id) })).rejects.toThrow(
			/Nothing to update/,
		);
	});

	test('delete returns {deleted, id} and hides the record unless Include Deleted', async () => {
		const c = await createCustomer('Doomed', { additionalFields: { key: 'DOOMED-1' } });
		const out = await rig.run({ resource: 'customer', operation: 'delete', customerId: rl(c.id) });
		expect(out[0].json).toEqual({ deleted: true, id: c.id });
		const filterBy = (extra) =>
			rig.run({
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				filterType: 'builder',
				conditions: { condition: [{ field: 'key', operator: 'equalTo', value: 'DOOMED-1' }] },
				...extra,
			});
		expect(await filterBy({})).toHaveLength(0);
		const withDeleted = await filterBy({ options: { includeDeleted: true } });
		expect(withDeleted).toHaveLength(1);
		expect(withDeleted[0].json.deletedAt).toBeTruthy();
	});

	test('raw JSON body is sent as written', async () => {
		const from = server.stats.requests.length;
		const out = await rig.run({
			resource: 'customer',
			operation: 'create',
			useRawJson: true,
			rawJson: '{"name":"Raw Co","status":"NEW","phoneNumber":"+1-555-0100"}',
		});
		expect(apiRequests(server, from)[0].body).toEqual({ name: 'Raw Co', status: 'NEW', phoneNumber: '+1-555-0100' });
		expect(out[0].json.name).toBe('Raw Co');
	});

	test('bad input names the field to fix', async () => {
		await expect(
			rig.run({ resource: 'customer', operation: 'create', name: 'X', status: 'NOT_A_STATUS' }),
		).rejects.toThrow(/Status can't be "NOT_A_STATUS": use one of/);
		await expect(
			rig.run({ resource: 'customer', operation: 'create', useRawJson: true, rawJson: '{oops' }),
		).rejects.toThrow(/JSON Body is not valid JSON/);
	});

	test('search, outstanding invoices and payments', async () => {
		await createCustomer('Searchable Freight Co');
		const found = await rig.run({
			resource: 'customer',
			operation: 'search',
			returnAll: true,
			additionalFields: { criteria: '{"name":{"operator":"INCLUDES","values":["Searchable"]}}' },
		});
		expect(found.map((i) => i.json.name)).toContain('Searchable Freight Co');
		const c = await createCustomer('Payer');
		const invoices = await rig.run({ resource: 'customer', operation: 'getOutstandingInvoices', customerId: rl(c.id) });
		expect(invoices.length).toBeGreaterThanOrEqual(1);
		const payments = await rig.run({ resource: 'customer', operation: 'getPayments', customerId: rl(c.id), returnAll: true });
		expect(Array.isArray(payments)).toBe(true);
	});
});

describe('get many', () => {
	beforeAll(async () => {
		await server.seed(
			'customers',
			Array.from({ length: 1234 }, (_, i) => ({ name: `Seeded ${i}`, status: i % 2 ? 'ACTIVE' : 'NEW', key: `SEED-${i}` })),
		);
	});

	const filterCalls = (from) => apiRequests(server, from).filter((r) => r.path === '/v1/customers/filter');

	test('Return All over 1,234 customers: 1,234 items in 5 requests of 250', async () => {
		const from = server.stats.requests.length;
		const out = await rig.run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filterType: 'builder',
			conditions: { condition: [{ field: 'name', operator: 'startsWith', value: 'Seeded ' }] },
		});
		expect(out).toHaveLength(1234);
		expect(new Set(out.map((i) => i.json.id)).size).toBe(1234);
		const calls = filterCalls(from);
		expect(calls).toHaveLength(5);
		expect(calls.every((c) => c.body.pageSize === 250)).toBe(true);
		expect(out.every((i) => i.pairedItem.item === 0)).toBe(true);
	});

	test('Limit 30: 30 items in 1 request', async () => {
		const from = server.stats.requests.length;
		const out = await rig.run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 30 });
		expect(out).toHaveLength(30);
		expect(filterCalls(from)).toHaveLength(1);
	});

	test('builder with OR, "in" lists and JSON filters', async () => {
		const or = await rig.run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filterType: 'builder',
			combinator: 'or',
			conditions: {
				condition: [
					{ field: 'key', operator: 'equalTo', value: 'SEED-1' },
					{ field: 'key', operator: 'in', value: 'SEED-2, SEED-3' },
				],
			},
		});
		expect(or.map((i) => i.json.key).sort()).toEqual(['SEED-1', 'SEED-2', 'SEED-3']);
		const json = await rig.run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filterType: 'json',
			filterJson: '{"and":[{"name":{"startsWith":"Seeded 12"}},{"status":{"equalTo":"NEW"}}]}',
		});
		expect(json.length).toBeGreaterThan(0);
		expect(json.every((i) => i.json.name.startsWith('Seeded 12') && i.json.status === 'NEW')).toBe(true);
	});

	test('an operator the field does not support is a clear error', async () => {
		await expect(
			rig.run({
				resource: 'customer',
				operation: 'getAll',
				filterType: 'builder',
				conditions: { condition: [{ field: 'status', operator: 'startsWith', value: 'A' }] },
			}),
		).rejects.toThrow(/Filter on Status can't use "Starts With"; it supports Equal To, Not Equal To, In, Not In, Is Empty/);
	});

	test('endpoints that answer with pageInfo page too (locations)', async () => {
		const c = await createCustomer('Many Locations');
		await server.seed(
			'locations',
			Array.from({ length: 260 }, (_, i) => ({ customerId: c.id, name: `Dock ${i}`, isAppointmentRequired: false })),
		);
		const out = await rig.run({ resource: 'location', operation: 'getAll', returnAll: true });
		expect(out.length).toBeGreaterThanOrEqual(260);
	});
});

describe('location and location contact', () => {
	test('location CRUD, search; contact CRUD and get many', async () => {
		const c = await createCustomer('Loc Owner');
		const loc = (
			await rig.run({
				resource: 'location',
				operation: 'create',
				customerId: rl(c.id),
				name: 'Dallas DC',
				isAppointmentRequired: true,
				additionalFields: { key: 'LOC-DAL', type: 'SHIPPER' },
			})
		)[0].json;
		expect(loc).toMatchObject({ customerId: c.id, name: 'Dallas DC', key: 'LOC-DAL', type: 'SHIPPER' });
		// a body reference given by client key is resolved to the ID
		await rig.run({ resource: 'customer', operation: 'update', customerId: rl(c.id), updateFields: { key: 'LOC-OWNER' } });
		const loc2 = (
			await rig.run({
				resource: 'location',
				operation: 'create',
				customerId: rl('LOC-OWNER', 'key'),
				name: 'Atlanta DC',
				isAppointmentRequired: false,
			})
		)[0].json;
		expect(loc2.customerId).toBe(c.id);
		const upd = await rig.run({ resource: 'location', operation: 'update', locationId: rl('LOC-DAL', 'key'), updateFields: { notes: 'Gate 4' } });
		expect(upd[0].json.notes).toBe('Gate 4');
		const got = await rig.run({ resource: 'location', operation: 'get', locationId: rl(loc.id) });
		expect(got[0].json.notes).toBe('Gate 4');
		const found = await rig.run({
			resource: 'location',
			operation: 'search',
			returnAll: true,
			additionalFields: { criteria: '{"name":{"operator":"INCLUDES","values":["Dallas"]}}' },
		});
		expect(found.length).toBeGreaterThanOrEqual(1);

		const person = (
			await rig.run({
				resource: 'customerContact',
				operation: 'create',
				customerId: rl(c.id),
				name: 'Dock Boss',
				contactInfo: { name: 'Dock Boss', email: 'boss@example.com' },
			})
		)[0].json;
		const contactOps = await rig.run({
			resource: 'locationContact',
			operation: 'create',
			locationId: rl(loc.id),
			customerContactId: rl(person.id),
			isPrimary: true,
			additionalFields: { contactTypes: ['SHIPPING'] },
		});
		const contact = contactOps[0].json;
		expect(contact.id).toBeTruthy();
		const gotContact = await rig.run({ resource: 'locationContact', operation: 'get', locationContactId: rl(contact.id) });
		expect(gotContact[0].json.id).toBe(contact.id);
		const many = await rig.run({ resource: 'locationContact', operation: 'getAll', returnAll: true });
		expect(many.map((i) => i.json.id)).toContain(contact.id);
		const updContact = await rig.run({
			resource: 'locationContact',
			operation: 'update',
			locationContactId: rl(contact.id),
			updateFields: { isPrimary: false },
		});
		expect(updContact[0].json.isPrimary).toBe(false);
		const del = await rig.run({ resource: 'locationContact', operation: 'delete', locationContactId: rl(contact.id) });
		expect(del[0].json).toEqual({ deleted: true, id: contact.id });
		const delLoc = await rig.run({ resource: 'location', operation: 'delete', locationId: rl(loc2.id) });
		expect(delLoc[0].json.deleted).toBe(true);
	});
});

describe('quote', () => {
	let customer;
	const order = {
		mode: 'TL',
		stops: {
			entries: [
				{ type: 'PICKUP', additionalFields: { address: { line1: '1 Main St', city: 'Dallas', country: 'US', market: 'DAL' } } },
				{ type: 'DELIVERY', additionalFields: { address: { line1: '2 Peach St', city: 'Atlanta', country: 'US', market: 'ATL' } } },
			],
		},
	};

	beforeAll(async () => {
		customer = await createCustomer('Quote Customer', { additionalFields: { key: 'Q-CUST' } });
	});

	const createQuote = async () =>
		(await rig.run({ resource: 'quote', operation: 'create', customer: rl('Q-CUST', 'key'), order }))[0].json;

	test('create (customer by client key), get, get many, delete', async () => {
		const from = server.stats.requests.length;
		const q = await createQuote();
		expect(apiRequests(server, from)[0].body.customer).toEqual({ key: 'Q-CUST' });
		expect(q.id).toBeTruthy();
		const got = await rig.run({ resource: 'quote', operation: 'get', quoteId: rl(q.id) });
		expect(got[0].json.id).toBe(q.id);
		const many = await rig.run({ resource: 'quote', operation: 'getAll', returnAll: true });
		expect(many.map((i) => i.json.id)).toContain(q.id);
		const del = await rig.run({ resource: 'quote', operation: 'delete', quoteId: rl(q.id) });
		expect(del[0].json).toEqual({ deleted: true, id: q.id });
	});

	test('status rules: LOST needs a reason, OTHER needs text; WON converts to a shipment', async () => {
		const q = await createQuote();
		const update = (updateFields) => rig.run({ resource: 'quote', operation: 'update', quoteId: rl(q.id), updateFields });
		await expect(update({ status: 'LOST' })).rejects.toThrow(/LOST needs a Lost Reason/);
		await expect(update({ status: 'LOST', lostReason: 'OTHER' })).rejects.toThrow(/Lost Reason Text/);
		const lost = await update({ status: 'LOST', lostReason: 'OTHER', lostReasonText: 'Chose rail' });
		expect(lost[0].json).toMatchObject({ status: 'LOST', lostReason: 'OTHER' });

		const q2 = await createQuote();
		await rig.run({ resource: 'quote', operation: 'update', quoteId: rl(q2.id), updateFields: { status: 'QUOTED', amount: 2500 } });
		await rig.run({ resource: 'quote', operation: 'update', quoteId: rl(q2.id), updateFields: { status: 'WON' } });
		const converted = await rig.run({ resource: 'quote', operation: 'convertToShipment', quoteId: rl(q2.id) });
		expect(JSON.stringify(converted[0].json)).toMatch(/[0-9a-f-]{36}/);
	});
});

describe('order (quickstart)', () => {
	test('create, get by key (GET /orders?key=), update', async () => {
		const stops = {
			entries: [
				{ sequence: 1, type: 'pickup', locationId: rl('loc-a') },
				{ sequence: 2, type: 'delivery', locationId: rl('loc-b') },
			],
		};
		const freight = { handlingUnits: 20, handlingUnitType: 'pallet', weight: 18400, weightUnit: 'lbs' };
		const created = await rig.run({
			resource: 'order',
			operation: 'create',
			stops,
			freight,
			additionalFields: { key: 'QS-ORDER-T-1' },
		});
		expect(created[0].json).toMatchObject({ key: 'QS-ORDER-T-1', status: 'draft' });
		const from = server.stats.requests.length;
		const got = await rig.run({ resource: 'order', operation: 'get', orderId: rl('QS-ORDER-T-1', 'key') });
		const [req] = apiRequests(server, from);
		expect(req.path).toBe('/v1/orders');
		expect(req.query).toEqual({ key: 'QS-ORDER-T-1' });
		expect(got[0].json.id).toBe(created[0].json.id);
		const upd = await rig.run({ resource: 'order', operation: 'update', orderId: rl(created[0].json.id), freight: { weight: 1000 } });
		expect(upd[0].json.freight.weight).toBe(1000);
	});
});

describe('errors, retries and tokens', () => {
	test('wrong client secret: an error item saying the credentials were rejected', async () => {
		const bad = createRig({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, clientId: CLIENT.clientId, clientSecret: 'wrong' });
		const out = await bad.run({ resource: 'customer', operation: 'getAll', limit: 1 }, [{}], { continueOnFail: true });
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toMatch(/rejected the credentials/);
		expect(JSON.stringify(out)).not.toMatch(/wrong|stack/);
		await expect(bad.run({ resource: 'customer', operation: 'getAll', limit: 1 })).rejects.toThrow(/rejected the credentials/);
	});

	test('continue on fail: 1 bad item among 10 gives 9 results + 1 error item, paired', async () => {
		const ids = [];
		for (let i = 0; i < 9; i++) ids.push((await createCustomer(`Batch ${i}`)).id);
		ids.splice(4, 0, '00000000-0000-4000-8000-000000000000');
		const out = await rig.run(
			{ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') },
			ids.map((id) => ({ id })),
			{ continueOnFail: true },
		);
		expect(out).toHaveLength(10);
		expect(out.filter((i) => i.json.error)).toHaveLength(1);
		expect(out[4].json.error).toMatch(/Not found/);
		expect(out.map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	test('validation errors list the fields MVMNT named', async () => {
		server.inject({
			match: { method: 'POST', path: '/v1/customers' },
			status: 400,
			body: { error: 'validation_error', message: 'Request validation failed', details: [{ field: 'phoneNumber', message: 'must be E.164' }] },
		});
		await expect(createCustomer('Bad Phone')).rejects.toThrow(/phoneNumber: must be E.164/);
	});

	test('problem+json errors become readable messages', async () => {
		server.inject({ match: { method: 'GET', path: '/v1/customers/' }, status: 422, problem: true });
		const c = await createCustomer('Problem');
		const out = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(c.id) }, [{}], { continueOnFail: true });
		expect(out[0].json.error).toMatch(/422/);
	});

	test('429 waits for Retry-After and retries; 5xx on reads retried, on writes not', async () => {
		const c = await createCustomer('Retry Me');
		server.inject({ match: { method: 'GET', path: '/v1/customers/' }, status: 429, times: 2, headers: { 'Retry-After': '0' } });
		const got = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(c.id) });
		expect(got[0].json.id).toBe(c.id);
		server.inject({ match: { method: 'GET', path: '/v1/customers/' }, status: 500, times: 1 });
		const again = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(c.id) });
		expect(again[0].json.id).toBe(c.id);
		server.inject({ match: { method: 'POST', path: '/v1/customers' }, status: 500, times: 1 });
		await expect(createCustomer('Not Retried')).rejects.toThrow(/500/);
	});

	test('a server repeating the same cursor is stopped with a clear error instead of paging forever', async () => {
		const loop = { data: [{ id: 'x' }], pagination: { pageSize: 1, hasNextPage: true, hasPreviousPage: false, endCursor: 'same' } };
		server.inject({ match: { method: 'POST', path: '/v1/customers/filter' }, status: 200, body: loop, times: 3 });
		await expect(rig.run({ resource: 'customer', operation: 'getAll', returnAll: true })).rejects.toThrow(/same page cursor twice/);
		server.clearFaults();
	});

	test('one token for many items; an expired token is renewed exactly once', async () => {
		const fresh = createRig({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, ...CLIENT });
		const c = await createCustomer('Token Target');
		const before = server.stats.tokenRequests;
		const items = Array.from({ length: 50 }, () => ({ id: c.id }));
		await fresh.run({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, items);
		expect(server.stats.tokenRequests - before).toBe(1);
		server.expireTokens();
		const out = await fresh.run({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, items);
		expect(out).toHaveLength(50);
		expect(server.stats.tokenRequests - before).toBe(2);
	});
});
