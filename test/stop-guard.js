'use strict';
/**
 * Jest globalSetup (test/jest.config.js): a jest run stopped by Ctrl-C or SIGTERM leaves nothing
 * it started. Tests run in a sandbox whose `process.on(...)` never sees the real signals, and the
 * processes they start (n8n, the fake MVMNT server, PostgreSQL, Redis) sit in process groups of
 * their own, which Ctrl-C does not reach. So the real jest process listens here and, on a signal,
 * stops every process of the run (dev/reap.js: marked with MVMNT_DEV_RUN, inherited by everything
 * the tests start) before it exits. Under scripts/test.sh the run folder is the script's.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { reap } = require('../dev/reap');

module.exports = async () => {
	let owned = false;
	if (!process.env.MVMNT_DEV_RUN) {
		process.env.MVMNT_DEV_RUN = fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-jest-run-'));
		owned = true;
	}
	const runDir = process.env.MVMNT_DEV_RUN;
	if (owned) process.on('exit', () => fs.rmSync(runDir, { recursive: true, force: true }));
	for (const [sig, n] of Object.entries({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })) {
		process.on(sig, () => {
			reap(runDir, { graceMs: 3000 });
			process.exit(128 + n);
		});
	}
};
