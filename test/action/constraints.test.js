/*
 * Pre-send checks from the contract: every constrained field of every operation (bounds of
 * numbers, whole numbers, text lengths, patterns and formats, the number of list entries), set
 * just outside what MVMNT accepts, is refused with the field named and nothing sent; set just
 * inside, it is sent, and MVMNT's contract (the fake's validator) finds nothing wrong with it.
 */
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { labelOf } = require('../../dist/nodes/foundation/labels.js');
const { paramsFor } = require('../support/plan');
const { useFakeMvmnt } = require('../support/setup');

jest.setTimeout(300000);
const ctx = useFakeMvmnt();
const UUID = '00000000-0000-4000-8000-0000000000c1';
const TIME = '^([01]\\d|2[0-3]):([0-5]\\d)$';

/** a value MVMNT accepts for a field, as small as the contract allows */
function validValue(f) {
	switch (f.type) {
		case 'number':
			return f.min ?? 1;
		case 'boolean':
			return true;
		case 'options':
			return f.options[0];
		case 'multiOptions':
			return f.options.slice(0, Math.max(1, f.minItems ?? 1));
		case 'stringList':
			return Array.from({ length: Math.max(1, f.minItems ?? 1) }, (_, i) => `v${i}`);
		case 'date':
			return '2026-03-02';
		case 'dateTime':
			return '2026-03-02T10:00:00Z';
		case 'id':
			return UUID;
		case 'reference':
			return { id: UUID };
		case 'referenceList':
			return Array.from({ length: Math.max(1, f.minItems ?? 1) }, () => ({ id: UUID }));
		case 'json':
			return {};
		case 'object':
			return minimal(f.fields);
		case 'objectList':
			return Array.from({ length: Math.max(1, f.minItems ?? 1) }, () => minimal(f.fields));
		default:
			return validText(f);
	}
}

function validText(f) {
	if (f.pattern === TIME) return '08:30';
	if (f.format === 'email') return 'ops@example.com';
	if (f.format === 'uri') return 'https://example.com/a';
	if (f.format === 'uuid') return UUID;
	return 'x'.repeat(Math.max(1, f.minLength ?? 1));
}

function minimal(fields) {
	const out = {};
	for (const f of fields ?? []) if (f.required) out[f.name] = validValue(f);
	// an object with no required field still needs one value to be sent at all
	const simple = (fields ?? []).find((f) => ['string', 'number', 'boolean', 'options'].includes(f.type) && !f.pattern && !f.format);
	if (!Object.keys(out).length && simple) out[simple.name] = validValue(simple);
	return out;
}

/** Values just outside and just inside each rule of a field; none where the rule can't be crossed from the form */
function cases(f) {
	const out = [];
	const step = f.integer ? 1 : 0.01;
	if (f.type === 'number') {
		if (f.min !== undefined) out.push({ rule: 'minimum', outside: f.min - step, inside: f.min, says: `must be at least ${f.min}` });
		if (f.max !== undefined) out.push({ rule: 'maximum', outside: f.max + step, inside: f.max, says: `must be at most ${f.max}` });
		if (f.integer) out.push({ rule: 'integer', outside: (f.min ?? 1) + 0.5, inside: (f.min ?? 1) + 1, says: 'must be a whole number' });
	}
	if (f.type === 'string') {
		if (f.maxLength !== undefined) out.push({ rule: 'maxLength', outside: 'x'.repeat(f.maxLength + 1), inside: 'x'.repeat(f.maxLength), says: `takes at most ${f.maxLength} character` });
		// (a text of 0 characters is a field left empty: nothing is sent)
		if (f.minLength > 1) out.push({ rule: 'minLength', outside: 'x'.repeat(f.minLength - 1), inside: 'x'.repeat(f.minLength), says: `needs at least ${f.minLength} character` });
		if (f.pattern === TIME) out.push({ rule: 'pattern', outside: '24:00', inside: '23:59', says: 'must be a time as HH:MM' });
		else if (f.pattern) out.push({ rule: 'pattern', outside: '\u0000', inside: undefined, says: 'must be text matching' });
		if (f.format === 'email') out.push({ rule: 'email', outside: 'ops.example.com', inside: 'ops@example.com', says: 'must be an email address' });
		if (f.format === 'uri') out.push({ rule: 'uri', outside: 'example.com/a', inside: 'https://example.com/a', says: 'must be a web address' });
		if (f.format === 'uuid') out.push({ rule: 'uuid', outside: 'not-a-uuid', inside: UUID, says: 'must be an MVMNT ID' });
	}
	if (['objectList', 'referenceList', 'stringList'].includes(f.type)) {
		const one = validValue({ ...f, minItems: 1 })[0];
		const list = (n) => Array.from({ length: n }, () => one);
		if (f.maxItems !== undefined) out.push({ rule: 'maxItems', outside: list(f.maxItems + 1), inside: list(f.maxItems), says: `takes at most ${f.maxItems} entries` });
		if (f.minItems > 1) out.push({ rule: 'minItems', outside: list(f.minItems - 1), inside: list(f.minItems), says: `needs at least ${f.minItems} entries` });
	}
	return out;
}

