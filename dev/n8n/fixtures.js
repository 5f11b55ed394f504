'use strict';
/** Workflows and credentials for the real n8n: the shipped examples, the MVMNT credential, linear workflows, the README quickstart. */
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const { REPO, PKG_NAME } = require('./runtime');

const EXAMPLES_DIR = path.join(REPO, 'examples');
/** the folder the examples read and write files in (n8n's Docker default); replaced on import */
const EXAMPLE_FILES = '/home/node/.n8n-files';
/** fixtures the examples read, by example folder → sub folder of the files dir */
const EXAMPLE_FIXTURES = [
	['03-nightly-erp-sync', 'erp-customers.csv', 'mvmnt-erp-sync'],
	['05-documents', 'bill-of-lading.pdf', 'mvmnt-documents'],
];

/** [{dir, json}] of every examples/NN-name/workflow.json, in folder order */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d, 'workflow.json')))
		.sort()
		.map((dir) => ({ dir, json: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, dir, 'workflow.json'), 'utf8')) }));
}

/** copies the examples' input files into filesDir (the folder n8n may read: N8N_RESTRICT_FILE_ACCESS_TO) */
async function copyExampleFixtures(filesDir) {
	for (const [dir, file, sub] of EXAMPLE_FIXTURES) {
		await fsp.mkdir(path.join(filesDir, sub), { recursive: true });
		await fsp.copyFile(path.join(EXAMPLES_DIR, dir, file), path.join(filesDir, sub, file));
	}
}

/**
 * A shipped example made importable: the given workflow id, the files dir in place of n8n's Docker
 * default, and each credential placeholder replaced by the credential of that type in `creds`.
 */
function prepareExample(json, { id, creds = {}, filesDir }) {
	const text = filesDir ? JSON.stringify(json).split(EXAMPLE_FILES).join(filesDir) : JSON.stringify(json);
	const w = JSON.parse(text);
	w.id = id;
	for (const node of w.nodes) {
		for (const type of Object.keys(node.credentials || {})) {
			if (creds[type]) node.credentials[type] = { id: creds[type].id, name: creds[type].name };
		}
	}
	return w;
}

// ---------------------------------------------------------------- MVMNT fixtures
function mvmntCredential({ id, name = 'MVMNT test', baseUrl, tokenUrl, clientId, clientSecret }) {
	return {
		id,
		name,
		type: 'mvmntOAuth2Api',
		data: { environment: 'custom', baseUrl, tokenUrl, clientId, clientSecret },
	};
}

let nodeSeq = 0;
function nodeId() {
	nodeSeq += 1;
	return `e2e00000-0000-4000-8000-${String(nodeSeq).padStart(12, '0')}`;
}

/**
 * Linear workflow from a list of nodes: [{name, type?, typeVersion?, parameters, credentials?, onError?}, …].
 * Without a `type`, a node is an MVMNT node (n8n-nodes-mvmnt.mvmnt v1) using `credential`.
 * The first node defaults to a Manual Trigger when `manualTrigger` is true (default).
 */
function linearWorkflow({ id, name, credential, nodes, manualTrigger = true }) {
	const list = [];
	if (manualTrigger) {
		list.push({ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	}
	list.push(...nodes);
	const wfNodes = list.map((n, i) => {
		const isMvmnt = !n.type || n.type === `${PKG_NAME}.mvmnt`;
		const node = {
			id: nodeId(),
			name: n.name,
			type: n.type || `${PKG_NAME}.mvmnt`,
			typeVersion: n.typeVersion || 1,
			position: [i * 220, 0],
			parameters: n.parameters || {},
		};
		if (n.onError) node.onError = n.onError;
		if (n.webhookId) node.webhookId = n.webhookId;
		const cred = n.credential || (isMvmnt ? credential : null);
		if (n.credentials) node.credentials = n.credentials;
		else if (cred) node.credentials = { mvmntOAuth2Api: { id: cred.id, name: cred.name } };
		return node;
	});
	const connections = {};
	for (let i = 0; i < wfNodes.length - 1; i++) {
		connections[wfNodes[i].name] = { main: [[{ node: wfNodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: name || id, active: false, settings: { executionOrder: 'v1' }, nodes: wfNodes, connections };
}

const QUICKSTART_ORDER_KEY = 'QS-ORDER-2026-0001';

/** The README quickstart: customer → 2 locations → order → get order by key */
function quickstartWorkflow({ id = 'wfMvmntQuickstart01', credential }) {
	return linearWorkflow({
		id,
		name: 'MVMNT quickstart',
		credential,
		nodes: [
			{
				name: 'Create Customer',
				parameters: {
					resource: 'customer',
					operation: 'create',
					name: 'Acme Industrial Plastics',
					status: 'ACTIVE',
					additionalFields: { website: 'https://acme-industrial-plastics.example', phoneNumber: '+1-214-555-0199' },
				},
			},
			{
				name: 'Create Pickup Location',
				parameters: {
					resource: 'location',
					operation: 'create',
					customerId: { __rl: true, mode: 'id', value: '={{ $("Create Customer").item.json.id }}' },
					name: 'Acme Plastics DC - Dallas, TX',
					isAppointmentRequired: true,
					additionalFields: { key: 'QS-LOC-DAL-001', type: 'SHIPPER', notes: 'Dock doors 4-9. Check in at the guard shack.' },
				},
			},
			{
				name: 'Create Delivery Location',
				parameters: {
					resource: 'location',
					operation: 'create',
					customerId: { __rl: true, mode: 'id', value: '={{ $("Create Customer").item.json.id }}' },
					name: 'Acme Plastics Warehouse - Memphis, TN',
					isAppointmentRequired: true,
					additionalFields: { key: 'QS-LOC-MEM-001', type: 'RECEIVER', notes: 'Receiving hours 06:00-14:00.' },
				},
			},
			{
				name: 'Create Order',
				parameters: {
					resource: 'order',
					operation: 'create',
					additionalFields: { key: QUICKSTART_ORDER_KEY },
					stops: {
						entries: [
							{ sequence: 1, type: 'pickup', locationId: { __rl: true, mode: 'id', value: '={{ $("Create Pickup Location").item.json.id }}' } },
							{ sequence: 2, type: 'delivery', locationId: { __rl: true, mode: 'id', value: '={{ $("Create Delivery Location").item.json.id }}' } },
						],
					},
					freight: { handlingUnits: 20, handlingUnitType: 'pallet', weight: 18400, weightUnit: 'lbs' },
				},
			},
			{
				name: 'Get Order by Key',
				parameters: { resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'key', value: QUICKSTART_ORDER_KEY } },
			},
		],
	});
}

module.exports = { EXAMPLES_DIR, EXAMPLE_FILES, readExamples, copyExampleFixtures, prepareExample, mvmntCredential, linearWorkflow, quickstartWorkflow, QUICKSTART_ORDER_KEY };
