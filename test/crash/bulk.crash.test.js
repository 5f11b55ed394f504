'use strict';
/**
 * Crash suite: a bulk Create or Update (customer, by client key) in real n8n while n8n processes
 * die, then the user's remedy — running the same bulk again. Against the fake MVMNT server.
 *   1. queue mode (PostgreSQL + Redis, main + worker + webhook processor): the worker gets SIGKILL
 *      at a seeded moment mid-run, a new worker starts, n8n does what it does (Bull re-runs stalled
 *      jobs, executions may end crashed); then the bulk runs again → one record per key, none
 *      missing, every record with the re-run's values. KILLS rounds, one stack, a key set per round.
 *   2. single-process mode (`n8n start`, SQLite): the same with SIGKILL of main, restarted.
 *   3. SIGTERM (a deploy) of `n8n start` during a bulk run (one that can finish within n8n's
 *      graceful-shutdown time, one that cannot) and during a Get Many of many records: never a
 *      successful execution with less data.
 *   CRASH_KILLS=3 npx jest --config test/jest.config.js --selectProjects crash --runInBand --forceExit --testPathPatterns bulk
 * Figures: CRASH lines (grep '^CRASH bulk'), with the seed (CRASH_SEED replays the same moments).
 */
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { startPostgres, startRedis } = require('../../dev/queue-services');
const { KILLS, SEED, random, say } = require('../../dev/crash');

// 20 queue rounds take ~45 min on 2 shared cores
jest.setTimeout(2 * 60 * 60 * 1000);

const CLIENT_ID = 'crash-bulk-client';
const CLIENT_SECRET = 'crash-bulk-secret-0123456789';
const UPSERT_PATH = 'mvmnt-crash-bulk';
const GETMANY_PATH = 'mvmnt-crash-getmany';
const Q_ITEMS = 2000; // per queue round
const Q_EXECUTIONS = 4;
const S_ITEMS = 800; // per single-process round
const S_EXECUTIONS = 2;
const SETTLE_MS = 4 * 60 * 1000; // how long executions of a killed run get to end

const FINAL = ['success', 'error', 'crashed', 'canceled'];

/** webhook → Items (keys prefix-00000…) → Create or Update Customer */
function upsertWorkflow(id, credential) {
	return h.linearWorkflow({
		id,
		name: `Crash: bulk Create or Update (${id})`,
		credential,
		manualTrigger: false,
		nodes: [
			{
				name: 'Batch',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: id === 'wfCrashBulkQ01' ? 'c0a80104-0000-4000-8000-000000000001' : 'c0a80104-0000-4000-8000-000000000002',
				parameters: { httpMethod: 'POST', path: `${UPSERT_PATH}-${id.toLowerCase()}`, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode:
						"const { prefix, batch, size, run } = $json.body;\nreturn Array.from({ length: size }, (_, i) => {\n  const n = batch * size + i;\n  return { json: { key: prefix + '-' + String(n).padStart(5, '0'), name: 'Bulk customer ' + n + ' ' + run } };\n});",
				},
			},
			{ name: 'Create or Update Customer', parameters: { resource: 'customer', operation: 'upsert', key: '={{ $json.key }}', name: '={{ $json.name }}', status: 'ACTIVE' } },
		],
	});
}

/** webhook (answers with every item of the last node) → Get Many customers, Return All */
function getManyWorkflow(credential) {
	return h.linearWorkflow({
		id: 'wfCrashGetMany1',
		name: 'Crash: Get Many under SIGTERM',
		credential,
		manualTrigger: false,
		nodes: [
			{
				name: 'Ask',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: 'c0a80104-0000-4000-8000-000000000003',
				parameters: { httpMethod: 'POST', path: GETMANY_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{ name: 'Get Many Customers', parameters: { resource: 'customer', operation: 'getAll', returnAll: true } },
		],
	});
}

/** POST with retries while the process has not registered the webhook yet (404) */
async function post(url, body) {
	for (let i = 0; ; i++) {
		const r = await h.http('POST', url, { body });
		if (r.status !== 404 || i >= 150) return r;
		await h.sleep(200);
	}
}

/** per HTTP method, the fake's calls to /v1/customers… so far */
async function customerCalls(fake) {
	const s = await fake.admin('GET', '/__admin/stats?limit=0');
	const out = { GET: 0, POST: 0, PATCH: 0, total: 0 };
	for (const [route, n] of Object.entries(s.byRoute)) {
		const m = /^(\w+) \/v1\/customers(\/|$|\?)/.exec(route);
		if (!m || /filter/.test(route)) continue;
		out[m[1]] = (out[m[1]] || 0) + n;
		out.total += n;
	}
	return out;
}
const diff = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - (a[k] || 0)]));

