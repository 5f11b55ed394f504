#!/usr/bin/env node
/*
 * Derives the MVMNT operation catalog (facts only: paths, methods, field names,
 * types, enums, required flags) from the project's contract (contract/mvmnt-api.contract.json,
 * itself derived from MVMNT's OpenAPI by `npm run contract`) and writes
 * nodes/foundation/catalog/operations.generated.ts (operations, and the resources' display names).
 *
 *   node scripts/gen-catalog.js            # write the file
 *   node scripts/gen-catalog.js --check    # exit 1 when the file is stale (and say which node parameters differ)
 *
 * Display names are ours (names.js); nothing of the spec's prose is copied.
 */
const fs = require('fs');
const path = require('path');
const names = require('./catalog-names');
const { loadContract } = require('./contract-lib');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'nodes/foundation/catalog/operations.generated.ts');
const NODE_FILE = path.join(ROOT, 'nodes/Mvmnt/Mvmnt.node.ts');
const METHODS = ['get', 'post', 'patch', 'put', 'delete'];
const MAX_FORM_DEPTH = 6; // guards against recursive schemas; MVMNT's request bodies nest 4 deep

/** the one input of the generator: the committed contract (OpenAPI shape, no prose) */
function load() {
	return loadContract();
}

function makeResolver(spec) {
	return function deref(node) {
		let n = node;
		while (n && n.$ref) {
			const parts = n.$ref.replace(/^#\//, '').split('/');
			n = parts.reduce((acc, key) => acc[key], spec);
		}
		return n;
	};
}

/** Unwraps `anyOf: [X, null]` / `type: [T, 'null']` → { schema, nullable }. */
function unwrapNullable(schema, deref) {
	let s = deref(schema);
	let nullable = false;
	if (s.allOf?.length === 1 && !s.properties) s = { ...deref(s.allOf[0]), ...s, allOf: undefined };
	const alts = s.anyOf || s.oneOf;
	if (alts && !s.properties) {
		const nonNull = alts.filter((a) => deref(a).type !== 'null');
		if (nonNull.length < alts.length) nullable = true;
		if (nonNull.length === 1) s = deref(nonNull[0]);
	}
	if (Array.isArray(s.type)) {
		if (s.type.includes('null')) nullable = true;
		const t = s.type.filter((x) => x !== 'null');
		s = { ...s, type: t.length === 1 ? t[0] : t };
	}
	return { schema: s, nullable };
}

function isReferenceSchema(s) {
	const keys = Object.keys(s.properties || {});
	return s.type === 'object' && keys.length === 2 && keys.includes('id') && keys.includes('key');
}

/**
 * A schema whose shape the API leaves open: a map (`additionalProperties`), an
 * untyped value, or a union of different scalar types. Such values stay JSON,
 * and so does any object that contains one (a saved search's value).
 */
function isFreeForm(schema, deref, depth = 0) {
	if (depth > MAX_FORM_DEPTH) return true;
	const { schema: s } = unwrapNullable(schema, deref);
	if (s.enum) return false;
	if ((s.oneOf || s.anyOf) && !s.properties) return true;
	if (Array.isArray(s.type)) return true;
	if (s.type === 'array') return isFreeForm(s.items || {}, deref, depth + 1);
	if (s.type === 'object' || s.allOf || s.properties) {
		const merged = mergeAllOf(s, deref);
		if (!merged.properties || Object.keys(merged.properties).length === 0) return true;
		if (s.additionalProperties && s.additionalProperties !== false) return true;
		return Object.values(merged.properties).some((p) => isFreeForm(p, deref, depth + 1));
	}
	return !['string', 'number', 'integer', 'boolean'].includes(s.type);
}

function isObjectSchema(s) {
	return (s.type === 'object' || s.allOf || s.properties) && !isReferenceSchema(s);
}

function fieldFrom(name, rawSchema, required, deref, depth) {
	const { schema: s, nullable } = unwrapNullable(rawSchema, deref);
	const f = { name, type: 'json' };
	if (required) f.required = true;
	if (nullable) f.nullable = true;
	const refResource = names.referencedResource(name);
	if (s.enum) {
		f.type = 'options';
		f.options = s.enum.filter((v) => v !== null);
	} else if (s.type === 'string') {
		if (s.format === 'date-time') f.type = 'dateTime';
		else if (s.format === 'date') f.type = 'date';
		else if (s.format === 'uuid' && refResource && /Id$/.test(name)) {
			f.type = 'id';
			f.resource = refResource;
		} else f.type = 'string';
		// what MVMNT accepts, checked before sending (a string that became a date, ID or dropdown keeps its own check)
		if (f.type === 'string') {
			if (s.minLength !== undefined) f.minLength = s.minLength;
			if (s.maxLength !== undefined) f.maxLength = s.maxLength;
			if (s.pattern !== undefined) f.pattern = s.pattern;
			if (['email', 'uri', 'uuid'].includes(s.format)) f.format = s.format;
		}
	} else if (s.type === 'integer' || s.type === 'number') {
		f.type = 'number';
		if (s.type === 'integer') f.integer = true;
		if (s.minimum !== undefined) f.min = s.minimum;
		if (s.maximum !== undefined) f.max = s.maximum;
	} else if (s.type === 'boolean') {
		f.type = 'boolean';
	} else if (s.type === 'array') {
		const { schema: item } = unwrapNullable(s.items || {}, deref);
		const itemResource = names.referencedResource(name.replace(/s$/, ''));
		if (item.enum) {
			f.type = 'multiOptions';
			f.options = item.enum;
		} else if (item.type === 'string') {
			f.type = 'stringList';
		} else if (isReferenceSchema(item)) {
			f.type = 'referenceList';
			if (itemResource) f.resource = itemResource;
		} else if (isObjectSchema(item) && !isFreeForm(item, deref) && depth < MAX_FORM_DEPTH) {
			f.type = 'objectList';
			f.fields = fieldsOf(item, deref, depth + 1);
		}
		if (s.minItems !== undefined && f.type !== 'json') f.minItems = s.minItems;
		if (s.maxItems !== undefined && f.type !== 'json') f.maxItems = s.maxItems;
	} else if (isReferenceSchema(s)) {
		f.type = 'reference';
		if (refResource) f.resource = refResource;
	} else if (isObjectSchema(s) && !isFreeForm(s, deref) && depth < MAX_FORM_DEPTH) {
		f.type = 'object';
		f.fields = fieldsOf(s, deref, depth + 1);
	}
	// the value MVMNT uses when the field is left out: the form shows it and sends nothing unless it is changed
	if (s.default !== undefined && s.default !== null && ['options', 'number', 'boolean', 'string'].includes(f.type)) f.default = s.default;
	return f;
}

/** allOf → one object schema with merged properties and required lists. */
function mergeAllOf(schema, deref) {
	const s = deref(schema);
	if (!s.allOf) return s;
	const parts = s.allOf.map((p) => mergeAllOf(p, deref));
	return {
		type: 'object',
		properties: Object.assign({}, ...parts.map((p) => p.properties || {})),
		required: [...new Set(parts.flatMap((p) => p.required || []))],
	};
}

/**
 * oneOf + discriminator (carriers) → the union of the variants' fields. The
 * discriminator becomes a required enum; a field that only some variants
 * have lists them in `variants`, so the executor can reject a mismatch.
 */
function fieldsOf(schema, deref, depth = 0) {
	const s = deref(schema);
	if (s.oneOf && s.discriminator) {
		const prop = s.discriminator.propertyName;
		const variants = Object.entries(s.discriminator.mapping).map(([value, ref]) => [value, mergeAllOf({ $ref: ref }, deref)]);
		const byName = new Map();
		for (const [value, v] of variants) {
			for (const f of fieldsOf(v, deref, depth)) {
				if (!byName.has(f.name)) byName.set(f.name, { field: f, in: [], requiredIn: 0 });
				const entry = byName.get(f.name);
				entry.in.push(value);
				if (f.required) entry.requiredIn++;
			}
		}
		return [...byName.values()].map(({ field, in: inVariants, requiredIn }) => {
			const f = { ...field };
			delete f.required;
			if (field.name === prop) return { ...f, type: 'options', options: variants.map(([v]) => v), required: true, discriminator: true };
			if (requiredIn === variants.length) f.required = true;
			if (inVariants.length < variants.length) f.variants = inVariants;
			return f;
		});
	}
	const merged = mergeAllOf(s, deref);
	const req = new Set(merged.required || []);
	return Object.entries(merged.properties || {}).map(([n, p]) => fieldFrom(n, p, req.has(n), deref, depth));
}

const SPELLINGS = {
	/** `doNotUse` → `DO_NOT_USE` */
	upperSnake: (v) => v.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(),
	asIs: (v) => v,
};

/** A text field whose values the contract lists elsewhere (names.VALUES_FROM) carries them as `values`. */
function withKnownValues(body, resource, deref) {
	return body.map((f) => {
		const from = names.VALUES_FROM[`${resource}.${f.name}`];
		if (!from || f.type !== 'string') return f;
		const schema = mergeAllOf({ $ref: `#/components/schemas/${from.schema}` }, deref);
		const { schema: prop } = unwrapNullable(schema.properties?.[from.property] ?? {}, deref);
		if (!prop.enum) throw new Error(`scripts/catalog-names.js VALUES_FROM: ${from.schema}.${from.property} lists no values`);
		return { ...f, values: prop.enum.filter((v) => v !== null).map(SPELLINGS[from.spelling ?? 'asIs']) };
	});
}

function paramsOf(op, item, deref) {
	return [...(item.parameters || []), ...(op.parameters || [])].map(deref);
}

function filterFieldsOf(requestSchema, deref) {
	const filter = deref(deref(requestSchema).properties.filter);
	return Object.entries(filter.properties || {})
		.filter(([n]) => !['and', 'or', 'not'].includes(n))
		.map(([n, p]) => {
			const f = deref(p);
			if (!f.properties) return { name: n, kind: 'boolean', ops: ['is'], plain: true }; // e.g. `overdue: true`
			const ops = Object.keys(f.properties);
			const listOps = ops.filter((o) => deref(f.properties[o]).type === 'array');
			const valueOp = ops.find((o) => o !== 'isNull') ?? 'isNull';
			const opSchema = deref(f.properties[valueOp]);
			const sample = unwrapNullable(opSchema.type === 'array' ? opSchema.items : opSchema, deref).schema;
			let kind = 'string';
			if (sample.enum) kind = 'enum';
			else if (sample.type === 'number' || sample.type === 'integer') kind = 'number';
			else if (sample.type === 'boolean') kind = 'boolean';
			else if (sample.format === 'date-time' || sample.format === 'date') kind = 'date';
			const out = { name: n, kind, ops };
			if (listOps.length) out.listOps = listOps;
			if (sample.enum) out.options = sample.enum;
			return out;
		});
}

function classify(opId, method, p) {
	const override = names.OPERATIONS[opId];
	if (override) return { operation: override[0], name: override[1], kind: override[2], action: override[3] };
	const isItem = /\/\{id\}$/.test(p);
	if (/^filter/.test(opId)) return { operation: 'getAll', name: 'Get Many', kind: 'getAll' };
	if (/^search/.test(opId)) return { operation: 'search', name: 'Search', kind: 'search' };
	if (/^create/.test(opId) && method === 'post') return { operation: 'create', name: 'Create', kind: 'create' };
	if (/^get/.test(opId) && isItem) return { operation: 'get', name: 'Get', kind: 'get' };
	if (/^update/.test(opId) && isItem) return { operation: 'update', name: 'Update', kind: 'update' };
	if (/^delete/.test(opId) && isItem) return { operation: 'delete', name: 'Delete', kind: 'delete' };
	throw new Error(`No operation name for ${opId} (${method.toUpperCase()} ${p}): add it to scripts/catalog-names.js`);
}

function build(spec) {
	const deref = makeResolver(spec);
	const ops = [];
	for (const [p, item] of Object.entries(spec.paths)) {
		for (const method of METHODS) {
			const op = item[method];
			if (!op) continue;
			const tag = op.tags[0];
			const resource = names.RESOURCES[tag];
			if (!resource) throw new Error(`Unknown tag ${tag}: add it to scripts/catalog-names.js`);
			const c = classify(op.operationId, method, p);
			const entry = {
				resource: resource[0],
				operation: c.operation,
				name: c.name,
				action: c.action || names.actionOf(c.name, resource[1], c.kind),
				kind: c.kind,
				method: method.toUpperCase(),
				path: p,
				operationId: op.operationId,
			};
			const params = paramsOf(op, item, deref);
			const pathParams = params.filter((x) => x.in === 'path');
			if (pathParams.length) {
				entry.pathParams = pathParams.map((x) => {
					const target = x.name === 'id' ? resource[0] : names.referencedResource(x.name);
					const f = { name: x.name, type: target ? 'id' : 'string', required: true };
					if (target) f.resource = target;
					return f;
				});
			}
			const query = params.filter((x) => x.in === 'query');
			if (query.some((x) => x.name === 'by')) entry.lookup = true;
			// a path `{id}` typed as plain text (not a uuid) takes the record's client key as well
			const idParam = pathParams.find((x) => x.name === 'id');
			if (idParam && deref(idParam.schema || {}).format !== 'uuid') entry.keyInPath = true;
			const otherQuery = query.filter((x) => !['by', 'cursor', 'pageSize'].includes(x.name));
			if (otherQuery.length) entry.query = otherQuery.map((x) => fieldFrom(x.name, x.schema, x.required, deref, 0));
			if (query.some((x) => x.name === 'cursor')) {
				entry.pagination = 'cursorQuery';
				entry.maxPageSize = deref(query.find((x) => x.name === 'pageSize').schema).maximum;
			}
			const body = op.requestBody?.content?.['application/json']?.schema;
			if (body) {
				if (c.kind === 'getAll') {
					entry.pagination = 'cursor';
					entry.maxPageSize = deref(deref(body).properties.pageSize).maximum;
					entry.filterFields = filterFieldsOf(body, deref);
				} else if (c.kind === 'search') {
					entry.pagination = 'page';
					const paging = deref(deref(body).properties.pagination || {});
					entry.maxPageSize = deref(paging.properties?.pageSize || {}).maximum;
					entry.body = fieldsOf(body, deref).filter((f) => f.name !== 'pagination');
				} else {
					entry.body = fieldsOf(body, deref);
					if (op.requestBody.required) entry.bodyRequired = true;
				}
			}
			if (entry.body) entry.body = withKnownValues(entry.body, resource[0], deref);
			const ok = Object.entries(op.responses).find(([code]) => /^2/.test(code));
			const types = Object.keys(ok?.[1]?.content || deref(ok?.[1] || {}).content || {});
			const binary = types.filter((t) => t !== 'application/json');
			if (binary.length) {
				entry.binaryTypes = binary;
				if (types.includes('application/json')) entry.jsonAlternative = true;
			}
			if (!types.length) entry.emptyResponse = true;
			ops.push(entry);
		}
	}
	ops.sort((a, b) => a.resource.localeCompare(b.resource) || a.name.localeCompare(b.name));
	return ops;
}

function render(ops) {
	const lines = [
		'// Generated by scripts/gen-catalog.js from MVMNT OpenAPI 1.0.0. Do not edit by hand:',
		'// change scripts/catalog-names.js or the generator, then run `npm run catalog`.',
		"import type { OperationDef } from './types';",
		'',
		'export const GENERATED_OPERATIONS: OperationDef[] = [',
	];
	for (const op of ops) lines.push(`\t${JSON.stringify(op)},`);
	lines.push('];', '');
	// the resources' display names: kept in scripts/catalog-names.js only
	const resourceNames = Object.fromEntries(Object.values(names.RESOURCES).sort(([a], [b]) => a.localeCompare(b)));
	lines.push('/** Display names of the resources (from scripts/catalog-names.js). */');
	lines.push(`export const RESOURCE_NAMES: Record<string, string> = ${JSON.stringify(resourceNames)};`, '');
	return lines.join('\n');
}

/** entries of a rendered catalog file, keyed resource.operation */
function parseRendered(text) {
	const out = new Map();
	for (const line of text.split('\n')) {
		const m = /^\t(\{.*\}),$/.exec(line);
		if (m) {
			const op = JSON.parse(m[1]);
			out.set(`${op.resource}.${op.operation}`, op);
		}
	}
	return out;
}

function fieldMap(op) {
	const out = new Map();
	const add = (where, list, prefix = '') => {
		for (const f of list || []) {
			out.set(`${where} ${prefix}${f.name}`, f);
			if (f.fields) add(where, f.fields, `${prefix}${f.name}.`);
		}
	};
	add('path', op.pathParams);
	add('query', op.query);
	add('body', op.body);
	for (const f of op.filterFields || []) out.set(`filter ${f.name}`, f);
	return out;
}

/** human lines: which node operations and parameters differ between two catalogs (Maps from parseRendered) */
function diffCatalogs(before, after) {
	const lines = [];
	const display = new Map(Object.values(names.RESOURCES).map(([value, name]) => [value, name]));
	const label = (op) => `${display.get(op.resource) ?? op.resource} → ${op.name}`;
	for (const [k, a] of before) {
		const b = after.get(k);
		if (!b) {
			lines.push(`${label(a)}: operation removed`);
			continue;
		}
		const fa = fieldMap(a);
		const fb = fieldMap(b);
		for (const [name, f] of fa) {
			const g = fb.get(name);
			if (!g) lines.push(`${label(a)}: ${name} removed`);
			else if (JSON.stringify(f) !== JSON.stringify(g)) {
				const what = Object.keys({ ...f, ...g })
					.filter((key) => key !== 'fields' && JSON.stringify(f[key]) !== JSON.stringify(g[key]))
					.map((key) => `${key} ${JSON.stringify(f[key]) ?? '-'} → ${JSON.stringify(g[key]) ?? '-'}`);
				if (what.length) lines.push(`${label(a)}: ${name} changed (${what.join(', ')})`);
			}
		}
		for (const name of fb.keys()) if (!fa.has(name)) lines.push(`${label(a)}: ${name} added${fb.get(name).required ? ' (required)' : ''}`);
		const rest = (op) => JSON.stringify({ ...op, pathParams: 0, query: 0, body: 0, filterFields: 0 });
		if (rest(a) !== rest(b)) lines.push(`${label(a)}: operation settings changed`);
	}
	for (const [k, b] of after) if (!before.has(k)) lines.push(`${label(b)}: operation added`);
	return lines;
}

/** which node parameters a new contract would change, compared with an old one */
function catalogImpact(oldDoc, newDoc) {
	return diffCatalogs(parseRendered(render(build(oldDoc))), parseRendered(render(build(newDoc))));
}

/** node versions the MVMNT node declares (`version: 1` or `version: [1, 2]`) */
function declaredNodeVersions() {
	const m = /\bversion:\s*(\[[^\]]*\]|[\d.]+)/.exec(fs.readFileSync(NODE_FILE, 'utf8'));
	return m ? JSON.parse(m[1]) : [];
}

