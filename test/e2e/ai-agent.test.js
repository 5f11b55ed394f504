'use strict';
/**
 * The node as an AI-agent tool in the real n8n (2.41.1), one n8n for two workflows:
 *  - an AI Agent whose chat model is a scripted stand-in (dev/fake-openai.js,
 *    reached through the OpenAI credential's Base URL) uses the MVMNT node as a
 *    tool twice: Shipment → Get with the client key the model chose, then
 *    Shipment → Track with the key it read from the first answer. The model
 *    gets simplified records, and every parameter it can fill is described in
 *    the tool schema it receives (the descriptions are the node's own);
 *  - Customer → Get Many with a Status condition picked from the dropdown.
 */
const { sizes, CURRENT_LIMIT, OLDER_LIMIT } = require('../../dev/description-budget');
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { startFakeOpenAi, toolNamed, toolResults } = require('../../dev/fake-openai');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { SIMPLE_FIELDS } = require('../../dist/nodes/foundation/catalog/descriptions.js');
const { filterFieldValue } = require('../../dist/nodes/foundation/filter/operators.js');

jest.setTimeout(600000);

const CLIENT_ID = 'e2e-ai-client';
const CLIENT_SECRET = 'e2e-ai-secret-0123456789';
const SHIPMENT_KEY = 'AI-SHIP-7';
const TOOL_TYPE = `${h.PKG_NAME || 'n8n-nodes-mvmnt'}.mvmntTool`;

const properties = new Mvmnt().description.properties;
/** The description the node gives a parameter shown for `resource:operation` (at `path` inside it). */
function describedAs(resource, operation, path) {
	const [top, ...rest] = path.split('.');
	let p = properties.find(
		(x) => x.name === top && x.displayOptions?.show?.resource?.includes(resource) && x.displayOptions.show.operation?.includes(operation),
	);
	for (const name of rest) {
		// a fixedCollection's group (`entries`), or a parameter inside the current level
		const group = p.options.find((o) => o.name === name && o.values);
		p = group ? { options: group.values } : p.options.find((x) => x.name === name);
	}
	if (!p?.description) throw new Error(`no description for ${resource}:${operation} ${path}`);
	return p.description;
}
const fromAi = (key, description) => `={{ $fromAI('${key}', \`${description}\`, 'string') }}`;

let stack;
let fake;
let openai;
let n8n;
let agentWf;
let filterWf;

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credMvmntAiAgent01' },
		// the editor's files on: n8n serves /types/nodes.json, the node descriptions every editor load downloads
		env: { N8N_DISABLE_UI: 'false', N8N_VERIFIED_PACKAGES_ENABLED: 'false' },
		prepare: modelAndWorkflows,
	});
	({ fake, n8n } = stack);
});

