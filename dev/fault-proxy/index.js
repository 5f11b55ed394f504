'use strict';
/**
 * A small fault-injecting HTTP proxy for tests: node (rig or real n8n) → proxy → fake MVMNT.
 *
 *   const proxy = await startFaultProxy({ target: fake.url });
 *   // credential: baseUrl = proxy.baseUrl, tokenUrl = proxy.tokenUrl
 *   proxy.inject({ fault: 'cut', match: { method: 'POST', path: /\/customers\/filter$/ }, after: 4, times: 1 });
 *   proxy.seen   // every request as it arrived: { method, url, path, query, fault }
 *
 * Faults apply to matching requests after the first `after` ones, at most `times` times
 * (default 1), and with `every: n` only to every n-th of them:
 *   status       answer `status` (429 with Retry-After: 1) without forwarding
 *   reset        destroy the connection before forwarding (MVMNT never sees the request)
 *   stall        never answer (held until close())
 *   html         answer 200 with an HTML maintenance page, without forwarding
 *   truncate     forward, then answer 200 with the first half of the body (Content-Length matching the half)
 *   cut          forward, then send the headers (full Content-Length) and half the body, and reset
 *   drip         forward, then send the body one byte every `dripMs` (default 1000)
 *   statusAfter  forward (MVMNT acts), then answer `status` (default 500)
 *   (status with `html: true` answers an HTML error page, as a proxy in front of MVMNT would)
 *   resetAfter   forward (MVMNT acts), then destroy the connection
 *   noPageInfo   forward, then drop `pageInfo`/`pagination` from a list answer (valid JSON, wrong shape)
 */
const http = require('http');

const MAINTENANCE = '<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>We&rsquo;ll be back soon</h1></body></html>';

function readAll(stream) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		stream.on('data', (c) => chunks.push(c));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

function matches(rule, req, path) {
	const m = rule.match || {};
	if (m.method && m.method.toUpperCase() !== req.method) return false;
	if (m.path instanceof RegExp) return m.path.test(path);
	if (typeof m.path === 'string') return path.startsWith(m.path);
	return true;
}

async function startFaultProxy({ target, host = '127.0.0.1' } = {}) {
	const upstream = new URL(target);
	const rules = [];
	const seen = [];
	const held = new Set();
	const counts = {};
	let nextId = 1;

	function take(req, path) {
		for (const rule of rules) {
			if (!matches(rule, req, path)) continue;
			rule.matched++;
			if (rule.matched <= rule.after) continue;
			if (rule.applied >= rule.times) continue;
			if (rule.every && (rule.matched - rule.after) % rule.every !== 0) continue;
			rule.applied++;
			return rule;
		}
		return null;
	}

	function forward(req, body) {
		return new Promise((resolve, reject) => {
			const headers = { ...req.headers, host: upstream.host, connection: 'close' };
			const out = http.request(
				{ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false },
				async (res) => {
					try {
						resolve({ status: res.statusCode, headers: res.headers, body: await readAll(res) });
					} catch (e) {
						reject(e);
					}
				},
			);
			out.on('error', reject);
			out.end(body);
		});
	}

	function reply(res, status, headers, body) {
		const h = { ...headers };
		delete h['transfer-encoding'];
		delete h.connection;
		h['content-length'] = Buffer.byteLength(body);
		res.writeHead(status, h);
		res.end(body);
	}

	async function handle(req, res) {
		const u = new URL(req.url, 'http://proxy');
		const entry = { method: req.method, url: req.url, path: u.pathname, query: Object.fromEntries(u.searchParams), fault: null };
		seen.push(entry);
		const body = await readAll(req);
		const rule = take(req, u.pathname);
		if (rule) {
			entry.fault = rule.fault;
			counts[rule.fault] = (counts[rule.fault] || 0) + 1;
		}
		const fault = rule ? rule.fault : null;
		if (fault === 'reset') return req.socket.destroy();
		if (fault === 'stall') {
			held.add(res);
			res.on('close', () => held.delete(res));
			return undefined;
		}
		if (fault === 'status') {
			const status = rule.status || 500;
			// `html: true`: the page a proxy or load balancer in front of MVMNT answers with
			if (rule.html) return reply(res, status, { 'content-type': 'text/html', ...(rule.headers || {}) }, `<html><head><title>${status} ${http.STATUS_CODES[status]}</title></head><body><center><h1>${status} ${http.STATUS_CODES[status]}</h1></center><hr><center>nginx</center></body></html>`);
			const payload = JSON.stringify(rule.body || { error: status === 429 ? 'rate_limit_exceeded' : 'internal_error', message: http.STATUS_CODES[status] });
			return reply(res, status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}), ...(rule.headers || {}) }, payload);
		}
		if (fault === 'html') return reply(res, 200, { 'content-type': 'text/html' }, MAINTENANCE);
		const answer = await forward(req, body);
		entry.status = answer.status;
		if (fault === 'statusAfter') {
			const status = rule.status || 500;
			return reply(res, status, { 'content-type': 'application/json' }, JSON.stringify({ error: 'internal_error', message: 'Internal server error' }));
		}
		if (fault === 'resetAfter') return req.socket.destroy();
		if (fault === 'truncate') return reply(res, 200, answer.headers, answer.body.subarray(0, Math.floor(answer.body.length / 2)));
		if (fault === 'noPageInfo') {
			const json = JSON.parse(answer.body.toString('utf8'));
			delete json.pageInfo;
			delete json.pagination;
			return reply(res, answer.status, answer.headers, JSON.stringify(json));
		}
		if (fault === 'cut' || fault === 'drip') {
			const h = { ...answer.headers };
			delete h['transfer-encoding'];
			h['content-length'] = answer.body.length;
			res.writeHead(answer.status, h);
			if (fault === 'cut') {
				res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => req.socket.destroy());
				return undefined;
			}
			held.add(res);
			let i = 0;
			const timer = setInterval(() => {
				if (i >= answer.body.length || res.destroyed) {
					clearInterval(timer);
					held.delete(res);
					if (!res.destroyed) res.end();
					return;
				}
				res.write(answer.body.subarray(i, i + 1));
				i++;
			}, rule.dripMs || 1000);
			res.on('close', () => {
				clearInterval(timer);
				held.delete(res);
			});
			return undefined;
		}
		return reply(res, answer.status, answer.headers, answer.body);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => {
			if (!res.headersSent) reply(res, 502, { 'content-type': 'application/json' }, JSON.stringify({ error: 'bad_gateway', message: 'fault proxy: upstream failed' }));
			else res.destroy();
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, resolve);
	});
	const url = `http://${host}:${server.address().port}`;

	return {
		url,
		baseUrl: `${url}/v1`,
		tokenUrl: `${url}/oauth2/token`,
		seen,
		counts,
		/** @returns the rule, whose `applied` counts how often it fired */
		inject({ fault, match = {}, after = 0, times = 1, ...rest }) {
			const rule = { id: nextId++, fault, match, after, times, matched: 0, applied: 0, ...rest };
			rules.push(rule);
			return rule;
		},
		clear() {
			rules.length = 0;
			for (const res of held) res.destroy();
			held.clear();
		},
		/** requests seen since `from` (an index into seen), optionally only under /v1 */
		since(from, { api = true } = {}) {
			return seen.slice(from).filter((r) => !api || r.path.startsWith('/v1'));
		},
		close() {
			for (const res of held) res.destroy();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startFaultProxy };
