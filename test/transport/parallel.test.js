'use strict';
/**
 * Parallel items: the same output as one by one, item by item; one token per run however many
 * items are in flight; one renewal after a 401 mid-run; same-key upserts in flight together; a 429 burst
 * slows everyone down instead of turning into a storm; the limiter's own rules.
 */
const { useFakeMvmnt, rl, createRig, CLIENT } = require('../support/setup');
const { startStandin } = require('../../dev/standin/server');
const { Limiter } = require('../../dist/nodes/foundation/transport/limiter.js');
const { Pacer } = require('../../dist/nodes/foundation/transport/pacer.js');

jest.setTimeout(60000);

const fake = useFakeMvmnt();

const withParallel = (params, n) => ({ ...params, requestOptions: { ...(params.requestOptions || {}), parallelItems: n } });
const freshRig = () => createRig({ baseUrl: fake.server.baseUrl, tokenUrl: fake.server.tokenUrl, ...CLIENT });
/** an output item without what differs between two runs of the same input (times of creation) */
const stable = (item) => ({ json: item.json, pairedItem: item.pairedItem });

describe('parallel items', () => {
	let customers;
	beforeAll(() => {
		customers = fake.server.seed(
			'customers',
			Array.from({ length: 300 }, (_, i) => ({ name: `Parallel ${i}`, status: 'ACTIVE', key: `PAR-${i}` })),
		);
	});

	test('Get × 300 with bad IDs among them: parallel 16 gives the same items, order and pairedItem as one by one', async () => {
		const input = customers.map((c, i) => ({ id: i % 37 === 5 ? `missing-${i}` : i % 53 === 7 ? '..' : c.id }));
		const params = { resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') };
		const one = await freshRig().run(withParallel(params, 1), input, { continueOnFail: true });
		const many = await freshRig().run(withParallel(params, 16), input, { continueOnFail: true });
		expect(many).toHaveLength(300);
		expect(many.map(stable)).toEqual(one.map(stable));
		expect(many.map((o) => o.pairedItem.item)).toEqual(input.map((_, i) => i));
		expect(many.filter((o) => o.json.error).length).toBe(input.filter((x) => x.id.startsWith('missing') || x.id === '..').length);
	});

	test('a cold credential and 16 in flight: exactly 1 token request for 300 items', async () => {
		const rig = freshRig();
		const before = fake.server.stats.tokenRequests;
		const input = customers.map((c) => ({ id: c.id }));
		const out = await rig.run(withParallel({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, 16), input);
		expect(out.map((o) => o.json.id)).toEqual(customers.map((c) => c.id));
		expect(fake.server.stats.tokenRequests - before).toBe(1);
		expect(rig.store.saves).toBe(1); // persisted once, as n8n stores a renewed token
	});

	test('tokens revoked mid-run with 16 in flight: every item succeeds with exactly 1 more token request', async () => {
		const rig = freshRig();
		const input = customers.map((c) => ({ id: c.id }));
		const params = withParallel({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, 16);
		await rig.run(params, input.slice(0, 1)); // warm: the token is stored
		const before = fake.server.stats.tokenRequests;
		let seen = 0;
		const expireAt = fake.server.stats.requests.length + 120;
		const timer = setInterval(() => {
			if (!seen && fake.server.stats.requests.length >= expireAt) {
				seen = 1;
				fake.server.expireTokens();
			}
		}, 1);
		try {
			const out = await rig.run(params, input);
			expect(out.every((o) => !o.json.error)).toBe(true);
		} finally {
			clearInterval(timer);
		}
		expect(seen).toBe(1);
		expect(fake.server.stats.tokenRequests - before).toBe(1);
	});

	test('Create or Update with the same client key on several items in flight: one record per key, no errors', async () => {
		const keys = Array.from({ length: 10 }, (_, i) => `RACE-${i}`);
		const input = keys.flatMap((key) => [0, 1, 2].map((n) => ({ key, name: `Race ${key} v${n}` })));
		const out = await freshRig().run(
			withParallel({ resource: 'customer', operation: 'upsert', key: '={{ $json.key }}', name: '={{ $json.name }}', status: 'ACTIVE' }, 16),
			input,
			{ continueOnFail: true },
		);
		expect(out.filter((o) => o.json.error)).toEqual([]);
		const records = fake.server.records('customers').filter((r) => String(r.key).startsWith('RACE-') && !r.deletedAt);
		expect(records.map((r) => r.key).sort()).toEqual([...keys].sort());
		expect(out.map((o) => o.json.key)).toEqual(input.map((x) => x.key));
	});

	test('without Continue On Fail the lowest failing item is reported and no new item starts after it', async () => {
		// items 40 and 70 fail; with 8 in flight item 70 may already run, but nothing after the items in flight
		const input = customers.slice(0, 100).map((c, i) => ({ id: i === 40 || i === 70 ? '..' : c.id }));
		const before = fake.server.stats.requests.length;
		const error = await freshRig()
			.run(withParallel({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, 8), input)
			.catch((e) => e);
		expect(error.message).toMatch(/\[item 40\]$/);
		expect(fake.server.stats.requests.length - before).toBeLessThanOrEqual(40 + 8 + 1);
	});
});

describe('Request Options given by an expression', () => {
	test.each([
		['parallelItems', 0, /Parallel Items must be a whole number from 1 to 64, got "0"/],
		['parallelItems', 2.5, /Parallel Items must be a whole number from 1 to 64, got "2.5"/],
		['maxPerSecond', 'fast', /Max Requests per Second must be a whole number from 0 to 1000, got "fast"/],
	])('%s = %p is refused with the option named, nothing sent', async (name, value, message) => {
		const before = fake.server.stats.requests.length;
		const params = { resource: 'customer', operation: 'get', customerId: rl('x'), requestOptions: { [name]: value } };
		await expect(freshRig().run(params, [{}], { continueOnFail: true })).rejects.toThrow(message);
		expect(fake.server.stats.requests.length).toBe(before);
	});
});

describe('a 429 burst against the stand-in (30% answered 429 with Retry-After: 1 for 2 s)', () => {
	let standin;
	beforeAll(async () => {
		standin = await startStandin({ customers: 400 });
	});
	afterAll(async () => standin.close());

	test('400 items, 10 in flight: all succeed, and fewer 429s than 3 × the items in flight', async () => {
		const rig = createRig({ baseUrl: standin.baseUrl, tokenUrl: standin.tokenUrl, clientId: standin.clientId, clientSecret: standin.clientSecret });
		standin.configure({ latencyMs: 5, burst: { ratio: 0.3, seconds: 2 } });
		const input = standin.records.map((r) => ({ id: r.id }));
		const out = await rig.run(withParallel({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, 10), input, { continueOnFail: true });
		standin.configure({ latencyMs: 0, burst: null });
		expect(out.filter((o) => o.json.error).map((o) => o.json.error)).toEqual([]);
		expect(out.map((o) => o.json.id)).toEqual(input.map((x) => x.id));
		const { rateLimited, tokenRequests } = standin.stats();
		expect(rateLimited).toBeGreaterThan(0);
		expect(rateLimited).toBeLessThan(30);
		expect(tokenRequests).toBe(1);
	});
});

describe('limiter', () => {
	test('halves once per wave of 429s, pauses everyone, then grows back one slot per window of successes', async () => {
		const l = new Limiter(16);
		const t0 = await l.acquire();
		l.release();
		l.rateLimited(t0, 50);
		expect(l.allowed).toBe(8);
		l.rateLimited(t0, 50); // an answer to a request sent before the decrease: no second halving
		expect(l.allowed).toBe(8);
		const paused = Date.now();
		const t1 = await l.acquire(); // waits out the pause
		expect(t1 - paused).toBeGreaterThanOrEqual(45);
		l.release();
		l.rateLimited(t1, 0); // sent after the decrease: halves again
		expect(l.allowed).toBe(4);
		for (let i = 0; i < 4; i++) l.succeeded();
		expect(l.allowed).toBe(4); // +1/limit per success: one more slot per window of ~limit successes
		l.succeeded();
		expect(l.allowed).toBe(5);
		for (let i = 0; i < 200; i++) l.succeeded();
		expect(l.allowed).toBe(16);
	});

	test('never more requests at once than allowed', async () => {
		const l = new Limiter(3);
		let active = 0;
		let most = 0;
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				await l.acquire();
				active++;
				most = Math.max(most, active);
				await new Promise((r) => setTimeout(r, 2));
				active--;
				l.release();
			}),
		);
		expect(most).toBe(3);
	});

	test('Max Requests per Second spaces request starts', async () => {
		const l = new Limiter(10, 50); // 20 ms apart
		const starts = [];
		await Promise.all(
			Array.from({ length: 6 }, async () => {
				starts.push(await l.acquire());
				l.release();
			}),
		);
		starts.sort((a, b) => a - b);
		expect(starts[5] - starts[0]).toBeGreaterThanOrEqual(95);
	});
});

describe('pacer: items take turns at preparing, and the network gets a turn between them', () => {
	const busy = (ms) => {
		const end = performance.now() + ms;
		while (performance.now() < end);
	};

	test('preparations longer than the slice: one at a time, and pending I/O runs between every two', async () => {
		const pacer = new Pacer(1);
		let ioTurns = 0;
		const seenAtStart = [];
		let preparing = 0;
		let most = 0;
		await Promise.all(
			Array.from({ length: 12 }, async (_, i) => {
				await pacer.enter();
				preparing++;
				most = Math.max(most, preparing);
				seenAtStart[i] = ioTurns;
				busy(2); // reading parameters, resolving expressions…
				// what a sent request waits for: the event loop's next look at the network
				setImmediate(() => ioTurns++);
				preparing--;
				pacer.leave();
			}),
		);
		expect(most).toBe(1);
		// every item after the first started only after the previous item's I/O had its turn
		for (let i = 1; i < 12; i++) expect(seenAtStart[i]).toBeGreaterThanOrEqual(i);
	});

	test('short preparations share a turn: 200 items of 0.01 ms are not slowed down to one per turn', async () => {
		const pacer = new Pacer(1);
		let ioTurns = 0;
		const tick = setInterval(() => ioTurns++, 0);
		await Promise.all(
			Array.from({ length: 200 }, async () => {
				await pacer.enter();
				busy(0.01);
				pacer.leave();
			}),
		);
		clearInterval(tick);
		expect(ioTurns).toBeLessThan(40);
	});
});
