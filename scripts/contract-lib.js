'use strict';
/*
 * The project's facts-only MVMNT contract: MVMNT's OpenAPI document with every piece of prose
 * removed (descriptions, summaries, titles, examples, docs extensions), kept in the OpenAPI shape
 * so the catalog generator, coverage script and fake server read it like the original.
 *
 *   loadContract()            → the committed contract/mvmnt-api.contract.json (cached)
 *   deriveContract(openapi)   → a new contract object from a parsed OpenAPI document
 *   diffContracts(old, new)   → { additive: Change[], breaking: Change[] }
 *
 * Nothing here reads outside the repository.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CONTRACT_FILE = path.join(ROOT, 'contract', 'mvmnt-api.contract.json');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** keys that carry prose, never facts */
const PROSE = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', '$comment', 'license', 'contact', 'termsOfService']);
/** objects whose keys are names chosen by the API (field names, paths, status codes…), not keywords */
const NAME_MAPS = new Set([
	'properties',
	'patternProperties',
	'paths',
	'webhooks',
	'schemas',
	'parameters',
	'responses',
	'requestBodies',
	'headers',
	'securitySchemes',
	'content',
	'mapping',
	'encoding',
	'$defs',
	'definitions',
	'callbacks',
	'links',
	'variables',
	'scopes',
	'flows',
]);

const isProseKey = (k) => PROSE.has(k) || k.startsWith('x-');

/**
 * Copies an OpenAPI node without prose. `parentKey` tells whether this object is a map of
 * API-chosen names (whose keys are all kept) or a keyword object (whose prose keys are dropped).
 */
function stripProse(node, parentKey = '') {
	if (Array.isArray(node)) return node.map((v) => stripProse(v, ''));
	if (!node || typeof node !== 'object') return node;
	const out = {};
	const nameMap = NAME_MAPS.has(parentKey) && !(parentKey === 'parameters' && Array.isArray(node));
	for (const [k, v] of Object.entries(node)) {
		if (nameMap) {
			// a `parameters` key inside a path item is a list of parameter objects, not a name map
			out[k] = stripProse(v, '');
			continue;
		}
		if (isProseKey(k)) continue;
		if (k === 'tags' && parentKey === '' && Array.isArray(v) && v.every((t) => typeof t === 'string')) {
			out[k] = v; // an operation's tag names
			continue;
		}
		out[k] = stripProse(v, k);
	}
	return out;
}

/** OpenAPI document → contract (facts only) with our own small header. */
function deriveContract(doc, { nodeVersion = 1 } = {}) {
	const facts = stripProse(doc);
	delete facts.tags; // top-level tag list: names with docs only
	const contract = {
		contract: {
			about: 'Facts derived from MVMNT\'s published OpenAPI by `npm run contract`; no prose. Do not edit by hand.',
			apiVersion: String((doc.info && doc.info.version) || ''),
			nodeVersion,
		},
		openapi: facts.openapi,
		info: { version: String((doc.info && doc.info.version) || '') },
	};
	for (const [k, v] of Object.entries(facts)) if (!(k in contract)) contract[k] = v;
	return contract;
}

/** true when some key of the document (outside name maps) is prose; returns the JSON pointers found */
function proseKeys(node, parentKey = '', at = '', found = []) {
	if (Array.isArray(node)) {
		node.forEach((v, i) => proseKeys(v, '', `${at}/${i}`, found));
		return found;
	}
	if (!node || typeof node !== 'object') return found;
	const nameMap = NAME_MAPS.has(parentKey) && !(parentKey === 'parameters' && Array.isArray(node));
	for (const [k, v] of Object.entries(node)) {
		const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
		if (!nameMap && isProseKey(k)) found.push(here);
		proseKeys(v, nameMap ? '' : k, here, found);
	}
	return found;
}

