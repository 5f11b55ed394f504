'use strict';
/**
 * Pure logic of the MVMNT Trigger (built files: run `npm run build` first):
 * key check, delivery validation, event filter, split into items, redelivery window.
 */
const path = require('path');
const { loadContract } = require('../../scripts/contract-lib');

const dist = path.resolve(__dirname, '..', '..', 'dist', 'nodes', 'MvmntTrigger');
const d = require(path.join(dist, 'delivery.js'));
const { EVENT_OPTIONS, EVENT_TYPES, ALL_EVENTS } = require(path.join(dist, 'events.js'));


const ev = (event, id, timestamp = '2025-01-15T14:30:00Z', extra = {}) => ({
	event,
	timestamp,
	data: { id, name: `record ${id}` },
	diff: null,
	...extra,
});

describe('event list', () => {
	test('covers exactly the WebhookEvent enum of the contract', () => {
		const specEvents = loadContract().components.schemas.WebhookEvent.enum;
		expect([...EVENT_TYPES].sort()).toEqual([...specEvents].sort());
		expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
	});

	test('All Events comes first, the rest is sorted by name (grouped by domain), names are unique', () => {
		expect(EVENT_OPTIONS[0].value).toBe(ALL_EVENTS);
		const names = EVENT_OPTIONS.slice(1).map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(new Set(names).size).toBe(names.length);
		// each name starts with its domain, e.g. SHIPMENT_DELIVERED -> "Shipment …"
		for (const o of EVENT_OPTIONS.slice(1)) {
			const domain = o.value.split('_')[0];
			expect(o.name.toUpperCase().startsWith(domain)).toBe(true);
		}
	});
});

