#!/usr/bin/env node
/*
 * The npm registry these machines reach lacks the other platforms' builds of
 * @unrs/resolver-binding-* (optional deps of the lint toolchain), so `npm
 * install` here writes a lockfile without them and `npm ci` then refuses it.
 * This adds the missing entries (platform-tagged, never fetched on Linux x64).
 * Run it after any `npm install` that rewrites package-lock.json.
 */
const fs = require('fs');
const path = require('path');

const file = path.resolve(__dirname, '../package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const resolver = lock.packages['node_modules/unrs-resolver'];
let added = 0;
for (const [name, version] of Object.entries(resolver?.optionalDependencies ?? {})) {
	const key = `node_modules/${name}`;
	if (lock.packages[key]) continue;
	const [os, cpu, abi] = name.replace('@unrs/resolver-binding-', '').split('-');
	const entry = { version, cpu: [os === 'wasm32' ? 'wasm32' : cpu], dev: true, optional: true };
	if (os !== 'wasm32') entry.os = [os];
	if (/musl/.test(abi ?? '')) entry.libc = ['musl'];
	else if (/gnu/.test(abi ?? '')) entry.libc = ['glibc'];
	lock.packages[key] = entry;
	added++;
}
const keys = Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
lock.packages = Object.fromEntries(keys.map((k) => [k, lock.packages[k]]));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
