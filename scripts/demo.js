'use strict';
/*
 * npm run demo: a ready n8n editor with this package, a seeded fake MVMNT and a working credential.
 *
 *   npm run demo                 # editor on http://localhost:5678 until Ctrl-C
 *   npm run demo -- --port 5679  # another port
 *   npm run demo -- --once       # run the quickstart, print the order, exit (CI)
 *
 * Started by scripts/demo.sh (which builds the package and installs n8n first). Everything it starts
 * (fake MVMNT server, n8n and n8n's task runners) is stopped on Ctrl-C / SIGTERM, and nothing is kept.
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const h = require('../dev/n8n');
const { startStack } = require('../dev/stack');
const { createClient, rawRequest } = require('../dev/fake-mvmnt/client');
const { seedDemoData } = require('../dev/fake-mvmnt/demo-data');

const CLIENT_ID = 'demo-client';
const CLIENT_SECRET = 'demo-secret-not-a-real-one';
const WEBHOOK_TOKEN = 'demo-webhook-token';
/** the bearer token of the MCP server example (examples/08-mcp-server), printed for MCP clients */
const MCP_TOKEN = 'demo-mcp-token-change-me';
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Broker', password: 'Demo-Passw0rd!' };
const QUICKSTART_ID = 'wfMvmntQuickstart01';
const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';

function parseArgs(argv) {
	const o = { once: false, port: 5678 };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--once') o.once = true;
		else if (a === '--port' || a.startsWith('--port=')) {
			const v = a.includes('=') ? a.split('=')[1] : argv[++i];
			o.port = Number(v);
			if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new Error(`--port must be a port number (1–65535), got '${String(v).slice(0, 20)}'`);
		} else if (a === '--help' || a === '-h') {
			console.log('usage: npm run demo [-- --port N] [-- --once]');
			process.exit(0);
		} else throw new Error(`unknown option '${a.slice(0, 40)}' (known: --port N, --once)`);
	}
	return o;
}

/** the examples with the demo credentials; example 01 (the quickstart) gets a fixed id */
function demoWorkflows(creds, filesDir) {
	return h.readExamples().map(({ dir, json }, i) =>
		h.prepareExample(json, { id: dir.startsWith('01-') ? QUICKSTART_ID : `wfMvmntDemoEx0${i + 1}`, creds, filesDir }),
	);
}

async function portFree(port) {
	const net = require('net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	let stack;
	let fake;
	let n8n;
	let filesDir;
	let stopping = null;
	const cleanup = () => {
		stopping =
			stopping ||
			(async () => {
				if (stack) await stack.stop();
				if (filesDir) await fsp.rm(filesDir, { recursive: true, force: true }).catch(() => {});
				stack = n8n = fake = filesDir = null;
			})();
		return stopping;
	};
	let stopSignal;
	const stopped = new Promise((resolve) => {
		stopSignal = resolve;
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopSignal(sig));
	try {
		if (!opts.once && !(await portFree(opts.port))) {
			throw new Error(`port ${opts.port} is in use: stop what runs there or choose another with npm run demo -- --port N`);
		}
		// the MVMNT credential (to the fake) is the stack's; the webhook token is the demo's own
		const creds = {
			mvmntOAuth2Api: null,
			mvmntWebhookApi: { id: 'demoMvmntHook0001', name: 'MVMNT webhook token (demo)', type: 'mvmntWebhookApi', data: { token: WEBHOOK_TOKEN } },
			httpBearerAuth: { id: 'demoMcpBearer0001', name: 'MVMNT MCP token (demo)', type: 'httpBearerAuth', data: { token: MCP_TOKEN } },
		};
		let workflows;
		stack = await startStack({
			fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			credential: { id: 'demoMvmntCred0001', name: 'MVMNT (demo server)' },
			port: opts.port,
			owner: OWNER,
			prepare: async (s) => {
				fake = s.fake;
				const counts = await seedDemoData(createClient(fake, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }), { rawRequest });
				console.log(`demo: fake MVMNT server at ${fake.baseUrl}, seeded with ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
				filesDir = await fsp.realpath(await fsp.mkdtemp(path.join(os.tmpdir(), 'mvmnt-demo-files-')));
				await h.copyExampleFixtures(filesDir);
				creds.mvmntOAuth2Api = s.credential;
				workflows = demoWorkflows(creds, filesDir);
				console.log(`demo: preparing n8n (credential + ${workflows.length} example workflows)…`);
				// the MCP server example is published, so MCP clients can connect while the demo runs
				const mcp = workflows.filter((w) => w.nodes.some((n) => n.type === MCP_TRIGGER)).map((w) => w.id);
				return { credentials: Object.values(creds), workflows, publish: mcp, env: { N8N_DISABLE_UI: 'false', N8N_RESTRICT_FILE_ACCESS_TO: filesDir } };
			},
		});
		n8n = stack.n8n;

		console.log('demo: running the quickstart workflow (examples/01-quickstart) with `n8n execute`…');
		const run = await n8n.execute(QUICKSTART_ID);
		if (run.status !== 'success') throw new Error(`workflow ${run.status}: ${h.runError(run)}`);
		const [order] = h.nodeJson(run, 'Get Order by Key');
		if (!order) throw new Error('"Get Order by Key" returned no item');
		const [customer] = h.nodeJson(run, 'Create Customer');
		const v = await fake.admin('GET', '/__admin/violations');
		const violations = Array.isArray(v) ? v : v.violations || [];
		console.log(JSON.stringify(order, null, 2));
		const stops = Array.isArray(order.stops) ? order.stops.length : '?';
		const version = JSON.parse(fs.readFileSync(h.N8N_SCRIPT.replace(/bin\/n8n$/, 'package.json'), 'utf8')).version;
		console.log(
			`demo OK: order ${order.id} (key ${order.key}, status ${order.status}, ${stops} stops) for customer ` +
				`"${customer && customer.name}" created by n8n ${version} in ${run.__ms} ms; OpenAPI violations: ${violations.length}`,
		);
		if (opts.once) {
			console.log(`demo: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			return 0;
		}

		await n8n.start();
		const url = `http://localhost:${opts.port}`;
		const mcpPaths = workflows.flatMap((w) => w.nodes.filter((n) => n.type === MCP_TRIGGER).map((n) => n.parameters.path));
		console.log(
			[
				'',
				`demo: the n8n editor is ready: ${url}`,
				`      sign in as ${OWNER.email} / ${OWNER.password}`,
				`      credential "${creds.mvmntOAuth2Api.name}" → the fake MVMNT at ${fake.baseUrl}`,
				`      workflows: ${workflows.map((w) => w.name).join(' · ')}`,
				'      try: open a workflow, or add an MVMNT node (Customer → Get Many) and execute it',
				...mcpPaths.map((p) => `      MCP server (examples/08-mcp-server): ${url}/mcp/${p}  bearer token: ${MCP_TOKEN}`),
				'      Ctrl-C stops everything this demo started.',
				`demo: processes n8n=${n8n.pid} fake=${fake.pid}`,
				`demo: editor ${url}`,
			].join('\n'),
		);
		const sig = await stopped;
		console.log(`demo: ${sig}: stopping n8n and the fake MVMNT server…`);
		return 0;
	} catch (e) {
		console.error(`demo FAILED: ${e.message}`);
		return 1;
	} finally {
		await cleanup();
	}
}

main().then((code) => {
	console.log('demo: stopped');
	process.exit(code);
});
