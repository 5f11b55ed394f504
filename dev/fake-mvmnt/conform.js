'use strict';
/**
 * Shapes stored records into spec-conformant response bodies.
 *
 * conform(schema, value) keeps what the schema declares, converts what it can (dates, enums, numbers),
 * resolves references (`customer: {id}` or `customerId` -> the stored customer) and synthesizes
 * required properties that are missing. Synthesized UUIDs are deterministic (derived from a seed path),
 * so the same record always renders the same way.
 */
const crypto = require('crypto');
const { schemaTypes, jsonType } = require('./spec');

const MAX_DEPTH = 14;

function deterministicUuid(seed) {
	const h = crypto.createHash('sha1').update(String(seed)).digest('hex');
	const variant = '89ab'[parseInt(h[16], 16) % 4];
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const FORMAT_FIX = {
	uuid: (v, seed) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : deterministicUuid(`${seed}:${v}`)),
	'date-time': (v) => (Number.isNaN(Date.parse(v)) ? new Date().toISOString() : new Date(Date.parse(v)).toISOString()),
	date: (v) => (/^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : today()),
	email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : 'user@example.com'),
	uri: (v) => (/^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://example.com/${encodeURIComponent(v)}`),
};

function today() {
	return new Date().toISOString().slice(0, 10);
}

function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
}

class Conformer {
	/**
	 * @param {import('./spec').Spec} spec
	 * @param {(id:string)=>object|undefined} lookup finds any stored record by id
	 */
	constructor(spec, lookup = () => undefined) {
		this.spec = spec;
		this.lookup = lookup;
		/** optional (src, property) => value for array properties backed by child collections */
		this.related = null;
	}

	conform(schema, value, seed = 'root', depth = 0) {
		const s = this.spec.deref(schema);
		if (!s || typeof s !== 'object') return value;
		if ('const' in s) return s.const;
		if (value === undefined) return this.synth(s, seed);
		if (depth > MAX_DEPTH) return value;
		if ((s.oneOf || s.anyOf) && !s.properties) {
			const branch = this.spec.pickBranch(s, value);
			return branch ? this.conform(branch, value, seed, depth + 1) : value;
		}
		const types = schemaTypes(s, this.spec);
		if (value === null) return types.includes('null') || types.length === 0 ? null : this.synth(s, seed);
		const isObjectSchema = types.includes('object') || (types.length === 0 && (s.allOf || s.properties));
		if (isObjectSchema && isPlainObject(value)) return this.conformObject(s, value, seed, depth);
		if (s.allOf && !isObjectSchema) return s.allOf.reduce((v, m) => this.conform(m, v, seed, depth + 1), value);
		if (types.includes('array') && Array.isArray(value)) return this.conformArray(s, value, seed, depth);
		if (s.enum) return s.enum.includes(value) ? value : s.enum[0];
		return this.conformScalar(s, types, value, seed);
	}

	conformScalar(s, types, value, seed) {
		const t = jsonType(value);
		if (types.length === 0) return value;
		if (types.includes(t) || (t === 'integer' && types.includes('number'))) {
			return t === 'string' && FORMAT_FIX[s.format] ? FORMAT_FIX[s.format](value, seed) : value;
		}
		if (types.includes('integer') && typeof value === 'number') return Math.round(value);
		if ((types.includes('number') || types.includes('integer')) && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
			return types.includes('integer') ? Math.round(Number(value)) : Number(value);
		}
		if (types.includes('string') && (t === 'number' || t === 'integer' || t === 'boolean')) return String(value);
		if (types.includes('string') && isPlainObject(value) && typeof value.id === 'string') return this.conformScalar(s, types, value.id, seed);
		// a `{key}` reference to something the fake does not store (e.g. equipment `{key: 'DRY_VAN_53'}`) reads as its key
		if (types.includes('string') && isPlainObject(value) && typeof value.key === 'string') return this.conformScalar(s, types, value.key, seed);
		return this.synth(s, seed);
	}

	conformArray(s, value, seed, depth) {
		let out = value.map((v, i) => this.conform(s.items || {}, v, itemSeed(v, `${seed}[${i}]`), depth + 1));
		if (s.maxItems !== undefined) out = out.slice(0, s.maxItems);
		while (s.minItems && out.length < s.minItems) out.push(this.synth(s.items || {}, `${seed}[${out.length}]`));
		return out;
	}

	conformObject(s, value, seed, depth) {
		const view = this.spec.objectView(s, value);
		const src = this.enrich(view, value);
		const out = {};
		for (const [k, schemas] of view.properties) {
			let v = src[k] !== undefined ? src[k] : this.derived(src, k);
			if (v === undefined && !view.required.has(k)) continue;
			if (v === undefined) v = this.hint(k, src);
			for (const ps of schemas) v = this.conform(ps, v, `${seed}.${k}`, depth + 1);
			if (v !== undefined) out[k] = v;
		}
		if (view.open || !view.typed) {
			for (const [k, v] of Object.entries(value)) if (!(k in out) && !view.properties.has(k)) out[k] = v;
		}
		// a few schemas (e.g. VendorContact) omit `id`; records still need one to be addressable
		if (out.id === undefined && typeof value.id === 'string' && !view.closed) return { id: value.id, ...out };
		return out;
	}

