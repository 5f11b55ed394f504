'use strict';
/** `npm pack` of this repository into a temp folder, as n8n's Community Nodes would install it. */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const { runLogged, tail, removeAtExit, forget } = require('../processes');
const { REPO } = require('./runtime');

/** removes pack dirs of earlier runs (process 'exit' handlers do not run under jest) */
async function pruneStalePacks(maxAgeMs = 2 * 60 * 60 * 1000) {
	let names = [];
	try {
		names = (await fsp.readdir(os.tmpdir())).filter((n) => n.startsWith('n8n-pack-'));
	} catch (_) {
		return;
	}
	for (const n of names) {
		const d = path.join(os.tmpdir(), n);
		try {
			if (Date.now() - (await fsp.stat(d)).mtimeMs > maxAgeMs) await fsp.rm(d, { recursive: true, force: true });
		} catch (_) {
			/* someone else's, or gone */
		}
	}
}

/** deletes a tarball made by packPackage (and its temp dir); safe once startN8n() has returned */
async function removePack(tgz) {
	if (!tgz) return;
	const dir = path.dirname(tgz);
	if (!path.basename(dir).startsWith('n8n-pack-')) return;
	forget(dir);
	await fsp.rm(dir, { recursive: true, force: true });
}

/** npm pack the repo (must be built) into a temp dir; returns the .tgz path (see removePack) */
async function packPackage({ repoDir = REPO } = {}) {
	if (!fs.existsSync(path.join(repoDir, 'dist'))) {
		throw new Error(`packPackage: ${repoDir}/dist is missing — run \`npm run build\` first`);
	}
	await pruneStalePacks();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-pack-'));
	removeAtExit(dir);
	const res = await runLogged(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
		{ cwd: repoDir, env: process.env, outFile: path.join(dir, 'pack.out'), errFile: path.join(dir, 'pack.err'), timeoutMs: 120000 },
	);
	if (res.code !== 0) throw new Error(`npm pack failed (${res.code}):\n${tail(res.errFile)}`);
	const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error(`npm pack produced no tarball:\n${tail(res.outFile)}\n${tail(res.errFile)}`);
	return path.join(dir, tgz);
}

module.exports = { packPackage, removePack };
