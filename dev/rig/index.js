/*
 * Runs our built node's real execute() inside n8n-core's own ExecuteContext:
 * real parameter resolution (expressions included), real continueOnFail,
 * n8n's real HTTP helper (httpRequestWithAuthentication → OutboundHttp →
 * the network) against the fake MVMNT server. Only the credential store is
 * ours: it does what n8n's CredentialsHelper does (preAuthentication on an
 * empty/expired token, persist the token, apply `authenticate`).
 */
const path = require('path');
const { Workflow, NodeHelpers } = require('n8n-workflow');
const core = require('n8n-core');

const DIST = path.resolve(__dirname, '../../dist');
const { Mvmnt } = require(path.join(DIST, 'nodes/Mvmnt/Mvmnt.node.js'));
const { MvmntPollingTrigger } = require(path.join(DIST, 'nodes/MvmntPollingTrigger/MvmntPollingTrigger.node.js'));
const { MvmntOAuth2Api } = require(path.join(DIST, 'credentials/MvmntOAuth2Api.credentials.js'));

const CREDENTIAL_TYPE = 'mvmntOAuth2Api';
// what n8n's node loader puts in front of every polling node's parameters (Poll Times)
const { commonPollingParameters: POLLING_PARAMETERS } = require(path.join(path.dirname(require.resolve('n8n-core')), 'nodes-loader', 'constants.js'));

