/*
 * The polling trigger's Fetch Test Event (n8n's manual mode) when MVMNT has nothing to show: a
 * clear error, as n8n's own poll triggers give, instead of an empty "No trigger output" — while
 * scheduled polls still return nothing (null) and the watermark is left alone.
 */
const { NodeOperationError } = require('n8n-workflow');
const { useFakeMvmnt } = require('../support/setup');
const { createClient } = require('../../dev/fake-mvmnt/client');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { filterFieldValue } = require('../../dist/nodes/foundation/filter/operators.js');

const ctx = useFakeMvmnt();
const statusOf = (resource) => OPERATIONS.find((o) => o.resource === resource && o.kind === 'getAll').filterFields.find((f) => f.name === 'status');

async function make(body) {
	const client = createClient(ctx.server, { clientId: 'test-client-id', clientSecret: 'test-client-secret' });
	const r = await client.call('POST', '/customers', { body });
	if (r.status !== 201 && r.status !== 200) throw new Error(`fake answered ${r.status}`);
	return r.body;
}

test('nothing of any age: Fetch Test Event says what is missing and how to get one; scheduled polls return null', async () => {
	ctx.server.reset();
	const p = ctx.rig.poller({ resource: 'customer', event: 'deleted' });
	const error = await p.test().catch((e) => e);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.message).toBe('No deleted Customer records in MVMNT yet');
	expect(error.description).toMatch(/Fetch Test Event looks for the latest changes of any age and found none\. To see one here, delete a customer in MVMNT and fetch again\./);
	// the schedule: the activation poll and a poll without changes return null, no error
	expect(await p.poll()).toBeNull();
	const watermark = p.state();
	expect(watermark.state).toBeDefined();
	expect(await p.poll()).toBeNull();
	// an empty Fetch Test Event after activation leaves what the schedule keeps as it was
	await expect(p.test()).rejects.toThrow('No deleted Customer records in MVMNT yet');
	expect(p.state()).toEqual(watermark);
});

test('records exist but none matches the filter: the error says so; a match is fetched as before', async () => {
	ctx.server.reset();
	const active = await make({ name: 'Manual Active', status: 'ACTIVE' });
	const status = filterFieldValue(statusOf('customer'));
	const only = (value) => ({ filterType: 'builder', conditions: { condition: [{ field: status, operator: 'equalTo', enumValue: value }] } });
	const blocked = ctx.rig.poller({ resource: 'customer', event: 'createdOrUpdated', ...only('BLOCKED') });
	const error = await blocked.test().catch((e) => e);
	expect(error.message).toBe('No new or updated Customer records match the filter');
	expect(error.description).toMatch(/create or change a customer in MVMNT that matches the filter \(or loosen the filter\)/);
	expect((await ctx.rig.poller({ resource: 'customer', event: 'createdOrUpdated', ...only('ACTIVE') }).test()).map((i) => i.json.id)).toEqual([active.id]);
	// the wording follows the event and the resource ("an" before a vowel)
	const location = await ctx.rig.poller({ resource: 'location', event: 'updated' }).test().catch((e) => e);
	expect(location.message).toBe('No updated Location records in MVMNT yet');
	expect(location.description).toMatch(/change a location in MVMNT/);
	const invoice = await ctx.rig.poller({ resource: 'invoice', event: 'created' }).test().catch((e) => e);
	expect(invoice.description).toMatch(/create an invoice in MVMNT/);
});
