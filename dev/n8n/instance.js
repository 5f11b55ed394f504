'use strict';
/**
 * A real n8n with this package installed, as a handle: startN8n() runs the steps of
 * dev/n8n/steps.js in order (user folder → package → credentials → workflows → publish); start()
 * then runs `n8n start` with an owner account and a public-API key.
 */
const { sleep, tail } = require('../processes');
const { http, whenDatabaseReady } = require('../http');
const { PKG_NAME, OWNER } = require('./runtime');
const steps = require('./steps');

/** the handle's calls on a running n8n: public API, the owner's session, webhooks, executions */
function serverCalls(ctx, handle) {
	return {
	/** POST to /webhook/<path>; retries while n8n answers 404 (webhooks register after readiness) */
	async postWebhook(hookPath, body, headers = {}, { timeoutMs = 60000 } = {}) {
		if (!ctx.baseUrl) throw new Error('postWebhook: call start() first');
		const url = `${ctx.baseUrl}/webhook/${String(hookPath).replace(/^\/+/, '')}`;
		const t0 = Date.now();
		for (;;) {
			const r = await http('POST', url, { headers, body });
			if (r.status !== 404 || Date.now() - t0 > timeoutMs) return r;
			await sleep(100);
		}
	},

	/** raw public-API call (X-N8N-API-KEY) */
	async api(method, apiPath, body) {
		if (!ctx.apiKey) throw new Error('api: call start() first');
		return whenDatabaseReady(() => http(method, `${ctx.baseUrl}/api/v1${apiPath}`, { headers: { 'X-N8N-API-KEY': ctx.apiKey }, body }));
	},

	/** any path of the n8n server as the owner, with the session cookie from start() — e.g. '/rest/…' or '/types/nodes.json', what the editor reads */
	async session(method, serverPath, body) {
		if (!ctx.cookie || !ctx.baseUrl) throw new Error('session: call start() first');
		return whenDatabaseReady(() => http(method, `${ctx.baseUrl}${serverPath.startsWith('/') ? '' : '/'}${serverPath}`, { headers: { cookie: ctx.cookie }, body }));
	},

	/** executions of a workflow via the public API (newest first), with data */
	async executions(workflowId, { includeData = true, limit = 100 } = {}) {
		const qs = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
		if (workflowId) qs.set('workflowId', workflowId);
		const r = await handle.api('GET', `/executions?${qs}`);
		if (r.status !== 200) throw new Error(`GET /api/v1/executions: HTTP ${r.status} ${r.text.slice(0, 500)}`);
		return r.json.data;
	},

	/** poll executions(workflowId) until predicate(list) is truthy */
	async waitForExecutions(workflowId, predicate = (l) => l.some((e) => e.finished || e.status === 'success'), { timeoutMs = 60000 } = {}) {
		const t0 = Date.now();
		for (;;) {
			const list = await handle.executions(workflowId);
			if (predicate(list)) return list;
			if (Date.now() - t0 > timeoutMs) throw new Error(`no matching execution of ${workflowId} after ${timeoutMs} ms: ${JSON.stringify(list.map((e) => [e.id, e.status]))}`);
			await sleep(250);
		}
	},

	/** every execution of a workflow, finished and running (public API, paged) */
	async allExecutions(workflowId, { includeData = false } = {}) {
		const out = [];
		for (const status of [undefined, 'running']) {
			let cursor;
			for (;;) {
				const qs = new URLSearchParams({ workflowId, limit: '250', includeData: String(includeData) });
				if (status) qs.set('status', status);
				if (cursor) qs.set('cursor', cursor);
				const r = await handle.api('GET', `/executions?${qs}`);
				if (r.status !== 200) throw new Error(`GET /executions: HTTP ${r.status} ${r.text.slice(0, 300)}`);
				out.push(...r.json.data);
				cursor = r.json.nextCursor;
				if (!cursor || r.json.data.length === 0) break;
			}
		}
		return out;
	},

	/** polls until at least `n` executions of the workflow exist and all of them have finished */
	async waitFinished(workflowId, n, { timeoutMs = 120000, includeData = false, pollMs = 300 } = {}) {
		const t0 = Date.now();
		for (;;) {
			const list = await handle.allExecutions(workflowId, { includeData });
			const finished = list.filter((e) => e.finished || (e.status && !['running', 'new', 'waiting'].includes(e.status)));
			if (finished.length >= n && finished.length === list.length) return list;
			if (Date.now() - t0 > timeoutMs) {
				throw new Error(`${workflowId}: ${finished.length}/${list.length} finished, wanted ${n} (after ${timeoutMs} ms)`);
			}
			await sleep(pollMs);
		}
	},
	};
}

/**
 * @param {object} o
 * @param {string} o.pkgTgz        tarball from packPackage()
 * @param {object[]} [o.credentials]  n8n credential JSON objects (see mvmntCredential)
 * @param {object[]} [o.workflows]    n8n workflow JSON objects (id <= 21 chars)
 * @param {string[]} [o.publish]      workflow ids to publish (activate) before start()
 * @param {number} [o.port]           port for `n8n start` (default: a free one)
 * @param {object} [o.env]            extra environment for every n8n command
 * @param {string} [o.pkgName]
 * @param {object} [o.owner]          owner account set up by start() ({email, firstName, lastName, password})
 */
async function startN8n({ pkgTgz, credentials = [], workflows = [], publish = [], port, env, pkgName = PKG_NAME, owner = OWNER } = {}) {
	const ctx = await steps.prepareUserFolder({ pkgTgz, pkgName, owner, port, env });
	const handle = {
		root: ctx.root,
		userFolder: ctx.userFolder,
		timings: ctx.timings,
		get baseUrl() {
			return ctx.baseUrl;
		},
		get port() {
			return ctx.serverPort;
		},
		get apiKey() {
			return ctx.apiKey;
		},
		/** pid (and process group) of `n8n start`, null when not running */
		get pid() {
			return ctx.server ? ctx.server.pid : null;
		},
		cli: (args, opts) => steps.runCli(ctx, args, opts),
		importCredentials: (list) => steps.importCredentials(ctx, list),
		importWorkflows: (list) => steps.importWorkflows(ctx, list),
		publish: (ids) => steps.publishWorkflows(ctx, ids),
		startRole: (role, opts) => steps.startRole(ctx, role, opts),
		execute: (workflowId, opts) => steps.executeWorkflow(ctx, workflowId, opts),
		/** `n8n start` on 127.0.0.1, wait for readiness, set up owner + public API key */
		async start(opts) {
			await steps.startServer(ctx, opts);
			return handle;
		},
		logTail: (n) => tail(ctx.startLog, n),
		stop: () => steps.stopServer(ctx),
		/** SIGKILL to `n8n start` (a crash); start() brings it back on the same database */
		kill: () => steps.killServer(ctx),
		cleanup: () => steps.removeUserFolder(ctx),
	};
	Object.assign(handle, serverCalls(ctx, handle));
	try {
		await steps.installPackage(ctx, pkgTgz);
		await steps.importCredentials(ctx, credentials);
		await steps.importWorkflows(ctx, workflows);
		await steps.publishWorkflows(ctx, publish);
	} catch (e) {
		await handle.cleanup();
		throw e;
	}
	return handle;
}

module.exports = { startN8n };
