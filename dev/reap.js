#!/usr/bin/env node
'use strict';
/**
 * Stops every process a dev run started, however it was stopped itself (scripts/test.sh and
 * scripts/demo.sh call it on exit, Ctrl-C and SIGTERM):
 *   node dev/reap.js <run folder>
 * The run folder is $MVMNT_DEV_RUN, which the script exported to everything it started. A process
 * belongs to the run when
 *   - its process group is listed in <run folder>/groups (each child of dev/processes.js: n8n and
 *     its task runners, workers, webhook processors, the fake MVMNT server, PostgreSQL, Redis), or
 *   - its environment holds MVMNT_DEV_RUN=<run folder> (anything else, e.g. a test runner or chromium).
 * Those get SIGTERM, then SIGKILL after --grace ms (default 5000). This process and its ancestors
 * are spared. Prints what it stopped; --list only prints it. Linux (/proc).
 */
const fs = require('fs');
const path = require('path');

function procs() {
	const out = [];
	for (const d of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
			const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			let environ = '';
			try {
				environ = fs.readFileSync(`/proc/${d}/environ`, 'latin1');
			} catch (_) {
				/* not ours to read */
			}
			const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'latin1').split('\0').join(' ').trim();
			out.push({ pid: Number(d), ppid: Number(rest[1]), pgid: Number(rest[2]), state: rest[0], environ, cmd });
		} catch (_) {
			/* gone */
		}
	}
	return out;
}

/** processes of the run (see above), without the caller and its ancestors */
function runProcesses(runDir) {
	const all = procs();
	const byPid = new Map(all.map((p) => [p.pid, p]));
	const spared = new Set();
	for (let p = byPid.get(process.pid); p && !spared.has(p.pid); p = byPid.get(p.ppid)) spared.add(p.pid);
	let groups = [];
	try {
		groups = fs.readFileSync(path.join(runDir, 'groups'), 'utf8').split('\n').filter(Boolean).map(Number);
	} catch (_) {
		/* none recorded */
	}
	const groupSet = new Set(groups);
	const marker = `MVMNT_DEV_RUN=${runDir}\0`;
	return all.filter((p) => !spared.has(p.pid) && p.state !== 'Z' && (groupSet.has(p.pgid) || p.environ.includes(marker)));
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function reap(runDir, { graceMs = 5000 } = {}) {
	const found = runProcesses(runDir);
	for (const p of found) {
		try {
			process.kill(p.pid, 'SIGTERM');
		} catch (_) {
			/* gone */
		}
	}
	const t0 = Date.now();
	let left = found;
	while (left.length && Date.now() - t0 < graceMs) {
		sleepSync(100);
		left = runProcesses(runDir);
	}
	for (const p of left) {
		try {
			process.kill(p.pid, 'SIGKILL');
		} catch (_) {
			/* gone */
		}
	}
	return { found, killed: left };
}

module.exports = { runProcesses, reap };

if (require.main === module) {
	const args = process.argv.slice(2);
	const runDir = args.find((a) => !a.startsWith('--'));
	if (!runDir) {
		console.error('usage: node dev/reap.js <run folder> [--list] [--grace=ms]');
		process.exit(2);
	}
	if (args.includes('--list')) {
		for (const p of runProcesses(runDir)) console.log(`${p.pid} ${p.cmd.slice(0, 160)}`);
		process.exit(0);
	}
	const g = args.find((a) => a.startsWith('--grace='));
	const { found, killed } = reap(runDir, { graceMs: g ? Number(g.slice(8)) : 5000 });
	if (found.length) {
		console.error(`reap: stopped ${found.length} process(es) left by the run${killed.length ? ` (${killed.length} with SIGKILL)` : ''}:`);
		for (const p of found) console.error(`  ${p.pid} ${p.cmd.slice(0, 120)}`);
	}
}
