/*
 * The record picker's entries (From List): the client key is shown whenever the record has one,
 * and when the search text was found only in a field the entry would not otherwise show (the
 * key, an email), that field leads the entry, so the user sees why the record was found.
 */
const { useFakeMvmnt } = require('../support/setup');
const { titleOf } = require('../../dist/nodes/Mvmnt/listSearch.js');

const ctx = useFakeMvmnt();

test('searching a client key: the entry leads with the key that matched; other searches show the key among the details', async () => {
	const { rig } = ctx;
	const [created] = await rig.run({ resource: 'customer', operation: 'create', name: 'Evergreen Produce', status: 'ACTIVE', additionalFields: { key: 'ERP-1005' } });
	const { friendlyId, id } = created.json;
	const entry = async (text) => (await rig.listSearch('searchCustomer', { resource: 'customer', operation: 'get' }, text)).results.find((r) => r.value === id)?.name;
	expect(await entry('ERP-1005')).toBe(`Key ERP-1005: Evergreen Produce (${friendlyId}, Active)`);
	expect(await entry('Evergreen')).toBe(`Evergreen Produce (${friendlyId}, Active, key ERP-1005)`);
	expect(await entry(friendlyId)).toBe(`Evergreen Produce (${friendlyId}, Active, key ERP-1005)`);
	// the list without a search text shows the key too
	const all = await rig.listSearch('searchCustomer', { resource: 'customer', operation: 'get' });
	expect(all.results.find((r) => r.value === id)?.name).toBe(`Evergreen Produce (${friendlyId}, Active, key ERP-1005)`);
});

test('entries without a key, a key that is the title, and a hit in a field the entry does not show', () => {
	expect(titleOf({ id: 'c1', name: 'Acme', friendlyId: 'CUS-000001', status: 'INACTIVE' }, 'acme')).toBe('Acme (CUS-000001, Inactive)');
	expect(titleOf({ id: 't1', key: 'TEAM-EAST' }, 'east')).toBe('TEAM-EAST');
	expect(titleOf({ id: 'p1', name: 'Jane Doe', email: 'jane@acme.example', key: 'HR-7' }, 'jane@')).toBe('Email jane@acme.example: Jane Doe (key HR-7)');
	expect(titleOf({ id: 'x1' })).toBe('x1');
});
