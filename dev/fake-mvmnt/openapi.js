'use strict';
/**
 * Request (and response) validation against the MVMNT OpenAPI 3.1 document with Ajv (JSON Schema 2020-12).
 *
 * Request bodies are validated "strictly": every object schema that declares `properties` (and does not say
 * anything about additionalProperties itself) gets `unevaluatedProperties: false`, so a field the spec does not
 * declare is a violation. Members of allOf/oneOf/anyOf are left open and the composing schema is closed instead,
 * which is exactly what unevaluatedProperties is for (properties from every matching branch count as declared).
 */
const Ajv2020 = require('ajv/dist/2020');
const { schemaTypes } = require('./spec');

const OPEN_SUFFIX = '__open';
const COMPOSITIONS = ['allOf', 'oneOf', 'anyOf'];
const SUBSCHEMA_KEYS = ['items', 'not', 'contains', 'if', 'then', 'else', 'propertyNames'];

const FORMATS = {
	uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
	'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
	date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z')),
	email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
	uri: (s) => {
		try {
			return Boolean(new URL(s));
		} catch (_) {
			return false;
		}
	},
};

function createAjv() {
	const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
	for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);
	for (const name of ['binary', 'byte', 'password']) ajv.addFormat(name, { type: 'string', validate: () => true });
	for (const name of ['float', 'double', 'int32', 'int64']) ajv.addFormat(name, { type: 'number', validate: () => true });
	return ajv;
}

/** rewrites '#/components/schemas/X' refs to the given document id (and the open variant when not strict) */
function transform(node, strict, docId, closeObjects) {
	if (Array.isArray(node)) return node.map((n) => transform(n, strict, docId, closeObjects));
	if (!node || typeof node !== 'object') return node;
	const out = {};
	for (const [k, v] of Object.entries(node)) {
		if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
			const name = v.slice('#/components/schemas/'.length);
			out.$ref = `${docId}#/$defs/${name}${closeObjects && !strict ? OPEN_SUFFIX : ''}`;
		} else if (k === 'properties' || k === 'patternProperties' || k === '$defs') {
			out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, transform(pv, true, docId, closeObjects)]));
		} else if (COMPOSITIONS.includes(k)) {
			out[k] = v.map((m) => transform(m, false, docId, closeObjects));
		} else if (SUBSCHEMA_KEYS.includes(k) || k === 'additionalProperties' || k === 'prefixItems') {
			out[k] = transform(v, true, docId, closeObjects);
		} else if (k === 'discriminator' || k === 'example' || k === 'examples' || k.startsWith('x-')) {
			continue; // annotations only; oneOf branches are told apart by their enum'd tag property
		} else {
			out[k] = v;
		}
	}
	const composes = COMPOSITIONS.some((c) => out[c]);
	if (closeObjects && strict && (out.properties || composes) && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
		out.unevaluatedProperties = false;
	}
	return out;
}

const shared = new WeakMap();

class Validator {
	/** one validator (and its cache of compiled schemas) per loaded spec */
	static for(spec) {
		if (!shared.has(spec)) shared.set(spec, new Validator(spec));
		return shared.get(spec);
	}

	/** @param {import('./spec').Spec} spec */
	constructor(spec) {
		this.spec = spec;
		this.ajv = createAjv();
		const strictDefs = {};
		const looseDefs = {};
		for (const [name, schema] of Object.entries(spec.schemas)) {
			strictDefs[name] = transform(schema, true, 'mvmnt-strict', true);
			strictDefs[name + OPEN_SUFFIX] = transform(schema, false, 'mvmnt-strict', true);
			looseDefs[name] = transform(schema, true, 'mvmnt-loose', false);
		}
		this.ajv.addSchema({ $id: 'mvmnt-strict', $defs: strictDefs });
		this.ajv.addSchema({ $id: 'mvmnt-loose', $defs: looseDefs });
		this.cache = new Map();
	}

	compiled(cacheKey, build) {
		if (!this.cache.has(cacheKey)) this.cache.set(cacheKey, this.ajv.compile(build()));
		return this.cache.get(cacheKey);
	}

	/**
	 * @param {{method:string, path:string, query?:object, body?:any, rawBody?:string|Buffer, contentType?:string}} req
	 *   path is the API path without the /v1 prefix; query values are strings (or arrays of strings).
	 * @returns {{operation:object|null, params:object, errors:{field:string,message:string}[]}}
	 */
	check({ method, path, query = {}, body, rawBody, contentType }) {
		const m = this.spec.match(method.toUpperCase(), path);
		if (!m) {
			const reason = this.spec.pathExists(path) ? `method ${method} is not allowed on ${path}` : `no operation ${method} ${path} in the OpenAPI spec`;
			return { operation: null, params: {}, errors: [{ field: 'path', message: reason }] };
		}
		const errors = [
			...this.checkParams(m.operation, 'path', m.params),
			...this.checkParams(m.operation, 'query', query),
			...this.checkBody(m.operation, body, rawBody, contentType),
		];
		return { operation: m.operation, params: m.params, errors };
	}