	/** `{id}` reference with missing required fields -> merge the stored record it points at */
	enrich(view, value) {
		if (typeof value.id !== 'string') return value;
		const missing = [...view.required].some((k) => value[k] === undefined);
		if (!missing) return value;
		const found = this.lookup(value.id);
		return found && found !== value ? { ...found, ...value } : value;
	}

	/** xId <-> x.id, xKey <- x.key, x <- {id: xId} */
	derived(src, k) {
		const m = /^(.+)(Id|Key|FriendlyId)$/.exec(k);
		if (m) {
			const [, base, suffix] = m;
			const field = suffix === 'Id' ? 'id' : suffix === 'Key' ? 'key' : 'friendlyId';
			if (isPlainObject(src[base]) && src[base][field] !== undefined) return src[base][field];
			const ref = typeof src[`${base}Id`] === 'string' ? this.lookup(src[`${base}Id`]) : undefined;
			if (ref && suffix !== 'Id') return ref[field];
			return undefined;
		}
		if (typeof src[`${k}Id`] === 'string') return { id: src[`${k}Id`] };
		return this.related ? this.related(src, k) : undefined;
	}

	/** plausible value for a required property that is missing */
	hint(k, src) {
		if (k === 'key' && typeof src.friendlyId === 'string') return src.friendlyId;
		if ((k === 'updatedAt' || k === 'createdAt') && typeof src.createdAt === 'string') return src.createdAt;
		return undefined;
	}

	/**
	 * minimal value valid for a schema
	 * @param {(name:string, schema:object)=>any} [hints] optional per-property override (returns undefined to skip)
	 */
	synth(schema, seed = 'synth', hints, name, depth = 0) {
		const s = this.spec.deref(schema);
		if (!s || typeof s !== 'object') return null;
		if (hints && name) {
			const h = hints(name, s, seed);
			if (h !== undefined) return h;
		}
		if ('const' in s) return s.const;
		if (s.default !== undefined) return s.default;
		const branches = s.oneOf || s.anyOf;
		if (branches && !s.properties) {
			const resolved = branches.map((b) => this.spec.deref(b));
			const nullable = resolved.some((b) => schemaTypes(b).join() === 'null');
			if (nullable && !hints) return null;
			const first = resolved.find((b) => schemaTypes(b).join() !== 'null');
			return this.synth(first, seed, hints, name, depth + 1);
		}
		const types = schemaTypes(s, this.spec);
		if (types.includes('null') && !hints) return null;
		if (s.enum) return s.enum.find((e) => e !== null);
		if (types.includes('object') || (s.allOf && types.length === 0)) return this.synthObject(s, seed, hints, depth);
		if (s.allOf) return this.synth(s.allOf.map((m) => this.spec.deref(m)).find((m) => m.enum) || s.allOf[0], seed, hints, name, depth + 1);
		if (types.includes('array')) {
			const n = s.minItems || 0;
			return Array.from({ length: n }, (_, i) => this.synth(s.items || {}, `${seed}[${i}]`, hints, name, depth + 1));
		}
		return synthScalar(s, types, seed, name);
	}

	synthObject(s, seed, hints, depth) {
		if (depth > MAX_DEPTH) return {};
		const view = this.spec.objectView(s, {});
		const out = {};
		for (const k of view.required) {
			const schemas = view.properties.get(k) || [{}];
			const enums = schemas.map((x) => this.spec.deref(x)).filter((x) => x && x.enum);
			const narrowest = enums.sort((a, b) => a.enum.length - b.enum.length)[0] || schemas[schemas.length - 1];
			out[k] = this.synth(narrowest, `${seed}.${k}`, hints, k, depth + 1);
		}
		return out;
	}
}

function synthScalar(s, types, seed, name) {
	if (types.includes('string')) {
		if (s.format === 'uuid') return deterministicUuid(seed);
		if (s.format === 'date-time') return new Date().toISOString();
		if (s.format === 'date') return today();
		if (s.format === 'email') return 'user@example.com';
		if (s.format === 'uri') return 'https://example.com/';
		if (s.pattern && /\[01\]\\d\|2\[0-3\]/.test(s.pattern)) return '08:00';
		if (typeof s.example === 'string') return s.example;
		const base = name ? String(name) : 'value';
		return s.minLength && base.length < s.minLength ? base.padEnd(s.minLength, 'x') : base;
	}
	if (types.includes('integer') || types.includes('number')) {
		if (typeof s.example === 'number') return s.example;
		const min = s.minimum !== undefined ? s.minimum : s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0;
		return types.includes('integer') ? Math.ceil(min) : min;
	}
	if (types.includes('boolean')) return false;
	return null;
}

function itemSeed(v, fallback) {
	return isPlainObject(v) && typeof v.id === 'string' ? v.id : fallback;
}

module.exports = { Conformer, deterministicUuid, isPlainObject, today };
