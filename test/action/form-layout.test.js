/*
 * The create and update forms read like a dispatcher's screen (node version 1.3): walked for every
 * operation, as n8n shows them, they have labels n8n shows uncut, no header repeating its parent,
 * entries titled one by one, every field MVMNT requires in view without opening Additional
 * Fields, and at most three levels for quotes, shipments, loads and orders. Saved workflows of
 * version 1.2, whose stops keep location, address and dates under Additional Fields, load and
 * send the same as before.
 */
const { NodeHelpers } = require('n8n-workflow');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { FORMS_SINCE } = require('../../dist/nodes/Mvmnt/fields/index.js');
const { singularOf } = require('../../dist/nodes/foundation/labels.js');
const { useFakeMvmnt, apiRequests, rl } = require('../support/setup');

const description = new Mvmnt().description;
const VERSION = Math.max(...description.version);
/** n8n shows a nested label in full up to about this many characters (the label column of a nested form) */
const NESTED_LABEL_MAX = 20;
/** a top-level label has the panel's whole width */
const TOP_LABEL_MAX = 32;
const FORM_KINDS = ['create', 'update', 'upsert', 'action'];
const SHALLOW = ['quote', 'shipment', 'load', 'order'];

const node = { typeVersion: VERSION, parameters: {} };
const shows = (values, p, version = VERSION) =>
	NodeHelpers.displayParameter(values, p, { ...node, typeVersion: version }, description);

/** The parameters n8n shows for an operation (the form, not raw JSON). */
function shownFor(op) {
	const values = { resource: op.resource, operation: op.operation, useRawJson: false };
	return description.properties.filter((p) => shows(values, p));
}

const EXTRAS = ['additionalFields', 'updateFields'];

/**
 * Every parameter of a form as n8n lays it out, for the newest node version: `trail` holds the
 * labels of the containers above it (collections, lists), `path` the API names (Additional and
 * Update Fields and list entries left out), `extras` whether it sits in Additional or Update
 * Fields of its own record or entry, `added` whether it shows without being added (an entry's
 * values, a collection's pre-added fields, the top level).
 */
function walk(props, visit, trail = [], path = [], extras = false, added = true) {
	for (const p of props) {
		if (!shows({}, { ...p, displayOptions: { show: { '@version': p.displayOptions?.show?.['@version'] ?? [{ _cnd: { gte: 0 } }] } } })) continue;
		const isExtras = EXTRAS.includes(p.name) && p.type === 'collection';
		if (!isExtras) visit(p, { trail, path: [...path, p.name], extras, added });
		const here = isExtras ? trail : [...trail, p.displayName];
		const inner = isExtras ? path : [...path, p.name];
		if (p.type === 'collection') {
			const preAdded = new Set(Object.keys(p.default ?? {}));
			for (const o of p.options) walk([o], visit, isExtras ? here : [...trail, p.displayName], inner, isExtras, !isExtras && preAdded.has(o.name));
		}
		if (p.type === 'fixedCollection') {
			for (const o of p.options) {
				visit({ displayName: o.displayName, name: o.name, type: 'entryHeader', parent: p }, { trail: here, path: inner, extras, added });
				walk(o.values, visit, here, inner, false, true);
			}
		}
	}
}

const formOps = OPERATIONS.filter((op) => FORM_KINDS.includes(op.kind) && op.body?.length);

test('labels n8n shows uncut: nested at most 20 characters, top level at most 32', () => {
	const long = new Set();
	for (const op of formOps) {
		walk(shownFor(op), (p, trail) => {
			const max = trail.length ? NESTED_LABEL_MAX : TOP_LABEL_MAX;
			if (p.displayName.length > max) long.add(`${op.resource}.${op.operation}: ${[...trail, p.displayName].join(' › ')}`);
		});
	}
	expect([...long]).toEqual([]);
	expect(formOps.length).toBeGreaterThan(60);
});

