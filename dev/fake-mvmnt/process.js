'use strict';
/** The fake MVMNT server in its own process (dev/fake-mvmnt/cli.js), as the e2e tests, the demo and the queue suite use it. */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { freePort, killGroup, terminate, tail, track, removeAtExit, forget } = require('../processes');
const { http } = require('../http');

const REPO = path.resolve(__dirname, '..', '..');

/** spawns dev/fake-mvmnt/cli.js; returns {url, baseUrl, tokenUrl, admin(method, path, body), stop()} */
async function startFakeServer({ clientId, clientSecret, port, args = [], startTimeoutMs = 30000 } = {}) {
	const cliPath = path.join(REPO, 'dev', 'fake-mvmnt', 'cli.js');
	if (!fs.existsSync(cliPath)) throw new Error(`fake MVMNT server CLI not found: ${cliPath}`);
	const listenPort = port || (await freePort());
	const dir = removeAtExit(await fsp.mkdtemp(path.join(os.tmpdir(), 'fake-mvmnt-')));
	const logFile = path.join(dir, 'server.log');
	const argv = [cliPath, '--port', String(listenPort)];
	if (clientId !== undefined) argv.push('--client-id', clientId);
	if (clientSecret !== undefined) argv.push('--client-secret', clientSecret);
	argv.push(...args);
	const child = track(spawn(process.execPath, argv, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
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
			if (process.env.KEEP_N8N_E2E !== '1') {
				forget(dir);
				await fsp.rm(dir, { recursive: true, force: true });
			}
		},
	};
}

module.exports = { startFakeServer };
