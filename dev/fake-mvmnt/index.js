'use strict';
const { drift } = require('./drift');
/**
 * Stateful fake of the MVMNT REST API for tests.
 *
 *   const { startFakeMvmnt } = require('./dev/fake-mvmnt');
 *   const fake = await startFakeMvmnt({ port: 0 });
 *   // fake.baseUrl = http://127.0.0.1:PORT/v1, fake.tokenUrl = http://127.0.0.1:PORT/oauth2/token
 *   ...
 *   expect(fake.violations).toEqual([]);
 *   await fake.close();
 *
 * Every /v1 request (except /v1/orders) is validated against the OpenAPI spec; rejected requests are answered
 * 400 and recorded in `violations`. See README-style notes in the individual modules.
 */
const fs = require('fs');
const http = require('http');
const crypto = require('crypto');
const { loadSpec, defaultSpecPath } = require('./spec');
const { Validator } = require('./openapi');
const { Store } = require('./store');
const { MvmntApi, ApiError } = require('./api');
const { handleOrders } = require('./orders');
const { isPlainObject } = require('./conform');

const MAX_LOG = 5000;
const MAX_BODY = 110 * 1024 * 1024;
const UNAUTHORIZED = { error: 'unauthorized', message: 'Invalid or expired access token' };
const SECRET_FIELDS = /secret|password|token|authorization/i;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function emptyStats() {
	return { tokenRequests: 0, requestCount: 0, requests: [], byRoute: {}, byOperation: {}, uploads: [], downloads: [] };
}

function maskHeaders(headers) {
	const out = {};
	for (const [k, v] of Object.entries(headers)) {
		if (k === 'authorization') out[k] = String(v).replace(/^(\w+)\s+.*$/, '$1 ***');
		else out[k] = v;
	}
	return out;
}

function maskBody(body) {
	if (!isPlainObject(body)) return body;
	return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, SECRET_FIELDS.test(k) && typeof v === 'string' ? '***' : v]));
}

function parseQuery(searchParams) {
	const q = {};
	for (const [k, v] of searchParams) q[k] = k in q ? [].concat(q[k], v) : v;
	return q;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) reject(Object.assign(new Error('body too large'), { status: 413 }));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** string prefix, RegExp, or RegExp source string (detected by regex metacharacters or match.regex) */
function pathMatches(match, paths) {
	if (match.path === undefined || match.path === null) return true;
	if (match.path instanceof RegExp) return paths.some((p) => match.path.test(p));
	const p = String(match.path);
	if (match.regex || /[\^$*+?()[\]|\\]/.test(p)) {
		const re = new RegExp(p);
		return paths.some((x) => re.test(x));
	}
	return paths.some((x) => x.startsWith(p));
}

function problemBody(status, detail, errors) {
	const title = http.STATUS_CODES[status] || 'Error';
	const body = { type: `https://api.mvmnt.io/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`, title, status, detail };
	if (errors) body.errors = errors;
	return body;
}

const DEFAULT_FAULT_BODIES = {
	429: { error: 'rate_limit_exceeded', message: 'Too many requests' },
	500: { error: 'internal_error', message: 'Internal server error' },
	502: { error: 'bad_gateway', message: 'Bad gateway' },
	503: { error: 'service_unavailable', message: 'Service temporarily unavailable' },
	504: { error: 'gateway_timeout', message: 'Gateway timeout' },
};

/**
 * @param {object} [opts]
 * @param {number} [opts.port=0] @param {string} [opts.host='127.0.0.1']
 * @param {string} [opts.clientId='test-client-id'] @param {string} [opts.clientSecret='test-client-secret']
 * @param {number} [opts.tokenTtlSeconds=3600] @param {string} [opts.specPath] @param {boolean} [opts.validate]
 * @param {boolean|function} [opts.log=false] true -> stderr, or a function(line)
 */
