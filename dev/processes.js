'use strict';
/**
 * Child processes of the dev tooling (n8n, the fake MVMNT server, PostgreSQL, Redis, …): each runs
 * in its own process group, and every group still alive is killed when this process exits or gets
 * SIGINT / SIGTERM / SIGHUP (Ctrl-C of a test run or the demo leaves nothing behind). Temp folders
 * registered with removeAtExit() go too (unless KEEP_N8N_E2E=1).
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const liveGroups = new Set(); // pids of process groups we spawned (detached)
const tempDirs = new Set(); // removed at exit

/** kills every group we started and removes the registered temp folders, synchronously */
function reapAll() {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch (_) {
			/* already gone */
		}
	}
	liveGroups.clear();
	if (process.env.KEEP_N8N_E2E !== '1') {
		for (const d of tempDirs) {
			try {
				fs.rmSync(d, { recursive: true, force: true });
			} catch (_) {
				/* best effort */
			}
		}
	}
	tempDirs.clear();
}
process.on('exit', reapAll);
// On a signal: a script with its own graceful stop (the demo) gets 25 s to finish it; otherwise,
// or on a second signal, everything is killed at once and the process exits as the signal would.
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
let signalled = 0;
for (const [sig, n] of Object.entries(SIGNALS)) {
	process.on(sig, () => {
		const exit = () => {
			reapAll();
			process.exit(128 + n);
		};
		if (++signalled > 1 || process.listenerCount(sig) === 1) exit();
		setTimeout(exit, 25000);
	});
}

/** registers a temp folder to remove at exit; returns it */
function removeAtExit(dir) {
	tempDirs.add(dir);
	return dir;
}
/** the folder is someone else's to remove now */
function forget(dir) {
	tempDirs.delete(dir);
}

/** registers a detached child's process group, killed at exit / on a signal */
function track(child) {
	liveGroups.add(child.pid);
	// a run started by scripts/test.sh or scripts/demo.sh: it reaps these groups too (dev/reap.js)
	if (process.env.MVMNT_DEV_RUN && child.pid) {
		try {
			fs.appendFileSync(path.join(process.env.MVMNT_DEV_RUN, 'groups'), `${child.pid}\n`);
		} catch (_) {
			/* the run folder is gone: nothing reaps after us */
		}
	}
	child.once('exit', () => liveGroups.delete(child.pid));
	return child;
}

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
	return track(child);
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
			// what the command left in its group (e.g. the task runner of `n8n execute`) goes with it
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch (_) {
				/* nothing left */
			}
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

module.exports = { tail, killGroup, waitExit, terminate, spawnLogged, runLogged, freePort, sleep, track, removeAtExit, forget, reapAll };
