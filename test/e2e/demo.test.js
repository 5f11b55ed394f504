'use strict';
/**
 * `npm run demo` as a newcomer uses it: the editor comes up with our nodes, the demo credential and
 * every example; one MVMNT node runs through n8n's API against the seeded fake MVMNT; Ctrl-C stops
 * everything the demo started.
 */
const { spawn } = require('child_process');
const path = require('path');
const h = require('../../dev/n8n');
const { CUSTOMERS } = require('../../dev/fake-mvmnt/demo-data');

jest.setTimeout(600000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
	try {
		process.kill(-pid, 0); // the process group: n8n and its task runners, or the fake server
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

let demo;
let out = '';
let exit;

async function waitFor(re, ms) {
	const t0 = Date.now();
	for (;;) {
		const m = re.exec(out);
		if (m) return m;
		if (exit) throw new Error(`demo exited (${JSON.stringify(exit)}) before ${re}:\n${out.slice(-3000)}`);
		if (Date.now() - t0 > ms) throw new Error(`no ${re} after ${ms} ms:\n${out.slice(-3000)}`);
		await sleep(200);
	}
}

afterAll(() => {
	if (demo && !exit) {
		try {
			process.kill(-demo.pid, 'SIGKILL');
		} catch (_) {
			/* gone */
		}
	}
});

test('npm run demo: editor ready with nodes, credential and examples; a node runs through the API; Ctrl-C stops everything', async () => {
	const port = await h.freePort();
	demo = spawn(process.execPath, [path.join(h.REPO, 'scripts', 'demo.js'), '--port', String(port)], {
		cwd: h.REPO,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	demo.stdout.on('data', (c) => (out += c));
	demo.stderr.on('data', (c) => (out += c));
	demo.once('exit', (code, signal) => (exit = { code, signal }));

	await waitFor(/demo OK: order \S+ \(key QS-ORDER-2026-0001, status draft, 2 stops\).*OpenAPI violations: 0/, 300000);
	const [, email, password] = await waitFor(/sign in as (\S+) \/ (\S+)/, 300000);
	const [, n8nPid, fakePid] = (await waitFor(/demo: processes n8n=(\d+) fake=(\d+)/, 300000)).map(Number);
	const [, mcpUrl, mcpToken] = await waitFor(/MCP server \(examples\/08-mcp-server\): (\S+)\s+bearer token: (\S+)/, 300000);
	await waitFor(new RegExp(`demo: editor http://localhost:${port}\\n`), 300000);
	const base = `http://127.0.0.1:${port}`;

	// sign in as the printed owner, like the editor's login page
	const login = await h.http('POST', `${base}/rest/login`, { body: { emailOrLdapLoginId: email, password } });
	expect(login.status).toBe(200);
	const cookie = [].concat(login.headers['set-cookie'] || []).map((c) => String(c).split(';')[0]).join('; ');
	const rest = (method, p, body) => h.http(method, `${base}${p}`, { headers: { cookie }, body });

	const types = (await rest('GET', '/types/nodes.json')).json.map((t) => t.name);
	expect(types).toEqual(expect.arrayContaining(['n8n-nodes-mvmnt.mvmnt', 'n8n-nodes-mvmnt.mvmntTrigger', 'n8n-nodes-mvmnt.mvmntTool']));
	const creds = (await rest('GET', '/rest/credentials')).json.data;
	const cred = creds.find((c) => c.type === 'mvmntOAuth2Api');
	expect(cred).toMatchObject({ name: 'MVMNT (demo server)' });
	const workflows = (await rest('GET', '/rest/workflows')).json.data.map((w) => w.name);
	const examples = h.readExamples().map((e) => e.json.name);
	expect(examples.length).toBeGreaterThanOrEqual(6);
	expect(workflows).toEqual(expect.arrayContaining(examples));

	// one MVMNT node executed through n8n's public API: a webhook workflow reading the seeded customers
	const key = await rest('POST', '/rest/api-keys', { label: 'demo-test', scopes: ['workflow:read', 'workflow:create', 'workflow:activate'], expiresAt: null });
	const apiKey = key.json.data.rawApiKey;
	const api = (method, p, body) => h.http(method, `${base}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey }, body });
	const created = await api('POST', '/workflows', {
		name: 'Demo check: customers',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'd1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5f0c7a9e-1111-4222-8333-944455556666',
				parameters: { path: 'demo-check', responseMode: 'lastNode', responseData: 'allEntries' },
			},
			{
				id: 'd2',
				name: 'Customers',
				type: 'n8n-nodes-mvmnt.mvmnt',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
				credentials: { mvmntOAuth2Api: { id: cred.id, name: cred.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Customers', type: 'main', index: 0 }]] } },
	});
	expect(created.status).toBe(200);
	expect((await api('POST', `/workflows/${created.json.id}/activate`)).status).toBe(200);
	let res;
	for (let i = 0; i < 50; i++) {
		res = await h.http('GET', `${base}/webhook/demo-check`);
		if (res.status !== 404) break;
		await sleep(200);
	}
	expect(res.status).toBe(200);
	const keys = res.json.map((c) => c.key);
	expect(keys).toEqual(expect.arrayContaining(CUSTOMERS.map((c) => c.key)));

	// the printed MCP URL and token serve the example's MVMNT tools to an MCP client
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
	const mcp = new Client({ name: 'demo-check', version: '1.0.0' });
	await mcp.connect(new StreamableHTTPClientTransport(new URL(mcpUrl.replace('localhost', '127.0.0.1')), { requestInit: { headers: { Authorization: `Bearer ${mcpToken}` } } }));
	const tools = (await mcp.listTools()).tools.map((t) => t.name);
	expect(tools).toEqual(expect.arrayContaining(['Search_MVMNT', 'Track_Shipments', 'Create_Quote']));
	const found = await mcp.callTool({ name: 'Find_Customers', arguments: { filter: { key: { equalTo: CUSTOMERS[0].key } } } });
	expect(found.isError).toBeFalsy();
	expect(found.content[0].text).toContain(CUSTOMERS[0].key);
	await mcp.close();

	// Ctrl-C: the demo stops n8n (with its task runners) and the fake server, then exits 0
	expect([alive(n8nPid), alive(fakePid)]).toEqual([true, true]);
	process.kill(demo.pid, 'SIGINT');
	await waitFor(/demo: stopped/, 60000);
	for (let i = 0; i < 50 && !exit; i++) await sleep(100);
	expect(exit).toEqual({ code: 0, signal: null });
	expect([alive(n8nPid), alive(fakePid), alive(demo.pid)]).toEqual([false, false, false]);
	const after = await h.http('GET', `${base}/healthz`).catch((e) => e);
	// nothing listens on the editor port any more
	expect(after.status).toBeUndefined();
	expect(`${after.code} ${after.message} ${after.cause && after.cause.code}`).toMatch(/ECONNREFUSED/);
});
