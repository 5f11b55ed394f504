/*
 * Turns the fake MVMNT's operation plan (every operation in a valid order, with example bodies)
 * into the node parameters a user would set through the forms, following the node's own form
 * rules, and runs the whole plan through a rig. Shared by the every-operation, dates and
 * unset-fields tests.
 */
const { runEveryOperation } = require('../../dev/fake-mvmnt/operation-plan');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { keyedShapes, isGroupField, CLEAR_FIELDS, ENTRY_OPTIONAL } = require('../../dist/nodes/Mvmnt/fields/index.js');
const { rl } = require('../../dev/rig');

/** How a pass gives references: by ID, or by the referenced record's client key. */
function refs(mode, ids, keys) {
	const keyOfId = new Map(Object.entries(ids).map(([stem, id]) => [id, keys[stem]]));
	return {
		locator(value) {
			if (typeof value === 'object' && value !== null) return value.key !== undefined ? rl(value.key, 'key') : rl(value.id);
			const key = mode === 'key' ? keyOfId.get(value) : undefined;
			return key !== undefined ? rl(key, 'key') : rl(value);
		},
	};
}

/** A value as MVMNT takes it → the value of the n8n parameter for that field. */
function toParam(field, value, by) {
	switch (field.type) {
		case 'id':
		case 'reference':
			return by.locator(value);
		case 'referenceList':
			return { entries: value.map((v) => ({ reference: by.locator(v) })) };
		case 'json':
			return JSON.stringify(value);
		case 'stringList':
			return value.join(', ');
		case 'object': {
			const shapes = keyedShapes(field);
			if (!shapes) return toCollection(field.fields, value, by);
			const groups = {};
			for (const [key, v] of Object.entries(value)) {
				const i = shapes.findIndex((s) => s.keys.includes(key));
				if (i < 0) throw new Error(`example has a criterion the catalog lacks: ${key}`);
				(groups[`shape${i}`] ??= []).push({ key, ...toEntry(shapes[i].fields, v, by) });
			}
			return groups;
		}
		case 'objectList':
			return { entries: value.map((v) => toEntry(field.fields, v, by)) };
		default:
			return value;
	}
}

function toCollection(fields, values, by) {
	const out = {};
	for (const [name, value] of Object.entries(values)) {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`example has a field the catalog lacks: ${name}`);
		out[name] = toParam(field, value, by);
	}
	return out;
}

/** A list entry: required fields as they are, optional ones under the entry's Additional Fields. */
function toEntry(fields, values, by) {
	const out = {};
	for (const [name, value] of Object.entries(toCollection(fields, values, by))) {
		if (fields.find((f) => f.name === name).required) out[name] = value;
		else (out[ENTRY_OPTIONAL] ??= {})[name] = value;
	}
	return out;
}

/** Node parameters for one catalog operation, given the API body and path values. */
function paramsFor(op, body, pathValues, by = refs('id', {}, {})) {
	const params = { resource: op.resource, operation: op.operation };
	for (const p of op.pathParams ?? []) {
		const name = p.name === 'id' ? `${op.resource}Id` : p.name;
		params[name] = p.type === 'id' || p.name === 'id' ? by.locator(pathValues[p.name]) : pathValues[p.name];
	}
	if (op.kind === 'getAll' || op.kind === 'search' || op.pagination === 'cursorQuery') params.limit = 5;
	// Get Many's filter is built by its condition builder (covered by the filter tests), not by body forms
	if (op.kind === 'getAll') return params;
	const collection = op.kind === 'update' ? 'updateFields' : 'additionalFields';
	for (const [name, value] of Object.entries(body ?? {})) {
		if (op.kind === 'search' && name === 'pagination') continue;
		const field = op.body.find((f) => f.name === name);
		if (!field) throw new Error(`${op.operationId}: example field ${name} is not in the catalog`);
		if (value === null) ((params[collection] ??= {})[CLEAR_FIELDS] ??= []).push(name);
		else if (field.required || isGroupField(field)) params[name] = toParam(field, value, by);
		else (params[collection] ??= {})[name] = toParam(field, value, by);
	}
	return params;
}

/** The examples' minimal PATCH is empty; a user updates at least one field: pick a plain one. */
function someUpdate(op) {
	const plain = ['notes', 'name', 'companyName', 'description', 'reference', 'title', 'driverName', 'phone', 'fileName'];
	const field =
		plain.map((n) => op.body.find((f) => f.name === n && f.type === 'string')).find(Boolean) ??
		op.body.find((f) => f.type === 'boolean') ??
		op.body.find((f) => f.type === 'options');
	if (!field) throw new Error(`${op.operationId}: no simple field to update`);
	if (field.type === 'options') return { [field.name]: field.options[0] };
	return { [field.name]: field.type === 'boolean' ? true : 'Updated by the every-operation test' };
}

