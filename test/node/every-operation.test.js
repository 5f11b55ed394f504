/*
 * Issue 3 acceptance: every one of the 176 OpenAPI operations runs through the
 * node's typed fields (not the raw-JSON escape hatch) against the fake MVMNT
 * server with request validation on: 0 violations, every operation returns
 * items, none throws.
 *
 * The operation plan (order, minimal bodies) is shared with the fake server's
 * own every-operation test; this file turns each body into the node
 * parameters a user would set.
 */
const { setup, rl } = require('./setup');
const { runEveryOperation } = require('../fake-mvmnt/operation-plan');
const { OPERATIONS } = require('../../dist/nodes/Mvmnt/catalog/index.js');

jest.setTimeout(120000);

let server;
let rig;

beforeAll(async () => {
	({ server, rig } = await setup());
});

afterAll(async () => {
	await server.close();
});

/** A value as MVMNT takes it → the value of the n8n parameter for that field. */
function toParam(field, value, nested = false) {
	switch (field.type) {
		case 'id':
			return nested ? value : rl(value);
		case 'reference':
			if (nested) return value.id ?? value.key;
			return value.id !== undefined ? rl(value.id) : rl(value.key, 'key');
		case 'json':
			return JSON.stringify(value);
		case 'stringList':
			return value.join(', ');
		case 'object':
			return toCollection(field.fields, value);
		case 'objectList':
			return { entries: value.map((v) => toCollection(field.fields, v)) };
		default:
			return value;
	}
}

function toCollection(fields, values) {
	const out = {};
	for (const [name, value] of Object.entries(values)) {
		const field = fields.find((f) => f.name === name);
		if (!field) throw new Error(`example has a field the catalog lacks: ${name}`);
		out[name] = toParam(field, value, true);
	}
	return out;
}

/** Node parameters for one catalog operation, given the API body and path values. */
function paramsFor(op, body, pathValues) {
	const params = { resource: op.resource, operation: op.operation };
	for (const p of op.pathParams ?? []) {
		const name = p.name === 'id' ? `${op.resource}Id` : p.name;
		params[name] = p.type === 'id' || p.name === 'id' ? rl(pathValues[p.name]) : pathValues[p.name];
	}
	if (op.kind === 'getAll' || op.kind === 'search' || op.pagination === 'cursorQuery') params.limit = 5;
	const collection = op.kind === 'update' ? 'updateFields' : 'additionalFields';
	for (const [name, value] of Object.entries(body ?? {})) {
		if (op.kind === 'search' && name === 'pagination') continue;
		const field = op.body.find((f) => f.name === name);
		if (!field) throw new Error(`${op.operationId}: example field ${name} is not in the catalog`);
		if (field.required) params[name] = toParam(field, value);
		else (params[collection] ??= {})[name] = toParam(field, value, field.type === 'id' || field.type === 'reference');
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

test('all 176 operations run through the node with 0 OpenAPI violations', async () => {
	const catalogOf = (operationId) => OPERATIONS.find((o) => o.operationId === operationId);
	const failures = [];
	const itemsPerOp = {};
	const bodyFor = (specOp, body, ids) => {
		const op = catalogOf(specOp.operationId);
		if (op?.kind !== 'update' || Object.keys(body ?? {}).length) return body;
		return op.operationId === 'updateShipment' ? { customer: { id: ids.customer } } : someUpdate(op);
	};
	const done = await runEveryOperation(
		server,
		async (specOp, { body, path }) => {
			const op = catalogOf(specOp.operationId);
			if (!op) {
				failures.push({ op: specOp.operationId, error: 'no catalog entry' });
				return {};
			}
			try {
				const items = await rig.run(paramsFor(op, body, pathValuesOf(specOp.template, path)));
				itemsPerOp[op.operationId] = items.length;
				if (items.length === 0 && !['getAll', 'search', 'list'].includes(op.kind)) {
					failures.push({ op: op.operationId, error: 'no output item' });
				}
				return items[0]?.json ?? {};
			} catch (error) {
				failures.push({ op: op.operationId, error: error.message });
				return {};
			}
		},
		{ bodyFor },
	);

	expect(failures).toEqual([]);
	expect(server.violations).toEqual([]);
	expect(done.size).toBe(176);
	// list operations over a fresh store may be empty; every other operation produced an item
	const empty = Object.entries(itemsPerOp).filter(([, n]) => n === 0).map(([id]) => id);
	expect(empty.every((id) => ['getAll', 'search', 'list'].includes(catalogOf(id).kind))).toBe(true);
});
