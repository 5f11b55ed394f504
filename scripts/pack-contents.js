'use strict';
/**
 * What the published tarball may contain, shared by `npm run scan` (scripts/scan.mjs) and the
 * real-n8n package test (test/e2e/package.test.js):
 *   README.md, LICENSE, package.json, and under dist/ only the compiled nodes and credentials
 *   (*.js), their icons (*.svg / *.png) and the nodes' codex files (*.node.json).
 * No sources, source maps, declarations, build info or tests; no runtime dependencies; every
 * node and credential that package.json registers is in the tarball, and every node has its codex.
 */

const TOP_LEVEL = new Set(['README.md', 'LICENSE', 'package.json']);
const DIST_FILE = /^dist\/(nodes|credentials)\/([A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\.(js|svg|png|node\.json)$/;
const FORBIDDEN = /(\.map|\.d\.ts|\.ts|\.tsbuildinfo)$|(^|\/)(test|tests|__tests__|fixtures?)\/|\.(test|spec)\.[cm]?js$/;

/**
 * @param {string[]} files  paths inside the package (npm pack --json `files[].path`, or a walk of the unpacked tarball)
 * @param {object} pkg      the package.json in the tarball
 * @returns {string[]}      problems, one sentence each; [] when the contents are as allowed
 */
function checkPackContents(files, pkg) {
	const problems = [];
	const set = new Set(files);
	for (const f of [...files].sort()) {
		if (TOP_LEVEL.has(f)) continue;
		if (!DIST_FILE.test(f) || FORBIDDEN.test(f)) problems.push(`not allowed in the tarball: ${f}`);
	}
	for (const f of TOP_LEVEL) if (!set.has(f)) problems.push(`missing from the tarball: ${f}`);

	const n8n = (pkg && pkg.n8n) || {};
	const registered = [...(n8n.nodes || []), ...(n8n.credentials || [])];
	if (!(n8n.nodes || []).length) problems.push('package.json registers no nodes (n8n.nodes)');
	for (const f of registered) {
		if (!set.has(f)) problems.push(`package.json registers ${f}, which is not in the tarball`);
	}
	for (const f of n8n.nodes || []) {
		const codex = f.replace(/\.js$/, '.json');
		if (!set.has(codex)) problems.push(`node ${f} has no codex file ${codex} in the tarball`);
	}
	const deps = Object.keys((pkg && pkg.dependencies) || {});
	if (deps.length) problems.push(`runtime dependencies are not allowed: ${deps.join(', ')}`);
	if (pkg && (pkg.bundleDependencies || pkg.bundledDependencies)) problems.push('bundled dependencies are not allowed');
	return problems;
}

module.exports = { checkPackContents, TOP_LEVEL, DIST_FILE, FORBIDDEN };
