'use strict';
/**
 * Loads the project's MVMNT contract (contract/mvmnt-api.contract.json: MVMNT's OpenAPI without prose) and derives everything the fake server needs from it:
 * the operation table (with a path matcher), schema/$ref helpers and per-collection metadata.
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
// the project's facts-only contract (OpenAPI shape, no prose), derived by `npm run contract`
const { CONTRACT_FILE: DEFAULT_SPEC_PATH } = require('../../scripts/contract-lib');

const cache = new Map();

function defaultSpecPath() {
	return process.env.MVMNT_CONTRACT || DEFAULT_SPEC_PATH;
}

/** kebab/plural collection name -> singular camelCase ('location-contacts' -> 'locationContact') */
function singularCamel(collection) {
	const words = collection.split('-');
	words[words.length - 1] = singularize(words[words.length - 1]);
	return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}

function singularize(word) {
	if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
	if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
	if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
	return word;
}

/** 'location-contacts' -> 'LOCATION_CONTACT' */
function objectName(collection) {
	return singularCamel(collection)
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toUpperCase();
}

function camel(segment) {
	return segment.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

class Spec {
	constructor(doc, file) {
		this.doc = doc;
		this.file = file;
		this.schemas = (doc.components && doc.components.schemas) || {};
		this.operations = [];
		for (const [template, item] of Object.entries(doc.paths || {})) {
			for (const method of METHODS) {
				if (item[method]) this.operations.push(this.buildOperation(template, method, item));
			}
		}
		this.collections = this.buildCollections();
	}

	buildOperation(template, method, item) {
		const op = item[method];
		const segments = template.split('/').filter(Boolean);
		const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => this.deref(p));
		return {
			method: method.toUpperCase(),
			template,
			segments,
			operationId: op.operationId,
			op,
			params,
			pathParams: segments.filter((s) => s.startsWith('{')).map((s) => s.slice(1, -1)),
			collection: segments[0],
			literalCount: segments.filter((s) => !s.startsWith('{')).length,
		};
	}

	/** resolves a (chain of) local $ref */
	deref(node) {
		let cur = node;
		for (let i = 0; cur && typeof cur === 'object' && cur.$ref && i < 20; i++) cur = this.ref(cur.$ref);
		return cur;
	}

	ref(pointer) {
		if (!pointer.startsWith('#/')) throw new Error(`unsupported $ref ${pointer}`);
		return pointer
			.slice(2)
			.split('/')
			.reduce((o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), this.doc);
	}

	refName(node) {
		return node && node.$ref ? node.$ref.split('/').pop() : undefined;
	}

	/** finds the operation for a concrete method + API path (without /v1); literal segments win over params */
	match(method, apiPath) {
		const parts = apiPath.split('/').filter(Boolean).map(safeDecode);
		let best = null;
		for (const o of this.operations) {
			if (o.segments.length !== parts.length) continue;
			const params = {};
			let ok = true;
			for (let i = 0; i < parts.length && ok; i++) {
				const s = o.segments[i];
				if (s.startsWith('{')) params[s.slice(1, -1)] = parts[i];
				else ok = s === parts[i];
			}
			if (!ok) continue;
			const candidate = { operation: o, params };
			if (o.method === method && (!best || o.literalCount > best.operation.literalCount)) best = candidate;
		}
		return best;
	}

	/** true when some operation (any method) matches the path; used to tell 404 from 405-ish cases */
	pathExists(apiPath) {
		return METHODS.some((m) => this.match(m.toUpperCase(), apiPath));
	}

	/** first 2xx response of an operation: {status, content: {mediaType: schema}} */
	successResponse(operation) {
		const entries = Object.entries(operation.op.responses || {}).filter(([code]) => /^2\d\d$/.test(code));
		if (!entries.length) return { status: 200, content: {} };
		const [code, resp] = entries[0];
		const r = this.deref(resp) || {};
		const content = {};
		for (const [mt, c] of Object.entries(r.content || {})) content[mt] = c.schema || {};
		return { status: Number(code), content };
	}

	/** media type declared for an error status of an operation ('application/problem+json' or 'application/json') */
	errorMediaType(operation, status) {
		const resp = operation && this.deref((operation.op.responses || {})[String(status)]);
		const types = Object.keys((resp && resp.content) || {});
		return types.includes('application/problem+json') ? 'application/problem+json' : 'application/json';
	}

	requestSchema(operation) {
		const rb = this.deref(operation.op.requestBody);
		if (!rb || !rb.content) return null;
		const json = rb.content['application/json'];
		return { required: !!rb.required, schema: json ? json.schema || {} : {}, mediaTypes: Object.keys(rb.content) };
	}

	/** collections = first path segments that have GET /{c}/{id} */
	buildCollections() {
		const out = {};
		for (const o of this.operations) {
			if (o.method !== 'GET' || o.segments.length !== 2 || !o.segments[1].startsWith('{')) continue;
			const c = o.collection;
			const schema = this.successResponse(o).content['application/json'];
			const create = this.operations.find((x) => x.method === 'POST' && x.template === `/${c}`);
			out[c] = {
				name: c,
				singular: singularCamel(c),
				object: objectName(c),
				recordSchema: schema,
				recordSchemaName: this.refName(schema),
				createOperation: create,
			};
		}
		return out;
	}

	/** collection whose record schema has the given component name (e.g. 'Payment' -> 'payments') */
	collectionForSchemaName(name) {
		return Object.values(this.collections).find((c) => c.recordSchemaName === name);
	}

	/** merged view of an object schema: properties (name -> [schemas]), required (Set), open (additional allowed) */
	objectView(schema, value) {
		const view = { properties: new Map(), required: new Set(), open: false, typed: false, closed: false };
		this.collectObjectView(this.deref(schema), value, view, 0);
		return view;
	}

	collectObjectView(schema, value, view, depth) {
		if (!schema || typeof schema !== 'object' || depth > 20) return;
		if (schema.properties || schemaTypes(schema).includes('object')) view.typed = true;
		for (const [k, v] of Object.entries(schema.properties || {})) {
			if (!view.properties.has(k)) view.properties.set(k, []);
			view.properties.get(k).push(v);
		}
		for (const r of schema.required || []) view.required.add(r);
		if (schema.additionalProperties === false) view.closed = true;
		if (schema.additionalProperties === true || (schema.additionalProperties && typeof schema.additionalProperties === 'object')) {
			view.open = true;
		}
		if (!schema.properties && !schema.allOf && !schema.oneOf && !schema.anyOf && schemaTypes(schema).includes('object')) view.open = true;
		for (const m of schema.allOf || []) this.collectObjectView(this.deref(m), value, view, depth + 1);
		const branch = this.pickBranch(schema, value);
		if (branch) this.collectObjectView(branch, value, view, depth + 1);
	}

	/** chooses the oneOf/anyOf branch that best describes a value (discriminator first, then type/property fit) */
	pickBranch(schema, value) {
		const branches = schema.oneOf || schema.anyOf;
		if (!branches) return null;
		const resolved = branches.map((b) => this.deref(b));
		const disc = schema.discriminator;
		if (disc && disc.mapping && value && typeof value === 'object') {
			const target = disc.mapping[value[disc.propertyName]];
			if (target) return this.ref(target);
			return this.ref(Object.values(disc.mapping)[0]);
		}
		const nonNull = resolved.filter((b) => !(schemaTypes(b).length === 1 && schemaTypes(b)[0] === 'null'));
		if (value === null || value === undefined) return nonNull.length === resolved.length ? nonNull[0] : resolved.find((b) => !nonNull.includes(b));
		let best = nonNull[0] || null;
		let bestScore = -Infinity;
		for (const b of nonNull) {
			const score = this.fitScore(b, value);
			if (score > bestScore) {
				best = b;
				bestScore = score;
			}
		}
		return best;
	}

	fitScore(schema, value) {
		const types = schemaTypes(schema, this);
		const t = jsonType(value);
		let score = types.length === 0 || types.includes(t) || (t === 'integer' && types.includes('number')) ? 1 : -10;
		if (t === 'object') {
			const view = this.objectView(schema);
			for (const [k, schemas] of view.properties) {
				if (!(k in value)) continue;
				const c = schemas.map((s) => this.deref(s)).find((s) => s && s.enum);
				score += c && !c.enum.includes(value[k]) ? -5 : 1;
			}
		}
		return score;
	}
}

/** JSON type names declared by a schema (following allOf / $ref for 'object' detection) */
function schemaTypes(schema, spec) {
	if (!schema || typeof schema !== 'object') return [];
	if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
	if (schema.properties) return ['object'];
	if (spec && schema.allOf) return [...new Set(schema.allOf.flatMap((m) => schemaTypes(spec.deref(m), spec)))];
	if (schema.enum) return [...new Set(schema.enum.map(jsonType))];
	return [];
}

function jsonType(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (Number.isInteger(v)) return 'integer';
	return typeof v;
}

function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch (_) {
		return s;
	}
}

function loadSpec(file = defaultSpecPath()) {
	const abs = path.resolve(file);
	if (!cache.has(abs)) {
		const text = fs.readFileSync(abs, 'utf8');
		// the contract is JSON; a full OpenAPI YAML (`--spec`) still works
		const doc = abs.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
		cache.set(abs, new Spec(doc, abs));
	}
	return cache.get(abs);
}

module.exports = { loadSpec, defaultSpecPath, DEFAULT_SPEC_PATH, Spec, singularCamel, objectName, camel, schemaTypes, jsonType };
