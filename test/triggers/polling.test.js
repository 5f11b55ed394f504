/*
 * The MVMNT Polling Trigger, poll by poll, inside n8n-core's own PollContext against the
 * fake MVMNT server (stamping whole seconds, answering in an order unrelated to time): every
 * change is emitted exactly once for its event type, also when records share the watermark's
 * second, arrive late, span pages or exceed the per-poll maximum.
 */
const { useFakeMvmnt } = require('../support/setup');
const { createClient } = require('../../dev/fake-mvmnt/client');
const { POLLABLE, EVENTS } = require('../../dist/nodes/MvmntPollingTrigger/changes.js');
const { poll, latest } = require('../../dist/nodes/MvmntPollingTrigger/watermark.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');

jest.setTimeout(300000);

const ctx = useFakeMvmnt();
let client;
beforeAll(() => {
	client = createClient(ctx.server, { clientId: 'test-client-id', clientSecret: 'test-client-secret' });
});
afterEach(() => {
	ctx.server.setClock(null);
	ctx.server.setListOrder('creation');
});

/** runs `task` over `list`, `limit` at a time */
async function pool(list, limit, task) {
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < list.length) {
				const i = next++;
				await task(list[i], i);
			}
		}),
	);
}

const ok = async (promise, status = [200, 201, 204]) => {
	const r = await promise;
	if (!status.includes(r.status)) throw new Error(`fake answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
	return r.body;
};

describe('which resources and events: derived from the catalog', () => {
	test('every Get Many whose filter compares a timestamp with "greater than (or equal to)" is offered, with exactly its events', () => {
		const getAlls = OPERATIONS.filter((op) => op.kind === 'getAll');
		const usable = (op, name) => op.filterFields.some((f) => f.name === name && f.kind === 'date' && (f.ops.includes('greaterThanOrEqualTo') || f.ops.includes('greaterThan')));
		const expected = getAlls
			.map((op) => {
				const has = (n) => usable(op, n);
				const events = [];
				if (has('createdAt')) events.push('created');
				if (has('updatedAt') && has('createdAt')) events.push('updated');
				if (has('updatedAt')) events.push('createdOrUpdated');
				if (has('deletedAt')) events.push('deleted');
				return [op.resource, events];
			})
			.filter(([, events]) => events.length);
		expect(POLLABLE.map((r) => [r.value, r.events.map((e) => e.value)]).sort()).toEqual(expected.sort());
		expect(POLLABLE.length).toBeGreaterThanOrEqual(20);
		// e.g. customers have all four, bills only New, contacts New and Deleted
		const events = (r) => POLLABLE.find((p) => p.value === r).events.map((e) => e.name);
		expect(events('customer')).toEqual(['New', 'Updated', 'New or Updated', 'Deleted']);
		expect(events('bill')).toEqual(['New']);
		expect(events('carrierContact')).toEqual(['New', 'Deleted']);
		expect(events('shipment')).toEqual(['New', 'Updated', 'New or Updated']);
	});

	test('the node offers those resources, each with its own Event list; the filter builder is the one of Get Many', async () => {
		const p = ctx.rig.poller({ resource: 'bill' });
		const props = p.description.properties;
		expect(props.map((x) => x.name).slice(0, 2)).toEqual(['pollTimes', 'resource']);
		expect(props.find((x) => x.name === 'resource').options.map((o) => o.value).sort()).toEqual(POLLABLE.map((r) => r.value).sort());
		for (const r of POLLABLE) {
			const shown = props.filter((x) => x.name === 'event' && x.displayOptions.show.resource.includes(r.value));
			expect(shown).toHaveLength(1);
			expect(shown[0].options.map((o) => o.value)).toEqual(r.events.map((e) => e.value));
		}
		for (const x of props) expect({ name: x.name, description: Boolean(x.description && x.description.trim()) }).toEqual({ name: x.name, description: true });
		const action = ctx.rig.description.properties;
		const conditionsHere = props.find((x) => x.name === 'conditions').options[0].values;
		const conditionsThere = action.find((x) => x.name === 'conditions').options[0].values;
		expect(conditionsHere).toEqual(conditionsThere);
		// the filter fields come from the resource's Get Many, also without an Operation parameter
		const fields = await ctx.rig.poller({ resource: 'customer', filterType: 'builder' }).loadOptions('getFilterFields', 'conditions.condition[0].field');
		expect(fields.map((f) => f.value.split('|')[1]).sort()).toEqual(OPERATIONS.find((o) => o.resource === 'customer' && o.kind === 'getAll').filterFields.map((f) => f.name).sort());
	});
});

describe('the watermark (pure): no order, shared timestamps, late arrivals, a small maximum', () => {
	const created = EVENTS.find((e) => e.value === 'created');
	/** a list that answers in random order, in pages of 7 */
	const scanOf = (records, log = []) => async (fromMs, onPage) => {
		log.push(fromMs);
		const rows = records.filter((r) => Date.parse(r.createdAt) >= fromMs).sort(() => Math.random() - 0.5);
		for (let i = 0; i < rows.length; i += 7) if (onPage(rows.slice(i, i + 7)) === false) return;
	};

	test('random bursts of same-millisecond records, late ones, max 5 per poll: every record once, in timestamp order', async () => {
		const base = Date.parse('2026-03-01T00:00:00.000Z');
		const records = [];
		let state;
		const emitted = [];
		let t = base;
		const settings = (now) => ({ scope: 'x', event: created, overlapMs: 2000, max: 5, lookbackMs: 0, now });
		state = (await poll(undefined, settings(base), scanOf(records))).state;
		for (let round = 0; round < 60; round++) {
			const burst = Math.floor(Math.random() * 9);
			for (let i = 0; i < burst; i++) records.push({ id: `r${records.length}`, createdAt: new Date(t).toISOString() });
			// now and then one that shows up late, 1.5 s before the newest
			if (round % 7 === 3) records.push({ id: `r${records.length}`, createdAt: new Date(t - 1500).toISOString() });
			if (Math.random() < 0.5) t += 1000;
			const out = await poll(state, settings(t), scanOf(records));
			expect(out.records.length).toBeLessThanOrEqual(5);
			emitted.push(...out.records.map((r) => r.id));
			state = JSON.parse(JSON.stringify(out.state));
		}
		for (let i = 0; i < 100; i++) {
			const out = await poll(state, settings(t), scanOf(records));
			emitted.push(...out.records.map((r) => r.id));
			state = out.state;
			if (!out.records.length) break;
		}
		expect(emitted.length).toBe(records.length);
		expect(new Set(emitted).size).toBe(records.length);
	});

	test('a poll that runs out of time emits what it read and keeps the watermark; the next one finds the rest', async () => {
		const base = Date.parse('2026-03-01T00:00:00.000Z');
		const records = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, createdAt: new Date(base + 1000 + i).toISOString() }));
		let now = base;
		const settings = { scope: 'x', event: created, overlapMs: 0, max: 100, lookbackMs: 0, now: base, deadline: base + 10, clock: () => now };
		const first = await poll(undefined, settings, scanOf([]));
		now = base + 10; // already out of time after the first page
		const partial = await poll(first.state, settings, scanOf(records));
		expect(partial.complete).toBe(false);
		expect(partial.records).toHaveLength(7);
		expect(partial.state.watermark).toBe(first.state.watermark);
		const rest = await poll(partial.state, { ...settings, deadline: undefined }, scanOf(records));
		expect(rest.records.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).filter((id) => !partial.records.some((p) => p.id === id)).sort());
	});

	test('Fetch Test Event looks back further until it finds changes, newest first', async () => {
		const now = Date.parse('2026-03-01T00:00:00.000Z');
		const records = [3, 40, 41, 42].map((days) => ({ id: `d${days}`, createdAt: new Date(now - days * 86_400_000).toISOString() }));
		const log = [];
		const out = await latest(created, now, 2, scanOf(records, log));
		expect(out.map((r) => r.id)).toEqual(['d3']);
		expect(log).toHaveLength(3); // 1 hour, 1 day, 7 days
		const older = await latest(created, now, 2, scanOf(records.slice(1)));
		expect(older.map((r) => r.id)).toEqual(['d40', 'd41']);
		expect(await latest(created, now, 2, scanOf([]))).toEqual([]);
	});
});

describe('poll by poll in n8n-core: 1,000 records created, updated and deleted over 20 polls', () => {
	const SECOND = 1000;
	const BOUND = { created: 120, updated: 1000, createdOrUpdated: 400, deleted: 50 };

	test('each change exactly once for its event type; the per-poll maximum holds and loses nothing', async () => {
		const { server, rig } = ctx;
		server.setListOrder('scrambled', 15);
		const t0 = Math.floor(Date.now() / SECOND) * SECOND;
		let now = t0;
		const setSecond = (ms) => {
			now = ms;
			server.setClock({ at: ms, precisionMs: SECOND });
		};
		setSecond(t0);
		const pollers = {};
		for (const event of Object.keys(BOUND)) {
			pollers[event] = rig.poller({ resource: 'customer', event, simplify: false, options: { maxPerPoll: BOUND[event] } }, { workflowId: `wfPoll${event}`.slice(0, 16) });
		}
		const emitted = { created: [], updated: [], createdOrUpdated: [], deleted: [] };
		const perPoll = { created: [], updated: [], createdOrUpdated: [], deleted: [] };
		const expected = { created: new Set(), updated: new Set(), createdOrUpdated: new Set(), deleted: new Set() };
		const ids = [];
		const requestsBefore = server.stats.requestCount;
		const started = Date.now();

		const key = (r, field) => `${r.id}@${Date.parse(r[field])}`;
		const keyOf = {
			created: (r) => key(r, 'createdAt'),
			updated: (r) => key(r, 'updatedAt'),
			createdOrUpdated: (r) => key(r, 'updatedAt'),
			deleted: (r) => key(r, 'deletedAt'),
		};
		const pollAll = async () => {
			for (const [event, p] of Object.entries(pollers)) {
				const items = (await p.poll()) ?? [];
				expect(items.length).toBeLessThanOrEqual(BOUND[event]);
				perPoll[event].push(items.length);
				for (const { json } of items) emitted[event].push(keyOf[event](json));
			}
		};
		const create = async (n, extra = {}) => {
			const made = [];
			await pool(Array.from({ length: n }), 8, async () => {
				const r = await ok(client.call('POST', '/customers', { body: { name: `Poll ${ids.length + made.length}`, status: 'ACTIVE' } }));
				made.push(r);
			});
			for (const r of made) {
				ids.push(r.id);
				expected.created.add(key(r, 'createdAt'));
				expected.createdOrUpdated.add(key(r, 'updatedAt'));
			}
			return made;
		};
		const update = async (list) => {
			await pool(list, 8, async (id) => {
				const r = await ok(client.call('PATCH', `/customers/${id}`, { body: { notes: `changed at ${now}` } }));
				expected.updated.add(key(r, 'updatedAt'));
				expected.createdOrUpdated.add(key(r, 'updatedAt'));
			});
		};
		const remove = async (list) => {
			await pool(list, 8, async (id) => {
				await ok(client.call('DELETE', `/customers/${id}`));
			});
			for (const r of server.records('customers').filter((x) => list.includes(x.id))) expected.deleted.add(key(r, 'deletedAt'));
		};
		/** a record MVMNT shows only now, stamped `ms` earlier than the current second */
		const late = (ms) => {
			const at = new Date(now - ms).toISOString();
			const [r] = server.seed('customers', [{ name: `Late ${ids.length}`, status: 'ACTIVE', createdAt: at, updatedAt: at }]);
			ids.push(r.id);
			expected.created.add(key(r, 'createdAt'));
			expected.createdOrUpdated.add(key(r, 'updatedAt'));
		};
		const range = (a, b) => ids.slice(a, b);

		// activation: starts from now; what exists already is never emitted
		await create(5);
		for (const k of Object.keys(expected)) expected[k].clear();
		for (const p of Object.values(pollers)) expect(await p.poll()).toBeNull();
		const preexisting = ids.splice(0);

		const rounds = [
			async () => create(50),
			// 300 in one second: more than a page (250) and more than New's maximum (120)
			async () => {
				setSecond(now + SECOND);
				await create(300);
			},
			// still the second of the watermark: more records and changes stamped with it
			async () => {
				await create(20);
				await update(range(0, 30));
				setSecond(now + SECOND);
				await create(80);
			},
			async () => {
				setSecond(now + SECOND);
				await update(range(50, 300)); // 250 changes in one second, some of the 300 above
				late(20 * SECOND);
			},
			async () => {
				await update(range(30, 50)); // the watermark's second again
				setSecond(now + 2 * SECOND);
				await create(150);
			},
			async () => {
				setSecond(now + SECOND);
				await create(100);
				await update(range(300, 400));
				late(45 * SECOND);
			},
			async () => {
				setSecond(now + SECOND);
				await create(120);
				await update(range(0, 100)); // a second change of the same records
			},
			async () => {
				setSecond(now + SECOND);
				await create(70);
			},
			async () => {
				setSecond(now + SECOND);
				await create(58);
				// n8n restarts: the state comes back from what n8n saved
				for (const p of Object.values(pollers)) p.restart();
			},
			async () => {
				setSecond(now + SECOND);
				await create(50);
				await update(range(600, 750));
			},
			async () => {
				setSecond(now + SECOND);
				await update(range(750, 1000));
			},
			async () => {
				setSecond(now + SECOND);
				await remove(range(0, 120)); // more than Deleted's maximum (50)
			},
			async () => {
				await remove(range(120, 180)); // the watermark's second
				setSecond(now + SECOND);
				await update(range(400, 500));
			},
			async () => {
				setSecond(now + SECOND);
				await remove(range(180, 260));
			},
			async () => {
				setSecond(now + SECOND);
				await update(range(500, 600));
				await remove(range(260, 300));
			},
			async () => setSecond(now + SECOND),
			async () => {
				setSecond(now + SECOND);
				await update(range(300, 350));
			},
			async () => setSecond(now + SECOND),
			async () => setSecond(now + SECOND),
			async () => setSecond(now + SECOND),
		];
		expect(rounds).toHaveLength(20);
		for (const round of rounds) {
			await round();
			await pollAll();
		}
		const seconds = (Date.now() - started) / 1000;

		expect(ids).toHaveLength(1000);
		const report = {};
		for (const event of Object.keys(BOUND)) {
			const counts = new Map();
			for (const k of emitted[event]) counts.set(k, (counts.get(k) || 0) + 1);
			const missed = [...expected[event]].filter((k) => !counts.has(k));
			const repeated = [...counts.values()].filter((c) => c > 1).length;
			const unexpected = [...counts.keys()].filter((k) => !expected[event].has(k));
			report[event] = { changes: expected[event].size, emitted: emitted[event].length, missed: missed.length, repeated, unexpected: unexpected.length, maxInOnePoll: Math.max(...perPoll[event]), bound: BOUND[event] };
		}
		process.stdout.write(`POLLING 20 polls, 1,000 records: ${JSON.stringify(report)}, ${server.stats.requestCount - requestsBefore} requests, ${seconds.toFixed(1)} s\n`);
		for (const event of Object.keys(BOUND)) {
			expect({ event, missed: report[event].missed, repeated: report[event].repeated, unexpected: report[event].unexpected }).toEqual({ event, missed: 0, repeated: 0, unexpected: 0 });
			expect(report[event].emitted).toBe(report[event].changes);
		}
		expect(report.created.changes).toBe(1000);
		expect(report.deleted.changes).toBe(300);
		expect(report.updated.changes).toBe(1150);
		expect(report.createdOrUpdated.changes).toBe(2150);
		// the maximum was reached (and held) for New and Deleted: the backlog came over several polls
		expect(report.created.maxInOnePoll).toBe(BOUND.created);
		expect(report.deleted.maxInOnePoll).toBe(BOUND.deleted);
		// nothing of before the activation
		for (const event of Object.keys(BOUND)) expect(emitted[event].filter((k) => preexisting.includes(k.split('@')[0]))).toEqual([]);
		// one more poll: nothing new, nothing again
		for (const p of Object.values(pollers)) expect(await p.poll()).toBeNull();
	});
});

describe('the trigger in use', () => {
	test('Fetch Test Event returns the latest matching records and moves nothing; Simplify keeps the event time', async () => {
		const { server, rig } = ctx;
		server.reset();
		const a = await ok(client.call('POST', '/customers', { body: { name: 'Sample A', status: 'ACTIVE' } }));
		const b = await ok(client.call('POST', '/customers', { body: { name: 'Sample B', status: 'INACTIVE' } }));
		await ok(client.call('DELETE', `/customers/${a.id}`));
		const p = rig.poller({ resource: 'customer', event: 'deleted' });
		const sample = await p.test();
		expect(sample.map((i) => i.json.id)).toEqual([a.id]);
		expect(sample[0].json).toMatchObject({ id: a.id, name: 'Sample A', deletedAt: expect.any(String) });
		expect(Object.keys(sample[0].json).length).toBeLessThan(20);
		expect(p.state()).toEqual({}); // the watermark did not move
		// a filter narrows what counts: only inactive customers
		const inactive = rig.poller({
			resource: 'customer',
			event: 'createdOrUpdated',
			filterType: 'builder',
			conditions: { condition: [{ field: 'status', operator: 'equalTo', value: 'INACTIVE' }] },
		});
		expect((await inactive.test()).map((i) => i.json.id)).toEqual([b.id]);
		expect(await inactive.poll()).toBeNull(); // activation
		const c = await ok(client.call('POST', '/customers', { body: { name: 'Sample C', status: 'INACTIVE' } }));
		await ok(client.call('POST', '/customers', { body: { name: 'Sample D', status: 'ACTIVE' } }));
		expect((await inactive.poll()).map((i) => i.json.id)).toEqual([c.id]);
		const filterCall = server.stats.requests.filter((r) => r.path === '/v1/customers/filter').pop();
		expect(filterCall.body.filter).toEqual({ and: [{ status: { equalTo: 'INACTIVE' } }, { updatedAt: { greaterThanOrEqualTo: expect.any(String) } }] });
	});

	test('Also Emit the Last N Hours: the first activation emits the recent past, within the maximum per poll', async () => {
		const { server, rig } = ctx;
		server.reset();
		const hour = 3_600_000;
		const at = (ms) => new Date(Date.now() - ms).toISOString();
		server.seed('customers', [
			{ name: 'Three hours ago', status: 'ACTIVE', createdAt: at(3 * hour), updatedAt: at(3 * hour) },
			...Array.from({ length: 5 }, (_, i) => ({ name: `Recent ${i}`, status: 'ACTIVE', createdAt: at(hour - i * 1000), updatedAt: at(hour - i * 1000) })),
		]);
		const p = rig.poller({ resource: 'customer', event: 'created', options: { lookbackHours: 2, maxPerPoll: 3 } });
		expect((await p.poll()).map((i) => i.json.name)).toEqual(['Recent 0', 'Recent 1', 'Recent 2']);
		expect((await p.poll()).map((i) => i.json.name)).toEqual(['Recent 3', 'Recent 4']);
		expect(await p.poll()).toBeNull();
	});

	test('durable poll cursors: what changes between the activation and the first scheduled poll is emitted, once', async () => {
		const { server, rig } = ctx;
		server.reset();
		await ok(client.call('POST', '/customers', { body: { name: 'Before activation', status: 'ACTIVE' } }));
		const p = rig.poller({ resource: 'customer', event: 'created' }, { durable: true, workflowId: 'wfPollDurable1' });
		// n8n's activation test: nothing to emit, so n8n commits nothing of the node's state
		expect(await p.poll({ activation: true })).toBeNull();
		expect(p.state()).toEqual({});
		await new Promise((resolve) => setImmediate(resolve, null)).then(() => new Promise((r) => setTimeout(r, 5))); // a new millisecond: the change lies after the activation's "now"
		const a = await ok(client.call('POST', '/customers', { body: { name: 'Between', status: 'ACTIVE' } }));
		// the first scheduled poll starts where the activation did (before the change was found, this one started from its own "now")
		expect((await p.poll()).map((i) => i.json.id)).toEqual([a.id]);
		expect(p.state().state).toMatchObject({ v: 1, scope: 'customer:created' });
		expect(await p.poll()).toBeNull();
		const b = await ok(client.call('POST', '/customers', { body: { name: 'After', status: 'ACTIVE' } }));
		expect((await p.poll()).map((i) => i.json.id)).toEqual([b.id]);
		// with a state of its own the start is no longer kept
		expect(await p.poll()).toBeNull();
		expect(p.workflowStatic().global).toEqual({});
	});

	test('resources without an event, wrong options and filters fail with clear messages', async () => {
		const { rig } = ctx;
		await expect(rig.poller({ resource: 'bill', event: 'deleted' }).poll()).rejects.toThrow(/"Deleted" is no event of Bill records: MVMNT can only report New for them/);
		await expect(rig.poller({ resource: 'customer', event: 'created', options: { maxPerPoll: 0 } }).poll()).rejects.toThrow(/Max Records per Poll must be a whole number from 1 to 100000, got "0"/);
		await expect(rig.poller({ resource: 'customer', event: 'created', filterType: 'json', filterJson: '[1]' }).poll()).rejects.toThrow(/Filter \(JSON\) must be a JSON object/);
		await expect(rig.poller({ resource: 'order', event: 'created' }).poll()).rejects.toThrow(/MVMNT can't be polled for "order" records/);
	});
});
