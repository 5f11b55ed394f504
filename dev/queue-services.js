'use strict';
/**
 * PostgreSQL and Redis for the queue-mode suite, started by the test itself on 127.0.0.1 with
 * throwaway data folders (Debian packages `postgresql` and `redis-server`; scripts/queue-services.sh
 * installs them). Nothing is registered with the system: no pg_ctlcluster cluster, no service.
 *
 *   const pg = await startPostgres();   // { host, port, user, database, env, query(sql), stop() }
 *   const redis = await startRedis();   // { host, port, env, stop() }
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const h = require('./n8n');

/** the newest /usr/lib/postgresql/<major>/bin */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'bin', 'postgres'))) : [];
	if (!majors.length) throw new Error('PostgreSQL not found in /usr/lib/postgresql — run `bash scripts/queue-services.sh` (apt-get install postgresql redis-server)');
	return path.join(root, majors.sort((a, b) => Number(a) - Number(b)).pop(), 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user the package creates */
function asPostgres(cmd, args) {
	return process.getuid && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function waitFor(check, { timeoutMs, what, logFile }) {
	const t0 = Date.now();
	for (;;) {
		if (await check()) return;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${what} not ready after ${timeoutMs} ms\n${h.tail(logFile)}`);
		await h.sleep(200);
	}
}

async function startPostgres({ timeoutMs = 60000 } = {}) {
	const bin = postgresBin();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mvmnt-queue-pg-'));
	const data = path.join(dir, 'data');
	const log = path.join(dir, 'postgres.log');
	if (process.getuid && process.getuid() === 0) fs.chownSync(dir, ...uidGid('postgres'));
	const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
	const init = await h.runLogged(initCmd, initArgs, { env: process.env, cwd: dir, outFile: log, errFile: log, timeoutMs });
	if (init.code !== 0) throw new Error(`initdb failed (${init.code})\n${h.tail(log)}`);
	const port = await h.freePort();
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
	const [cmd, args] = asPostgres(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])]);
	const child = h.spawnLogged(cmd, args, { env: process.env, cwd: dir, outFile: log, errFile: log });
	const [readyCmd, readyArgs] = [path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']];
	await waitFor(async () => {
		if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode})\n${h.tail(log)}`);
		const r = await h.runLogged(readyCmd, readyArgs, { env: process.env, cwd: dir, outFile: path.join(dir, 'ready.out'), errFile: path.join(dir, 'ready.out'), timeoutMs: 10000 });
		return r.code === 0;
	}, { timeoutMs, what: 'PostgreSQL', logFile: log });
	const pg = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres', logFile: log };
	pg.env = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: pg.database,
	};
	/** rows of a query (psql, tab-separated), e.g. query('select 1, 2') → [['1', '2']] */
	pg.query = async (sql) => {
		const out = path.join(dir, `query-${process.hrtime.bigint()}.out`);
		const r = await h.runLogged(path.join(bin, 'psql'), ['-h', pg.host, '-p', String(port), '-U', pg.user, '-d', pg.database, '-XtAq', '-F', '\t', '-c', sql], {
			env: process.env,
			cwd: dir,
			outFile: out,
			errFile: `${out}.err`,
			timeoutMs: 60000,
		});
		await fsp.rm(out, { force: true });
		if (r.code !== 0) throw new Error(`psql failed (${r.code}): ${r.stderr}`);
		await fsp.rm(`${out}.err`, { force: true });
		return r.stdout
			.split('\n')
			.filter((l) => l !== '')
			.map((l) => l.split('\t'));
	};
	pg.stop = async () => {
		await h.terminate(child, 10000);
		if (process.env.KEEP_N8N_E2E !== '1') await fsp.rm(dir, { recursive: true, force: true });
	};
	return pg;
}

function uidGid(user) {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${user}:`));
	if (!line) throw new Error(`no user ${user} (is the postgresql package installed?)`);
	const [, , uid, gid] = line.split(':');
	return [Number(uid), Number(gid)];
}

async function startRedis({ timeoutMs = 30000 } = {}) {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mvmnt-queue-redis-'));
	const log = path.join(dir, 'redis.log');
	const port = await h.freePort();
	const child = h.spawnLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], {
		env: process.env,
		cwd: dir,
		outFile: log,
		errFile: log,
	});
	await waitFor(async () => {
		if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})\n${h.tail(log)}`);
		return /Ready to accept connections/.test(h.tail(log, 20000));
	}, { timeoutMs, what: 'Redis', logFile: log });
	return {
		host: '127.0.0.1',
		port,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		async stop() {
			await h.terminate(child, 5000);
			if (process.env.KEEP_N8N_E2E !== '1') await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis };
