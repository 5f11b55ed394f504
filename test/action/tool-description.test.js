/*
 * What an AI model reads about the MVMNT node used as a tool: n8n's own code (n8n-workflow's
 * getNodeParameters and getToolDescriptionForNode, as n8n runs a tool node) on the node's built
 * description, turned into its tool variant the way n8n does it (name + "Tool"). Every operation
 * gets its own model-grade description; the plain node shows no such parameter; a user's edit wins.
 */
const { NodeHelpers, getToolDescriptionForNode } = require('n8n-workflow');
const { Mvmnt } = require('../../dist/nodes/Mvmnt/Mvmnt.node.js');
const { OPERATIONS } = require('../../dist/nodes/foundation/catalog/index.js');
const { toolText } = require('../../dist/nodes/Mvmnt/parameters/tool.js');

const base = new Mvmnt().description;
// n8n's tool variant (tool-generation convertNodeToAiTool): the same properties, the name ends in "Tool"
const tool = { ...base, name: `${base.name}Tool`, displayName: `${base.displayName} Tool` };
const VERSION = Math.max(...base.version);

function parametersOf(description, parameters) {
	const node = { id: 'n1', name: 'MVMNT', type: `n8n-nodes-mvmnt.${description.name}`, typeVersion: VERSION, position: [0, 0], parameters };
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description);
	return node;
}

const describeTool = (parameters) => getToolDescriptionForNode(parametersOf(tool, parameters), { description: tool });

test('every operation: the tool variant describes it in its own words (what it does, identifiers, what it returns, not found, writes)', () => {
	const problems = [];
	for (const op of OPERATIONS) {
		const text = describeTool({ resource: op.resource, operation: op.operation });
		if (text !== toolText(op)) problems.push(`${op.resource}:${op.operation}: n8n gives "${text.slice(0, 80)}"`);
		if (text.length < 120 || text.length > 1200) problems.push(`${op.resource}:${op.operation}: ${text.length} characters`);
		if (/ in MVMNT$/.test(text)) problems.push(`${op.resource}:${op.operation}: n8n's generic text`);
		if (['get', 'update', 'delete'].includes(op.kind) && !text.includes('"Not found')) problems.push(`${op.resource}:${op.operation}: says nothing of not found`);
		if (op.pathParams?.some((p) => p.name === 'id') && !text.includes('MVMNT ID (a UUID)')) problems.push(`${op.resource}:${op.operation}: names no identifier`);
		const writes = text.includes('This tool changes data in MVMNT.');
		if (['create', 'update', 'delete', 'upsert'].includes(op.kind) !== writes && !['action', 'upload'].includes(op.kind)) problems.push(`${op.resource}:${op.operation}: writes=${writes}`);
	}
	expect(problems).toEqual([]);
	// spot checks of the wording
	expect(describeTool({ resource: 'customer', operation: 'get' })).toMatch(/^MVMNT \(freight TMS\): Fetch one customer .*client key .*By Key.*"Not found: …"/);
	expect(describeTool({ resource: 'customer', operation: 'getAll' })).toMatch(/No match returns no items/);
	expect(describeTool({ resource: 'customer', operation: 'create' })).toMatch(/DUPLICATE_KEY/);
	expect(describeTool({ resource: 'shipment', operation: 'getAll' })).not.toMatch(/This tool changes data/);
	expect(describeTool({ resource: 'shipment', operation: 'track' })).not.toMatch(/This tool changes data/);
});

test('the default operation (no parameters saved) and a user-edited description', () => {
	const first = OPERATIONS.find((op) => op.resource === 'customer' && op.operation === 'get');
	expect(describeTool({})).toBe(toolText(first));
	expect(describeTool({ resource: 'carrier', operation: 'get', toolDescription: 'Look up a carrier we work with' })).toBe('Look up a carrier we work with');
	// saved before this version, with n8n's own "Set Manually": the text is kept
	expect(describeTool({ resource: 'carrier', operation: 'get', descriptionType: 'manual', toolDescription: 'Our carriers' })).toBe('Our carriers');
	expect(parametersOf(tool, { descriptionType: 'manual' }).parameters).not.toHaveProperty('descriptionType');
});

test('the plain node (not a tool) has no Tool Description parameter; the tool variant has exactly one per operation', () => {
	const plain = parametersOf(base, { resource: 'customer', operation: 'get' }).parameters;
	expect(plain).not.toHaveProperty('toolDescription');
	const props = base.properties.filter((p) => p.name === 'toolDescription');
	expect(props).toHaveLength(OPERATIONS.length);
	for (const p of props) expect(p.displayOptions.show['@tool']).toEqual([true]);
	// n8n adds its own "Tool Description" (Set Automatically / Manually) only to nodes without one
	expect(base.properties.some((p) => p.name === 'descriptionType')).toBe(false);
});
