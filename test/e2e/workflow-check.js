'use strict';
/**
 * What n8n's editor would flag in a workflow, checked against the node types a running n8n
 * serves to its editor (GET /types/nodes.json, which includes the `…Tool` variants n8n
 * generates for nodes that are usable as AI tools):
 *
 *   - a node type or type version n8n does not know (the editor shows "Install this node")
 *   - a parameter the node type does not have, or that is not shown for the node's other
 *     settings (n8n silently drops both when the workflow is opened and saved)
 *   - an option value the parameter does not offer (literal values; expressions are skipped)
 *   - a value of the wrong kind (number, boolean, collection, resource locator mode)
 *   - the parameter issues n8n itself computes (NodeHelpers.getNodeParametersIssues:
 *     required fields left empty, resource locators without a value)
 *   - a required credential not referenced, or a credential type the node does not take
 *   - connections from/to nodes that do not exist, or of a type the source node does not output
 *
 *   const issues = checkWorkflow(workflowJson, nodeTypeDescriptions); // [] when clean
 *
 * Plain CommonJS; n8n-workflow is the repository's own (same minor as the n8n it checks).
 */
const { NodeHelpers } = require('n8n-workflow');

/** name → [descriptions] (a versioned node has one description per group of versions) */
function indexNodeTypes(descriptions) {
	const index = new Map();
	for (const d of descriptions) {
		if (!index.has(d.name)) index.set(d.name, []);
		index.get(d.name).push(d);
	}
	return index;
}

function findNodeType(index, type, version) {
	for (const d of index.get(type) || []) {
		const versions = Array.isArray(d.version) ? d.version : [d.version];
		if (versions.includes(version)) return d;
	}
	return null;
}

const isExpression = (v) => typeof v === 'string' && v.startsWith('=');
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasDynamicOptions = (p) => !!(p.typeOptions && (p.typeOptions.loadOptionsMethod || p.typeOptions.loadOptions));

function shown(prop, values, node, desc, root) {
	if (!prop.displayOptions) return true;
	try {
		return NodeHelpers.displayParameter(values, prop, node, desc, root);
	} catch (_) {
		return true; // an unevaluable condition is not ours to flag
	}
}

/** issues of one value against its property definition */
function valueIssues(prop, value, at, ctx) {
	if (isExpression(value)) return [];
	const out = [];
	switch (prop.type) {
		case 'options':
			if (!hasDynamicOptions(prop) && !(prop.options || []).some((o) => o.value === value)) {
				out.push(`${at}: "${String(value)}" is not an option (${(prop.options || []).map((o) => o.value).join(', ')})`);
			}
			break;
		case 'multiOptions':
			if (!Array.isArray(value)) out.push(`${at}: must be a list`);
			else if (!hasDynamicOptions(prop)) {
				for (const v of value) {
					if (!isExpression(v) && !(prop.options || []).some((o) => o.value === v)) out.push(`${at}: "${String(v)}" is not an option`);
				}
			}
			break;
		case 'number':
			if (typeof value !== 'number') out.push(`${at}: must be a number, got ${JSON.stringify(value)}`);
			break;
		case 'boolean':
			if (typeof value !== 'boolean') out.push(`${at}: must be true or false, got ${JSON.stringify(value)}`);
			break;
		case 'resourceLocator':
			if (!isObject(value) || value.__rl !== true) out.push(`${at}: must be a resource locator {__rl, mode, value}`);
			else if (prop.modes && !prop.modes.some((m) => m.name === value.mode)) {
				out.push(`${at}: mode "${value.mode}" does not exist (${prop.modes.map((m) => m.name).join(', ')})`);
			}
			break;
		case 'collection':
			if (!isObject(value)) out.push(`${at}: must be a collection (object)`);
			else out.push(...levelIssues(prop.options || [], value, at, ctx));
			break;
		case 'fixedCollection': {
			if (!isObject(value)) {
				out.push(`${at}: must be an object`);
				break;
			}
			const multiple = !!(prop.typeOptions && prop.typeOptions.multipleValues);
			for (const [group, entries] of Object.entries(value)) {
				const option = (prop.options || []).find((o) => o.name === group);
				if (!option) {
					out.push(`${at}.${group}: unknown parameter group (${(prop.options || []).map((o) => o.name).join(', ')})`);
					continue;
				}
				const list = multiple ? entries : [entries];
				if (multiple && !Array.isArray(entries)) {
					out.push(`${at}.${group}: must be a list`);
					continue;
				}
				list.forEach((entry, i) => {
					const where = multiple ? `${at}.${group}[${i}]` : `${at}.${group}`;
					if (!isObject(entry)) out.push(`${where}: must be an object`);
					else out.push(...levelIssues(option.values || [], entry, where, ctx, withDefaults(option.values || [], entry)));
				});
			}
			break;
		}
		default:
			break;
	}
	return out;
}

