'use strict';
/**
 * The real n8n (installed by scripts/install-n8n.sh), run headlessly with this repository's
 * package loaded as a community package — for the e2e and queue tests, the demo, the screenshots
 * and the bench. Most callers want dev/stack.js (fake MVMNT + package + n8n + credential in one).
 *
 *   const h = require('../dev/n8n');
 *   const fake = await h.startFakeServer({ clientId, clientSecret });
 *   const tgz = await h.packPackage();
 *   const n8n = await h.startN8n({ pkgTgz: tgz, credentials: [...], workflows: [...] });
 *   const run = await n8n.execute('wfId');            // parsed `n8n execute --rawOutput` JSON
 *   h.nodeJson(run, 'Node name');                     // -> array of item.json
 *   await n8n.cleanup(); await fake.stop();
 *
 * Files: runtime.js (where n8n is, its environment), pack.js (npm pack), steps.js (the steps of
 * starting n8n), instance.js (startN8n and its handle), runs.js (reading runs), fixtures.js
 * (credentials, workflows, the examples); ../processes.js (child processes, cleaned up on exit and
 * on SIGINT/SIGTERM), ../http.js, ../fake-mvmnt/process.js (the fake MVMNT server as a process).
 * Env knobs: N8N_RUNTIME (see runtime.js), KEEP_N8N_E2E=1 (keep temp dirs for debugging).
 */
const runtime = require('./runtime');
const processes = require('../processes');
const { http } = require('../http');
const { packPackage, removePack } = require('./pack');
const { startN8n } = require('./instance');
const { waitReady } = require('./steps');
const runs = require('./runs');
const fixtures = require('./fixtures');
const { startFakeServer } = require('../fake-mvmnt/process');

module.exports = {
	REPO: runtime.REPO,
	RUNTIME: runtime.RUNTIME,
	NODE24: runtime.NODE24,
	N8N_SCRIPT: runtime.N8N_SCRIPT,
	N8N_VERSION: runtime.N8N_VERSION,
	N8N_MAJOR: runtime.N8N_MAJOR,
	PKG_NAME: runtime.PKG_NAME,
	OWNER: runtime.OWNER,
	QUICKSTART_ORDER_KEY: fixtures.QUICKSTART_ORDER_KEY,
	EXAMPLES_DIR: fixtures.EXAMPLES_DIR,
	EXAMPLE_FILES: fixtures.EXAMPLE_FILES,
	readExamples: fixtures.readExamples,
	copyExampleFixtures: fixtures.copyExampleFixtures,
	prepareExample: fixtures.prepareExample,
	mvmntCredential: fixtures.mvmntCredential,
	linearWorkflow: fixtures.linearWorkflow,
	quickstartWorkflow: fixtures.quickstartWorkflow,
	packPackage,
	removePack,
	startN8n,
	startFakeServer,
	nodeItems: runs.nodeItems,
	nodeJson: runs.nodeJson,
	runError: runs.runError,
	parseRunOutput: runs.parseRunOutput,
	freePort: processes.freePort,
	http,
	sleep: processes.sleep,
	tail: processes.tail,
	spawnLogged: processes.spawnLogged,
	runLogged: processes.runLogged,
	terminate: processes.terminate,
	waitReady,
};