const cache = new Map();
function loadContract(file = process.env.MVMNT_CONTRACT || CONTRACT_FILE) {
	const abs = path.resolve(file);
	if (!cache.has(abs)) cache.set(abs, JSON.parse(fs.readFileSync(abs, 'utf8')));
	return cache.get(abs);
}

function writeContract(contract, file = CONTRACT_FILE) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(contract, null, '\t') + '\n');
	cache.delete(path.resolve(file));
}

// ------------------------------------------------------------------ diff

function makeDeref(doc) {
	return (node) => {
		let n = node;
		for (let i = 0; n && n.$ref && i < 50; i++) {
			n = n.$ref
				.replace(/^#\//, '')
				.split('/')
				.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
				.reduce((acc, key) => (acc ? acc[key] : undefined), doc);
		}
		return n;
	};
}

const refName = (ref) => ref.split('/').pop();

/** the set of types a schema admits ('null' included), following nothing */
function typesOf(s) {
	if (!s || typeof s !== 'object') return [];
	const t = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
	if (s.nullable === true && !t.includes('null')) t.push('null');
	return t;
}

/**
 * Flattens one schema into field facts, keyed by a path inside that schema ('' = the schema itself,
 * 'stops[].type', 'oneOf[1].mode'). $refs are not followed: a field that points at a named schema
 * records the name, and the named schema is compared on its own.
 */
function flatten(schema, at = '', out = new Map(), required = false) {
	if (!schema || typeof schema !== 'object') return out;
	if (schema.$ref) {
		out.set(at, { ref: refName(schema.$ref), required });
		return out;
	}
	const f = { required, types: typesOf(schema) };
	if (schema.format) f.format = schema.format;
	if (schema.enum) f.enum = schema.enum.filter((v) => v !== null).map(String);
	if (schema.enum && schema.enum.includes(null) && !f.types.includes('null')) f.types.push('null');
	for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'const']) {
		if (schema[k] !== undefined) f[k] = schema[k];
	}
	if (schema.additionalProperties === false) f.closed = true;
	out.set(at, f);
	const req = new Set(schema.required || []);
	const dot = at ? `${at}.` : '';
	for (const [name, sub] of Object.entries(schema.properties || {})) flatten(sub, `${dot}${name}`, out, req.has(name));
	if (schema.items) flatten(schema.items, `${at}[]`, out, false);
	for (const kw of ['allOf', 'oneOf', 'anyOf']) {
		(schema[kw] || []).forEach((sub, i) => flatten(sub, `${at}<${kw}${i}>`, out, false));
	}
	if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
		flatten(schema.additionalProperties, `${at}{*}`, out, false);
	}
	return out;
}

/** names of the component schemas reachable from requests, and from responses/webhooks */
function usage(doc) {
	const deref = makeDeref(doc);
	const walk = (node, seen) => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((n) => walk(n, seen));
		if (node.$ref) {
			const name = refName(node.$ref);
			if (seen.has(name)) return;
			seen.add(name);
			walk(deref(node), seen);
			return;
		}
		for (const v of Object.values(node)) walk(v, seen);
	};
	const request = new Set();
	const response = new Set();
	for (const item of Object.values(doc.paths || {})) {
		for (const m of METHODS) {
			const op = item[m];
			if (!op) continue;
			walk(item.parameters, request);
			walk(op.parameters, request);
			walk(op.requestBody, request);
			walk(op.responses, response);
		}
	}
	walk(doc.webhooks, response);
	return { request, response };
}

/** operation key → facts about its parameters, body and responses */
function operationsOf(doc) {
	const deref = makeDeref(doc);
	const ops = new Map();
	for (const [p, item] of Object.entries(doc.paths || {})) {
		for (const m of METHODS) {
			const op = item[m];
			if (!op) continue;
			const params = new Map();
			for (const raw of [...(item.parameters || []), ...(op.parameters || [])]) {
				const prm = deref(raw);
				if (!prm) continue;
				params.set(`${prm.in}:${prm.name}`, { required: !!prm.required, schema: flatten(prm.schema || {}) });
			}
			const rb = deref(op.requestBody);
			const body = rb
				? {
						required: !!rb.required,
						media: Object.keys(rb.content || {}).sort(),
						schema: flatten(((rb.content || {})['application/json'] || {}).schema || {}),
					}
				: null;
			const responses = new Map();
			for (const [code, r] of Object.entries(op.responses || {})) {
				const resp = deref(r) || {};
				const content = resp.content || {};
				responses.set(code, {
					media: Object.keys(content).sort(),
					schema: flatten((content['application/json'] || content[Object.keys(content)[0]] || {}).schema || {}),
				});
			}
			ops.set(`${m.toUpperCase()} ${p}`, { id: op.operationId, params, body, responses });
		}
	}
	return ops;
}

/** true when a path above `at` is in `from` but missing in `to` (so that one is reported instead) */
function removedParent(at, from, to) {
	for (const k of from.keys()) {
		if (k !== at && k !== '' && at.startsWith(k) && /^[.[<{]/.test(at.slice(k.length)) && !to.has(k)) return true;
	}
	return false;
}

/**
 * Compares two flattened schemas. `side` is 'request' (what we send: a new required field or a
 * narrowed type breaks us) or 'response' (what we read: a removed field breaks our users).
 */
function diffFields(where, before, after, side, push) {
	for (const [at, a] of before) {
		const label = `${where}${at ? ` field ${at}` : ''}`;
		const b = after.get(at);
		if (!b) {
			// a removed object is reported once, at its root, not once per field inside it
			if (!removedParent(at, before, after)) push('breaking', `${label}: removed`);
			continue;
		}
		if (a.ref !== b.ref) {
			push('breaking', `${label}: now ${b.ref ? `refers to ${b.ref}` : 'an inline schema'} (was ${a.ref || 'inline'})`);
			continue;
		}
		if (!a.required && b.required) push(side === 'request' ? 'breaking' : 'additive', `${label}: now required`);
		if (a.required && !b.required) push(side === 'request' ? 'additive' : 'breaking', `${label}: no longer required`);
		if (a.ref) continue;
		const lost = a.types.filter((t) => !b.types.includes(t) && !(t === 'integer' && b.types.includes('number')));
		const gained = b.types.filter((t) => !a.types.includes(t));
		if (a.types.length && b.types.length && lost.length) push('breaking', `${label}: type ${a.types.join('|')} → ${b.types.join('|')}`);
		else if (gained.length && a.types.length) push('additive', `${label}: also accepts ${gained.join('|')}`);
		if ((a.format || '') !== (b.format || '')) push('breaking', `${label}: format ${a.format || 'none'} → ${b.format || 'none'}`);
		if (a.enum || b.enum) {
			const ea = a.enum || [];
			const eb = b.enum || [];
			const removed = a.enum && b.enum ? ea.filter((v) => !eb.includes(v)) : [];
			const added = a.enum && b.enum ? eb.filter((v) => !ea.includes(v)) : [];
			if (!a.enum) push('breaking', `${label}: now limited to ${eb.length} values`);
			if (!b.enum) push('additive', `${label}: no longer limited to a list of values`);
			for (const v of removed) push('breaking', `${label}: enum value ${v} removed`);
			for (const v of added) push('additive', `${label}: new enum value ${v}`);
		}
		for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'const', 'closed']) {
			if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
				const narrower = b[k] !== undefined && (a[k] === undefined || ['minimum', 'minLength', 'minItems'].includes(k) ? b[k] > (a[k] ?? -Infinity) : b[k] < (a[k] ?? Infinity));
				push(narrower || k === 'pattern' || k === 'const' ? 'breaking' : 'additive', `${label}: ${k} ${a[k] ?? 'none'} → ${b[k] ?? 'none'}`);
			}
		}
	}
	for (const [at, b] of after) {
		if (before.has(at) || removedParent(at, after, before)) continue;
		const label = `${where} field ${at}`;
		if (b.required && side === 'request') push('breaking', `${label}: new required field`);
		else push('additive', `${label}: new ${b.required ? 'required' : 'optional'} field`);
	}
}

