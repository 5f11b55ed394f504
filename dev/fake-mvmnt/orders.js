'use strict';
/**
 * `/v1/orders` as described by the quickstart and client-keys guides. It is NOT in the OpenAPI spec, so it is
 * never validated: POST (create, draft), GET ?key=K (single object), GET /{id|friendlyId|key}, PATCH (merge).
 */
const { ApiError } = require('./api');
const { deepMerge } = require('./store');
const { isPlainObject } = require('./conform');

const FIELDS = ['id', 'friendlyId', 'key', 'status', 'stops', 'freight', 'createdAt', 'updatedAt'];

function view(order) {
	const out = {};
	for (const k of FIELDS) if (order[k] !== undefined) out[k] = order[k];
	for (const [k, v] of Object.entries(order)) if (!(k in out) && !['object', 'deletedAt'].includes(k)) out[k] = v;
	return out;
}

function find(store, ref) {
	return store.list('orders').find((o) => o.id === ref || o.friendlyId === ref || (o.key !== null && o.key === ref));
}

function duplicate(key) {
	const e = new ApiError(409, 'DUPLICATE_KEY', `An order with key '${key}' already exists`, [{ field: 'key', message: 'must be unique' }]);
	e.code = 'DUPLICATE_KEY';
	return e;
}

/** @returns {{status:number, body:any}} */
function handleOrders(store, { method, path, query, body }) {
	const parts = path.split('/').filter(Boolean); // ['orders', id?]
	const ref = parts[1] === undefined ? undefined : decodeURIComponent(parts[1]);
	if (parts.length > 2) throw new ApiError(404, 'not_found', `No route ${method} /v1${path}`);
	if (method === 'POST' && !ref) {
		if (!isPlainObject(body)) throw new ApiError(400, 'validation_error', 'Request validation failed', [{ field: 'body', message: 'must be a JSON object' }]);
		if (body.key !== undefined && body.key !== null && store.keyOwner('orders', body.key)) throw duplicate(body.key);
		const order = store.insert('orders', { ...body, status: body.status || 'draft' }, { friendlyPrefix: 'ORD', object: 'ORDER' });
		return { status: 201, body: view(order) };
	}
	if (method === 'GET' && !ref) {
		if (query.key === undefined) throw new ApiError(400, 'validation_error', 'Request validation failed', [{ field: 'key', message: 'query parameter key is required' }]);
		const order = store.list('orders').find((o) => o.key === query.key);
		if (!order) throw new ApiError(404, 'not_found', `Order with key '${query.key}' not found`);
		return { status: 200, body: view(order) };
	}
	const order = ref && find(store, ref);
	if (!order) throw new ApiError(404, 'not_found', `Order '${ref}' not found`);
	if (method === 'GET') return { status: 200, body: view(order) };
	if (method === 'PATCH') {
		if (body && body.key !== undefined && body.key !== null && store.keyOwner('orders', body.key, order.id)) throw duplicate(body.key);
		store.update(order, deepMerge({}, body || {}));
		return { status: 200, body: view(order) };
	}
	throw new ApiError(405, 'method_not_allowed', `${method} is not supported on /v1/orders`);
}

module.exports = { handleOrders };
