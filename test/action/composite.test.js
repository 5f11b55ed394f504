/*
 * Operations beyond single API calls: Create or Update by client key,
 * Document upload/download through pre-signed URLs, binary reports, and
 * resource-locator list search.
 */
const crypto = require('crypto');
const { useFakeMvmnt, rl, apiRequests } = require('../support/setup');

const ctx = useFakeMvmnt();
let server;
let rig;
beforeAll(() => ({ server, rig } = ctx));

describe('create or update by client key', () => {
	const batch = (suffix) =>
		Array.from({ length: 50 }, (_, i) => ({ erpId: `ERP-${i}`, name: `ERP Customer ${i} ${suffix}` }));
	const upsert = (items) =>
		rig.run(
			{
				resource: 'customer',
				operation: 'upsert',
				key: '={{ $json.erpId }}',
				name: '={{ $json.name }}',
				status: 'ACTIVE',
			},
			items,
		);

	test('running the same 50 items twice leaves 50 records, the second run updating all 50', async () => {
		const first = await upsert(batch('v1'));
		expect(first).toHaveLength(50);
		const from = server.stats.requests.length;
		const second = await upsert(batch('v2'));
		expect(second).toHaveLength(50);
		const reqs = apiRequests(server, from);
		expect(reqs.filter((r) => r.method === 'PATCH')).toHaveLength(50);
		expect(reqs.filter((r) => r.method === 'POST' && r.path === '/v1/customers')).toHaveLength(0);
		const erp = server.records('customers').filter((c) => /^ERP-\d+$/.test(c.key) && !c.deletedAt);
		expect(erp).toHaveLength(50);
		expect(erp.every((c) => c.name.endsWith('v2'))).toBe(true);
		expect(second.map((i) => i.json.id)).toEqual(first.map((i) => i.json.id));
	});

	test('a create that loses the race to a duplicate key falls back to update', async () => {
		// the lookup says "no such key", then someone else creates it before our POST lands
		server.inject({ match: { method: 'GET', path: '/v1/customers/RACE-1' }, status: 404, times: 1, body: { error: 'not_found', message: 'Not found' } });
		server.seed('customers', [{ name: 'Winner', status: 'ACTIVE', key: 'RACE-1' }]);
		const out = await rig.run({ resource: 'customer', operation: 'upsert', key: 'RACE-1', name: 'Loser', status: 'NEW' });
		expect(out[0].json).toMatchObject({ key: 'RACE-1', name: 'Loser', status: 'NEW' });
		expect(server.records('customers').filter((c) => c.key === 'RACE-1')).toHaveLength(1);
	});
});

describe('documents', () => {
	test('a 1 MB upload downloads back byte-identical; the upload PUT carries no Authorization', async () => {
		const bytes = crypto.randomBytes(1024 * 1024);
		const item = {
			json: {},
			binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'bol.pdf' } },
		};
		const up = await rig.run({ resource: 'document', operation: 'upload', type: 'BILL_OF_LADING', binaryPropertyName: 'data' }, [item]);
		const doc = up[0].json;
		expect(doc).toMatchObject({ fileName: 'bol.pdf', contentType: 'application/pdf', fileSize: bytes.length });
		const upload = server.stats.uploads.at(-1);
		expect(upload).toMatchObject({ hadAuthorization: false, bytes: bytes.length, contentType: 'application/pdf' });

		const down = await rig.run({ resource: 'document', operation: 'download', documentId: rl(doc.id), binaryPropertyName: 'file' });
		const bin = down[0].binary.file;
		expect(bin.fileName).toBe('bol.pdf');
		expect(bin.mimeType).toBe('application/pdf');
		const back = Buffer.from(bin.data, 'base64');
		expect(back.equals(bytes)).toBe(true);
		expect(server.stats.downloads.at(-1).hadAuthorization).toBe(false);
	});

	test('upload without the binary field names it', async () => {
		await expect(
			rig.run({ resource: 'document', operation: 'upload', type: 'BILL_OF_LADING', binaryPropertyName: 'missing' }, [{ json: {} }]),
		).rejects.toThrow(/missing/);
	});
});

describe('binary reports', () => {
	test('aging report as CSV and remittance advice as PDF land in binary fields', async () => {
		const csv = await rig.run({ resource: 'invoice', operation: 'getAgingReport', format: 'text/csv' });
		expect(csv[0].binary.data.mimeType).toBe('text/csv');
		expect(Buffer.from(csv[0].binary.data.data, 'base64').toString()).toMatch(/,/);
		const json = await rig.run({ resource: 'invoice', operation: 'getAgingReport' });
		expect(json[0].binary).toBeUndefined();
		const bp = server.seed('bill-payments', [{ paymentDate: '2025-01-01', applications: [] }])[0];
		const pdf = await rig.run({ resource: 'billPayment', operation: 'getRemittanceAdvice', billPaymentId: rl(bp.id), format: 'application/pdf' });
		expect(Buffer.from(pdf[0].binary.data.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
	});
});

describe('resource locators', () => {
	test('list search returns the server records, paged with a token, filtered by name', async () => {
		server.seed('carriers', Array.from({ length: 75 }, (_, i) => ({ name: `Hauler ${i}`, type: 'TRUCKLOAD', key: `HAUL-${i}` })));
		const page1 = await rig.listSearch('searchCarrier', { resource: 'carrier', operation: 'get' });
		expect(page1.results).toHaveLength(50);
		expect(page1.paginationToken).toBeTruthy();
		const page2 = await rig.listSearch('searchCarrier', { resource: 'carrier', operation: 'get' }, undefined, page1.paginationToken);
		expect(page2.results.length).toBeGreaterThanOrEqual(25);
		const ids = new Set([...page1.results, ...page2.results].map((r) => r.value));
		expect(ids.size).toBe(page1.results.length + page2.results.length);
		const filtered = await rig.listSearch('searchCarrier', { resource: 'carrier', operation: 'get' }, 'Hauler 7');
		expect(filtered.results.map((r) => r.name).every((n) => n.includes('Hauler 7'))).toBe(true);
		expect(filtered.results.length).toBeGreaterThan(0);
	});

	test('"By Client Key" resolves through ?by=key where the API has it', async () => {
		server.seed('users', [{ name: 'Dispatcher', email: 'd@example.com', key: 'USR-1', status: 'ACTIVE' }]);
		const from = server.stats.requests.length;
		const out = await rig.run({ resource: 'user', operation: 'get', userId: rl('USR-1', 'key') });
		expect(out[0].json.key).toBe('USR-1');
		expect(apiRequests(server, from)[0]).toMatchObject({ path: '/v1/users/USR-1', query: { by: 'key' } });
	});
});
