/*
 * An MVMNT newer than its spec (the fake's drift mode): extra fields on every object, enum values
 * the spec does not list, nulls where the spec says never null, extra pagination fields. Every
 * operation still runs, reads and Get Many pass records through with unknown values shown as they
 * came, Simplify keeps them, and the polling trigger emits each change once.
 */
const { startFakeMvmnt } = require('../../dev/fake-mvmnt');
const { createRig, rl } = require('../../dev/rig');
const { createClient } = require('../../dev/fake-mvmnt/client');
const { drift } = require('../../dev/fake-mvmnt/drift');
const { runPass } = require('../support/plan');
const { CLIENT } = require('../support/setup');

jest.setTimeout(300000);

let server;
let rig;
beforeAll(async () => {
	server = await startFakeMvmnt({ ...CLIENT, drift: true });
	rig = createRig({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, ...CLIENT });
});
afterAll(async () => {
	// what the node sent still follows the spec exactly
	expect(server.violations).toEqual([]);
	await server.close();
});

test('the drift is real: unknown values, extra fields, nulls and paging fields', () => {
	const out = drift({ data: [{ id: 'a', status: 'ACTIVE', name: 'Acme', phone: '1', email: 'e', notes: 'n', updatedAt: 't' }], pageInfo: { hasNextPage: false } });
	expect(out.data[0]).toMatchObject({ id: 'a', status: 'ACTIVE_V2', updatedAt: 't', driftNewField: 'added by a newer MVMNT', driftNewObject: { nested: true, level: 1 } });
	expect(Object.values(out.data[0]).filter((v) => v === null).length).toBeGreaterThan(0);
	expect(out.pageInfo.driftPagingHint).toEqual({ estimatedTotal: 999 });
});

test('every operation runs against a drifted MVMNT: 0 failures', async () => {
	const { failures, violations } = await runPass(server, rig, { runOptions: { typeVersion: 1.3 } });
	const ran = Object.keys(violations).length;
	console.log(`drift: ${ran} operations run, ${failures.length} failures`);
	expect(failures).toEqual([]);
	expect(ran).toBeGreaterThan(150);
});

test('Get (whole record), Get Many and Simplify show unknown values as they came', async () => {
	const client = createClient(server, CLIENT);
	const made = await client.call('POST', '/customers', { body: { name: 'Drift Freight', status: 'ACTIVE' } });
	const id = made.body.id;
	const [whole] = await rig.run({ resource: 'customer', operation: 'get', customerId: rl(id), simplify: false }, [{}], { typeVersion: 1.3 });
	expect(whole.json).toMatchObject({ id, status: 'ACTIVE_V2', driftNewField: 'added by a newer MVMNT', driftNewObject: { nested: true, level: 1 } });
	const many = await rig.run({ resource: 'customer', operation: 'getAll', returnAll: true }, [{}], { typeVersion: 1.3 });
	const mine = many.find((i) => i.json.id === id);
	expect(mine.json.status).toBe('ACTIVE_V2');
	expect(many.length).toBeGreaterThan(0);
});

test('the polling trigger emits each change once from a drifted MVMNT', async () => {
	const client = createClient(server, CLIENT);
	const poller = rig.poller({ resource: 'customer', event: 'createdOrUpdated', simplify: true }, { workflowId: 'wfDriftPoll' });
	await poller.poll();
	const ids = [];
	for (let i = 0; i < 5; i++) ids.push((await client.call('POST', '/customers', { body: { name: `Drift Poll ${i}`, status: 'ACTIVE' } })).body.id);
	const first = ((await poller.poll()) ?? []).map((i) => i.json);
	const again = (await poller.poll()) ?? [];
	expect(first.filter((r) => ids.includes(r.id)).map((r) => r.id).sort()).toEqual([...ids].sort());
	expect(first.find((r) => r.id === ids[0]).status).toBe('ACTIVE_V2');
	expect(again).toHaveLength(0);
});
