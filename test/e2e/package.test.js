'use strict';
/**
 * The package as users get it: the `npm pack` tarball (no repository files), unpacked under
 * the n8n user folder's .n8n/nodes/node_modules/ as the Community Nodes installer does, in the
 * real n8n (2.41.1, Node 24).
 *   - the tarball holds exactly README.md, LICENSE, package.json and the compiled nodes,
 *     credentials, icons and codex files (nothing else, no runtime dependencies);
 *   - `n8n execute` runs a workflow with MVMNT nodes against the fake MVMNT server;
 *   - `n8n start` with a published MVMNT Trigger workflow: both node types and both credential
 *     types are loaded, the trigger's webhook is registered and answers a delivery.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { checkPackContents } = require('../../scripts/pack-contents');

jest.setTimeout(300000);

const CLIENT_ID = 'pkg-client-id';
const CLIENT_SECRET = 'pkg-client-secret-0123456789';
const WEBHOOK_TOKEN = 'whk_pkg_5b1e7c0d9a2f4e68';
const ACTION_TYPE = `${h.PKG_NAME}.mvmnt`;
const TRIGGER_TYPE = `${h.PKG_NAME}.mvmntTrigger`;
const POLLING_TYPE = `${h.PKG_NAME}.mvmntPollingTrigger`;
const WEBHOOK_ID = 'c0a80102-0000-4000-8000-00000000a001';

let stack;
let fake;
let n8n;
let tarballFiles;
let tarballPkg;
let credential;
const webhookCred = { id: 'credMvmntPkgHook01', name: 'MVMNT webhook (package test)', type: 'mvmntWebhookApi', data: { token: WEBHOOK_TOKEN } };
const wf = {};

/** what the build makes from the repository's sources: compiled .ts, plus the icons and codex files gulp copies */
function expectedFiles() {
	const out = ['LICENSE', 'README.md', 'package.json'];
	const walk = (rel) => {
		for (const ent of fs.readdirSync(path.join(h.REPO, rel), { withFileTypes: true })) {
			const p = `${rel}/${ent.name}`;
			if (ent.isDirectory()) walk(p);
			else if (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)) out.push(`dist/${p.replace(/\.ts$/, '.js')}`);
			else if (/\.(svg|png)$/.test(p) || (rel.startsWith('nodes') && /\.node\.json$/.test(p))) out.push(`dist/${p}`);
		}
	};
	walk('nodes');
	walk('credentials');
	return out.sort();
}

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credMvmntPkgOAuth1', name: 'MVMNT (package test)' },
		onPack: readTarball,
		prepare: workflows,
	});
	({ fake, n8n, credential } = stack);
});