/** { additive: string[], breaking: string[] } between two contracts (or OpenAPI documents) */
function diffContracts(oldDoc, newDoc) {
	const result = { additive: [], breaking: [] };
	const push = (kind, text) => result[kind].push(text);
	const oldOps = operationsOf(oldDoc);
	const newOps = operationsOf(newDoc);
	for (const [key, a] of oldOps) {
		const b = newOps.get(key);
		if (!b) {
			push('breaking', `operation ${key} (${a.id}): removed`);
			continue;
		}
		if (a.id !== b.id) push('breaking', `operation ${key}: operationId ${a.id} → ${b.id}`);
		for (const [name, pa] of a.params) {
			const pb = b.params.get(name);
			if (!pb) push('breaking', `${key} parameter ${name}: removed`);
			else diffFields(`${key} parameter ${name}`, pa.schema, pb.schema, 'request', push);
			if (pb && !pa.required && pb.required) push('breaking', `${key} parameter ${name}: now required`);
		}
		for (const [name, pb] of b.params) {
			if (!a.params.has(name)) push(pb.required ? 'breaking' : 'additive', `${key} parameter ${name}: new ${pb.required ? 'required' : 'optional'} parameter`);
		}
		if (a.body && !b.body) push('breaking', `${key} request body: removed`);
		else if (!a.body && b.body) push(b.body.required ? 'breaking' : 'additive', `${key} request body: new ${b.body.required ? 'required' : 'optional'} body`);
		else if (a.body && b.body) {
			if (!a.body.required && b.body.required) push('breaking', `${key} request body: now required`);
			for (const m of a.body.media) if (!b.body.media.includes(m)) push('breaking', `${key} request body: media type ${m} removed`);
			diffFields(`${key} request body`, a.body.schema, b.body.schema, 'request', push);
		}
		for (const [code, ra] of a.responses) {
			const rb = b.responses.get(code);
			if (!rb) {
				push(/^2/.test(code) ? 'breaking' : 'additive', `${key} response ${code}: removed`);
				continue;
			}
			for (const m of ra.media) if (!rb.media.includes(m)) push('breaking', `${key} response ${code}: media type ${m} removed`);
			for (const m of rb.media) if (!ra.media.includes(m)) push('additive', `${key} response ${code}: new media type ${m}`);
			diffFields(`${key} response ${code}`, ra.schema, rb.schema, 'response', push);
		}
		for (const code of b.responses.keys()) {
			if (!a.responses.has(code)) push(/^2/.test(code) ? 'breaking' : 'additive', `${key} response ${code}: new status`);
		}
	}
	for (const [key, b] of newOps) if (!oldOps.has(key)) push('additive', `operation ${key} (${b.id}): new`);

	const oldSchemas = (oldDoc.components && oldDoc.components.schemas) || {};
	const newSchemas = (newDoc.components && newDoc.components.schemas) || {};
	const used = usage(newDoc);
	const usedBefore = usage(oldDoc);
	for (const [name, sa] of Object.entries(oldSchemas)) {
		const sb = newSchemas[name];
		const side = used.request.has(name) || usedBefore.request.has(name) ? 'request' : 'response';
		if (!sb) {
			if (usedBefore.request.has(name) || usedBefore.response.has(name)) push('breaking', `schema ${name}: removed`);
			continue;
		}
		diffFields(`schema ${name}`, flatten(sa), flatten(sb), side, push);
	}
	for (const name of Object.keys(newSchemas)) if (!oldSchemas[name]) push('additive', `schema ${name}: new`);
	return result;
}

module.exports = { CONTRACT_FILE, ROOT, loadContract, writeContract, deriveContract, stripProse, proseKeys, diffContracts, flatten };
