#!/usr/bin/env node
/*
 * npm run bench: speed and memory, side by side, in one run. Prints numbers and ratios; asserts nothing.
 *
 *   1. the node's description: size (what every n8n editor downloads) and load time
 *   2. rig (n8n-core's ExecuteContext, no n8n process): Get Many, Return All, 50,000 customers vs a plain loop
 *   3. real n8n 2.41.1 (scripts/install-n8n.sh), against a small fast MVMNT stand-in (dev/standin) on 127.0.0.1,
 *      interleaved rounds, medians:
 *        1,000 × Customer → Get: our node | n8n's HTTP Request node (defaults) | plain loop, 1 and N in flight
 *        Get Many, Return All, 50,000: our node | HTTP Request (its pagination) + Split Out
 *        at 0 ms and 50 ms added latency; a 429 burst (30% for 5 s); token requests, TCP connections,
 *        429s counted by the stand-in; n8n's peak memory (VmHWM) per run
 *
 *   BENCH_ROUNDS=3 (default)  BENCH_SKIP_N8N=1 (parts 1–2 only)  BENCH_ONLY=get0,get50,many,burst (some of part 3)
 *   BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profiles the n8n process)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-bench-'));
const { startStandin } = require('../dev/standin/server');
const { createRig } = require('../dev/rig');

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const GETS = 1000;
const MANY = 50000;
// the plain loop runs as many requests at once as our node does by default
const { PARALLEL_ITEMS: IN_FLIGHT } = require('../dist/nodes/Mvmnt/parameters/index.js');

/** what the bench prints (and, with --readme, writes into README.md's Performance section) */
const printed = [];
function out(text) {
	console.log(text);
	printed.push(text);
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ plain loops (the floor)
async function token(s) {
	const r = await fetch(s.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: s.clientId,
			client_secret: s.clientSecret,
		}),
	});
	return (await r.json()).access_token;
}

async function plainGets(s, ids, inFlight) {
	const auth = { authorization: `Bearer ${await token(s)}` };
	const out = new Array(ids.length);
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const i = next++;
			const r = await fetch(`${s.baseUrl}/customers/${ids[i]}`, {
				headers: auth,
			});
			out[i] = await r.json();
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return out.length;
}

async function plainGetMany(s) {
	const auth = {
		authorization: `Bearer ${await token(s)}`,
		'content-type': 'application/json',
	};
	const out = [];
	let cursor;
	for (;;) {
		const r = await fetch(`${s.baseUrl}/customers/filter`, {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({ pageSize: 250, ...(cursor ? { cursor } : {}) }),
		});
		const page = await r.json();
		for (const rec of page.data) out.push(rec);
		if (!page.pageInfo.hasNextPage) return out.length;
		cursor = page.pageInfo.endCursor;
	}
}