/** every constrained field of an operation's body, with its path (lists: their first entry) */
function constrained(fields, path = []) {
	const out = [];
	for (const f of fields ?? []) {
		const here = [...path, f];
		if (cases(f).length) out.push(here);
		if (f.type === 'object' || f.type === 'objectList') out.push(...constrained(f.fields, here));
	}
	return out;
}

/** the minimal body with the field at `path` set to `value` (containers made with their required fields) */
function bodyWith(op, path, value) {
	const body = minimal(op.body);
	let at = body;
	path.forEach((f, i) => {
		if (i === path.length - 1) {
			at[f.name] = value;
			return;
		}
		if (f.type === 'objectList') {
			at[f.name] ??= validValue(f);
			at = at[f.name][0];
		} else {
			at[f.name] ??= minimal(f.fields);
			at = at[f.name];
		}
	});
	return body;
}

/** the API path of a field as the contract validator names it: order.stops[0].notes */
const apiPath = (path) => path.map((f, i) => (i < path.length - 1 && f.type === 'objectList' ? `${f.name}[0]` : f.name)).join('.');

const ops = OPERATIONS.filter((op) => op.body?.length && !['getAll', 'search', 'list', 'report', 'upload', 'download'].includes(op.kind));
const all = ops.flatMap((op) => constrained(op.body).flatMap((path) => cases(path[path.length - 1]).map((c) => ({ op, path, ...c }))));

test('the contract constrains fields of many operations (the check is not vacuous)', () => {
	expect(all.length).toBeGreaterThan(200);
	expect(new Set(all.map((c) => c.op.operationId)).size).toBeGreaterThan(50);
	const rules = new Set(all.map((c) => c.rule));
	for (const rule of ['minimum', 'integer', 'maxLength', 'pattern', 'email', 'maxItems', 'minItems']) expect(rules).toContain(rule);
});