/** the scripted chat model (fake OpenAI) and the two workflows */
async function modelAndWorkflows({ credential: mvmnt }) {
	const parse = (content) => {
		const parsed = JSON.parse(content);
		return Array.isArray(parsed) ? parsed[0] : parsed;
	};
	openai = await startFakeOpenAi([
		(body) => ({ toolCall: { name: toolNamed(body, /get/i).name, args: { shipment_key: SHIPMENT_KEY } } }),
		(body) => ({ toolCall: { name: toolNamed(body, /track/i).name, args: { reference: parse(toolResults(body)[0]).key } } }),
		(body) => {
			const [found] = parse(toolResults(body)[1]).results;
			return { text: `Shipment ${found.key} is ${found.status}.` };
		},
	]);
	const openAiCredential = { id: 'credOpenAiFake0001', name: 'Scripted model', type: 'openAiApi', data: { apiKey: 'sk-scripted', url: openai.baseUrl } };
	const node = (name, type, typeVersion, position, parameters, credentials) => ({
		id: `a12e0000-0000-4000-8000-${String(position[0] + position[1] * 7).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position,
		parameters,
		...(credentials ? { credentials } : {}),
	});
	const mvmntCred = { mvmntOAuth2Api: { id: mvmnt.id, name: mvmnt.name } };
	agentWf = {
		id: 'wfMvmntAiAgent0001',
		name: 'AI agent with MVMNT tools',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3.1, [240, 0], {
				promptType: 'define',
				text: `Where is our shipment ${SHIPMENT_KEY}?`,
				options: { systemMessage: 'You are a freight operations assistant. Use the MVMNT tools.' },
			}),
			node(
				'OpenAI Chat Model',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				1.2,
				[0, 260],
				{ model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' }, options: {} },
				{ openAiApi: { id: openAiCredential.id, name: openAiCredential.name } },
			),
			node(
				'Get Shipment',
				TOOL_TYPE,
				1.1,
				[240, 260],
				{
					resource: 'shipment',
					operation: 'get',
					shipmentId: { __rl: true, mode: 'key', value: fromAi('shipment_key', describedAs('shipment', 'get', 'shipmentId')) },
				},
				mvmntCred,
			),
			node(
				'Track Shipments',
				TOOL_TYPE,
				1.1,
				[480, 260],
				{
					resource: 'shipment',
					operation: 'track',
					searches: { entries: [{ query: fromAi('reference', describedAs('shipment', 'track', 'searches.entries.query')) }] },
				},
				mvmntCred,
			),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Get Shipment': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			'Track Shipments': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
	const status = OPERATIONS.find((o) => o.resource === 'customer' && o.kind === 'getAll').filterFields.find((f) => f.name === 'status');
	filterWf = h.linearWorkflow({
		id: 'wfMvmntStatusFilter',
		name: 'Customers by status from the dropdown',
		credential: mvmnt,
		nodes: [
			{
				name: 'Inactive Customers',
				typeVersion: 1.1,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					returnAll: true,
					filterType: 'builder',
					conditions: { condition: [{ field: filterFieldValue(status), operator: 'equalTo', enumValue: 'INACTIVE' }] },
				},
			},
		],
	});
	return { credentials: [mvmnt, openAiCredential], workflows: [agentWf, filterWf] };
}

afterAll(async () => {
	if (stack) await stack.stop();
	if (openai) await openai.close();
});

test('the AI agent gets a shipment by the client key it chose, then tracks it; simplified records; every parameter described', async () => {
	await fake.admin('POST', '/__admin/seed', {
		collection: 'shipments',
		records: [{ key: SHIPMENT_KEY, status: 'IN_TRANSIT', orders: [], loads: [], services: [], totalRevenue: 2450, totalCost: 1900, margin: 550, marginPercent: 22.4 }],
	});
	const run = await n8n.execute(agentWf.id);
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);

	// the model was called three times: get, track, answer
	expect(openai.requests.length).toBe(3);
	const [first, , last] = openai.requests;
	// the tool schema: every parameter the model can fill has the node's description
	const get = toolNamed(first, /get/i);
	const track = toolNamed(first, /track/i);
	expect(get.description).toMatch(/shipment/i);
	for (const tool of [get, track]) {
		const props = Object.entries(tool.parameters.properties);
		expect(props.length).toBeGreaterThan(0);
		for (const [name, schema] of props) expect([name, schema.description?.trim()]).toEqual([name, expect.stringMatching(/\w{3}/)]);
	}
	expect(get.parameters.properties.shipment_key.description).toBe(describedAs('shipment', 'get', 'shipmentId'));
	expect(track.parameters.properties.reference.description).toBe(describedAs('shipment', 'track', 'searches.entries.query'));

	// MVMNT saw Get by client key, then Track with the key read from the first answer
	const stats = await fake.admin('GET', '/__admin/stats');
	const api = stats.requests.filter((r) => r.path.startsWith('/v1/') && r.path !== '/v1/oauth/token');
	const getReq = api.find((r) => r.method === 'GET' && r.path === `/v1/shipments/${SHIPMENT_KEY}`);
	expect(getReq.query).toMatchObject({ by: 'key' });
	const trackReq = api.find((r) => r.method === 'POST' && /track/.test(r.path));
	expect(JSON.stringify(trackReq.body)).toContain(SHIPMENT_KEY);

	// the model got simplified records back
	const [gotRaw, trackedRaw] = toolResults(last);
	const got = JSON.parse(gotRaw);
	const shipment = Array.isArray(got) ? got[0] : got;
	expect(Object.keys(shipment).length).toBeLessThanOrEqual(15);
	expect(Object.keys(shipment).every((k) => SIMPLE_FIELDS.shipment.includes(k))).toBe(true);
	expect(shipment).toMatchObject({ key: SHIPMENT_KEY, status: 'IN_TRANSIT' });
	expect(shipment).not.toHaveProperty('orders');
	const tracked = JSON.parse(trackedRaw);
	const [found] = (Array.isArray(tracked) ? tracked[0] : tracked).results;
	expect(found).toMatchObject({ key: SHIPMENT_KEY, status: 'IN_TRANSIT' });
	expect(Object.keys(found).length).toBeLessThanOrEqual(15);

	const [answer] = h.nodeJson(run, 'AI Agent');
	expect(answer.output).toBe(`Shipment ${SHIPMENT_KEY} is IN_TRANSIT.`);
});

test('a Status condition picked from the dropdown runs in n8n: only inactive customers, simplified', async () => {
	await fake.admin('POST', '/__admin/seed', {
		collection: 'customers',
		records: [
			{ name: 'Dropdown Active 1', status: 'ACTIVE' },
			{ name: 'Dropdown Inactive', status: 'INACTIVE', key: 'DROP-INACTIVE' },
			{ name: 'Dropdown Active 2', status: 'ACTIVE' },
		],
	});
	const run = await n8n.execute(filterWf.id);
	if (run.status !== 'success') throw new Error(`execution ${run.status}: ${h.runError(run) || '(no error message)'}`);
	const out = h.nodeJson(run, 'Inactive Customers');
	expect(out.map((c) => c.name)).toContain('Dropdown Inactive');
	expect(out.every((c) => c.status === 'INACTIVE')).toBe(true);
	expect(out.every((c) => Object.keys(c).length <= 15)).toBe(true);
	const stats = await fake.admin('GET', '/__admin/stats');
	const filter = stats.requests.find((r) => r.method === 'POST' && r.path === '/v1/customers/filter');
	expect(filter.body.filter).toEqual({ status: { equalTo: 'INACTIVE' } });
	const violations = await fake.admin('GET', '/__admin/violations');
	expect(Array.isArray(violations) ? violations : violations.violations).toEqual([]);
});

test('n8n serves the node and its tool variant within the description budget; its Custom API Call ends in our message', async () => {
	await n8n.start();
	const served = await n8n.session('GET', '/types/nodes.json');
	if (!Array.isArray(served.json)) throw new Error(`/types/nodes.json: HTTP ${served.status} ${String(served.text).slice(0, 300)}`);
	const types = served.json;
	const ours = types.filter((t) => t.name === 'n8n-nodes-mvmnt.mvmnt' || t.name === 'n8n-nodes-mvmnt.mvmntTool');
	expect(ours.map((t) => t.name).sort()).toEqual(['n8n-nodes-mvmnt.mvmnt', 'n8n-nodes-mvmnt.mvmntTool']);
	// what the newest version shows, and the forms kept for older versions' saved workflows (dev/description-budget.js)
	for (const t of ours) {
		const { current, older } = sizes(t);
		expect(current).toBeLessThanOrEqual(CURRENT_LIMIT);
		expect(older).toBeLessThanOrEqual(OLDER_LIMIT);
	}
	const node = ours.find((t) => t.name === 'n8n-nodes-mvmnt.mvmnt');
	expect(node.subtitle).toMatch(/Get Many/);
	// the editor offers "Custom API Call" as a resource of nodes with an OAuth2 credential and saves it like this;
	// running it must end in our message, not n8n's generic "Could not get parameter"
	const wf = h.linearWorkflow({
		id: 'wfMvmntCustomCall1',
		name: 'Custom API Call',
		credential: { id: 'credMvmntAiAgent01', name: 'MVMNT test' },
		nodes: [{ name: 'Custom Call', typeVersion: 1.1, parameters: { resource: '__CUSTOM_API_CALL__', operation: '__CUSTOM_API_CALL__' } }],
	});
	const created = await n8n.api('POST', '/workflows', { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings });
	expect(created.status).toBe(200);
	await n8n.stop();
	const run = await n8n.execute(created.json.id);
	expect(h.runError(run)).toMatch(/The MVMNT node has no Custom API Call — .*HTTP Request node/);
});
