'use strict';
/**
 * Builds minimal spec-valid requests for any operation: required body fields with plausible values,
 * `xxxId` / `xxx: {id}` references filled from a map of known record ids (keyed by singular camelCase
 * name: customer, carrier, order, ...). Used by the every-operation acceptance test; handy for other tests.
 */
const { Conformer } = require('./conform');
const { singularCamel, schemaTypes } = require('./spec');

/** property-name stems that reference a differently named record type */
const ALIASES = { assignee: 'user', customerRep: 'user', accountOwner: 'user', operatedBy: 'user', entity: 'carrier', group: 'team' };

function isReferenceInput(schema) {
	const p = schema && schema.properties;
	return Boolean(p && p.id && p.key && !schema.required && Object.keys(p).length === 2);
}

/**
 * @param {import('./spec').Spec} spec
 * @param {Record<string,string>} ids singular name -> record id
 */
function exampleFactory(spec, ids) {
	const conformer = new Conformer(spec);
	const idFor = (stem) => ids[ALIASES[stem] || stem];

	function hints(name, schema) {
		const s = spec.deref(schema) || {};
		const stem = name.replace(/Ids?$/, '');
		if (/Ids$/.test(name) && idFor(stem)) return [idFor(stem)];
		if (/Id$/.test(name) && idFor(stem) && s.type !== 'array') return idFor(stem);
		if (isReferenceInput(s)) return idFor(name) ? { id: idFor(name) } : {};
		if (name === 'contentType') return 'application/pdf';
		if (name === 'fileName') return 'example.pdf';
		if (name === 'amount' && (s.type === 'number' || s.type === 'integer')) return 100;
		return undefined;
	}

	/** minimal JSON body (undefined when the operation takes none or it is optional) */
	function body(operation) {
		const rb = spec.requestSchema(operation);
		if (!rb) return undefined;
		return conformer.synth(rb.schema, operation.operationId, hints);
	}

	/** concrete API path: `{id}` -> id of the first segment's record type, `{xId}` -> ids[x] or extra[x] */
	function path(operation, extra = {}) {
		return operation.template.replace(/\{([^}]+)\}/g, (_, name) => {
			if (extra[name] !== undefined) return encodeURIComponent(extra[name]);
			const stem = name === 'id' ? singularCamel(operation.collection) : name.replace(/Id$/, '');
			const value = idFor(stem);
			if (value === undefined) throw new Error(`no id known for {${name}} in ${operation.template}`);
			return encodeURIComponent(value);
		});
	}

	/**
	 * A body with EVERY property the request schema declares set (nullable ones
	 * to a value, not null): `{id}|{key}` references by id, or by client key
	 * when `refMode` is 'key' and `keys` knows the referenced record's key.
	 * Discriminated unions take their first variant.
	 */
	function fullBody(operation, { refMode = 'id', keys = {} } = {}) {
		const rb = spec.requestSchema(operation);
		if (!rb) return undefined;
		let n = 0;
		const reference = (stem) => {
			const key = keys[ALIASES[stem] || stem];
			if (refMode === 'key' && key) return { key };
			const id = idFor(stem);
			if (id) return { id };
			n += 1;
			return refMode === 'key' ? { key: `FULL-${stem}-${n}` } : { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` };
		};
		function full(schema, name, depth) {
			let s = spec.deref(schema) || {};
			if (depth > 12) return undefined;
			const hinted = name ? hints(name, s) : undefined;
			const objectLike = s.properties || s.allOf || schemaTypes(s, spec).includes('object');
			if (hinted !== undefined && !objectLike && !(Array.isArray(hinted) && !/Ids$/.test(name))) return hinted;
			if (isReferenceInput(s)) return reference(name.replace(/s$/, ''));
			if (s.allOf && !s.properties) s = mergeAll(s);
			const branches = s.oneOf || s.anyOf;
			if (branches && !s.properties) {
				const resolved = branches.map((b) => spec.deref(b)).filter((b) => schemaTypes(b).join() !== 'null');
				if (s.discriminator && s.discriminator.mapping) return full({ $ref: Object.values(s.discriminator.mapping)[0] }, name, depth + 1);
				return full(resolved[0], name, depth + 1);
			}
			if (s.enum) return s.enum.find((e) => e !== null);
			const types = schemaTypes(s, spec).filter((t) => t !== 'null');
			if (types.includes('object') || s.properties) {
				if (!s.properties) {
					const ap = s.additionalProperties;
					return { note: ap && typeof ap === 'object' ? full(ap, 'note', depth + 1) : 'free-form' };
				}
				const out = {};
				for (const [k, v] of Object.entries(s.properties)) {
					if ((spec.deref(v) || {}).readOnly) continue;
					const value = full(v, k, depth + 1);
					if (value !== undefined) out[k] = value;
				}
				return out;
			}
			if (types.includes('array')) {
				const count = Math.max(s.minItems || 0, 1);
				return Array.from({ length: count }, () => full(s.items || {}, name, depth + 1));
			}
			if (types.includes('boolean')) return true;
			if (types.includes('integer') || types.includes('number')) {
				const min = s.minimum !== undefined ? s.minimum : 1;
				const value = Math.max(min, Math.min(s.maximum !== undefined ? s.maximum : 5, 5));
				return types.includes('integer') ? Math.ceil(value) : value;
			}
			if (name === 'key' && types.includes('string')) return `FULL-${operation.operationId}-${(n += 1)}`;
			const synth = conformer.synth(s, `full.${name}`, undefined, name);
			return typeof synth === 'string' && !s.format && !s.pattern && !s.maxLength ? `${name} ${(n += 1)}` : synth;
		}
		function mergeAll(s) {
			const parts = s.allOf.map((p) => spec.deref(p));
			if (parts.length === 1) return { ...parts[0], ...s, allOf: undefined };
			const props = Object.assign({}, ...parts.map((p) => (p.allOf ? mergeAll(p) : p).properties || {}));
			return { type: 'object', properties: props };
		}
		return full(rb.schema, undefined, 0);
	}

	return { body, path, hints, fullBody };
}

module.exports = { exampleFactory, ALIASES };