/** records of one key set: count, duplicates (records beyond one per key), missing keys, records without the run's values */
async function count(fake, prefix, items, run) {
	const all = (await fake.admin('GET', '/__admin/records/customers')).filter((c) => typeof c.key === 'string' && c.key.startsWith(`${prefix}-`) && !c.deletedAt);
	const perKey = new Map();
	for (const c of all) perKey.set(c.key, (perKey.get(c.key) || 0) + 1);
	let missing = 0;
	for (let n = 0; n < items; n++) if (!perKey.has(`${prefix}-${String(n).padStart(5, '0')}`)) missing++;
	return {
		records: all.length,
		duplicates: all.length - perKey.size,
		missing,
		stale: run ? all.filter((c) => !String(c.name).endsWith(` ${run}`)).length : undefined,
	};
}

const tally = (list) => list.reduce((t, e) => ((t[e.status] = (t[e.status] || 0) + 1), t), {});

/** waits until the fake has answered `calls` more customer requests than `base` (or `stopAt` says stop) */
async function waitCalls(fake, base, calls, { timeoutMs = 10 * 60 * 1000 } = {}) {
	const t0 = Date.now();
	for (;;) {
		const now = await customerCalls(fake);
		if (now.total - base.total >= calls) return now.total - base.total;
		if (Date.now() - t0 > timeoutMs) throw new Error(`only ${now.total - base.total} of ${calls} customer requests after ${timeoutMs} ms`);
		await h.sleep(50);
	}
}

/** polls `list()` until at least `n` executions exist and all have ended, or `timeoutMs` passed; returns the list */
async function settle(list, n, timeoutMs) {
	const t0 = Date.now();
	for (;;) {
		const l = await list();
		const ended = l.filter((e) => FINAL.includes(e.status));
		if ((ended.length >= n && ended.length === l.length) || Date.now() - t0 > timeoutMs) return l;
		await h.sleep(500);
	}
}

// ---------------------------------------------------------------------------------------- queue

