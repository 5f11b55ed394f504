'use strict';
/**
 * The steps of starting a real n8n with this package, each a small function over one context
 * (`ctx`, made by prepareUserFolder): the user folder, the package installed into it, the n8n CLI,
 * imports, publishing, `n8n start` and its owner account. dev/n8n/instance.js strings them together.
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const { runLogged, spawnLogged, terminate, killGroup, waitExit, freePort, sleep, tail, removeAtExit, forget } = require('../processes');
const { http } = require('../http');
const { NODE24, N8N_SCRIPT, GNU_TIME, N8N_MAJOR, checkRuntime, n8nEnv } = require('./runtime');
const { parseRunOutput } = require('./runs');

/** a fresh temp root with the user folder n8n gets (N8N_USER_FOLDER) and the package's place in it */
async function prepareUserFolder({ pkgTgz, pkgName, owner, port, env }) {
	checkRuntime();
	if (!pkgTgz || !fs.existsSync(pkgTgz)) throw new Error(`startN8n: pkgTgz not found: ${pkgTgz}`);
	const root = removeAtExit(await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-')));
	const userFolder = path.join(root, 'user');
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', pkgName);
	await fsp.mkdir(pkgDir, { recursive: true });
	return {
		root,
		userFolder,
		pkgDir,
		pkgName,
		owner,
		port,
		extraEnv: env,
		seq: 0,
		server: null, // child of `n8n start`
		serverPort: null,
		baseUrl: null,
		apiKey: null,
		ownerApiKey: null, // kept across stop()/start(): it lives in n8n's database
		cookie: null,
		startLog: path.join(root, 'n8n-start.log'),
		timings: {},
	};
}

/** the tarball unpacked where n8n's Community Nodes put a package: <user>/.n8n/nodes/node_modules/<name> */
async function installPackage(ctx, pkgTgz) {
	const untar = await runLogged('tar', ['-xzf', pkgTgz, '-C', ctx.pkgDir, '--strip-components=1'], {
		env: process.env,
		outFile: path.join(ctx.root, 'tar.out'),
		errFile: path.join(ctx.root, 'tar.out'),
	});
	if (untar.code !== 0) throw new Error(`untar failed:\n${tail(untar.outFile)}`);
}

/** run an n8n CLI command to completion; throws (with output tail) on non-zero exit unless allowFail */
async function runCli(ctx, args, { allowFail = false, timeoutMs, env, measureMemory = false } = {}) {
	const n = ++ctx.seq;
	const name = String(args[0]).replace(/[^a-z0-9]+/gi, '-');
	const outFile = path.join(ctx.root, `cli-${n}-${name}.out`);
	const errFile = path.join(ctx.root, `cli-${n}-${name}.err`);
	const brokerPort = await freePort(); // never collides with a running `n8n start`
	const t0 = Date.now();
	// GNU time reports the peak resident memory of n8n (the largest of its processes)
	const timed = measureMemory && fs.existsSync(GNU_TIME);
	const [cmd, argv] = timed ? [GNU_TIME, ['-f', 'N8N_PEAK_RSS_KB=%M', NODE24, N8N_SCRIPT, ...args]] : [NODE24, [N8N_SCRIPT, ...args]];
	const res = await runLogged(cmd, argv, {
		env: n8nEnv(ctx.userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...ctx.extraEnv, ...env }),
		cwd: ctx.root,
		outFile,
		errFile,
		timeoutMs,
	});
	res.ms = Date.now() - t0;
	const peak = timed ? /N8N_PEAK_RSS_KB=(\d+)/.exec(res.stderr) : null;
	if (peak) res.peakRssMb = Math.round(Number(peak[1]) / 1024);
	if (res.code !== 0 && !allowFail) {
		throw new Error(
			`n8n ${args[0]} failed (exit ${res.code}${res.signal ? ', ' + res.signal : ''}) in ${ctx.root}\n` +
				`--- stdout (tail) ---\n${tail(outFile)}\n--- stderr (tail) ---\n${tail(errFile)}`,
		);
	}
	return res;
}

function addTiming(ctx, key, ms) {
	ctx.timings[key] = (ctx.timings[key] || 0) + ms;
}

async function importCredentials(ctx, list) {
	if (!list || !list.length) return;
	const file = path.join(ctx.root, `credentials-${++ctx.seq}.json`);
	await fsp.writeFile(file, JSON.stringify(list, null, 2), { mode: 0o600 });
	try {
		addTiming(ctx, 'importCredentials', (await runCli(ctx, ['import:credentials', `--input=${file}`])).ms);
	} finally {
		await fsp.rm(file, { force: true }); // secrets: only in the (encrypted) DB afterwards
	}
}

