#!/usr/bin/env node
'use strict';
/*
 * SIGTERM to `npm test` during the queue-mode suite leaves no process behind (run by
 * scripts/test.sh when CI=true; alone: node scripts/stop-check.js, Linux, needs the n8n runtime
 * and PostgreSQL/Redis of scripts/install-n8n.sh and scripts/queue-services.sh).
 *
 * 1. starts `npm test` with only its queue-mode leg (TEST_LEGS=queue QUEUE_E2E=1);
 * 2. follows every process below it (by parent PID, and by a marker in the environment) until
 *    PostgreSQL, Redis, the fake MVMNT server and n8n main, worker and webhook processor all run;
 * 3. sends SIGTERM to npm, waits for it to exit;
 * 4. passes when none of the processes it saw is still alive (same PID and start time) and no
 *    process carries the marker; otherwise lists them, kills them, and fails.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..');
const MARKER = `MVMNT_STOP_CHECK=${process.pid}-${Date.now()}`;
const UP_TIMEOUT_MS = Number(process.env.STOP_CHECK_UP_TIMEOUT_MS || 300000);
const EXIT_TIMEOUT_MS = 90000;
const KINDS = {
	postgres: (c) => /(^|\/)postgres( |:|$)/.test(c),
	redis: (c) => /redis-server/.test(c),
	fake: (c) => /fake-mvmnt\/cli\.js/.test(c),
	'n8n main': (c) => /n8n\/bin\/n8n start/.test(c),
	'n8n worker': (c) => /n8n\/bin\/n8n worker/.test(c),
	'n8n webhook': (c) => /n8n\/bin\/n8n webhook/.test(c),
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (m) => console.log(`stop-check: ${m}`);

function read(file) {
	try {
		return fs.readFileSync(file, 'latin1');
	} catch (_) {
		return null;
	}
}

/** every live process: pid, ppid, start time (clock ticks since boot), command line, marked? */
function processes() {
	const out = new Map();
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		const stat = read(`/proc/${d}/stat`);
		if (!stat) continue;
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (f[0] === 'Z') continue;
		const cmd = (read(`/proc/${d}/cmdline`) || '').split('\0').join(' ').trim();
		const marked = (read(`/proc/${d}/environ`) || '').includes(`${MARKER}\0`);
		out.set(Number(d), { pid: Number(d), ppid: Number(f[1]), start: f[19], cmd, marked });
	}
	return out;
}

const key = (p) => `${p.pid}@${p.start}`;
const kindOf = (p) => Object.keys(KINDS).find((k) => KINDS[k](p.cmd)) || 'other';

/** adds to `seen` every descendant of rootPid and every marked process */
function follow(rootPid, seen) {
	const all = processes();
	const below = new Set([rootPid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const p of all.values()) {
			if (!below.has(p.pid) && below.has(p.ppid)) {
				below.add(p.pid);
				grew = true;
			}
		}
	}
	for (const p of all.values()) {
		if ((below.has(p.pid) && p.pid !== rootPid) || p.marked) seen.set(key(p), p);
	}
	return new Set([...seen.values()].filter((p) => all.has(p.pid) && all.get(p.pid).start === p.start).map(kindOf));
}

async function main() {
	const before = new Set([...processes().values()].map(key));
	say(`npm test (queue-mode leg only), marker ${MARKER}`);
	const env = { ...process.env, TEST_LEGS: 'queue', QUEUE_E2E: '1', SKIP_E2E: '0', [MARKER.split('=')[0]]: MARKER.split('=')[1] };
	const npm = spawn('npm', ['test'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = [];
	const keep = (chunk) => {
		log.push(chunk.toString());
		if (log.length > 400) log.shift();
	};
	npm.stdout.on('data', keep);
	npm.stderr.on('data', keep);
	let exited = false;
	npm.once('exit', () => (exited = true));

	const seen = new Map();
	const t0 = Date.now();
	let running = new Set();
	for (;;) {
		running = follow(npm.pid, seen);
		if (Object.keys(KINDS).every((k) => running.has(k))) break;
		if (exited) {
			console.error(log.join('').slice(-6000));
			throw new Error('npm test ended before the queue-mode suite was up');
		}
		if (Date.now() - t0 > UP_TIMEOUT_MS) break;
		await sleep(1000);
	}
	const missing = Object.keys(KINDS).filter((k) => !running.has(k));
	say(`after ${Math.round((Date.now() - t0) / 1000)} s running: ${[...running].sort().join(', ')}${missing.length ? `; not up: ${missing.join(', ')}` : ''}`);
	if (['postgres', 'redis', 'fake', 'n8n main'].some((k) => missing.includes(k))) {
		npm.kill('SIGKILL');
		throw new Error(`the queue-mode suite did not get far enough to check (missing: ${missing.join(', ')})`);
	}
	follow(npm.pid, seen);
	const started = [...seen.values()].filter((p) => !before.has(key(p)));
	say(`${started.length} processes below npm test; SIGTERM to npm (pid ${npm.pid})`);
	const tStop = Date.now();
	npm.kill('SIGTERM');
	for (let t = Date.now(); !exited && Date.now() - t < EXIT_TIMEOUT_MS; ) await sleep(200);
	if (!exited) throw new Error(`npm test still running ${EXIT_TIMEOUT_MS / 1000} s after SIGTERM`);
	say(`npm test exited (${npm.exitCode ?? npm.signalCode}) ${((Date.now() - tStop) / 1000).toFixed(1)} s after SIGTERM`);
	await sleep(2000);

	const now = processes();
	const left = started.filter((p) => now.has(p.pid) && now.get(p.pid).start === p.start);
	for (const p of now.values()) if (p.marked && !left.some((l) => l.pid === p.pid) && p.pid !== process.pid) left.push(p);
	const counts = {};
	for (const p of started) counts[kindOf(p)] = (counts[kindOf(p)] || 0) + 1;
	say(`started by the run: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
	if (left.length) {
		console.error(`stop-check FAILED: ${left.length} process(es) left after SIGTERM to npm test:`);
		for (const p of left) console.error(`  ${p.pid} [${kindOf(p)}] ${p.cmd.slice(0, 150)}`);
		for (const p of left) {
			try {
				process.kill(p.pid, 'SIGKILL');
			} catch (_) {
				/* gone */
			}
		}
		return 1;
	}
	say('passed: no postgres, redis, n8n or fake-server process (nor any other) left');
	return 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`stop-check FAILED: ${e.message}`);
		process.exit(1);
	},
);