describe('queue mode: SIGKILL of the worker during a bulk Create or Update, then the re-run', () => {
	let stack;
	let pg;
	let fake;
	let n8n;
	let webhookProcess;
	let worker;
	const wfId = 'wfCrashBulkQ01';
	const rounds = [];

	beforeAll(async () => {
		const t0 = Date.now();
		stack = await startStack({
			fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			services: { pg: startPostgres, redis: startRedis },
			credential: { id: 'credCrashQOAuth01', name: 'MVMNT crash queue' },
			prepare: ({ credential, services }) => ({
				workflows: [upsertWorkflow(wfId, credential)],
				publish: [wfId],
				// stalled jobs are found every 10 s (n8n's default: 30 s) to keep the rounds short
				env: { ...services.pg.env, ...services.redis.env, EXECUTIONS_MODE: 'queue', QUEUE_BULL_PREFIX: 'mvmnt-crash-bulk', QUEUE_WORKER_LOCK_DURATION: '6000', QUEUE_WORKER_LOCK_RENEW_TIME: '3000', QUEUE_WORKER_STALLED_INTERVAL: '4000' },
			}),
			start: true,
		});
		({ fake, n8n } = stack);
		pg = stack.services.pg;
		worker = await n8n.startRole('worker', { name: 'worker0', args: ['--concurrency=10'] });
		webhookProcess = await n8n.startRole('webhook', { name: 'webhook0' });
		say('bulk', `seed ${SEED}, kills ${KILLS}; queue mode up (main + worker + webhook processor, n8n ${h.N8N_VERSION}) in ${Math.round((Date.now() - t0) / 1000)} s`);
	});

	afterAll(async () => {
		if (webhookProcess) await webhookProcess.stop().catch(() => {});
		if (worker) await worker.stop().catch(() => {});
		if (stack) await stack.stop();
	});

	const executions = async () => (await pg.query(`select id, status from execution_entity where "workflowId" = '${wfId}' and "deletedAt" is null`)).map(([id, status]) => ({ id, status }));

	/** the distinct error messages stored with these executions (n8n keeps run data as `flatted` JSON: strings stand alone) */
	async function errorsOf(ids) {
		if (!ids.length) return [];
		const rows = await pg.query(`select data from execution_data where "executionId" in (${ids.map(Number).join(',')})`);
		const out = new Set();
		for (const [data] of rows) {
			for (const m of String(data).match(/"[^"]{0,200}(?:stalled|[Cc]rash|[Ww]orker|[Jj]ob |lost|[Ss]hut)[^"]{0,200}"/g) || []) out.add(m.slice(1, -1));
		}
		return [...out].slice(0, 3);
	}

	/** the bulk: Q_EXECUTIONS webhook calls through the webhook processor; resolves with the new executions' ids known before */
	async function send(prefix, run) {
		const per = Q_ITEMS / Q_EXECUTIONS;
		const url = `${webhookProcess.url}/webhook/${UPSERT_PATH}-${wfId.toLowerCase()}`;
		const answers = await Promise.all(Array.from({ length: Q_EXECUTIONS }, (_, batch) => post(url, { prefix, batch, size: per, run })));
		expect(answers.map((a) => a.status)).toEqual(Array(Q_EXECUTIONS).fill(200));
	}

	test(`${KILLS} rounds of ${Q_ITEMS} items in ${Q_EXECUTIONS} executions: worker killed mid-run, new worker, re-run → 0 duplicates, 0 missing, re-run's values`, async () => {
		const rnd = random('bulk-queue');
		for (let round = 1; round <= KILLS; round++) {
			const t0 = Date.now();
			const prefix = `QB${String(round).padStart(2, '0')}`;
			const fraction = 0.1 + 0.8 * rnd(); // of the first run's 2 requests per item
			const known = new Set((await executions()).map((e) => e.id));
			const base = await customerCalls(fake);
			await send(prefix, 'first');
			const killedAt = await waitCalls(fake, base, Math.floor(fraction * 2 * Q_ITEMS));
			await worker.kill();
			const killedTime = Date.now();
			const killed = worker;
			worker = null;
			const beforeKillCalls = await customerCalls(fake);
			worker = await n8n.startRole('worker', { name: `worker${round}`, args: ['--concurrency=10'] });
			const first = (await settle(executions, known.size + Q_EXECUTIONS, SETTLE_MS)).filter((e) => !known.has(e.id));
			const settledMs = Date.now() - killedTime;
			const afterFirst = await customerCalls(fake);
			const errors = await errorsOf(first.filter((e) => e.status !== 'success').map((e) => e.id));
			const firstCount = await count(fake, prefix, Q_ITEMS);
			// Bull re-ran stalled jobs when the first run's keys (all new) saw updates: a re-run finds what the killed run created
			const stalledWork = diff(beforeKillCalls, afterFirst);
			const stalledLog = (worker.logTail(200000).match(/stalled|Job \d+ .*(re-?run|again)/gi) || []).length;
			// the remedy: the same bulk again
			const known2 = new Set((await executions()).map((e) => e.id));
			const base2 = await customerCalls(fake);
			await send(prefix, 'rerun');
			const second = (await settle(executions, known2.size + Q_EXECUTIONS, SETTLE_MS)).filter((e) => !known2.has(e.id));
			const rerunCalls = diff(base2, await customerCalls(fake));
			// let whatever of the first run is still running end before counting values
			const stillRunning = (await executions()).filter((e) => known2.has(e.id) && !known.has(e.id) && !FINAL.includes(e.status)).length;
			const after = await count(fake, prefix, Q_ITEMS, 'rerun');
			const r = {
				round,
				killedAtRequest: killedAt,
				firstRun: { executions: tally(first), records: firstCount.records, duplicates: firstCount.duplicates, missing: firstCount.missing, afterKill: { creates: stalledWork.POST, updates: stalledWork.PATCH } },
				rerun: { executions: tally(second), creates: rerunCalls.POST, updates: rerunCalls.PATCH },
				firstRunStillRunning: stillRunning,
				...after,
				seconds: Math.round((Date.now() - t0) / 1000),
				settledSecondsAfterKill: Math.round(settledMs / 1000),
				errors,
				killedWorker: killed.name,
				stalledLogLines: stalledLog,
			};
			rounds.push(r);
			say('bulk', `queue round ${round}/${KILLS}: worker killed after ${killedAt}/${2 * Q_ITEMS} requests; first run ${JSON.stringify(r.firstRun)}; re-run ${JSON.stringify(r.rerun)}; ${Q_ITEMS} items → ${after.records} records, ${after.duplicates} duplicates, ${after.missing} missing, ${after.stale} without the re-run's values; first-run executions still running ${stillRunning}; killed run's executions ended ${r.settledSecondsAfterKill} s after the kill, with ${JSON.stringify(errors)}; ${r.seconds} s`);
			expect(second.map((e) => e.status)).toEqual(Array(Q_EXECUTIONS).fill('success'));
			expect(after).toEqual({ records: Q_ITEMS, duplicates: 0, missing: 0, stale: 0 });
			// no silent partial success: a first-run execution that says success did all its items
			expect(firstCount.duplicates).toBe(0);
			if (first.length === Q_EXECUTIONS && first.every((e) => e.status === 'success')) expect(firstCount.missing).toBe(0);
		}
		const sum = (f) => rounds.reduce((n, r) => n + f(r), 0);
		const statuses = rounds.reduce((t, r) => {
			for (const [k, v] of Object.entries(r.firstRun.executions)) t[k] = (t[k] || 0) + v;
			return t;
		}, {});
		say(
			'bulk',
			`queue summary (seed ${SEED}): ${KILLS} worker kills, ${KILLS * Q_ITEMS} items, ${sum((r) => r.records)} records, ${sum((r) => r.duplicates)} duplicates, ${sum((r) => r.missing)} missing after the re-run; ` +
				`killed runs' executions ${JSON.stringify(statuses)}, missing before the re-run ${sum((r) => r.firstRun.missing)}, updates by re-run stalled jobs ${sum((r) => r.firstRun.afterKill.updates)}`,
		);
		expect(await fake.admin('GET', '/__admin/violations')).toEqual([]);
	});
});