function main() {
	const contract = load();
	const out = render(build(contract));
	if (process.argv.includes('--check')) {
		const want = (contract.contract && contract.contract.nodeVersion) || 1;
		const declared = [].concat(declaredNodeVersions());
		if (!declared.includes(want)) {
			console.error(
				`the contract holds breaking API changes recorded for node version ${want}, but the MVMNT node declares ` +
					`version ${JSON.stringify(declared)}: add version ${want} (version: [..., ${want}], defaultVersion: ${want}) and ` +
					'keep the old version\'s parameters for existing workflows (README, "When MVMNT\'s API changes")',
			);
			process.exit(1);
		}
		const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
		if (current !== out) {
			const lines = diffCatalogs(parseRendered(current), parseRendered(out));
			console.error(`${path.relative(ROOT, OUT)} is stale: run npm run catalog. Node parameters that would change:`);
			for (const line of lines.length ? lines : ['(formatting only)']) console.error(`  ${line}`);
			process.exit(1);
		}
		console.log('catalog up to date');
		return;
	}
	const before = fs.existsSync(OUT) ? parseRendered(fs.readFileSync(OUT, 'utf8')) : new Map();
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, out);
	const lines = diffCatalogs(before, parseRendered(out));
	console.log(`wrote ${path.relative(ROOT, OUT)}${lines.length ? `; node parameters changed:` : ' (no parameter changed)'}`);
	for (const line of lines) console.log(`  ${line}`);
}

if (require.main === module) main();
module.exports = { build, load, catalogImpact };
