/*
 * Pure helpers of the node, tested directly on the built code.
 */
const { normalizeDate } = require('../../dist/nodes/Mvmnt/fields/index.js');
const { buildFilter } = require('../../dist/nodes/foundation/filter/read.js');
const { retryDelayMs } = require('../../dist/nodes/foundation/transport/request.js');
const { describeApiError } = require('../../dist/nodes/foundation/transport/errors.js');
const { readPage } = require('../../dist/nodes/foundation/transport/paginate.js');

const dt = { name: 'pickupAt', type: 'dateTime' };

test('dates from the picker are read in the workflow time zone; zoned values are kept', () => {
	expect(normalizeDate('2026-01-22T18:30:00', dt, 'America/Chicago')).toBe('2026-01-23T00:30:00.000Z');
	expect(normalizeDate('2026-07-01T00:00:00', dt, 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
	expect(normalizeDate('2026-01-22T18:30:00+02:00', dt, 'Asia/Tokyo')).toBe('2026-01-22T18:30:00.000+02:00');
	expect(normalizeDate('2026-01-22', { name: 'd', type: 'date' }, 'Asia/Tokyo')).toBe('2026-01-22');
	expect(() => normalizeDate('next tuesday', dt)).toThrow(/Pickup At is not a valid date: "next tuesday". Use a date and time such as/);
});

test('retry delay follows Retry-After (seconds or date) or X-RateLimit-Reset, bounded to 30 s', () => {
	const now = Date.parse('2026-11-23T10:00:00Z');
	expect(retryDelayMs({ 'Retry-After': '2' }, 0, now)).toBe(2000);
	expect(retryDelayMs({ 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' }, 0, now)).toBe(5000);
	expect(retryDelayMs({ 'X-RateLimit-Reset': String(now / 1000 + 3) }, 0, now)).toBe(3000);
	expect(retryDelayMs({ 'Retry-After': '3600' }, 0, now)).toBe(30000);
	expect(retryDelayMs({}, 2, now)).toBe(4000);
});

test('error envelopes and problem+json become messages that name the fields', () => {
	const v = describeApiError(400, { error: 'validation_error', message: 'Request validation failed', details: [{ field: 'name', message: 'is required' }] });
	expect(v.message).toBe('MVMNT answered 400 (validation_error): Request validation failed — name: is required');
	// the details are in the message once; the description adds only MVMNT's error code
	expect(v.description).toBe('MVMNT error code: validation_error');
	const p = describeApiError(422, { type: 'about:blank', title: 'Unprocessable', detail: 'Amount too high', errors: [{ pointer: '/amount', detail: 'max 100' }] });
	expect(p.message).toBe('MVMNT answered 422: Amount too high — /amount: max 100');
	expect(describeApiError(409, { error: 'DUPLICATE_KEY', message: "key 'A' exists" }).message).toBe("Conflict (DUPLICATE_KEY): key 'A' exists");
	expect(describeApiError(404, {}).message).toMatch(/^Not found/);
});

test('pages: pageInfo, pagination and numbered pages', () => {
	expect(readPage({ data: [{ id: 1 }], pageInfo: { hasNextPage: true, endCursor: 'c1' } }, 'cursor')).toEqual({ records: [{ id: 1 }], next: 'c1' });
	expect(readPage({ data: [], pagination: { hasNextPage: false, endCursor: 'c2' } }, 'cursor')).toEqual({ records: [], next: undefined });
	expect(readPage({ data: [{ id: 1 }], pagination: { pageNumber: 1, totalPages: 3 } }, 'page').next).toBe('2');
	expect(readPage({ data: [{ id: 1 }], pagination: { pageNumber: 3, totalPages: 3 } }, 'page').next).toBeUndefined();
});

test('filter builder: types, lists, plain booleans, and/or', () => {
	const fields = [
		{ name: 'status', kind: 'enum', ops: ['equalTo', 'in'], listOps: ['in'], options: ['A', 'B'] },
		{ name: 'amount', kind: 'number', ops: ['greaterThan'] },
		{ name: 'overdue', kind: 'boolean', ops: ['is'], plain: true },
	];
	expect(buildFilter(fields, [{ field: 'status', operator: 'in', value: 'A, B' }], 'and')).toEqual({ status: { in: ['A', 'B'] } });
	expect(
		buildFilter(fields, [{ field: 'amount', operator: 'greaterThan', value: '10.5' }, { field: 'overdue', operator: 'is', value: 'true' }], 'or'),
	).toEqual({ or: [{ amount: { greaterThan: 10.5 } }, { overdue: true }] });
	expect(() => buildFilter(fields, [{ field: 'status', operator: 'equalTo', value: 'C' }], 'and')).toThrow(/use one of A, B/);
	expect(() => buildFilter(fields, [{ field: 'amount', operator: 'greaterThan', value: 'lots' }], 'and')).toThrow(/needs a number/);
	expect(() => buildFilter(fields, [{ field: 'nope', operator: 'equalTo', value: 'x' }], 'and')).toThrow(/doesn't exist/);
});

test('every range-like enum of the catalog lists its options by magnitude, lower bounds with their unit', () => {
	const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
	const { enumOptions, rangeStart } = require('../../dist/nodes/foundation/labels.js');
	const ranges = new Map();
	const walk = (fields) => {
		for (const f of fields ?? []) {
			if (f.options?.length && f.options.every((v) => rangeStart(v) !== undefined)) ranges.set(f.name, f.options);
			walk(f.fields);
		}
	};
	for (const op of OPERATIONS) {
		walk([...(op.body ?? []), ...(op.query ?? [])]);
		for (const f of op.filterFields ?? []) if (f.options?.every((v) => rangeStart(v) !== undefined)) ranges.set(`filter ${f.name}`, f.options);
	}
	expect([...ranges.keys()].sort()).toEqual(
		['annualRevenue', 'annualSpend', 'numberOfEmployees', 'filter annualRevenue', 'filter annualSpend', 'filter numberOfEmployees'].sort(),
	);
	for (const values of ranges.values()) {
		// whatever order the contract lists them in
		const options = enumOptions([...values].reverse());
		const starts = options.map((o) => rangeStart(o.value));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		expect(new Set(starts).size).toBe(starts.length);
	}
	const spend = enumOptions(ranges.get('annualSpend')).map((o) => o.name);
	expect(spend).toEqual(['0 to 25K', '25K to 150K', '150K to 300K', '300K to 1M', '1M to 5M', '5M to 25M', '25M to 75M', '75M+']);
	expect(enumOptions(ranges.get('numberOfEmployees')).map((o) => o.name).slice(-2)).toEqual(['250 to 499', '500 or More']);
});
