#!/usr/bin/env node
/*
 * npm run scan: n8n's community-package scanner (@n8n/scan-community-package), offline.
 *
 * The scanner's own `analyzePackageByName` downloads a published version and lints two things:
 *   1. the SOURCE its npm provenance points at, with SOURCE_FILE_PATTERNS
 *      (package.json + {nodes,credentials}/**\/*.{js,ts,json}; tests, scripts, examples, dist and
 *      build configs are never looked at), and
 *   2. the TARBALL, with ['**\/*.js', 'package.json'].
 * This script runs the same `analyzePackage` on the same two things without the registry:
 * this checkout, and the unpacked `npm pack` of it (dist/ must be built: `npm run build`).
 * It also checks the tarball holds only the allowed files (scripts/pack-contents.js).
 * Inline `eslint-disable` comments do not count (allowInlineConfig: false), as in the real scan.
 *
 * Exit 0 when both legs have no finding and the contents are as allowed, 1 otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkPackContents } = require('./pack-contents.js');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json']; // as analyzePackageByName scans the tarball

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-scan-'));
let exitCode = 1;
try {
	exitCode = await main();
} catch (e) {
	console.error(`scan: ${e.stack || e.message}`);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

async function main() {
	if (!fs.existsSync(path.join(REPO, 'dist'))) {
		console.error('scan: dist/ is missing — run `npm run build` first');
		return 1;
	}
	const scannerEntry = path.join(REPO, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (!fs.existsSync(scannerEntry)) {
		console.error('scan: @n8n/scan-community-package is not installed — run `npm ci --ignore-scripts`');
		return 1;
	}
	// The scanner makes a temp dir when it is loaded and never removes it: make it inside ours.
	const savedTmp = process.env.TMPDIR;
	process.env.TMPDIR = work;
	const scanner = await import(pathToFileURL(scannerEntry).href);
	if (savedTmp === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = savedTmp;
	const glob = createRequire(scannerEntry)('fast-glob');
	const scannerVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(scannerEntry), '..', 'package.json'), 'utf8')).version;
	console.log(`scan: @n8n/scan-community-package ${scannerVersion}`);

	let failed = false;

	// ---- 1. sources, as the scanner lints a package's provenance-attested source checkout
	const source = await leg(scanner, glob, 'sources', REPO, scanner.SOURCE_FILE_PATTERNS);
	failed ||= !source;

	// ---- 2. the tarball npm would publish
	const packDir = path.join(work, 'pack');
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(packDir);
	fs.mkdirSync(unpacked);
	const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: REPO,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (pack.status !== 0) {
		console.error(`scan: npm pack failed (exit ${pack.status})\n${pack.stderr}`);
		return 1;
	}
	const tgz = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tgz) {
		console.error(`scan: npm pack produced no tarball\n${pack.stdout}\n${pack.stderr}`);
		return 1;
	}
	const untar = spawnSync('tar', ['-xzf', path.join(packDir, tgz), '-C', unpacked, '--strip-components=1'], { encoding: 'utf8' });
	if (untar.status !== 0) {
		console.error(`scan: tar failed\n${untar.stderr}`);
		return 1;
	}
	const files = walk(unpacked).sort();
	const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	console.log(`scan: ${tgz}: ${files.length} files`);
	for (const f of files) console.log(`  ${f}`);
	const problems = checkPackContents(files, pkg);
	if (problems.length) {
		failed = true;
		console.log(`✖ tarball contents: ${problems.length} problem(s)`);
		for (const p of problems) console.log(`  ${p}`);
	} else {
		console.log('✔ tarball contents: only README.md, LICENSE, package.json and compiled dist/ files; no runtime dependencies');
	}
	const tarball = await leg(scanner, glob, 'tarball', unpacked, TARBALL_FILE_PATTERNS);
	failed ||= !tarball;

	console.log(failed ? 'scan: FAILED' : 'scan: 0 findings (sources and tarball)');
	return failed ? 1 : 0;
}

/** one analyzePackage run; prints the files it covered and its findings; true when it passed */
async function leg(scanner, glob, label, dir, patterns) {
	// the same file selection analyzePackage makes
	const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] });
	const t0 = Date.now();
	const result = await scanner.analyzePackage(dir, patterns);
	const ms = Date.now() - t0;
	if (files.length === 0) {
		console.log(`✖ ${label}: no files matched ${JSON.stringify(patterns)}`);
		return false;
	}
	if (result.passed) {
		console.log(`✔ ${label}: 0 findings in ${files.length} files ${JSON.stringify(patterns)} (${ms} ms)`);
		return true;
	}
	const summary = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(stripAnsi(result.details || ''));
	const count = summary ? `${summary[2]} finding(s)` : 'findings';
	console.log(`✖ ${label}: ${count} in ${files.length} files ${JSON.stringify(patterns)} — ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

function walk(root, rel = '') {
	const out = [];
	for (const ent of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
		const p = rel ? `${rel}/${ent.name}` : ent.name;
		if (ent.isDirectory()) out.push(...walk(root, p));
		else out.push(p);
	}
	return out;
}

function stripAnsi(s) {
	return s.replace(/\u001b\[[0-9;]*m/g, '');
}
