'use strict';
/**
 * Minimal HTTP client for tests against the fake server: fetches a client-credentials token once and
 * calls the API with it. Uses undici's fetch when it loads (undici 8 needs Node >= 22.19), else Node's
 * built-in fetch (which is undici as well).
 */
function loadFetch() {
	try {
		return require('undici').fetch;
	} catch (_) {
		return globalThis.fetch;
	}
}

const fetchImpl = loadFetch();

async function parse(res) {
	const type = res.headers.get('content-type') || '';
	const buf = Buffer.from(await res.arrayBuffer());
	let body = buf;
	if (/json/.test(type) && buf.length) body = JSON.parse(buf.toString('utf8'));
	else if (/^text\//.test(type) || /xml/.test(type)) body = buf.toString('utf8');
	return { status: res.status, headers: Object.fromEntries(res.headers), body, contentType: type };
}

/** POST the token endpoint with a form body */
async function getToken(fake, { clientId = 'test-client-id', clientSecret = 'test-client-secret', grantType = 'client_credentials' } = {}) {
	const form = new URLSearchParams({ grant_type: grantType, client_id: clientId, client_secret: clientSecret });
	return parse(await fetchImpl(fake.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
}

/**
 * @returns {{call: (method:string, path:string, opts?:{body?:any, query?:object, headers?:object, raw?:Buffer|string}) => Promise<{status, headers, body}>, token: () => Promise<string>, reauth: () => Promise<string>}}
 */
function createClient(fake, creds) {
	let token = null;
	async function reauth() {
		const r = await getToken(fake, creds);
		if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${JSON.stringify(r.body)}`);
		token = r.body.access_token;
		return token;
	}
	async function call(method, path, { body, query, headers = {}, raw } = {}) {
		if (!token) await reauth();
		const qs = query ? `?${new URLSearchParams(query)}` : '';
		const url = /^https?:/.test(path) ? path : `${fake.baseUrl}${path}${qs}`;
		const h = { authorization: `Bearer ${token}`, ...headers };
		let payload = raw;
		if (body !== undefined) {
			payload = JSON.stringify(body);
			h['content-type'] = h['content-type'] || 'application/json';
		}
		return parse(await fetchImpl(url, { method, headers: h, body: payload }));
	}
	return { call, reauth, token: async () => token || reauth() };
}

/** plain request without the API token (admin routes, pre-signed URLs) */
async function rawRequest(url, { method = 'GET', headers = {}, body } = {}) {
	const h = { ...headers };
	let payload = body;
	if (body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string') {
		payload = JSON.stringify(body);
		h['content-type'] = 'application/json';
	}
	return parse(await fetchImpl(url, { method, headers: h, body: payload }));
}

module.exports = { createClient, getToken, rawRequest, fetchImpl };