test('no header repeats its parent; list entries are titled one by one (Stop, numbered by n8n: Stop 1, Stop 2…)', () => {
	const repeats = [];
	const lists = [];
	for (const op of formOps) {
		walk(shownFor(op), (p, trail) => {
			const parent = trail[trail.length - 1];
			// a list's single kind of entry has no header of its own (n8n titles the entries: Equipment 1, Equipment 2)
			const titled = p.type === 'entryHeader' && p.parent.options.length === 1;
			if (parent !== undefined && p.displayName === parent && !titled) repeats.push(`${op.resource}.${op.operation}: ${[...trail, p.displayName].join(' › ')}`);
			if (p.type === 'entryHeader' && p.name === 'entries') {
				lists.push(p);
				expect(p.displayName).toBe(singularOf(p.parent.displayName));
				expect(p.parent.placeholder).toMatch(new RegExp(`^Add ${p.displayName}\\b`));
			}
		});
	}
	expect(repeats).toEqual([]);
	expect(lists.length).toBeGreaterThan(20);
	const stops = description.properties.find((p) => p.name === 'order' && p.displayOptions?.show?.resource?.includes('quote')).options.find((o) => o.name === 'stops');
	expect(stops).toMatchObject({ placeholder: 'Add Stop (at least 2)', hint: 'At least 2 stops: the first stop is the pickup, the last the delivery' });
	expect(stops.options[0].displayName).toBe('Stop');
});

test('every field MVMNT requires is in view without opening Additional Fields; required choices say so', () => {
	const wrong = [];
	let required = 0;
	for (const op of formOps.filter((o) => o.kind !== 'update')) {
		const seen = new Map();
		walk(shownFor(op), (p, at) => {
			if (p.type === 'entryHeader') return;
			const key = at.path.join('.');
			seen.set(key, [...(seen.get(key) ?? []), { p, ...at }]);
		});
		// the catalog's required fields, at every depth, where the form shows them
		const check = (fields, path) => {
			for (const f of fields ?? []) {
				const here = [...path, f.name];
				const shown = seen.get(here.join('.')) ?? [];
				if (f.required && path.length) {
					required++;
					if (!shown.length) wrong.push(`${op.resource}.${op.operation}: ${here.join('.')} not in the form`);
					for (const { p, extras, added } of shown) {
						if (extras || !added) wrong.push(`${op.resource}.${op.operation}: ${here.join('.')} ${extras ? 'under Additional Fields' : 'not pre-added'}`);
						// a required choice says so before the run
						if (p.type === 'options' && p.default === '' && !/^Choose one: /.test(p.placeholder ?? '')) wrong.push(`${op.resource}.${op.operation}: ${here.join('.')} does not say it must be chosen`);
					}
				}
				if (f.fields && shown.length && shown[0].p.type !== 'json') check(f.fields, here);
			}
		};
		check(op.body, []);
	}
	expect(wrong).toEqual([]);
	expect(required).toBeGreaterThan(50);
	// an order's Mode, Stops, Freight and Equipment are there when the form opens; a stop starts with its essentials
	const order = shownFor({ resource: 'quote', operation: 'create' }).find((p) => p.name === 'order');
	expect(Object.keys(order.default)).toEqual(['mode', 'stops', 'freight', 'equipment']);
	const stop = order.options.find((o) => o.name === 'stops').options[0].values;
	expect(stop.filter((v) => shows({}, v)).map((v) => v.name).slice(0, 5)).toEqual(['type', 'location', 'address', 'requestedStartDate', 'requestedEndDate']);
});

test('at most three levels for quotes, shipments, loads and orders', () => {
	const deep = [];
	for (const op of formOps.filter((o) => SHALLOW.includes(o.resource))) {
		walk(shownFor(op), (p, trail) => {
			if (p.type === 'entryHeader') return;
			if (trail.length > 3) deep.push(`${op.resource}.${op.operation}: ${[...trail, p.displayName].join(' › ')}`);
		});
	}
	expect(deep).toEqual([]);
});

test('Send Raw JSON Body comes after the form, not between its parts', () => {
	for (const op of formOps) {
		const names = shownFor(op).map((p) => p.name);
		const raw = names.indexOf('useRawJson');
		const lastForm = Math.max(...['additionalFields', 'updateFields', ...op.body.map((f) => f.name)].map((n) => names.lastIndexOf(n)));
		expect(raw).toBeGreaterThan(lastForm);
	}
});

