#!/usr/bin/env node
/*
 * Refreshes the project's facts-only contract from MVMNT's published OpenAPI and shows what changed.
 *
 *   npm run contract -- --spec path/to/openapi.yml              # additive changes: written; breaking: refused (exit 1)
 *   npm run contract -- --spec openapi.yml --dry-run            # only report
 *   npm run contract -- --spec openapi.yml --new-node-version   # accept breaking changes for a new node version
 *   npm run contract -- --check                                 # the committed contract holds no prose
 *
 * Options: --contract <file> (default contract/mvmnt-api.contract.json).
 * After a written change, run `npm run catalog` (it prints which node parameters changed).
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const lib = require('./contract-lib');
const { catalogImpact } = require('./gen-catalog');

function arg(name) {
	const i = process.argv.indexOf(name);
	return i === -1 ? undefined : process.argv[i + 1];
}
const has = (name) => process.argv.includes(name);

function main() {
	const contractFile = path.resolve(arg('--contract') || lib.CONTRACT_FILE);
	if (has('--check')) {
		const found = lib.proseKeys(lib.loadContract(contractFile));
		if (found.length) {
			console.error(`contract holds prose at ${found.length} places, e.g. ${found.slice(0, 5).join(', ')}: run npm run contract -- --spec <openapi>`);
			return 1;
		}
		console.log('contract: no prose');
		return 0;
	}
	const specFile = arg('--spec');
	if (!specFile) {
		console.error('usage: npm run contract -- --spec <MVMNT openapi.yml> [--dry-run] [--new-node-version] [--contract <file>]');
		return 2;
	}
	const doc = YAML.parse(fs.readFileSync(specFile, 'utf8'), { maxAliasCount: -1 });
	const old = fs.existsSync(contractFile) ? JSON.parse(fs.readFileSync(contractFile, 'utf8')) : null;
	const nodeVersion = (old && old.contract && old.contract.nodeVersion) || 1;
	const next = lib.deriveContract(doc, { nodeVersion });
	if (!old) {
		if (!has('--dry-run')) lib.writeContract(next, contractFile);
		console.log(`contract: created ${path.relative(process.cwd(), contractFile)} (${Object.keys(next.paths || {}).length} paths)`);
		return 0;
	}
	const { additive, breaking } = lib.diffContracts(old, next);
	console.log(`contract: ${additive.length} additive, ${breaking.length} breaking change(s) against ${path.relative(process.cwd(), contractFile)}`);
	for (const c of additive) console.log(`  additive: ${c}`);
	for (const c of breaking) console.log(`  BREAKING: ${c}`);
	const impact = catalogImpact(old, next);
	if (impact.length) {
		console.log('node parameters this would change:');
		for (const line of impact) console.log(`  ${line}`);
	}
	if (has('--dry-run')) return breaking.length ? 1 : 0;
	if (breaking.length && !has('--new-node-version')) {
		console.error(
			'contract: refused — breaking changes would silently change node version ' +
				`${nodeVersion} for existing workflows. Re-run with --new-node-version to record them for node version ` +
				`${nodeVersion + 1}, then add that version to the MVMNT node (see README, "When MVMNT's API changes").`,
		);
		return 1;
	}
	if (breaking.length) next.contract.nodeVersion = nodeVersion + 1;
	if (!additive.length && !breaking.length && JSON.stringify(old) === JSON.stringify(next)) {
		console.log('contract: unchanged');
		return 0;
	}
	lib.writeContract(next, contractFile);
	console.log(`contract: written (node version ${next.contract.nodeVersion}); now run npm run catalog`);
	return 0;
}

process.exitCode = main();