async function timed(fn) {
	const t0 = process.hrtime.bigint();
	const result = await fn();
	return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

// ------------------------------------------------------------------ part 1 + 2
async function descriptionAndRig(standin) {
	const t0 = process.hrtime.bigint();
	const { Mvmnt } = require('../dist/nodes/Mvmnt/Mvmnt.node.js');
	const node = new Mvmnt();
	const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
	const kb = JSON.stringify(node.description).length / 1024;
	out(`description: ${kb.toFixed(0)} KB JSON, ${node.description.properties.length} top-level parameters, loaded in ${loadMs.toFixed(0)} ms`);

	const rig = createRig({
		baseUrl: standin.baseUrl,
		tokenUrl: standin.tokenUrl,
		clientId: standin.clientId,
		clientSecret: standin.clientSecret,
	});
	const ours = [];
	const plain = [];
	for (let r = 0; r < ROUNDS; r++) {
		global.gc?.();
		ours.push(
			(
				await timed(() =>
					rig.run({
						resource: 'customer',
						operation: 'getAll',
						returnAll: true,
					}),
				)
			).ms,
		);
		global.gc?.(); // each side starts without the other's garbage
		plain.push((await timed(() => plainGetMany(standin))).ms);
	}
	const o = median(ours);
	const p = median(plain);
	out(
		`rig: Get Many, Return All, ${MANY.toLocaleString('en-US')}: ours ${o.toFixed(0)} ms | plain loop ${p.toFixed(0)} ms | ratio ${(o / p).toFixed(2)}×`,
	);
}

// ------------------------------------------------------------------ part 3: real n8n
function idOf(i) {
	return `c${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`;
}

function workflows(h, standin, credential) {
	const codeIds = {
		name: 'IDs',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${GETS} }, (_, i) => ({ json: { id: 'c' + String(i + 1).padStart(7, '0') + '-0000-4000-8000-000000000000' } }));`,
		},
	};
	const hook = (p) => ({
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `b0000000-0000-4000-8000-${String(p.length).padStart(4, '0')}${Buffer.from(p).toString('hex').slice(0, 8).padEnd(8, '0')}`,
		parameters: {
			path: `bench-${p}`,
			httpMethod: 'POST',
			responseMode: 'onReceived',
		},
	});
	const httpCred = {
		mvmntOAuth2Api: { id: credential.id, name: credential.name },
	};
	const wf = (id, p, nodes) =>
		h.linearWorkflow({
			id,
			name: `bench ${p}`,
			credential,
			manualTrigger: false,
			nodes: [hook(p), ...nodes],
		});
	return {
		oursGet: wf('wfBenchOursGet01', 'ours-get', [
			codeIds,
			{
				name: 'MVMNT',
				parameters: {
					resource: 'customer',
					operation: 'get',
					customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
			},
		]),
		httpGet: wf('wfBenchHttpGet01', 'http-get', [
			codeIds,
			{
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				credentials: httpCred,
				parameters: {
					url: `={{ '${standin.baseUrl}/customers/' + $json.id }}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'mvmntOAuth2Api',
					options: {},
				},
			},
		]),
		oursMany: wf('wfBenchOursMany1', 'ours-many', [
			{
				name: 'MVMNT',
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					returnAll: true,
				},
			},
		]),
		httpMany: wf('wfBenchHttpMany1', 'http-many', [
			{
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				credentials: httpCred,
				parameters: {
					method: 'POST',
					url: `${standin.baseUrl}/customers/filter`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'mvmntOAuth2Api',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '{ "pageSize": 250 }',
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [
										{
											type: 'body',
											name: 'cursor',
											value: '={{ $response.body.pageInfo.endCursor }}',
										},
									],
								},
								paginationCompleteWhen: 'other',
								completeExpression: '={{ !$response.body.pageInfo.hasNextPage }}',
								requestInterval: 0,
							},
						},
					},
				},
			},
			{
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'data', options: {} },
			},
		]),
	};
}

function vmHwm(pid) {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : NaN;
	} catch (_) {
		return NaN;
	}
}

function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS (Linux, root)
	} catch (_) {
		/* not allowed: the peak then covers the whole bench */
	}
}

