#!/usr/bin/env node
/*
 * Prints speed and memory numbers for the built node, run through n8n-core's
 * ExecuteContext against the fake MVMNT server on 127.0.0.1 (no targets are
 * asserted here; compare runs by eye or in CI logs).
 *   npm run bench
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-bench-'));
const { startFakeMvmnt } = require('../test/fake-mvmnt');
const { createRig, rl } = require('../test/rig');

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function measure(label, fn) {
	global.gc?.();
	const heap0 = process.memoryUsage().heapUsed;
	const t0 = process.hrtime.bigint();
	const result = await fn();
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	const heap = process.memoryUsage().heapUsed - heap0;
	console.log(`${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms   heap +${mb(Math.max(heap, 0))}   ${result}`);
}

async function main() {
	const t0 = process.hrtime.bigint();
	const { Mvmnt } = require('../dist/nodes/Mvmnt/Mvmnt.node.js');
	const node = new Mvmnt();
	const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
	console.log(`node load + description: ${loadMs.toFixed(0)} ms, ${node.description.properties.length} parameters, ${(JSON.stringify(node.description).length / 1024).toFixed(0)} KiB JSON`);

	const server = await startFakeMvmnt({ validate: false });
	const rig = createRig({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, clientId: 'test-client-id', clientSecret: 'test-client-secret' });
	server.seed('customers', Array.from({ length: 10000 }, (_, i) => ({ name: `Bench ${i}`, status: 'ACTIVE', key: `B-${i}` })));

	await measure('Get Many, Return All, 10,000 customers', async () => {
		const out = await rig.run({ resource: 'customer', operation: 'getAll', returnAll: true });
		return `${out.length} items`;
	});
	const ids = server.records('customers').slice(0, 1000).map((c) => ({ id: c.id }));
	await measure('Get x 1,000 items (sequential, token reused)', async () => {
		const before = server.stats.tokenRequests;
		const out = await rig.run({ resource: 'customer', operation: 'get', customerId: rl('={{ $json.id }}') }, ids);
		return `${out.length} items, ${server.stats.tokenRequests - before} token request(s)`;
	});
	await measure('Create x 500 items', async () => {
		const items = Array.from({ length: 500 }, (_, i) => ({ name: `New ${i}` }));
		const out = await rig.run({ resource: 'customer', operation: 'create', name: '={{ $json.name }}', status: 'NEW' }, items);
		return `${out.length} items`;
	});
	console.log(`rss at end: ${mb(process.memoryUsage().rss)}`);
	await server.close();
	process.exit(0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
