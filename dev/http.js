'use strict';
/** HTTP for the dev tooling: one request, the whole answer read (undici, or the built-in fetch). */
let undiciRequest = null;
try {
	// undici 8 needs Node >= 22.19; fall back to the built-in fetch on older Node
	undiciRequest = require('undici').request;
} catch (_) {
	undiciRequest = null;
}

/** @returns {Promise<{status:number, headers:Object, text:string, json:any}>} */
async function http(method, url, { headers = {}, body } = {}) {
	const h = { ...headers };
	let payload;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
	}
	let status;
	let outHeaders = {};
	let text;
	if (undiciRequest) {
		const res = await undiciRequest(url, { method, headers: h, body: payload });
		status = res.statusCode;
		outHeaders = res.headers;
		text = await res.body.text();
	} else {
		const res = await fetch(url, { method, headers: h, body: payload });
		status = res.status;
		res.headers.forEach((v, k) => {
			outHeaders[k] = v;
		});
		if (typeof res.headers.getSetCookie === 'function') outHeaders['set-cookie'] = res.headers.getSetCookie();
		text = await res.text();
	}
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch (_) {
		json = undefined;
	}
	return { status, headers: outHeaders, text, json };
}

/**
 * n8n 1.x on SQLite answers 503 "Database is not ready!" for a moment while its database is busy
 * (e.g. under 200 concurrent executions): a client asks again, as n8n's own editor does.
 */
async function whenDatabaseReady(request) {
	for (let attempt = 0; ; attempt++) {
		const r = await request();
		if (r.status !== 503 || !/Database is not ready/.test(r.text || '') || attempt >= 20) return r;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

module.exports = { http, whenDatabaseReady };