describe('saved workflows of node version 1.2 load and send the same', () => {
	const ctx = useFakeMvmnt();

	const stop = (type, extra) => ({ type, additionalFields: extra });
	/** the same entry as a 1.3 form holds it: the essentials beside Type, the extras (notes) still under Additional Fields */
	const ESSENTIALS = ['location', 'address', 'requestedStartDate', 'requestedEndDate'];
	const toNewLayout = (s) => {
		const extras = Object.fromEntries(Object.entries(s.additionalFields).filter(([k]) => !ESSENTIALS.includes(k)));
		const top = Object.fromEntries(Object.entries(s.additionalFields).filter(([k]) => ESSENTIALS.includes(k)));
		return { type: s.type, ...top, ...(Object.keys(extras).length ? { additionalFields: extras } : {}) };
	};
	const quote = (customerId, stops, layout) => ({
		resource: 'quote',
		operation: 'create',
		customer: rl(customerId),
		order: {
			mode: 'TL',
			stops: { entries: layout === 'new' ? stops.map(toNewLayout) : stops },
		},
	});

	test('stops with location, address and dates under Additional Fields (1.2) and in the entry (1.3) send one body', async () => {
		expect(FORMS_SINCE).toBe(1.3);
		const customer = (await ctx.rig.run({ resource: 'customer', operation: 'create', name: 'Layout Test Customer', status: 'ACTIVE' }, [{}], { typeVersion: VERSION }))[0].json;
		const location = (await ctx.rig.run({ resource: 'location', operation: 'create', name: 'Dock 7', address: { line1: '1 Dock Rd', city: 'Reno', country: 'US', market: 'NV' } }, [{}], { typeVersion: VERSION }).catch(() => [{ json: {} }]))[0].json;
		const stops = [
			stop('PICKUP', { ...(location.id ? { location: rl(location.id) } : { address: { line1: '9 Mill St', city: 'Reno', country: 'US', market: 'NV' } }), requestedStartDate: '2026-03-02', notes: 'dock 4' }),
			stop('DELIVERY', { address: { line1: '1 Main St', city: 'Austin', country: 'US', market: 'TX' }, requestedEndDate: '2026-03-04' }),
		];
		const bodies = [];
		for (const [version, layout] of [[1.2, 'old'], [VERSION, 'new']]) {
			const from = ctx.server.stats.requests.length;
			await ctx.rig.run(quote(customer.id, stops, layout), [{}], { typeVersion: version });
			bodies.push(apiRequests(ctx.server, from).find((r) => r.method === 'POST' && r.path === '/v1/quotes').body);
		}
		expect(bodies[0]).toEqual(bodies[1]);
		expect(bodies[0].order.stops[1]).toEqual({ type: 'DELIVERY', address: { line1: '1 Main St', city: 'Austin', country: 'US', market: 'TX' }, requestedEndDate: '2026-03-04' });
		expect(bodies[0].order.stops[0]).toMatchObject({ type: 'PICKUP', requestedStartDate: '2026-03-02', notes: 'dock 4' });
	});

	test('n8n keeps a 1.2 node\'s Additional Fields values when it loads the workflow, and shows them there', () => {
		const saved = quote('c-1', [stop('PICKUP', { address: { line1: '9 Mill St', city: 'Reno', country: 'US', market: 'NV' }, requestedStartDate: '2026-03-02' })], 'old');
		const old = { ...node, typeVersion: 1.2 };
		const loaded = NodeHelpers.getNodeParameters(description.properties, saved, false, false, old, description);
		expect(loaded.order.stops.entries[0].additionalFields).toEqual({ address: { line1: '9 Mill St', city: 'Reno', country: 'US', market: 'NV' }, requestedStartDate: '2026-03-02' });
		// a 1.2 entry shows no top-level Address; a 1.3 entry does, and no Address under Additional Fields
		const stopValues = description.properties.find((p) => p.name === 'order' && p.displayOptions?.show?.resource?.includes('quote')).options.find((o) => o.name === 'stops').options[0].values;
		const topNames = (version) => stopValues.filter((v) => shows({}, v, version)).map((v) => v.name);
		expect(topNames(1.2)).toEqual(['type', 'additionalFields']);
		expect(topNames(VERSION)).toEqual(expect.arrayContaining(['type', 'location', 'address', 'requestedStartDate', 'requestedEndDate', 'additionalFields']));
		const extras = (version) => stopValues.find((v) => v.name === 'additionalFields' && shows({}, v, version)).options.filter((o) => shows({}, o, version)).map((o) => o.name);
		expect(extras(1.2)).toEqual(expect.arrayContaining(['location', 'address', 'requestedStartDate', 'notes']));
		expect(extras(VERSION)).not.toContain('address');
		expect(extras(VERSION)).toContain('notes');
	});
});
