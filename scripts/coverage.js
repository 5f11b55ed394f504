#!/usr/bin/env node
/*
 * Compares the built node's operation catalog with MVMNT's OpenAPI:
 * every spec operation (method + path) must have a catalog entry.
 *   npm run coverage    → prints `covered N/176`, lists what is missing, exit 1 if any
 */
const path = require('path');
const { load } = require('./gen-catalog');

const ROOT = path.resolve(__dirname, '..');
const { OPERATIONS } = require(path.join(ROOT, 'dist/nodes/foundation/catalog/index.js'));

const spec = load();
const wanted = [];
for (const [p, item] of Object.entries(spec.paths)) {
	for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
		if (item[method]) wanted.push({ key: `${method.toUpperCase()} ${p}`, id: item[method].operationId });
	}
}
const have = new Set(OPERATIONS.map((op) => `${op.method} ${op.path}`));
const missing = wanted.filter((w) => !have.has(w.key));
const extra = OPERATIONS.filter((op) => !wanted.some((w) => w.key === `${op.method} ${op.path}`));
console.log(`covered ${wanted.length - missing.length}/${wanted.length}`);
for (const m of missing) console.log(`missing: ${m.id} (${m.key})`);
if (extra.length) console.log(`beyond the spec: ${extra.map((op) => `${op.resource}.${op.operation}`).join(', ')}`);
process.exit(missing.length ? 1 : 0);