/** {id: 'abc', loadId: ...} from a template and its concrete path. */
function pathValuesOf(template, path) {
	const t = template.split('/');
	const p = path.split('/');
	const out = {};
	t.forEach((seg, i) => {
		const m = /^\{(.+)\}$/.exec(seg);
		if (m) out[m[1]] = decodeURIComponent(p[i]);
	});
	return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const catalogOf = (operationId) => OPERATIONS.find((o) => o.operationId === operationId);

/** Every update body with each nullable field cleared (the required ones kept). */
function clearingBody(op, body) {
	const out = {};
	for (const f of op.body) if (f.required && body?.[f.name] !== undefined) out[f.name] = body[f.name];
	for (const f of op.body) if (!f.required && f.nullable) out[f.name] = null;
	return out;
}

/**
 * Runs the whole plan once against `fake`; returns failures, violations per
 * operation (one entry for each operation that ran) and items per operation.
 * `mapBody(op, body)` may change an example body before it becomes parameters;
 * `mapParams(op, params, body)` may change the node parameters made from it;
 * `onSent(op, request, body)` sees the last request of the operation's method.
 */
async function runPass(fake, nodeRig, { full, clear = false, mapBody, mapParams, onSent, runOptions } = {}) {
	const failures = [];
	const violations = {};
	const itemsPerOp = {};
	const byKeyInPath = new Set();
	const bodyFor = (specOp, body, ids) => {
		const op = catalogOf(specOp.operationId);
		if (op?.kind !== 'update' || Object.keys(body ?? {}).length) return body;
		return op.operationId === 'updateShipment' ? { customer: { id: ids.customer } } : someUpdate(op);
	};
	const runOne = async (op, params, body) => {
		const before = fake.violations.length;
		const fromRequest = fake.stats.requests.length;
		try {
			// the plan takes IDs from each answer (a shipment's orders…): whole records, also where Output would simplify them
			const items = await nodeRig.run({ output: 'raw', ...params }, [{}], runOptions);
			itemsPerOp[op.operationId] = items.length;
			// the node sent every field the forms set (top level): nothing dropped, nothing added
			const sent = fake.stats.requests.slice(fromRequest).filter((r) => r.path.startsWith('/v1/') && r.method === op.method).pop();
			if (sent && op.pathParams?.length && !UUID.test(sent.path.split('/').pop())) byKeyInPath.add(op.operationId);
			if (onSent) onSent(op, sent, body);
			if (body && op.kind !== 'getAll' && sent) {
				const names = (o) => Object.keys(o ?? {}).filter((k) => k !== 'pagination').sort();
				// a value equal to MVMNT's documented default is not sent on a create or an action: MVMNT uses it anyway
				const isDefault = (k) => {
					const f = op.body?.find((x) => x.name === k);
					return op.kind !== 'update' && f?.default !== undefined && !f.required && body[k] === f.default;
				};
				const meant = names(body).filter((k) => !isDefault(k));
				if (names(sent.body).join() !== meant.join()) {
					failures.push({ op: op.operationId, error: `sent ${names(sent.body)} for ${meant}` });
				}
			}
			if (items.length === 0 && !['getAll', 'search', 'list'].includes(op.kind)) {
				failures.push({ op: op.operationId, error: 'no output item' });
			}
			return items[0]?.json ?? {};
		} catch (error) {
			failures.push({ op: op.operationId, error: error.message });
			return {};
		} finally {
			violations[op.operationId] = (violations[op.operationId] ?? 0) + fake.violations.length - before;
		}
	};
	const done = await runEveryOperation(
		fake,
		async (specOp, { body, path, ids, keys }) => {
			const op = catalogOf(specOp.operationId);
			if (!op) {
				failures.push({ op: specOp.operationId, error: 'no catalog entry' });
				return {};
			}
			const by = refs(full?.refMode ?? 'id', ids, keys);
			if (mapBody) body = mapBody(op, body);
			const pathValues = pathValuesOf(specOp.template, path);
			let params;
			try {
				params = paramsFor(op, body, pathValues, by);
				if (mapParams) params = mapParams(op, params, body);
			} catch (error) {
				failures.push({ op: op.operationId, error: `test can't map the body: ${error.message}` });
				return {};
			}
			const out = await runOne(op, params, body);
			if (clear && op.kind === 'update' && op.body.some((f) => f.nullable)) {
				const clearing = clearingBody(op, body);
				await runOne(op, paramsFor(op, clearing, pathValues, by), clearing);
			}
			return out;
		},
		{ bodyFor, full },
	);
	return { done, failures, violations, itemsPerOp, byKeyInPath };
}

module.exports = { runPass, paramsFor, toParam, refs, catalogOf };