class CredentialStore {
	constructor(data) {
		this.type = new MvmntOAuth2Api();
		this.data = { accessToken: '', ...data };
		this.preAuthCalls = 0;
		this.saves = 0;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties() {
		return this.type.properties;
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials(_details, _type, data) {
		this.saves++;
		this.data = { ...data };
	}

	async updateCredentialsOauthTokenData() {}

	async runPreAuthentication(helpers, credentials) {
		return await this.type.preAuthentication.call(helpers, credentials);
	}

	/** Mirrors n8n's CredentialsHelper.preAuthentication: refresh when empty or expired, then persist. */
	async preAuthentication(helpers, credentials, _typeName, node, expired) {
		const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		this.preAuthCalls++;
		const output = await this.type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		if (node.credentials) {
			await this.updateCredentials(node.credentials[CREDENTIAL_TYPE], CREDENTIAL_TYPE, Object.assign(credentials, output));
		}
		return Object.assign(credentials, output);
	}

	/** Applies the credential's `authenticate`, as n8n's CredentialsHelper does: a function, or a generic block of header templates. */
	async authenticate(credentials, _typeName, requestOptions) {
		this.authenticateCalls = (this.authenticateCalls || 0) + 1;
		if (typeof this.type.authenticate === 'function') return await this.type.authenticate(credentials, requestOptions);
		const headers = { ...(requestOptions.headers || {}) };
		for (const [name, template] of Object.entries(this.type.authenticate.properties.headers || {})) {
			headers[name] = String(template)
				.replace(/^=/, '')
				.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
		}
		return { ...requestOptions, headers };
	}

	async getCredentials() {
		throw new Error('not used');
	}
}

function nodeTypes(node) {
	const registry = { 'n8n-nodes-mvmnt.mvmnt': node };
	return {
		getByName: (type) => registry[type],
		getByNameAndVersion: (type) => registry[type],
		getKnownTypes: () => ({}),
	};
}

/**
 * Builds a rig around one MVMNT node. `credentials` = {environment:'custom', baseUrl, tokenUrl, clientId, clientSecret}.
 * Returns { run(parameters, items, {continueOnFail, typeVersion, timezone}), listSearch(), loadOptions(), store }.
 */
function createRig(credentials) {
	const nodeType = new Mvmnt();
	const store = new CredentialStore({ environment: 'custom', ...credentials });
	const types = nodeTypes(nodeType);

	function makeWorkflow(parameters, options = {}) {
		const node = {
			id: 'node-1',
			name: 'MVMNT',
			type: 'n8n-nodes-mvmnt.mvmnt',
			typeVersion: options.typeVersion ?? 1,
			position: [0, 0],
			parameters: {},
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'MVMNT test' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		};
		// fill defaults the way the editor does, so untouched parameters behave as in n8n
		node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description) || parameters;
		const workflow = new Workflow({
			id: 'wf-rig',
			name: 'rig',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: types,
			// the workflow's time zone (Settings → Timezone); without it n8n's default, America/New_York
			settings: options.timezone ? { timezone: options.timezone } : {},
		});
		return { workflow, node: workflow.getNode('MVMNT') };
	}

	function additionalData() {
		return {
			credentialsHelper: store,
			timezone: 'UTC',
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			executionId: 'rig-exec',
			userId: 'rig-user',
			executeWorkflow: async () => {
				throw new Error('not supported in the rig');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
		};
	}

	/** Runs execute() over `items` (json objects or { json, binary } items). Returns the output items of the main output. */
	async function run(parameters, items = [{}], options = {}) {
		const { workflow, node } = makeWorkflow(parameters, options);
		// items are plain json objects, or full n8n items ({ json, binary }) when binary data is needed
		const inputItems = items.map((it, i) => (it && it.json ? { ...it, pairedItem: { item: i } } : { json: it, pairedItem: { item: i } }));
		const inputData = { main: [inputItems] };
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: { contextData: {}, nodeExecutionStack: [], metadata: {}, waitingExecution: {}, waitingExecutionSource: {} },
		};
		const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
		const ctx = new core.ExecuteContext(
			workflow,
			node,
			additionalData(),
			'manual',
			runExecutionData,
			0,
			inputItems,
			inputData,
			executeData,
			[],
		);
		const result = await nodeType.execute.call(ctx);
		return result[0];
	}

	/** Calls a listSearch method like n8n's editor does. */
	async function listSearch(method, parameters, filter, paginationToken) {
		const { workflow, node } = makeWorkflow(parameters);
		const ctx = new core.LoadOptionsContext(workflow, node, additionalData(), '');
		return await nodeType.methods.listSearch[method].call(ctx, filter, paginationToken);
	}

	/** Calls a loadOptions method like n8n's editor does for the parameter at `path` (e.g. `conditions.condition[0].enumValue`). */
	async function loadOptions(method, parameters, path = '') {
		const { workflow, node } = makeWorkflow(parameters);
		// the editor sends the node's current parameters with the request
		const ctx = new core.LoadOptionsContext(workflow, node, { ...additionalData(), currentNodeParameters: node.parameters }, `parameters.${path}`);
		return await nodeType.methods.loadOptions[method].call(ctx);
	}

	/**
	 * The polling trigger inside n8n-core's own PollContext, as n8n runs it for an active workflow: one
	 * context for every poll (n8n builds it at activation), the node's static data kept by the Workflow.
	 * `poll()` → the items of one poll (null when nothing), `test()` → the editor's Fetch Test Event,
	 * `restart()` → a new Workflow and context from the static data as n8n saved it (JSON), as after an
	 * n8n restart. Options: `budgetMs` (n8n's poll time budget), `workflowId`, `durable` (n8n's
	 * durable poll cursors: the node's state is a staged copy of the committed cursor, committed when
	 * the poll emits or, for a scheduled poll, when it finds nothing; `poll({ activation: true })` is
	 * the poll n8n runs to test the trigger at activation, whose empty result commits nothing).
	 */
	function poller(parameters, options = {}) {
		const trigger = new MvmntPollingTrigger();
		const description = trigger.description;
		// n8n adds Poll Times to every polling node's parameters when it loads the node
		const loaded = { description: { ...description, properties: [...POLLING_PARAMETERS, ...description.properties] } };
		const type = 'n8n-nodes-mvmnt.mvmntPollingTrigger';
		const registry = { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) };
		const node = {
			id: 'poll-node-1',
			name: 'MVMNT Polling Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'MVMNT test' } },
		};
		node.parameters = NodeHelpers.getNodeParameters(loaded.description.properties, parameters, true, false, node, loaded.description) || parameters;
		let staticData = options.staticData ?? {};
		let workflow;
		let context;
		const build = () => {
			workflow = new Workflow({ id: options.workflowId ?? 'wf-poll', name: 'poll rig', nodes: [node], connections: {}, active: true, nodeTypes: registry, settings: options.timezone ? { timezone: options.timezone } : {}, staticData });
			const wfNode = workflow.getNode(node.name);
			const budget = options.budgetMs === undefined ? undefined : () => options.budgetMs;
			const noEmit = () => {
				throw new Error('the rig returns poll results instead of emitting them');
			};
			const staged = options.durable ? () => staging.snapshot : undefined;
			context = new core.PollContext(workflow, wfNode, additionalData(), 'trigger', options.durable ? 'update' : 'activate', noEmit, noEmit, undefined, undefined, staged, budget);
		};
		// durable poll cursors: the committed cursor, and the copy a poll works on
		let cursor = {};
		const staging = { snapshot: {} };
		build();
		const nodeStatic = () => workflow.getStaticData('node', workflow.getNode(node.name));
		return {
			node,
			description: loaded.description,
			async poll({ activation = false } = {}) {
				staging.snapshot = JSON.parse(JSON.stringify(cursor));
				const out = await trigger.poll.call(context);
				if (options.durable && (out !== null || !activation)) cursor = staging.snapshot;
				return out === null ? null : out[0];
			},
			/** the editor's Fetch Test Event: a manual-mode context on the same workflow */
			async test() {
				const manual = new core.PollContext(workflow, workflow.getNode(node.name), additionalData(), 'manual', 'manual');
				const out = await trigger.poll.call(manual);
				return out === null ? null : out[0];
			},
			/** a loadOptions method of the trigger, as the editor calls it for the parameter at `path` */
			async loadOptions(method, path = '') {
				const wfNode = workflow.getNode(node.name);
				const lo = new core.LoadOptionsContext(workflow, wfNode, { ...additionalData(), currentNodeParameters: wfNode.parameters }, `parameters.${path}`);
				return await trigger.methods.loadOptions[method].call(lo);
			},
			/** what n8n keeps for the node (a plain copy) */
			state() {
				return JSON.parse(JSON.stringify(options.durable ? cursor : nodeStatic()));
			},
			/** the workflow's static data (a plain copy) */
			workflowStatic() {
				return JSON.parse(JSON.stringify(workflow.staticData));
			},
			restart() {
				staticData = JSON.parse(JSON.stringify(workflow.staticData));
				build();
			},
		};
	}

	return { run, listSearch, loadOptions, poller, store, description: nodeType.description };
}

/** Shorthand for a resource-locator parameter value. */
function rl(value, mode = 'id') {
	return { __rl: true, mode, value };
}

module.exports = { createRig, rl };