// ------------------------------------------------------------------------------ single process

describe('single-process mode (n8n start, SQLite): SIGKILL and SIGTERM of main', () => {
	let stack;
	let fake;
	let n8n;
	const wfId = 'wfCrashBulkS01';
	const getManyId = 'wfCrashGetMany1';

	beforeAll(async () => {
		const t0 = Date.now();
		stack = await startStack({
			fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			credential: { id: 'credCrashSOAuth01', name: 'MVMNT crash single' },
			prepare: ({ credential }) => ({ workflows: [upsertWorkflow(wfId, credential), getManyWorkflow(credential)], publish: [wfId, getManyId] }),
			start: true,
		});
		({ fake, n8n } = stack);
		say('bulk', `seed ${SEED}; single process up (n8n ${h.N8N_VERSION}, SQLite) in ${Math.round((Date.now() - t0) / 1000)} s`);
	});

	afterAll(async () => {
		if (stack) await stack.stop();
	});

	const executions = (id = wfId) => n8n.allExecutions(id);

	/** the error n8n stored with an execution (message, node), or null */
	async function errorOf(workflowId, id) {
		const [run] = (await n8n.executions(workflowId, { includeData: true, limit: 20 })).filter((e) => e.id === id);
		const e = run && run.data && run.data.resultData && run.data.resultData.error;
		return e ? `${e.node && e.node.name ? e.node.name + ': ' : ''}${e.message}` : null;
	}
	const upsertUrl = () => `${n8n.baseUrl}/webhook/${UPSERT_PATH}-${wfId.toLowerCase()}`;

	async function send(prefix, run, items = S_ITEMS, parts = S_EXECUTIONS) {
		const per = items / parts;
		const answers = await Promise.all(Array.from({ length: parts }, (_, batch) => post(upsertUrl(), { prefix, batch, size: per, run })));
		expect(answers.map((a) => a.status)).toEqual(Array(parts).fill(200));
	}

	/** the bulk again after the crash; every record must then have its values */
	async function rerun(prefix, items = S_ITEMS, parts = S_EXECUTIONS) {
		const known = new Set((await executions()).map((e) => e.id));
		await send(prefix, 'rerun', items, parts);
		const mine = (await settle(executions, known.size + parts, SETTLE_MS)).filter((e) => !known.has(e.id));
		expect(mine.map((e) => e.status)).toEqual(Array(parts).fill('success'));
		const after = await count(fake, prefix, items, 'rerun');
		expect(after).toEqual({ records: items, duplicates: 0, missing: 0, stale: 0 });
		return { executions: tally(mine), ...after };
	}

	/** SIGTERM to `n8n start` (its process group, as a deploy stops it); resolves with the ms until it exited */
	async function sigterm() {
		const pid = n8n.pid;
		const t0 = Date.now();
		process.kill(-pid, 'SIGTERM');
		const alive = () => {
			try {
				process.kill(pid, 0);
				return true;
			} catch (_) {
				return false;
			}
		};
		while (alive() && Date.now() - t0 < 120000) await h.sleep(100);
		const ms = Date.now() - t0;
		if (alive()) await n8n.kill();
		else await n8n.stop(); // the handle forgets the exited process (and its group)
		return ms;
	}

	test(`${KILLS} rounds of ${S_ITEMS} items in ${S_EXECUTIONS} executions: main killed mid-run, restarted, re-run → 0 duplicates, 0 missing, re-run's values`, async () => {
		const rnd = random('bulk-single');
		const rounds = [];
		for (let round = 1; round <= KILLS; round++) {
			const t0 = Date.now();
			const prefix = `SB${String(round).padStart(2, '0')}`;
			const fraction = 0.1 + 0.8 * rnd();
			const known = new Set((await executions()).map((e) => e.id));
			const base = await customerCalls(fake);
			await send(prefix, 'first');
			const killedAt = await waitCalls(fake, base, Math.floor(fraction * 2 * S_ITEMS));
			await n8n.kill();
			// requests the dead process had already sent still reach the fake server: count once they have landed
			await h.sleep(1000);
			const atKill = await count(fake, prefix, S_ITEMS);
			await n8n.start();
			const first = (await settle(executions, known.size + S_EXECUTIONS, 60000)).filter((e) => !known.has(e.id));
			const firstCount = await count(fake, prefix, S_ITEMS);
			const again = await rerun(prefix);
			const r = { round, killedAtRequest: killedAt, recordsAtKill: atKill.records, firstRun: { executions: tally(first), ...firstCount }, rerun: again, seconds: Math.round((Date.now() - t0) / 1000) };
			rounds.push(r);
			say('bulk', `single round ${round}/${KILLS}: main killed after ${killedAt}/${2 * S_ITEMS} requests (${atKill.records} records); after restart first run ${JSON.stringify(r.firstRun)}; re-run ${JSON.stringify(again)}; ${r.seconds} s`);
			// n8n never reports the killed run as a success with less data
			expect(first.filter((e) => e.status === 'success')).toEqual([]);
			expect(firstCount.records).toBe(atKill.records); // nothing ran on after the kill
			expect(firstCount.duplicates).toBe(0);
		}
		const statuses = rounds.reduce((t, r) => {
			for (const [k, v] of Object.entries(r.firstRun.executions)) t[k] = (t[k] || 0) + v;
			return t;
		}, {});
		say('bulk', `single summary (seed ${SEED}): ${KILLS} kills of main, ${KILLS * S_ITEMS} items, ${rounds.reduce((n, r) => n + r.rerun.records, 0)} records after the re-runs, 0 duplicates, 0 missing; killed runs' executions ${JSON.stringify(statuses)}`);
	});

	test.each([
		['can finish within the graceful-shutdown time', 0],
		// 32 items at a time (Parallel Items), each request answered after 2 s: ~75 s in all, n8n waits 30 s
		['cannot finish within the graceful-shutdown time (MVMNT answers after 2 s)', 2000],
	])('SIGTERM during a bulk Create or Update that %s → complete success or not a success; the re-run completes it', async (what, delayMs) => {
		const items = 600;
		const prefix = `ST${delayMs}`;
		if (delayMs) await fake.admin('POST', '/__admin/faults', { match: { path: '/v1/customers' }, delayMs, times: 100000 });
		const known = new Set((await executions()).map((e) => e.id));
		const base = await customerCalls(fake);
		await send(prefix, 'first', items, 1);
		const sentAt = await waitCalls(fake, base, Math.floor(0.2 * 2 * items));
		const exitMs = await sigterm();
		const atExit = await count(fake, prefix, items);
		await fake.admin('DELETE', '/__admin/faults');
		await n8n.start();
		const list = (await settle(executions, known.size + 1, 60000)).filter((e) => !known.has(e.id));
		const status = list.map((e) => e.status).join(',');
		const error = list.length === 1 ? await errorOf(wfId, list[0].id) : null;
		say('bulk', `SIGTERM, bulk that ${what}: sent after ${sentAt}/${2 * items} requests; n8n exited after ${exitMs} ms with ${atExit.records}/${items} records; execution after restart: ${status}${error ? ` (${error})` : ''}`);
		expect(list).toHaveLength(1);
		if (list[0].status === 'success') expect(atExit).toMatchObject({ records: items, missing: 0, duplicates: 0 });
		else expect(atExit.records).toBeLessThan(items);
		const again = await rerun(prefix, items, 1);
		say('bulk', `SIGTERM, bulk that ${what}: re-run → ${JSON.stringify(again)}`);
	});

	test.each([
		['can finish within the graceful-shutdown time (a page every 150 ms)', 150],
		['cannot finish within the graceful-shutdown time (a page every 600 ms)', 600],
	])('SIGTERM during a Get Many (Return All) of 20,000+ customers that %s → every record or an error, never fewer records', async (what, delayMs) => {
		if (!(await fake.admin('GET', '/__admin/records/customers')).some((c) => c.key === 'GM-1')) {
			await fake.admin('POST', '/__admin/seed', { collection: 'customers', count: 20000, template: { name: 'Seeded customer {{i}}', key: 'GM-{{i}}', status: 'ACTIVE' } });
		}
		const total = (await fake.admin('GET', '/__admin/records/customers')).filter((c) => !c.deletedAt).length;
		await fake.admin('POST', '/__admin/faults', { match: { path: '/v1/customers/filter' }, delayMs, times: 100000 });
		const filterCalls = async () => (await fake.admin('GET', '/__admin/stats?limit=0')).byRoute['POST /v1/customers/filter'] || 0;
		const before = await filterCalls();
		const known = new Set((await executions(getManyId)).map((e) => e.id));
		const answer = h.http('POST', `${n8n.baseUrl}/webhook/${GETMANY_PATH}`, { body: {} }).catch((e) => ({ status: 0, error: e.message }));
		while ((await filterCalls()) - before < 10) await h.sleep(100);
		const exitMs = await sigterm();
		const pages = (await filterCalls()) - before;
		const res = await answer;
		await fake.admin('DELETE', '/__admin/faults');
		await n8n.start();
		const list = (await settle(() => executions(getManyId), known.size + 1, 60000)).filter((e) => !known.has(e.id));
		const status = list.map((e) => e.status).join(',');
		const error = list.length === 1 ? await errorOf(getManyId, list[0].id) : null;
		const got = Array.isArray(res.json) ? `${res.json.length} records (${new Set(res.json.map((c) => c.id)).size} distinct)` : JSON.stringify(res.json || res.error || (res.text || '').slice(0, 200));
		say('bulk', `SIGTERM, Get Many of ${total} customers that ${what}: SIGTERM after 10 pages; n8n exited after ${exitMs} ms having read ${pages} pages; the caller got HTTP ${res.status} ${got}; execution after restart: ${status}${error ? ` (${error})` : ''}`);
		expect(list).toHaveLength(1);
		// an answer with records has all of them; a successful execution answered with all of them
		if (Array.isArray(res.json)) {
			expect(res.json).toHaveLength(total);
			expect(new Set(res.json.map((c) => c.id)).size).toBe(total);
		}
		if (list[0].status === 'success') {
			const r = await n8n.api('GET', `/executions/${list[0].id}?includeData=true`);
			expect(r.status).toBe(200);
			expect(h.nodeJson(r.json, 'Get Many Customers')).toHaveLength(total);
		}
	});
});