	/** validateRequest({method, path, query, body, contentType}) -> errors[] */
	validateRequest(req) {
		return this.check(req).errors;
	}

	checkParams(operation, location, values) {
		const declared = operation.params.filter((p) => p.in === location);
		const errors = [];
		const coerced = {};
		for (const [name, raw] of Object.entries(values || {})) {
			const p = declared.find((d) => d.name === name);
			if (!p) {
				errors.push({ field: `${location}.${name}`, message: `unknown ${location} parameter '${name}' (not declared in the spec)` });
				continue;
			}
			coerced[name] = coerceParam(raw, this.spec.deref(p.schema) || {});
		}
		const props = Object.fromEntries(declared.map((p) => [p.name, p.schema || {}]));
		const required = declared.filter((p) => p.required).map((p) => p.name);
		const key = `${operation.method} ${operation.template} ${location}`;
		const validate = this.compiled(key, () => transform({ type: 'object', properties: props, required }, true, 'mvmnt-loose', false));
		if (!validate(coerced)) errors.push(...ajvErrors(validate.errors, location));
		return errors;
	}

	checkBody(operation, body, rawBody, contentType) {
		const hasBody = rawBody !== undefined && rawBody !== null && String(rawBody).trim() !== '';
		const rb = this.spec.requestSchema(operation);
		if (!rb) {
			if (hasBody && !isEmptyObject(body)) return [{ field: 'body', message: 'this operation takes no request body' }];
			return [];
		}
		if (!hasBody) return rb.required ? [{ field: 'body', message: 'request body is required' }] : [];
		const mediaType = String(contentType || '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (!rb.mediaTypes.includes(mediaType)) {
			return [{ field: 'content-type', message: `Content-Type must be ${rb.mediaTypes.join(' or ')} (got '${contentType || ''}')` }];
		}
		if (body === undefined) return [{ field: 'body', message: 'request body is not valid JSON' }];
		const validate = this.compiled(`${operation.method} ${operation.template} body`, () => transform(rb.schema, true, 'mvmnt-strict', true));
		return validate(body) ? [] : ajvErrors(validate.errors, 'body');
	}

	/** validates a response body against a schema (non-strict: the server may return less-known fields) */
	validateResponse(operation, status, mediaType, body) {
		if (!mediaType.includes('json')) return [];
		const resp = this.spec.deref((operation.op.responses || {})[String(status)]);
		const schema = resp && resp.content && resp.content[mediaType] && resp.content[mediaType].schema;
		if (!schema) return [];
		const validate = this.compiled(`${operation.method} ${operation.template} response ${status} ${mediaType}`, () =>
			transform(schema, true, 'mvmnt-loose', false),
		);
		return validate(body) ? [] : ajvErrors(validate.errors, 'response');
	}
}

function isEmptyObject(v) {
	return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

function coerceParam(raw, schema) {
	const value = Array.isArray(raw) && !schemaTypes(schema).includes('array') ? raw[raw.length - 1] : raw;
	const types = schemaTypes(schema);
	if (typeof value !== 'string') return value;
	if ((types.includes('integer') && /^-?\d+$/.test(value)) || (types.includes('number') && value.trim() !== '' && !Number.isNaN(Number(value)))) {
		return Number(value);
	}
	if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

/** ajv errors -> [{field, message}] with readable dotted paths */
function ajvErrors(errors, root) {
	const seen = new Set();
	const out = [];
	for (const e of errors || []) {
		let field = root + e.instancePath.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
		let message = e.message;
		if (e.keyword === 'required') field += `.${e.params.missingProperty}`;
		if (e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties') {
			const prop = e.params.unevaluatedProperty || e.params.additionalProperty;
			field += `.${prop}`;
			message = `property '${prop}' is not declared in the spec`;
		}
		if (e.keyword === 'enum') message += `: ${e.params.allowedValues.join(', ')}`;
		field = field.replace(/^body\./, '');
		const k = `${field}|${message}`;
		if (!seen.has(k)) {
			seen.add(k);
			out.push({ field, message });
		}
	}
	return out;
}

module.exports = { Validator, transform, ajvErrors };