async function realN8n() {
	const h = require('../dev/n8n');
	const { startStack } = require('../dev/stack');
	const standin = await startStandin({ customers: MANY });
	let wfs;
	const stack = await startStack({
		fake: false,
		mvmnt: standin,
		credential: { id: 'credBenchMvmnt01', name: 'MVMNT bench' },
		prepare: ({ credential }) => {
			wfs = workflows(h, standin, credential);
			// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile n8n itself
			const env = process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : undefined;
			return { workflows: Object.values(wfs), publish: Object.values(wfs).map((w) => w.id), env };
		},
		start: true,
	});
	const { n8n, credential } = stack;
	const ids = Array.from({ length: GETS }, (_, i) => idOf(i + 1));

	/** fires a workflow by its webhook and returns n8n's own duration of the execution, plus what the stand-in counted */
	/** a cold credential: n8n holds no token for it (as after it was created), so the run must fetch one */
	async function coldCredential() {
		const r = await n8n.session('PATCH', `/rest/credentials/${credential.id}`, {
			name: credential.name,
			type: credential.type,
			data: { ...credential.data, accessToken: '' },
		});
		if (r.status !== 200) throw new Error(`could not reset the credential's token: HTTP ${r.status} ${r.text.slice(0, 200)}`);
	}

	async function runWorkflow(w) {
		await coldCredential(); // every run starts without a token
		const before = standin.stats();
		const known = new Set((await n8n.executions(w.id, { includeData: false })).map((e) => e.id));
		resetPeak(n8n.pid);
		const hookPath = w.nodes[0].parameters.path;
		const r = await n8n.postWebhook(hookPath, {});
		if (r.status !== 200) throw new Error(`webhook ${hookPath}: HTTP ${r.status}`);
		let exec;
		for (let i = 0; i < 6000 && !exec; i++) {
			const list = await n8n.executions(w.id, { includeData: false });
			exec = list.find((e) => !known.has(e.id) && e.stoppedAt);
			if (!exec) await sleep(100);
		}
		if (!exec) throw new Error(`${w.name}: no finished execution`);
		if (process.env.BENCH_DEBUG) {
			const full = await n8n.api('GET', `/executions/${exec.id}?includeData=true`);
			const runData = full.json?.data?.resultData?.runData ?? {};
			console.log(w.name, exec.status, JSON.stringify(Object.fromEntries(Object.entries(runData).map(([k, v]) => [k, [(v[0].data?.main?.[0] ?? []).length, v[0].error?.message, JSON.stringify(v[0].data?.main?.[0]?.[0]?.json ?? null).slice(0, 300)]]))));
		}
		const after = standin.stats();
		return {
			ms: new Date(exec.stoppedAt) - new Date(exec.startedAt),
			status: exec.status,
			tokens: after.tokenRequests - before.tokenRequests,
			served: after.served - before.served,
			connections: after.connections - before.connections,
			rateLimited: after.rateLimited - before.rateLimited,
			unauthorized: after.unauthorized - before.unauthorized,
			maxInFlight: after.maxInFlight,
			avgInFlight: after.avgInFlight,
			peak: vmHwm(n8n.pid),
		};
	}

	async function plain(fn) {
		const before = standin.stats();
		const { ms } = await timed(fn);
		const after = standin.stats();
		return {
			ms,
			status: 'success',
			tokens: after.tokenRequests - before.tokenRequests,
			served: after.served - before.served,
			connections: after.connections - before.connections,
			rateLimited: 0,
			unauthorized: 0,
			maxInFlight: after.maxInFlight,
			avgInFlight: after.avgInFlight,
			peak: NaN,
		};
	}

	const table = [];
	function report(title, results, baseline) {
		const b = median(results[baseline].map((r) => r.ms));
		out(`\n${title} (medians of ${ROUNDS} interleaved rounds)`);
		for (const [name, runs] of Object.entries(results)) {
			const ms = median(runs.map((r) => r.ms));
			const last = runs[runs.length - 1];
			const ok = runs.every((r) => r.status === 'success');
			const line =
				`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / b).toFixed(2).padStart(5)}× ${baseline}` +
				`   records ${last.served}   tokens/run ${runs.map((r) => r.tokens).join(',')}   TCP conns ${last.connections}   in flight ≤${last.maxInFlight} (avg ${last.avgInFlight.toFixed(1)})` +
				`${Number.isFinite(last.peak) ? `   n8n peak ${mb(median(runs.map((r) => r.peak)))}` : ''}${ok ? '' : '   FAILED RUNS'}`;
			out(line);
			table.push({ title, name, ms, tokens: runs.map((r) => r.tokens) });
		}
	}

	const only = (name) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(name);
	for (const latencyMs of [0, 50].filter((l) => only(`get${l}`))) {
		standin.configure({ latencyMs });
		const results = {
			'our node': [],
			'HTTP Request node (defaults)': [],
			'plain loop, 1 in flight': [],
			[`plain loop, ${IN_FLIGHT} in flight`]: [],
		};
		for (let r = 0; r < ROUNDS; r++) {
			standin.reset();
			results['our node'].push(await runWorkflow(wfs.oursGet));
			standin.reset();
			results['HTTP Request node (defaults)'].push(await runWorkflow(wfs.httpGet));
			standin.reset();
			if (latencyMs === 0 || r === 0) results['plain loop, 1 in flight'].push(await plain(() => plainGets(standin, ids, 1)));
			standin.reset();
			results[`plain loop, ${IN_FLIGHT} in flight`].push(await plain(() => plainGets(standin, ids, IN_FLIGHT)));
		}
		report(`${GETS.toLocaleString('en-US')} × Customer → Get, ${latencyMs} ms added latency`, results, 'HTTP Request node (defaults)');
	}

	standin.configure({ latencyMs: 0 });
	if (only('many')) {
		const many = {
			'our node': [],
			'HTTP Request + Split Out': [],
			'plain loop': [],
		};
		for (let r = 0; r < ROUNDS; r++) {
			standin.reset();
			many['our node'].push(await runWorkflow(wfs.oursMany));
			standin.reset();
			many['HTTP Request + Split Out'].push(await runWorkflow(wfs.httpMany));
			standin.reset();
			many['plain loop'].push(await plain(() => plainGetMany(standin)));
		}
		report(`Get Many, Return All, ${MANY.toLocaleString('en-US')} customers`, many, 'HTTP Request + Split Out');
	}

	if (only('burst')) {
		standin.configure({ latencyMs: 50 });
		const burst = { 'our node': [], 'HTTP Request node (defaults)': [] };
		for (let r = 0; r < ROUNDS; r++) {
			for (const [name, w] of [
				['our node', wfs.oursGet],
				['HTTP Request node (defaults)', wfs.httpGet],
			]) {
				standin.reset();
				standin.configure({ burst: { ratio: 0.3, seconds: 5 } });
				burst[name].push(await runWorkflow(w));
			}
		}
		standin.configure({ burst: null, latencyMs: 0 });
		out(`\n429 burst: 30% of requests answered 429 (Retry-After: 1) for 5 s, ${GETS} × Get at 50 ms`);
		for (const [name, runs] of Object.entries(burst)) {
			out(
				`  ${name.padEnd(34)} ${median(runs.map((r) => r.ms))
					.toFixed(0)
					.padStart(
						7,
					)} ms   status ${runs.map((r) => r.status).join(',')}   429s ${runs.map((r) => r.rateLimited).join(',')}   in flight ≤${runs[runs.length - 1].maxInFlight}`,
			);
		}
	}
	await stack.stop();
	await standin.close();
	return table;
}

function writeReadme() {
	const file = path.join(__dirname, '..', 'README.md');
	const readme = fs.readFileSync(file, 'utf8');
	const block = [
		`Last run: ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}, ${ROUNDS} rounds (\`npm run bench -- --readme\` refreshes this):`,
		'',
		'```',
		...printed.map((l) => l.replace(/^\n/, '')).filter((l) => l !== ''),
		'```',
	].join('\n');
	const next = readme.replace(/(<!-- bench:begin -->\n)[\s\S]*?(\n<!-- bench:end -->)/, `$1${block}$2`);
	fs.writeFileSync(file, next);
	console.log('README.md: Performance figures updated');
}

async function main() {
	const standin = await startStandin({ customers: MANY });
	await descriptionAndRig(standin);
	await standin.close();
	if (process.env.BENCH_SKIP_N8N !== '1') await realN8n();
	console.log(`\nbench process rss at end: ${mb(process.memoryUsage().rss)}`);
	if (process.argv.includes('--readme')) writeReadme();
	process.exit(0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