async function startFakeMvmnt(opts = {}) {
	const o = {
		port: 0,
		host: '127.0.0.1',
		clientId: 'test-client-id',
		clientSecret: 'test-client-secret',
		tokenTtlSeconds: 3600,
		specPath: defaultSpecPath(),
		log: false,
		...opts,
	};
	const specExists = fs.existsSync(o.specPath);
	const validate = o.validate === undefined ? specExists : Boolean(o.validate) && specExists;
	const spec = specExists ? loadSpec(o.specPath) : null;
	const validator = spec ? Validator.for(spec) : null;
	const store = new Store();
	const files = new Map();
	const tokens = new Map();
	const faults = [];
	const violations = [];
	const responseViolations = [];
	let stats = emptyStats();
	let driftOn = Boolean(o.drift);
	let url = '';
	const api = spec ? new MvmntApi({ spec, store, publicUrl: () => url, files }) : null;
	const logLine = typeof o.log === 'function' ? o.log : o.log ? (l) => process.stderr.write(l + '\n') : null;

	function record(entry) {
		stats.requestCount++;
		const route = `${entry.method} ${entry.template || entry.path}`;
		stats.byRoute[route] = (stats.byRoute[route] || 0) + 1;
		if (entry.operationId) stats.byOperation[entry.operationId] = (stats.byOperation[entry.operationId] || 0) + 1;
		stats.requests.push(entry);
		if (stats.requests.length > MAX_LOG) stats.requests.splice(0, stats.requests.length - MAX_LOG);
		if (logLine) logLine(`${entry.method} ${entry.path} -> ${entry.status}${entry.operationId ? ` (${entry.operationId})` : ''} ${entry.ms}ms`);
	}

	function send(res, status, body, contentType = 'application/json', headers = {}) {
		const payload = body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
		const h = { ...headers };
		if (payload !== undefined) {
			h['Content-Type'] = contentType;
			h['Content-Length'] = Buffer.byteLength(payload);
		}
		res.writeHead(status, h);
		res.end(payload);
		return status;
	}

	function sendError(res, operation, e) {
		const status = e.status || 500;
		if (spec && spec.errorMediaType(operation, status) === 'application/problem+json') {
			return send(res, status, problemBody(status, e.message, e.details), 'application/problem+json');
		}
		const body = { error: e.error || 'internal_error', message: e.message };
		if (e.code) body.code = e.code;
		if (e.details) body.details = e.details;
		return send(res, status, body);
	}

	// ---------------------------------------------------------------- oauth2

	function tokenEndpoint(req, res, raw) {
		stats.tokenRequests++;
		const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
		const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization || '');
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const at = decoded.indexOf(':');
			form.client_id = form.client_id || decodeURIComponent(decoded.slice(0, at));
			form.client_secret = form.client_secret || decodeURIComponent(decoded.slice(at + 1));
		}
		const ct = String(req.headers['content-type'] || '');
		if (!ct.startsWith('application/x-www-form-urlencoded')) {
			return { status: send(res, 400, { error: 'invalid_request', message: 'Content-Type must be application/x-www-form-urlencoded' }), form };
		}
		if (form.grant_type !== 'client_credentials') {
			return { status: send(res, 400, { error: 'invalid_grant', message: `grant_type must be client_credentials (got '${form.grant_type || ''}')` }), form };
		}
		if (form.client_id !== o.clientId || form.client_secret !== o.clientSecret) {
			return { status: send(res, 401, { error: 'invalid_client', message: 'Client authentication failed' }), form };
		}
		const token = crypto.randomBytes(24).toString('base64url');
		tokens.set(token, { expiresAt: Date.now() + o.tokenTtlSeconds * 1000 });
		const status = send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: o.tokenTtlSeconds });
		return { status, form };
	}

	function authorized(req) {
		const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
		const t = m && tokens.get(m[1]);
		return Boolean(t && t.expiresAt > Date.now());
	}

	// ---------------------------------------------------------------- faults

	function takeFault(method, paths, { tokenEndpointOnly = false } = {}) {
		const f = faults.find((x) => {
			const m = x.match || {};
			if (tokenEndpointOnly && (m.path === undefined || m.path === null)) return false;
			return (!m.method || m.method.toUpperCase() === method) && pathMatches(m, paths);
		});
		if (!f) return null;
		f.remaining--;
		if (f.remaining <= 0) faults.splice(faults.indexOf(f), 1);
		return f;
	}

	/** applies a fault; returns the status sent, or null when the request should continue normally */
	async function applyFault(res, f) {
		if (f.delayMs) await sleep(f.delayMs);
		if (!f.status) return null;
		const headers = { ...(f.status === 429 ? { 'Retry-After': '1', 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1) } : {}), ...(f.headers || {}) };
		const base = f.body !== undefined ? f.body : DEFAULT_FAULT_BODIES[f.status] || { error: 'error', message: http.STATUS_CODES[f.status] || 'Error' };
		if (f.problem) {
			const body = f.body !== undefined ? f.body : problemBody(f.status, base.message, f.errors);
			return send(res, f.status, body, 'application/problem+json', headers);
		}
		return send(res, f.status, base, typeof base === 'string' ? 'text/plain' : 'application/json', headers);
	}

	// ---------------------------------------------------------------- pre-signed document URLs

	function fileEndpoint(req, res, kind, id, query, raw) {
		const doc = store.findById(id);
		const hadAuthorization = Boolean(req.headers.authorization);
		const entry = { documentId: id, hadAuthorization, bytes: raw.length, contentType: req.headers['content-type'] || null };
		(kind === 'upload' ? stats.uploads : stats.downloads).push(entry);
		const s3Error = (status, code, message) => send(res, status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, 'application/xml');
		if (!doc || query.signature !== doc.fileToken) return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
		if (hadAuthorization) return s3Error(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
		if (kind === 'upload' && req.method === 'PUT') {
			const ct = String(req.headers['content-type'] || '').split(';')[0].trim();
			entry.contentTypeMatched = !doc.contentType || ct === doc.contentType;
			if (!entry.contentTypeMatched) return s3Error(403, 'SignatureDoesNotMatch', `Content-Type '${ct}' does not match the signed content type '${doc.contentType}'`);
			files.set(id, { bytes: raw, contentType: doc.contentType || ct });
			api.update(doc, { status: 'UPLOADED', fileSize: raw.length, uploadUrl: null });
			doc.downloadUrl = api.fileUrl('download', doc);
			return send(res, 200, '', 'text/plain', { ETag: `"${crypto.createHash('md5').update(raw).digest('hex')}"` });
		}
		if (kind === 'download' && (req.method === 'GET' || req.method === 'HEAD')) {
			const f = files.get(id);
			if (!f) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
			return send(res, 200, req.method === 'HEAD' ? undefined : f.bytes, f.contentType || 'application/octet-stream');
		}
		return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
	}

	// ---------------------------------------------------------------- /v1

	async function apiEndpoint(req, res, ctx, entry) {
		if (!authorized(req)) return send(res, 401, UNAUTHORIZED, 'application/json', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
		const fault = takeFault(ctx.method, [ctx.fullPath, ctx.path]);
		if (fault) {
			const sent = await applyFault(res, fault);
			if (sent) return sent;
		}
		if (ctx.path === '/orders' || ctx.path.startsWith('/orders/')) {
			const r = handleOrders(store, ctx);
			return send(res, r.status, r.body);
		}
		if (!spec) return send(res, 404, { error: 'not_found', message: `No route ${ctx.method} ${ctx.fullPath}` });
		const check = validator.check({ method: ctx.method, path: ctx.path, query: ctx.query, body: ctx.body, rawBody: ctx.raw, contentType: ctx.contentType });
		if (check.operation) {
			entry.operationId = check.operation.operationId;
			entry.template = `/v1${check.operation.template}`;
		}
		if (validate && check.errors.length) {
			violations.push({ method: ctx.method, path: ctx.fullPath, query: ctx.query, operationId: entry.operationId, errors: check.errors, at: new Date().toISOString() });
			if (!check.operation) return send(res, 404, { error: 'not_found', message: check.errors[0].message });
			return sendError(res, check.operation, new ApiError(400, 'validation_error', 'Request validation failed', check.errors));
		}
		if (!check.operation) return send(res, 404, { error: 'not_found', message: check.errors[0].message });
		let r;
		try {
			r = await api.handle({ ...ctx, operation: check.operation, params: check.params });
		} catch (e) {
			if (e instanceof ApiError) return sendError(res, check.operation, e);
			throw e;
		}
		if (validate && r.body !== undefined && String(r.contentType).includes('json')) {
			const errors = validator.validateResponse(check.operation, r.status, 'application/json', r.body);
			if (errors.length) responseViolations.push({ method: ctx.method, path: ctx.fullPath, operationId: entry.operationId, status: r.status, errors });
		}
		// drift mode: a newer MVMNT than the spec (after the answer was checked against the spec)
		if (driftOn && r.status < 300 && r.body !== undefined && String(r.contentType).includes('json')) r = { ...r, body: drift(r.body) };
		return send(res, r.status, r.body, r.contentType, r.headers);
	}

	// ---------------------------------------------------------------- admin

	const handle = {
		url: '',
		baseUrl: '',
		tokenUrl: '',
		get stats() {
			return stats;
		},
		violations,
		responseViolations,
		spec,
		/** all current tokens become expired (the next API call answers 401) */
		expireTokens() {
			for (const t of tokens.values()) t.expiresAt = 0;
			return tokens.size;
		},
		/** forget all tokens */
		revokeTokens() {
			const n = tokens.size;
			tokens.clear();
			return n;
		},
		/** @returns {string} fault id */
		inject(fault) {
			const f = { id: crypto.randomUUID(), match: {}, ...fault, remaining: fault.times === undefined ? 1 : fault.times };
			faults.push(f);
			return f.id;
		},
		clearFaults() {
			faults.length = 0;
		},
		get faults() {
			return faults.map((f) => ({ ...f, match: { ...f.match, path: f.match.path instanceof RegExp ? f.match.path.source : f.match.path } }));
		},
		/** inserts records as-is (no validation); system fields are added when missing */
		seed(collection, records = []) {
			return records.map((r) => (api && spec.collections[collection] ? api.insert(collection, { ...r }) : store.insert(collection, { ...r })));
		},
		/** inserts `count` records from one template ({{i}} = 1..count), quickly enough for 250,000 */
		seedMany(collection, count, template = {}) {
			const make = (i) => expandTemplate(template, i);
			if (api && spec.collections[collection]) return api.insertMany(collection, count, make);
			return Array.from({ length: count }, (_, i) => store.insert(collection, make(i + 1)));
		},
		/** the clock writes are stamped with: see Store#setClock (null = the default, strictly increasing) */
		setClock(clock) {
			return store.setClock(clock);
		},
		/** the order of filter answers: 'creation' (default) or 'scrambled' (stable, unrelated to time; the API promises no order) */
		setListOrder(order, seed = 1) {
			store.listOrder = order === 'scrambled' ? { scrambled: seed } : undefined;
			return order;
		},
		/** raw stored records of a collection (including soft-deleted ones) */
		records(collection) {
			return store.list(collection);
		},
		/** clears records, files, faults, violations and stats (issued tokens stay valid) */
		reset() {
			store.reset();
			files.clear();
			faults.length = 0;
			violations.length = 0;
			responseViolations.length = 0;
			stats = emptyStats();
		},
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};

	function expandTemplate(value, i) {
		if (typeof value === 'string') return value.replace(/\{\{i\}\}/g, String(i));
		if (Array.isArray(value)) return value.map((v) => expandTemplate(v, i));
		if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTemplate(v, i)]));
		return value;
	}

	function adminEndpoint(req, res, path, body, query) {
		const route = `${req.method} ${path.replace(/^\/__admin/, '')}`;
		const recordsMatch = /^GET \/records\/([^/]+)$/.exec(route);
		if (recordsMatch) return send(res, 200, handle.records(decodeURIComponent(recordsMatch[1])));
		switch (route) {
			case 'GET /stats': {
				// ?limit=N returns only the last N logged requests (0 = counters only), for cheap polling
				const limit = query.limit === undefined ? undefined : Number(query.limit);
				return send(res, 200, limit === undefined ? stats : { ...stats, requests: limit > 0 ? stats.requests.slice(-limit) : [] });
			}
			case 'GET /violations':
				return send(res, 200, violations);
			case 'GET /response-violations':
				return send(res, 200, responseViolations);
			case 'POST /expire-tokens':
				return send(res, 200, { expired: handle.expireTokens() });
			case 'POST /revoke-tokens':
				return send(res, 200, { revoked: handle.revokeTokens() });
			case 'GET /faults':
				return send(res, 200, handle.faults);
			case 'POST /faults':
				return send(res, 201, { id: handle.inject(body || {}) });
			case 'DELETE /faults':
				handle.clearFaults();
				return send(res, 204);
			case 'POST /seed': {
				const b = body || {};
				if (!b.collection) return send(res, 400, { error: 'validation_error', message: 'collection is required' });
				const created = b.records ? handle.seed(b.collection, b.records) : handle.seedMany(b.collection, Number(b.count) || 0, b.template || {});
				// ids of very large seeds would make a huge answer: ask with "ids": true to get them anyway
				const ids = created.length <= 10000 || b.ids === true ? created.map((r) => r.id) : undefined;
				return send(res, 201, { count: created.length, ...(ids ? { ids } : {}) });
			}
			case 'POST /clock':
				try {
					return send(res, 200, { clock: handle.setClock(body && Object.keys(body).length ? body : null) });
				} catch (e) {
					return send(res, 400, { error: 'validation_error', message: e.message });
				}
			case 'POST /list-order':
				return send(res, 200, { order: handle.setListOrder(body && body.order, body && body.seed) });
			case 'POST /drift':
				driftOn = body?.on !== false;
				return send(res, 200, { drift: driftOn });
			case 'POST /reset':
				handle.reset();
				return send(res, 200, { ok: true });
			default:
				return send(res, 404, { error: 'not_found', message: `No admin route ${route}` });
		}
	}

	// ---------------------------------------------------------------- dispatcher

	async function dispatch(req, res) {
		const started = Date.now();
		const u = new URL(req.url, 'http://fake');
		const fullPath = u.pathname.replace(/\/+$/, '') || '/';
		const query = parseQuery(u.searchParams);
		const entry = { method: req.method, path: fullPath, query, headers: maskHeaders(req.headers), body: undefined, status: 0, at: new Date(started).toISOString() };
		let raw = Buffer.alloc(0);
		try {
			raw = await readBody(req);
			const contentType = req.headers['content-type'] || '';
			let body;
			if (raw.length && /json/i.test(contentType)) {
				try {
					body = JSON.parse(raw.toString('utf8'));
				} catch (_) {
					body = undefined;
				}
			}
			entry.body = fullPath.startsWith('/__files/') ? { bytes: raw.length } : body !== undefined ? maskBody(body) : raw.length ? raw.toString('utf8').slice(0, 2000) : undefined;
			if (fullPath.startsWith('/__admin')) {
				entry.status = adminEndpoint(req, res, fullPath, body, query);
				return; // admin calls are not part of the request log
			}
			const file = /^\/__files\/(upload|download)\/([^/]+)$/.exec(fullPath);
			if (file) {
				entry.status = fileEndpoint(req, res, file[1], file[2], query, raw);
			} else if (fullPath === '/oauth2/token' && req.method === 'POST') {
				const f = takeFault(req.method, [fullPath], { tokenEndpointOnly: true });
				const sent = f ? await applyFault(res, f) : null;
				if (sent) entry.status = sent;
				else {
					const r = tokenEndpoint(req, res, raw);
					entry.status = r.status;
					entry.body = maskBody(r.form);
					entry.clientAuth = /^Basic\s/i.test(req.headers.authorization || '') ? 'basic' : 'body';
				}
			} else if (fullPath === '/v1' || fullPath.startsWith('/v1/')) {
				const ctx = { method: req.method, fullPath, path: fullPath.slice(3) || '/', query, headers: req.headers, body, raw, contentType };
				entry.status = await apiEndpoint(req, res, ctx, entry);
			} else {
				entry.status = send(res, 404, { error: 'not_found', message: `No route ${req.method} ${fullPath}` });
			}
		} catch (e) {
			if (!(e instanceof ApiError) && logLine) logLine(`fake-mvmnt internal error: ${e.stack}`);
			entry.status = res.headersSent ? entry.status : sendError(res, null, e instanceof ApiError ? e : Object.assign(e, { status: e.status || 500, error: 'internal_error' }));
		} finally {
			if (!fullPath.startsWith('/__admin')) {
				entry.ms = Date.now() - started;
				record(entry);
			}
		}
	}

	const server = http.createServer((req, res) => {
		dispatch(req, res).catch((e) => {
			if (!res.headersSent) send(res, 500, { error: 'internal_error', message: e.message });
		});
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port, o.host, resolve);
	});
	const addr = server.address();
	url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${addr.port}`;
	Object.assign(handle, { url, baseUrl: `${url}/v1`, tokenUrl: `${url}/oauth2/token`, validate, server });
	return handle;
}

module.exports = { startFakeMvmnt };