test('just outside: refused with the field named, nothing sent; just inside: sent, and the contract accepts it', async () => {
	const wrong = [];
	let refused = 0;
	let sent = 0;
	for (const c of all) {
		const pathValues = Object.fromEntries((c.op.pathParams ?? []).map((p) => [p.name, UUID]));
		const field = c.path[c.path.length - 1];
		const name = `${c.op.resource}.${c.op.operation} ${apiPath(c.path)} ${c.rule}`;
		// (the entries as the plan lays them out: optional fields under Additional Fields, node version 1.2)
		const params = (value) => ({ ...paramsFor(c.op, bodyWith(c.op, c.path, value), pathValues), ...(c.op.kind === 'upsert' ? { key: 'CONSTRAINT-KEY-1' } : {}) });
		// just outside
		const before = ctx.server.stats.requests.length;
		let error;
		try {
			await ctx.rig.run(params(c.outside), [{}], { typeVersion: 1.2 });
		} catch (e) {
			error = e;
		}
		const leaked = ctx.server.stats.requests.slice(before).filter((r) => r.path.startsWith('/v1/'));
		if (!error) wrong.push(`${name}: not refused`);
		else if (!error.message.includes(labelOf(field.name)) || !error.message.includes(c.says)) wrong.push(`${name}: ${error.message}`);
		else refused++;
		if (leaked.length) wrong.push(`${name}: sent ${leaked.map((r) => `${r.method} ${r.path}`).join(', ')}`);
		if (c.inside === undefined) continue;
		// just inside
		const from = ctx.server.stats.requests.length;
		const violationsBefore = ctx.server.violations.length;
		const out = await ctx.rig.run(params(c.inside), [{}], { typeVersion: 1.2, continueOnFail: true });
		// (Create or Update looks the key up, then creates or updates: any write counts)
		const request = ctx.server.stats.requests.slice(from).find((r) => r.path.startsWith('/v1/') && (c.op.kind === 'upsert' ? r.method !== 'GET' : r.method === c.op.method));
		const said = (out[0]?.json?.error ?? '').toString();
		if (!request) wrong.push(`${name}: inside value not sent (${said})`);
		else sent++;
		const added = ctx.server.violations.splice(violationsBefore);
		const aboutField = added.flatMap((v) => v.errors).filter((e) => e.field === apiPath(c.path));
		if (aboutField.length) wrong.push(`${name}: the contract refuses the inside value: ${aboutField[0].message}`);
	}
	console.log(`constraints: ${all.length} cases over ${new Set(all.map((c) => c.op.operationId)).size} operations: ${refused} refused before sending, ${sent} sent just inside`);
	expect(wrong).toEqual([]);
});

test('the same cases as a JSON body (Send Raw JSON Body, or a model filling one argument): refused naming the field path as MVMNT does, nothing sent; just inside: sent', async () => {
	const wrong = [];
	let refused = 0;
	let sent = 0;
	for (const c of all) {
		const pathValues = Object.fromEntries((c.op.pathParams ?? []).map((p) => [p.name, UUID]));
		const name = `${c.op.resource}.${c.op.operation} ${apiPath(c.path)} ${c.rule}`;
		const params = (value) => ({
			...paramsFor(c.op, {}, pathValues),
			...(c.op.kind === 'upsert' ? { key: 'CONSTRAINT-KEY-1' } : {}),
			useRawJson: true,
			rawJson: JSON.stringify(bodyWith(c.op, c.path, value)),
		});
		const before = ctx.server.stats.requests.length;
		let error;
		try {
			await ctx.rig.run(params(c.outside), [{}], { typeVersion: 1.4 });
		} catch (e) {
			error = e;
		}
		const leaked = ctx.server.stats.requests.slice(before).filter((r) => r.path.startsWith('/v1/') && r.method !== 'GET');
		if (!error) wrong.push(`${name}: not refused`);
		else if (!error.message.includes(`JSON Body › ${apiPath(c.path)}`) || !error.message.includes(c.says)) wrong.push(`${name}: ${error.message}`);
		else refused++;
		if (leaked.length) wrong.push(`${name}: sent ${leaked.map((r) => `${r.method} ${r.path}`).join(', ')}`);
		if (c.inside === undefined) continue;
		const from = ctx.server.stats.requests.length;
		const violationsBefore = ctx.server.violations.length;
		const out = await ctx.rig.run(params(c.inside), [{}], { typeVersion: 1.4, continueOnFail: true });
		const request = ctx.server.stats.requests.slice(from).find((r) => r.path.startsWith('/v1/') && (c.op.kind === 'upsert' ? r.method !== 'GET' : r.method === c.op.method));
		if (!request) wrong.push(`${name}: inside value not sent (${(out[0]?.json?.error ?? '').toString()})`);
		else sent++;
		// (the minimal body goes as written, so only what the contract says about this field counts)
		const aboutField = ctx.server.violations.splice(violationsBefore).flatMap((v) => v.errors).filter((e) => e.field === apiPath(c.path));
		if (aboutField.length) wrong.push(`${name}: the contract refuses the inside value: ${aboutField[0].message}`);
	}
	console.log(`constraints as a JSON body: ${refused} refused before sending, ${sent} sent just inside`);
	expect(wrong).toEqual([]);
});
