'use strict';
/**
 * A small, fast MVMNT stand-in for benchmarks: the neutral reference the validating fake server is too
 * slow to be. It answers the few calls the benchmarks make, counts what a rate-limited API cares about,
 * and injects latency and 429 bursts.
 *
 *   POST /oauth2/token                 client credentials → bearer token (counted)
 *   GET  /v1/customers/{id}            one customer (401 without a current token, 404 when unknown)
 *   POST /v1/customers/filter          cursor pages: {pageSize, cursor} → {data, pageInfo}
 *   GET  /__stats  POST /__reset  POST /__config {latencyMs, connectLatencyMs, burst: {ratio, seconds}}  POST /__revoke
 *
 * Counted: requests, records served, token requests, 401s, 429s, TCP connections, the most requests in flight at once.
 *   const s = await startStandin({ customers: 50000 }); s.url, s.baseUrl, s.tokenUrl; await s.close();
 *   node dev/standin/server.js --customers 50000 --port 0     # prints one JSON line with the URLs
 */
const http = require('http');

const RECORD = (i) => ({
	object: 'CUSTOMER',
	id: `c${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`,
	friendlyId: `CUS-${String(i).padStart(6, '0')}`,
	key: `ERP-${i}`,
	name: `Customer ${i} Industrial Supply`,
	status: i % 10 === 0 ? 'INACTIVE' : 'ACTIVE',
	phoneNumber: '+1 214 555 0147',
	website: 'https://customer.example',
	currency: 'USD',
	creditLimit: 250000,
	defaultMargin: 12.5,
	notes: 'Dock 4, appointments required after 14:00. Call ahead for liftgate deliveries.',
	corporateAddress: { line1: `${100 + (i % 900)} Commerce St`, city: 'Dallas', country: 'US', market: 'Dallas, TX' },
	createdAt: '2026-01-05T14:30:00.000Z',
	updatedAt: '2026-06-18T09:12:44.000Z',
	deletedAt: null,
});

function startStandin({ customers = 1000, port = 0, clientId = 'bench-client', clientSecret = 'bench-secret' } = {}) {
	const records = Array.from({ length: customers }, (_, i) => RECORD(i + 1));
	const byId = new Map(records.map((r, i) => [r.id, i]));
	const config = { latencyMs: 0, connectLatencyMs: 0, burst: null };
	let stats;
	let tokens;
	let tokenSeq = 0;
	const reset = () => {
		stats = { requests: 0, served: 0, tokenRequests: 0, unauthorized: 0, rateLimited: 0, connections: 0, inFlight: 0, maxInFlight: 0, inFlightMs: 0, firstAt: 0, lastAt: 0 };
		tokens = new Set();
	};
	reset();
	const delay = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : null);

	const json = (res, status, body, headers = {}) => {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
		res.end(text);
	};

	async function handle(req, res, body) {
		const url = req.url.split('?')[0];
		if (url.startsWith('/__')) {
			if (url === '/__stats') return json(res, 200, { ...stats, customers: records.length, tokensIssued: tokenSeq });
			if (url === '/__reset') return reset(), json(res, 200, {});
			if (url === '/__revoke') return tokens.clear(), json(res, 200, {});
			if (url === '/__config') {
				const c = JSON.parse(body || '{}');
				Object.assign(config, c);
				if (c.burst) config.burst = { ...c.burst, until: Date.now() + c.burst.seconds * 1000 };
				return json(res, 200, config);
			}
			return json(res, 404, {});
		}
		if (url === '/oauth2/token' && req.method === 'POST') {
			stats.tokenRequests++;
			const form = new URLSearchParams(body);
			if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(res, 401, { error: 'invalid_client' });
			const token = `tok-${++tokenSeq}-${Math.random().toString(36).slice(2)}`;
			tokens.add(token);
			return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
		}
		stats.requests++;
		const auth = String(req.headers.authorization || '');
		if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7))) {
			stats.unauthorized++;
			return json(res, 401, { error: 'unauthorized', message: 'Invalid or expired token' });
		}
		const b = config.burst;
		if (b && Date.now() < b.until && Math.random() < b.ratio) {
			stats.rateLimited++;
			return json(res, 429, { error: 'rate_limited', message: 'Too many requests' }, { 'retry-after': '1' });
		}
		const wait = delay(config.latencyMs);
		if (wait) await wait;
		let m;
		if (req.method === 'GET' && (m = /^\/v1\/customers\/([^/]+)$/.exec(url))) {
			const i = byId.get(decodeURIComponent(m[1]));
			if (i === undefined) return json(res, 404, { error: 'not_found', message: 'Customer not found' });
			stats.served++;
			return json(res, 200, records[i]);
		}
		if (req.method === 'POST' && url === '/v1/customers/filter') {
			const q = JSON.parse(body || '{}');
			const size = Math.min(Math.max(Number(q.pageSize) || 50, 1), 250);
			const start = q.cursor ? Number(Buffer.from(String(q.cursor), 'base64url').toString()) : 0;
			const data = records.slice(start, start + size);
			const next = start + size;
			const more = next < records.length;
			stats.served += data.length;
			return json(res, 200, { data, pageInfo: { hasNextPage: more, endCursor: more ? Buffer.from(String(next)).toString('base64url') : null } });
		}
		return json(res, 404, { error: 'not_found', message: `No route ${req.method} ${url}` });
	}

	// the average number of requests in flight between the first request and the last answer
	const tick = () => {
		const now = performance.now();
		if (stats.firstAt === 0) stats.firstAt = now;
		else stats.inFlightMs += stats.inFlight * (now - stats.lastAt);
		stats.lastAt = now;
	};
	const server = http.createServer((req, res) => {
		if (!req.url.startsWith('/__')) {
			tick();
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			res.on('close', () => {
				tick();
				stats.inFlight--;
			});
		}
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => json(res, 500, { error: 'internal', message: e.message }));
		});
	});
	server.keepAliveTimeout = 30000;
	server.on('connection', (socket) => {
		stats.connections++;
		// a stand-in for TCP + TLS set-up to a remote API: the first bytes on a new connection wait
		if (config.connectLatencyMs > 0) {
			socket.pause();
			setTimeout(() => socket.resume(), config.connectLatencyMs);
		}
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}`;
			resolve({
				url,
				baseUrl: `${url}/v1`,
				tokenUrl: `${url}/oauth2/token`,
				clientId,
				clientSecret,
				records,
				stats: () => ({ ...stats, avgInFlight: stats.lastAt > stats.firstAt ? stats.inFlightMs / (stats.lastAt - stats.firstAt) : 0 }),
				reset,
				configure: (c) => {
					Object.assign(config, c);
					if (c.burst) config.burst = { ...c.burst, until: Date.now() + c.burst.seconds * 1000 };
				},
				revoke: () => tokens.clear(),
				close: () =>
					new Promise((r) => {
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}

if (require.main === module) {
	const arg = (n, d) => {
		const i = process.argv.indexOf(n);
		return i === -1 ? d : process.argv[i + 1];
	};
	startStandin({ customers: Number(arg('--customers', 1000)), port: Number(arg('--port', 0)) }).then((s) => {
		console.log(JSON.stringify({ url: s.url, baseUrl: s.baseUrl, tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret }));
		process.on('SIGTERM', () => s.close().then(() => process.exit(0)));
		process.on('SIGINT', () => s.close().then(() => process.exit(0)));
	});
}

module.exports = { startStandin };