async function importWorkflows(ctx, list) {
	if (!list || !list.length) return;
	const file = path.join(ctx.root, `workflows-${++ctx.seq}.json`);
	const prepared = list.map((w) => ({ active: false, settings: { executionOrder: 'v1' }, connections: {}, ...w }));
	for (const w of prepared) {
		if (!w.id || w.id.length > 21) throw new Error(`workflow id must be 1..21 chars: ${w.id}`);
	}
	await fsp.writeFile(file, JSON.stringify(prepared, null, 2));
	addTiming(ctx, 'importWorkflows', (await runCli(ctx, ['import:workflow', `--input=${file}`])).ms);
}

async function publishWorkflows(ctx, ids) {
	for (const id of ids || []) {
		// n8n 1.x has no publish:workflow: activating is what publishing became in 2.x
		const args = N8N_MAJOR >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		addTiming(ctx, 'publish', (await runCli(ctx, args)).ms);
	}
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

/** spawns an n8n process and waits for its readiness; kills it when it does not get there */
async function spawnReady(ctx, args, { userFolder, env, logFile, url, readyTimeoutMs, what }) {
	const child = spawnLogged(NODE24, [N8N_SCRIPT, ...args], { env: n8nEnv(userFolder, env), cwd: ctx.root, outFile: logFile, errFile: logFile });
	try {
		await waitReady(child, url, logFile, readyTimeoutMs, what);
	} catch (e) {
		await terminate(child);
		throw e;
	}
	return child;
}

/** `n8n start` on 127.0.0.1 (ctx.port or a free one), ready */
async function spawnServer(ctx, { readyTimeoutMs }) {
	ctx.serverPort = ctx.port || (await freePort());
	const brokerPort = await freePort();
	const url = `http://127.0.0.1:${ctx.serverPort}`;
	ctx.baseUrl = url;
	const t0 = Date.now();
	const env = { N8N_PORT: String(ctx.serverPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...ctx.extraEnv };
	try {
		ctx.server = await spawnReady(ctx, ['start'], { userFolder: ctx.userFolder, env, logFile: ctx.startLog, url, readyTimeoutMs, what: 'n8n start' });
	} catch (e) {
		ctx.server = null;
		throw e;
	}
	ctx.timings.startToReadyMs = Date.now() - t0;
}

/** n8n 1.x adds its REST routes ~1 s after readiness: asks again while the answer is 404 */
async function whileNotFound(request) {
	let r;
	for (let i = 0; ; i++) {
		r = await request();
		if (r.status !== 404 || i >= 100) return r;
		await sleep(200);
	}
}

const cookieOf = (res) =>
	[]
		.concat(res.headers['set-cookie'] || [])
		.map((c) => String(c).split(';')[0])
		.join('; ');

/** a restart: owner and API key are in the database already; log in for the cookie */
async function login(ctx) {
	const { email, password } = ctx.owner;
	ctx.apiKey = ctx.ownerApiKey;
	const res = await whileNotFound(() => http('POST', `${ctx.baseUrl}/rest/login`, { body: { emailOrLdapLoginId: email, password } }));
	if (res.status !== 200) throw new Error(`login after restart failed: HTTP ${res.status} ${res.text.slice(0, 300)}`);
	ctx.cookie = cookieOf(res);
}

/** the owner account, headless (logs in: sets the cookie) */
async function createOwner(ctx) {
	const res = await whileNotFound(() => http('POST', `${ctx.baseUrl}/rest/owner/setup`, { body: ctx.owner }));
	if (res.status !== 200) {
		throw new Error(`owner setup failed: HTTP ${res.status} ${res.text.slice(0, 500)}\n--- log (tail) ---\n${tail(ctx.startLog)}`);
	}
	ctx.cookie = cookieOf(res);
}

/** a public-API key of the owner */
async function createApiKey(ctx) {
	const key = await http('POST', `${ctx.baseUrl}/rest/api-keys`, {
		headers: { cookie: ctx.cookie },
		body: {
			label: 'e2e',
			scopes: ['workflow:read', 'workflow:list', 'workflow:create', 'workflow:update', 'workflow:activate', 'workflow:deactivate', 'execution:read', 'execution:list'],
			expiresAt: null,
		},
	});
	const apiKey = key.json && key.json.data && key.json.data.rawApiKey;
	if (!apiKey) throw new Error(`API key creation failed: HTTP ${key.status} ${key.text.slice(0, 500)}`);
	ctx.apiKey = ctx.ownerApiKey = apiKey;
}

/** `n8n start`, ready, with the owner's cookie and API key (owner set up on the first start) */
async function startServer(ctx, { readyTimeoutMs = 180000 } = {}) {
	if (ctx.server) return;
	await spawnServer(ctx, { readyTimeoutMs });
	if (ctx.ownerApiKey) return login(ctx);
	await createOwner(ctx);
	await createApiKey(ctx);
}

/** SIGKILL to `n8n start` and everything in its process group (a crash: no shutdown, no clean-up) */
async function killServer(ctx) {
	if (!ctx.server) return;
	const s = ctx.server;
	ctx.server = null;
	await crash(s);
	ctx.baseUrl = null;
	ctx.apiKey = null;
	ctx.cookie = null;
}

/** SIGKILL to a process group, resolves once the process is gone */
async function crash(child) {
	killGroup(child, 'SIGKILL');
	await waitExit(child, 10000);
	await terminate(child, 0);
}

async function stopServer(ctx) {
	if (!ctx.server) return;
	const t0 = Date.now();
	const s = ctx.server;
	ctx.server = null;
	await terminate(s);
	ctx.timings.stopMs = Date.now() - t0;
	ctx.baseUrl = null;
	ctx.apiKey = null;
	ctx.cookie = null;
}

/**
 * Another n8n process on the same database (queue mode): `worker` or `webhook`, with its own
 * user folder holding the package (as on a separate machine), on 127.0.0.1. Resolves once
 * its /healthz/readiness answers 200 (workers: the queue health check server).
 */
async function startRole(ctx, role, { name = role, args = [], env = {}, readyTimeoutMs = 180000 } = {}) {
	const folder = path.join(ctx.root, `${name}-user`);
	const dest = path.join(folder, '.n8n', 'nodes', 'node_modules', ctx.pkgName);
	await fsp.mkdir(path.dirname(dest), { recursive: true });
	await fsp.cp(ctx.pkgDir, dest, { recursive: true });
	const rolePort = await freePort();
	const roleEnv =
		role === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(rolePort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: { N8N_PORT: String(rolePort) };
	const log = path.join(ctx.root, `${name}.log`);
	const url = `http://127.0.0.1:${rolePort}`;
	const child = await spawnReady(ctx, [role, ...args], {
		userFolder: folder,
		env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...roleEnv, ...ctx.extraEnv, ...env },
		logFile: log,
		url,
		readyTimeoutMs,
		what: `n8n ${role} (${name})`,
	});
	return { name, role, url, pid: child.pid, logTail: (n) => tail(log, n), stop: () => terminate(child), kill: () => crash(child) };
}

/**
 * `n8n execute --id=… --rawOutput` → parsed run ({status, data:{resultData:{runData, error}}, …}).
 * A failed execution (exit 1) still resolves with its run JSON; throws only when no JSON came out.
 */
async function executeWorkflow(ctx, workflowId, { timeoutMs, measureMemory = false } = {}) {
	const t0 = Date.now();
	const res = await runCli(ctx, ['execute', `--id=${workflowId}`, '--rawOutput'], { allowFail: true, timeoutMs, measureMemory });
	ctx.timings.lastExecuteMs = Date.now() - t0;
	let run;
	try {
		run = parseRunOutput(res.stdout) || parseRunOutput(res.stderr);
	} catch (e) {
		throw new Error(`n8n execute ${workflowId}: unparsable JSON (${e.message})\n--- stdout (tail) ---\n${tail(res.outFile)}`);
	}
	if (!run) {
		throw new Error(
			`n8n execute ${workflowId} printed no run JSON (exit ${res.code}) in ${ctx.root}\n` +
				`--- stdout (tail) ---\n${tail(res.outFile)}\n--- stderr (tail) ---\n${tail(res.errFile)}`,
		);
	}
	Object.defineProperty(run, '__exitCode', { value: res.code, enumerable: false });
	Object.defineProperty(run, '__ms', { value: ctx.timings.lastExecuteMs, enumerable: false });
	// with measureMemory: n8n's peak resident memory in MB (undefined without GNU time)
	Object.defineProperty(run, '__peakRssMb', { value: res.peakRssMb, enumerable: false });
	return run;
}

/** stops n8n and removes its folder (kept with KEEP_N8N_E2E=1) */
async function removeUserFolder(ctx) {
	await stopServer(ctx);
	if (process.env.KEEP_N8N_E2E === '1') {
		process.stderr.write(`KEEP_N8N_E2E=1: kept ${ctx.root}\n`);
		return;
	}
	forget(ctx.root);
	await fsp.rm(ctx.root, { recursive: true, force: true });
}

module.exports = {
	prepareUserFolder,
	installPackage,
	runCli,
	importCredentials,
	importWorkflows,
	publishWorkflows,
	waitReady,
	startServer,
	stopServer,
	killServer,
	startRole,
	executeWorkflow,
	removeUserFolder,
};
