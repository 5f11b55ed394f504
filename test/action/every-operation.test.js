/*
 * Every one of the 176 OpenAPI operations runs through the node's forms (not
 * the raw-JSON escape hatch) against the fake MVMNT server with request
 * validation on, in three passes, counting OpenAPI violations per operation:
 *   - required fields only;
 *   - every optional field set through the forms, references by ID, and then
 *     every update again with every nullable field picked in Fields to Clear;
 *   - every optional field set, references by client key (a field that takes
 *     a bare ID is looked up by key by the node).
 * 0 violations, every operation returns items, none throws.
 *
 * The operation plan (order, bodies) is shared with the fake server's own
 * every-operation test; this file turns each API body into the node
 * parameters a user would set, following the node's own form rules.
 */
const { setup } = require('../support/setup');
const { startFakeMvmnt } = require('../../dev/fake-mvmnt');
const { createRig } = require('../../dev/rig');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { runPass, catalogOf } = require('../support/plan');

jest.setTimeout(240000);

let server;
let rig;

beforeAll(async () => {
	({ server, rig } = await setup());
});

afterAll(async () => {
	await server.close();
});

const nonZero = (violations) => Object.fromEntries(Object.entries(violations).filter(([, n]) => n !== 0));

test('all 176 operations, required fields only: 0 OpenAPI violations', async () => {
	const { done, failures, violations, itemsPerOp } = await runPass(server, rig);
	expect(failures).toEqual([]);
	expect(server.violations).toEqual([]);
	expect(nonZero(violations)).toEqual({});
	expect(Object.keys(violations)).toHaveLength(176);
	expect(done.size).toBe(176);
	// list operations over a fresh store may be empty; every other operation produced an item
	const empty = Object.entries(itemsPerOp).filter(([, n]) => n === 0).map(([id]) => id);
	expect(empty.every((id) => ['getAll', 'search', 'list'].includes(catalogOf(id).kind))).toBe(true);
});

describe.each([
	['by ID, then every nullable field cleared in each update', { refMode: 'id' }, true],
	['by client key', { refMode: 'key' }, false],
])('all 176 operations with every optional field set through the forms, references %s', (_, full, clear) => {
	let fake;
	let fullRig;
	beforeAll(async () => {
		fake = await startFakeMvmnt({ clientId: 'test-client-id', clientSecret: 'test-client-secret' });
		fullRig = createRig({ baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, clientId: 'test-client-id', clientSecret: 'test-client-secret' });
	});
	afterAll(async () => fake.close());

	test('0 OpenAPI violations per operation, none fails', async () => {
		const { done, failures, violations, byKeyInPath } = await runPass(fake, fullRig, { full, clear });
		if (full.refMode === 'key') {
			// Get, Update and Delete of the 11 resources whose path ID takes a client key were addressed by key
			const keyOnly = OPERATIONS.filter((op) => op.keyInPath && !op.lookup && ['get', 'update', 'delete'].includes(op.kind));
			expect(keyOnly).toHaveLength(33);
			// (payment methods and vendor contacts carry no client key to address them by)
			const keyed = (op) => OPERATIONS.some((c) => c.resource === op.resource && c.kind === 'create' && c.body?.some((f) => f.name === 'key'));
			const expected = keyOnly.filter(keyed).map((op) => op.operationId);
			expect(expected.length).toBeGreaterThanOrEqual(24);
			expect(expected.filter((id) => !byKeyInPath.has(id))).toEqual([]);
		}
		expect(nonZero(violations)).toEqual({});
		expect(fake.violations).toEqual([]);
		expect(failures).toEqual([]);
		expect(Object.keys(violations)).toHaveLength(176);
		expect(done.size).toBe(176);
	});
});