describe('tokenMatches (constant-time key check)', () => {
	test('accepts only the exact token', () => {
		expect(d.tokenMatches('s3cret-token', 's3cret-token')).toBe(true);
		expect(d.tokenMatches('s3cret-tokeN', 's3cret-token')).toBe(false);
		expect(d.tokenMatches('s3cret-token ', 's3cret-token')).toBe(false);
		expect(d.tokenMatches('s3cret', 's3cret-token')).toBe(false); // shorter: no length error
		expect(d.tokenMatches('s3cret-token-and-more', 's3cret-token')).toBe(false);
	});
	test('rejects missing, empty, non-string values and an empty configured token', () => {
		expect(d.tokenMatches(undefined, 'tok')).toBe(false);
		expect(d.tokenMatches('', 'tok')).toBe(false);
		expect(d.tokenMatches(['tok'], 'tok')).toBe(false);
		expect(d.tokenMatches('', '')).toBe(false);
		expect(d.tokenMatches('tok', '')).toBe(false);
		expect(d.tokenMatches('tok', undefined)).toBe(false);
	});
	test('compares hashes with crypto.timingSafeEqual', () => {
		const crypto = require('crypto');
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			d.tokenMatches('a', 'a much longer token');
			expect(spy).toHaveBeenCalledTimes(1);
			const [a, b] = spy.mock.calls[0];
			expect(a.length).toBe(32);
			expect(b.length).toBe(32);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('parseDelivery / validateDelivery', () => {
	const ok = { sentAt: '2025-01-15T14:30:05Z', events: [ev('CUSTOMER_CREATED', 'c1')] };

	test('accepts a delivery', () => {
		const r = d.parseDelivery(JSON.stringify(ok));
		expect(r.ok).toBe(true);
		expect(r.delivery.sentAt).toBe(ok.sentAt);
		expect(r.delivery.events).toHaveLength(1);
	});
	test('accepts a UTF-8 BOM and events without data/diff', () => {
		const r = d.parseDelivery('\ufeff' + JSON.stringify({ sentAt: 'x', events: [{ event: 'QUOTE_WON' }] }));
		expect(r.ok).toBe(true);
	});
	test.each([
		['', 'The body is empty'],
		['   ', 'The body is empty'],
		['{"events": [', 'The body is not valid JSON'],
		['not json', 'The body is not valid JSON'],
		['[1,2]', 'The body must be a JSON object'],
		['"text"', 'The body must be a JSON object'],
		['null', 'The body must be a JSON object'],
		['{}', 'The body has no "events" array'],
		['{"events": {"event": "X"}}', 'The body has no "events" array'],
		['{"events": []}', 'The "events" array is empty'],
		['{"events": [1]}', 'events[0] is not an object'],
		['{"events": [{"event": "A"}, {"timestamp": "t"}]}', 'events[1] has no "event" name'],
		['{"events": [{"event": 42}]}', 'events[0] has no "event" name'],
		['{"events": [{"event": ""}]}', 'events[0] has no "event" name'],
		['{"events": [{"event": "A", "data": [1]}]}', 'events[0].data is not an object'],
		['{"events": [{"event": "A", "data": "x"}]}', 'events[0].data is not an object'],
	])('rejects %j: %s', (text, reason) => {
		expect(d.parseDelivery(text)).toEqual({ ok: false, reason });
	});
});

describe('selectEvents (filter)', () => {
	const events = [ev('SHIPMENT_DELIVERED', 's1'), ev('CUSTOMER_CREATED', 'c1'), ev('FUTURE_THING_HAPPENED', 'f1')];

	test('keeps only selected types, in delivery order', () => {
		const out = d.selectEvents(events, ['CUSTOMER_CREATED', 'SHIPMENT_DELIVERED']);
		expect(out.map((e) => e.event)).toEqual(['SHIPMENT_DELIVERED', 'CUSTOMER_CREATED']);
	});
	test('unknown future types pass only with All Events', () => {
		expect(d.selectEvents(events, EVENT_TYPES).map((e) => e.event)).not.toContain('FUTURE_THING_HAPPENED');
		expect(d.selectEvents(events, [ALL_EVENTS]).map((e) => e.event)).toEqual([
			'SHIPMENT_DELIVERED',
			'CUSTOMER_CREATED',
			'FUTURE_THING_HAPPENED',
		]);
		expect(d.selectEvents(events, ['QUOTE_WON', ALL_EVENTS])).toHaveLength(3);
	});
	test('nothing selected (or a broken value) passes nothing', () => {
		expect(d.selectEvents(events, [])).toEqual([]);
		expect(d.selectEvents(events, undefined)).toEqual([]);
		expect(d.selectEvents(events, 'SHIPMENT_DELIVERED')).toEqual([]);
	});
});

describe('toItems (split) / shapeItem (output options)', () => {
	const sentAt = '2025-01-15T14:30:05Z';
	const diff = [{ type: 'UPDATE', key: 'status', value: 'INACTIVE', oldValue: 'ACTIVE' }];
	const events = [ev('CUSTOMER_UPDATED', 'c1', 't1', { diff }), ev('CUSTOMER_CREATED', 'c2', 't2', { diff: undefined })];

	test('one item per event with event, timestamp, sentAt, data, diff', () => {
		expect(d.toItems(events, sentAt)).toEqual([
			{ event: 'CUSTOMER_UPDATED', timestamp: 't1', sentAt, data: { id: 'c1', name: 'record c1' }, diff },
			{ event: 'CUSTOMER_CREATED', timestamp: 't2', sentAt, data: { id: 'c2', name: 'record c2' }, diff: null },
		]);
	});
	test('Include Diff off drops diff', () => {
		const out = d.toItems(events, sentAt).map((item) => d.shapeItem(item, { includeDiff: false }));
		expect(out[0]).toEqual({ event: 'CUSTOMER_UPDATED', timestamp: 't1', sentAt, data: { id: 'c1', name: 'record c1' } });
		expect('diff' in out[1]).toBe(false);
	});
	test('Output Entity Only gives just data (a copy)', () => {
		const out = d.toItems(events, sentAt).map((item) => d.shapeItem(item, { entityOnly: true, includeDiff: true }));
		expect(out).toEqual([{ id: 'c1', name: 'record c1' }, { id: 'c2', name: 'record c2' }]);
		out[0].name = 'changed';
		expect(events[0].data.name).toBe('record c1');
	});
	test('missing data/timestamp/sentAt become {} / null', () => {
		expect(d.toItems([{ event: 'X' }], undefined)).toEqual([{ event: 'X', timestamp: null, sentAt: null, data: {}, diff: null }]);
		expect(d.toItems([{ event: 'X', data: null }], undefined).map((item) => d.shapeItem(item, { entityOnly: true }))).toEqual([{}]);
		// the defaults keep everything
		expect(d.shapeItem(d.toItems(events, sentAt)[0])).toEqual(d.toItems(events, sentAt)[0]);
	});
});

describe('eventKey / dedupe (redelivery window)', () => {
	test('key = event + timestamp + data.id; other fields do not matter', () => {
		const a = ev('SHIPMENT_DELIVERED', 's1', 't1');
		expect(d.eventKey(a)).toBe(d.eventKey({ ...a, data: { id: 's1', other: 1 }, diff: [1] }));
		expect(d.eventKey(a)).not.toBe(d.eventKey(ev('SHIPMENT_DELIVERED', 's2', 't1')));
		expect(d.eventKey(a)).not.toBe(d.eventKey(ev('SHIPMENT_DELIVERED', 's1', 't2')));
		expect(d.eventKey(a)).not.toBe(d.eventKey(ev('SHIPMENT_DISPATCHED', 's1', 't1')));
		expect(d.eventKey(a)).toMatch(/^[0-9a-f]{32}$/);
	});
	test('events without data.id are told apart by their data', () => {
		const x = { event: 'DOCUMENT_UPLOADED', timestamp: 't', data: { name: 'a.pdf' } };
		const y = { event: 'DOCUMENT_UPLOADED', timestamp: 't', data: { name: 'b.pdf' } };
		expect(d.eventKey(x)).not.toBe(d.eventKey(y));
		expect(d.eventKey(x)).toBe(d.eventKey({ ...x }));
	});
	test('drops seen events and repeats within a delivery, records fresh keys', () => {
		const a = ev('CUSTOMER_CREATED', 'c1');
		const b = ev('CUSTOMER_CREATED', 'c2');
		const w = new d.KeyWindow();
		expect(d.dedupe([a, b, { ...a }], w)).toEqual([a, b]);
		expect(w.size).toBe(2);
		expect(w.has(d.eventKey(a)) && w.has(d.eventKey(b))).toBe(true);
		expect(d.dedupe([b, a], w)).toEqual([]);
		const c = ev('CUSTOMER_CREATED', 'c3');
		expect(d.dedupe([a, c], w)).toEqual([c]);
		expect(w.size).toBe(3);
	});
	test('the process window keeps the newest 10,000 keys: the oldest is forgotten', () => {
		expect(d.SEEN_LIMIT).toBe(10000);
		const w = new d.KeyWindow();
		const all = Array.from({ length: 10001 }, (_, i) => ev('SHIPMENT_CHECK_CALL', `s${i}`));
		// one delivery of 10,001 events: every one is fresh, the window holds the newest 10,000
		expect(d.dedupe(all, w)).toHaveLength(10001);
		expect(w.size).toBe(10000);
		expect(d.dedupe([all[0]], w)).toHaveLength(1); // fell out (and is remembered again now)
		expect(d.dedupe([all[2], all[10000]], w)).toHaveLength(0);
		const small = new d.KeyWindow(2);
		d.dedupe([ev('QUOTE_WON', 'q1'), ev('QUOTE_WON', 'q2')], small);
		expect(d.dedupe([ev('QUOTE_WON', 'q1')], small)).toHaveLength(0);
		d.dedupe([ev('QUOTE_WON', 'q3')], small); // q1, the oldest, is forgotten
		expect(d.dedupe([ev('QUOTE_WON', 'q2')], small)).toHaveLength(0);
		expect(d.dedupe([ev('QUOTE_WON', 'q1')], small)).toHaveLength(1);
	});
	test('process windows are kept per scope and bounded', () => {
		d.clearProcessWindows();
		d.getProcessWindow('wf1:n1').add('k1');
		expect(d.getProcessWindow('wf1:n1').has('k1')).toBe(true);
		expect(d.getProcessWindow('wf2:n1').size).toBe(0);
		for (let i = 0; i < 150; i++) d.getProcessWindow(`wf${i}:x`).add(String(i));
		expect(d.getProcessWindow('wf1:n1').size).toBe(0); // evicted (least recently used)
		expect(d.getProcessWindow('wf149:x').has('149')).toBe(true);
		d.clearProcessWindows();
	});
});