/** what the tarball holds (before n8n installs it) */
function readTarball(pkgTgz) {
	tarballFiles = execFileSync('tar', ['-tzf', pkgTgz], { encoding: 'utf8' })
		.split('\n')
		.filter((l) => l && !l.endsWith('/'))
		.map((l) => l.replace(/^package\//, ''))
		.sort();
	tarballPkg = JSON.parse(execFileSync('tar', ['-xzOf', pkgTgz, 'package/package.json'], { encoding: 'utf8' }));
}

function workflows({ credential }) {
	wf.action = h.linearWorkflow({
		id: 'wfMvmntPkgAction01',
		name: 'MVMNT package: action node',
		credential,
		nodes: [
			{
				name: 'Create Customer',
				parameters: { resource: 'customer', operation: 'create', name: 'Packaged Freight Co', status: 'ACTIVE', additionalFields: {} },
			},
			{
				name: 'Get Customer',
				parameters: { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			},
		],
	});
	wf.trigger = h.linearWorkflow({
		id: 'wfMvmntPkgTrigger1',
		name: 'MVMNT package: trigger',
		manualTrigger: false,
		nodes: [
			{
				name: 'MVMNT Trigger',
				type: TRIGGER_TYPE,
				webhookId: WEBHOOK_ID,
				parameters: { events: ['*'] },
				credentials: { mvmntWebhookApi: { id: webhookCred.id, name: webhookCred.name } },
			},
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		],
	});

	return { credentials: [credential, webhookCred], workflows: [wf.action, wf.trigger], publish: [wf.trigger.id] };
}

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the tarball holds exactly README.md, LICENSE, package.json and the built dist/ files', () => {
	expect(tarballFiles).toEqual(expectedFiles());
	expect(checkPackContents(tarballFiles, tarballPkg)).toEqual([]);
	expect(tarballPkg.dependencies || {}).toEqual({});
	expect(tarballPkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(tarballPkg.n8n.nodes).toEqual(['dist/nodes/Mvmnt/Mvmnt.node.js', 'dist/nodes/MvmntTrigger/MvmntTrigger.node.js', 'dist/nodes/MvmntPollingTrigger/MvmntPollingTrigger.node.js']);
});

test('the package unpacked under .n8n/nodes/node_modules/ is the tarball, nothing more', () => {
	const pkgDir = path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', h.PKG_NAME);
	const walk = (rel) =>
		fs.readdirSync(path.join(pkgDir, rel), { withFileTypes: true }).flatMap((ent) => {
			const p = rel ? `${rel}/${ent.name}` : ent.name;
			return ent.isDirectory() ? walk(p) : [p];
		});
	expect(walk('').sort()).toEqual(tarballFiles);
});

test('n8n execute: the MVMNT node from the tarball creates and reads a customer on the fake server', async () => {
	await fake.admin('POST', '/__admin/reset');
	const run = await n8n.execute(wf.action.id);
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
	const [created] = h.nodeJson(run, 'Create Customer');
	expect(created).toEqual(expect.objectContaining({ name: 'Packaged Freight Co' }));
	expect(created.id).toBeTruthy();
	const [read] = h.nodeJson(run, 'Get Customer');
	expect(read).toEqual(expect.objectContaining({ id: created.id, name: 'Packaged Freight Co' }));
	const v = await fake.admin('GET', '/__admin/violations');
	expect(Array.isArray(v) ? v : v.violations || []).toEqual([]);
});

test('n8n start: the three node types load with their credentials and icons; the published trigger answers a delivery', async () => {
	await n8n.start();
	const log = n8n.logTail(200000);
	expect(log).not.toMatch(/error[^\n]*n8n-nodes-mvmnt|n8n-nodes-mvmnt[^\n]*(error|failed)/i);

	// what the editor asks for when it opens a workflow with these nodes (as the owner)
	const r = await n8n.session('POST', '/rest/node-types', {
		nodeInfos: [
			{ name: ACTION_TYPE, version: 1 },
			{ name: TRIGGER_TYPE, version: 1 },
			{ name: POLLING_TYPE, version: 1 },
		],
	});
	expect(r.status).toBe(200);
	const [action, trigger, polling] = r.json.data;
	// looked up by the full type name (package.node); the description carries the node's own name
	expect([action.name, trigger.name, polling.name]).toEqual(['mvmnt', 'mvmntTrigger', 'mvmntPollingTrigger']);
	expect(action.credentials.map((c) => c.name)).toEqual(['mvmntOAuth2Api']);
	expect(trigger.credentials.map((c) => c.name)).toEqual(['mvmntWebhookApi']);
	expect(polling.credentials.map((c) => c.name)).toEqual(['mvmntOAuth2Api']);
	expect(action.group).not.toContain('trigger');
	expect(trigger.group).toContain('trigger');
	expect(trigger.webhooks.length).toBeGreaterThan(0);
	// a polling node: n8n adds its Poll Times parameter
	expect(polling.polling).toBe(true);
	expect(polling.properties[0].name).toBe('pollTimes');
	for (const t of [action, trigger, polling]) {
		expect(t.iconUrl).toEqual({ light: expect.stringMatching(/\.svg$/), dark: expect.stringMatching(/\.svg$/) });
		// icons/<package>/<path>: the files n8n serves them from (the icon route needs the editor UI, off here)
		for (const url of [t.iconUrl.light, t.iconUrl.dark]) {
			const rel = url.replace(`icons/${h.PKG_NAME}/`, '');
			expect(tarballFiles).toContain(rel);
			expect(fs.readFileSync(path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', h.PKG_NAME, rel), 'utf8')).toContain('<svg');
		}
	}
	// all 27 OpenAPI tags are resources, plus the quickstart's orders
	const resource = action.properties.find((p) => p.name === 'resource');
	expect(resource.options.map((o) => o.name)).toEqual(
		expect.arrayContaining(['Bill', 'Bill Payment', 'Carrier', 'Carrier Contact', 'Carrier Factor', 'Carrier Payment Method', 'Company', 'Credit Memo', 'Customer', 'Customer Contact', 'Document', 'Invoice', 'Load', 'Location', 'Location Contact', 'Order', 'Payment', 'Payment Term', 'Quote', 'Saved Search', 'Search', 'Service', 'Shipment', 'Team', 'User', 'Vendor', 'Vendor Contact', 'Vendor Payment Method']),
	);
	// n8n itself adds "Custom API Call" (an HTTP request with this credential) to nodes with resources
	expect(resource.options.filter((o) => o.value !== '__CUSTOM_API_CALL__')).toHaveLength(28);

	// the trigger workflow was published from the CLI; `n8n start` activated it without errors
	const w = await n8n.api('GET', `/workflows/${wf.trigger.id}`);
	expect(w.status).toBe(200);
	expect(w.json.active).toBe(true);
	const body = {
		sentAt: '2026-11-23T10:00:05Z',
		events: [{ event: 'SHIPMENT_BOOKED', timestamp: '2026-11-23T10:00:00Z', data: { id: 'shp-pkg-1', friendlyId: 'F-1' }, diff: null }],
	};
	const hook = await n8n.postWebhook(`${WEBHOOK_ID}/mvmnt`, body, { 'x-api-key': WEBHOOK_TOKEN });
	expect([hook.status, hook.json]).toEqual([200, { received: 1, accepted: 1 }]);
	const [execution] = await n8n.waitForExecutions(wf.trigger.id);
	expect(execution.status).toBe('success');
});

test('"Test connection" in n8n fetches a token with the client ID and secret: right ones pass, a wrong secret is rejected', async () => {
	const before = (await fake.admin('GET', '/__admin/stats?limit=0')).tokenRequests;
	const probe = (clientSecret) =>
		n8n.session('POST', '/rest/credentials/test', {
			credentials: { ...credential, data: { ...credential.data, clientSecret, accessToken: '' } },
		});
	const good = await probe(CLIENT_SECRET);
	expect(good.status).toBe(200);
	expect(good.json.data).toMatchObject({ status: 'OK' });
	const bad = await probe('not-the-secret');
	expect(bad.json.data.status).toBe('Error');
	expect(bad.json.data.message).toMatch(/rejected the credentials/);
	expect(JSON.stringify(bad.json)).not.toContain('not-the-secret');
	const after = (await fake.admin('GET', '/__admin/stats?limit=0')).tokenRequests;
	expect(after - before).toBe(2);
});