/** the entry as the editor sees it: its fields' defaults filled in (display conditions read them) */
function withDefaults(props, entry) {
	const out = {};
	for (const p of props) if (!(p.name in out) && p.default !== undefined) out[p.name] = p.default;
	return { ...out, ...entry };
}

/** every key of `values` must be a property of `props` that is shown for `displayValues` */
function levelIssues(props, values, at, ctx, displayValues = values) {
	const out = [];
	for (const [key, value] of Object.entries(values)) {
		const where = at ? `${at}.${key}` : key;
		const candidates = props.filter((p) => p.name === key);
		if (!candidates.length) {
			out.push(`${where}: unknown parameter`);
			continue;
		}
		const visible = candidates.filter((p) => shown(p, displayValues, ctx.node, ctx.desc, ctx.root));
		if (!visible.length) {
			out.push(`${where}: not shown for these settings (n8n drops it)`);
			continue;
		}
		// several definitions can share a name (per resource/operation): one must accept the value
		const results = visible.map((p) => valueIssues(p, value, where, ctx));
		if (!results.some((r) => r.length === 0)) out.push(...results[0]);
	}
	return out;
}

function nodeIssues(node, index) {
	const desc = findNodeType(index, node.type, node.typeVersion);
	if (!desc) {
		const known = (index.get(node.type) || []).flatMap((d) => [].concat(d.version));
		return [known.length ? `unknown version ${node.typeVersion} of ${node.type} (n8n has ${known.join(', ')})` : `unknown node type ${node.type}`];
	}
	const params = node.parameters || {};
	const props = desc.properties || [];
	const full = NodeHelpers.getNodeParameters(props, params, true, false, node, desc) || {};
	const ctx = { node, desc, root: full };
	const out = levelIssues(props, params, '', ctx, full);

	const n8nIssues = (NodeHelpers.getNodeParametersIssues(props, { ...node, parameters: full }, desc) || {}).parameters || {};
	for (const [name, messages] of Object.entries(n8nIssues)) {
		for (const m of messages) out.push(`${name}: ${m}`);
	}
	// n8n only flags empty required strings, options, dates and locators; an empty required JSON or number field fails too
	for (const p of props) {
		if (!p.required || n8nIssues[p.name] || !shown(p, full, node, desc, full)) continue;
		const v = full[p.name];
		if (v === undefined || v === null || v === '') out.push(`${p.name}: required but empty`);
	}

	const creds = node.credentials || {};
	for (const c of desc.credentials || []) {
		if (!c.required || !shown(c, full, node, desc, full)) continue;
		const ref = creds[c.name];
		if (!ref || !ref.id || !ref.name) out.push(`credential ${c.name} is required but not set`);
	}
	for (const name of Object.keys(creds)) {
		if (!(desc.credentials || []).some((c) => c.name === name)) out.push(`credential type ${name} is not one this node takes`);
	}
	return out;
}

function outputTypes(desc) {
	if (!Array.isArray(desc.outputs)) return null; // computed by an expression: not checkable statically
	return desc.outputs.map((o) => (typeof o === 'string' ? o : o.type));
}

/** @returns {string[]} issues, each "Node name: message" */
function checkWorkflow(workflow, nodeTypeDescriptions) {
	const index = nodeTypeDescriptions instanceof Map ? nodeTypeDescriptions : indexNodeTypes(nodeTypeDescriptions);
	const issues = [];
	const byName = new Map();
	for (const node of workflow.nodes || []) {
		if (byName.has(node.name)) issues.push(`${node.name}: duplicate node name`);
		byName.set(node.name, node);
		for (const m of nodeIssues(node, index)) issues.push(`${node.name}: ${m}`);
	}
	for (const [source, byType] of Object.entries(workflow.connections || {})) {
		const from = byName.get(source);
		if (!from) {
			issues.push(`connections: source node "${source}" does not exist`);
			continue;
		}
		const desc = findNodeType(index, from.type, from.typeVersion);
		const outputs = desc && outputTypes(desc);
		for (const [type, lists] of Object.entries(byType)) {
			if (outputs && !outputs.includes(type)) issues.push(`${source}: has no "${type}" output (outputs: ${outputs.join(', ') || 'none'})`);
			for (const list of lists || []) {
				for (const c of list || []) {
					if (!byName.has(c.node)) issues.push(`${source}: connected to a node that does not exist: "${c.node}"`);
					if (c.type !== type) issues.push(`${source} → ${c.node}: connection type ${c.type} under ${type}`);
				}
			}
		}
	}
	return issues;
}

module.exports = { checkWorkflow, indexNodeTypes, findNodeType };
