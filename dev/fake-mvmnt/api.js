'use strict';
/**
 * The fake MVMNT API: generic resource semantics derived from the OpenAPI paths.
 *
 *   POST /{c}              create          GET|PATCH|DELETE /{c}/{id}   read / merge-patch / soft delete
 *   POST /{c}/filter       filter+cursor   POST /{c}/search             criteria+page numbers
 *   anything else          actions.js (state changes) or the generic fallback (look up path records,
 *                          answer the spec's success schema)
 *
 * Every JSON success body is shaped by Conformer against the operation's success response schema.
 */
const crypto = require('crypto');
const { Conformer, isPlainObject, today } = require('./conform');
const { filterPage, filterRows, searchRows, numberPage, fieldValue } = require('./filter');

/** collections at least this large keep the rows of their last filter while the store is unchanged (paging 250,000 records) */
const MEMO_MIN_RECORDS = 10000;
const { objectName, camel } = require('./spec');
const { ACTIONS, RULES } = require('./actions');
const { makePdf, toCsv } = require('./media');

class ApiError extends Error {
	constructor(status, error, message, details) {
		super(message);
		this.status = status;
		this.error = error;
		this.details = details;
	}
}

const notFound = (what, ref) => new ApiError(404, 'not_found', `${what} '${ref}' not found`);
const validation = (details, message = 'Request validation failed') => new ApiError(400, 'validation_error', message, details);

function round2(n) {
	return Math.round(Number(n || 0) * 100) / 100;
}

class MvmntApi {
	/**
	 * @param {{spec: import('./spec').Spec, store: import('./store').Store, publicUrl: () => string, files: Map}} deps
	 */
	constructor({ spec, store, publicUrl, files }) {
		this.spec = spec;
		this.store = store;
		this.publicUrl = publicUrl;
		this.files = files;
		this.conformer = new Conformer(spec, (id) => store.findById(id));
		this.conformer.related = (src, k) => this.children(src, k);
		this.errors = { ApiError, notFound, validation };
	}

	// ------------------------------------------------------------------ dispatch

	async handle(ctx) {
		const o = ctx.operation;
		const [c, second] = o.segments;
		const meta = this.spec.collections[c];
		const key = `${o.method} ${o.template}`;
		if (ACTIONS[key]) return this.respond(ctx, await ACTIONS[key](this, ctx, this.targets(ctx)));
		if (meta && o.segments.length === 1 && o.method === 'POST') return this.create(ctx, meta);
		if (meta && o.segments.length === 2 && second === '{id}') return this[`${o.method.toLowerCase()}One`](ctx, meta);
		if (meta && second === 'filter') return this.filter(ctx, meta);
		if (meta && second === 'search') return this.search(ctx, meta);
		return this.fallback(ctx);
	}

	/** resolves path params: first param -> record of the first segment's collection, second -> nested item */
	targets(ctx) {
		const o = ctx.operation;
		const out = {};
		const [first, second] = o.pathParams;
		if (!first) return out;
		out.record = this.load(o.collection, ctx.params[first], ctx.query.by);
		if (second) {
			const arrayName = o.segments[o.segments.indexOf(`{${second}}`) - 1];
			const items = Array.isArray(out.record[arrayName]) ? out.record[arrayName] : [];
			out.item = items.find((i) => i.id === ctx.params[second]);
			if (!out.item) throw notFound(arrayName.replace(/s$/, ''), ctx.params[second]);
			out.items = items;
		}
		return out;
	}

	load(collection, ref, by) {
		const r = this.store.find(collection, ref, by);
		if (!r || r.deletedAt) throw notFound(objectName(collection).toLowerCase().replace(/_/g, ' '), ref);
		return r;
	}

	// ------------------------------------------------------------------ CRUD

	create(ctx, meta) {
		const input = this.applyDefaults(this.spec.requestSchema(ctx.operation).schema, structuredClone(ctx.body || {}));
		const data = this.unwrap(input, meta);
		this.resolveRefs(data);
		this.assertKeyFree(meta, data.key);
		const rule = RULES[meta.name] || {};
		if (rule.beforeCreate) rule.beforeCreate(this, data, ctx);
		const record = this.insert(meta.name, data);
		if (rule.afterCreate) rule.afterCreate(this, record, ctx);
		return this.respond(ctx, record);
	}

	getOne(ctx, meta) {
		return this.respond(ctx, this.load(meta.name, ctx.params.id, ctx.query.by));
	}

	patchOne(ctx, meta) {
		const record = this.load(meta.name, ctx.params.id, ctx.query.by);
		const patch = this.unwrap(structuredClone(ctx.body || {}), meta);
		this.resolveRefs(patch);
		if (patch.key !== undefined) this.assertKeyFree(meta, patch.key, record.id);
		const rule = RULES[meta.name] || {};
		if (rule.beforePatch) rule.beforePatch(this, record, patch, ctx);
		this.update(record, patch);
		return this.respond(ctx, record);
	}

	deleteOne(ctx, meta) {
		const record = this.load(meta.name, ctx.params.id, ctx.query.by);
		const rule = RULES[meta.name] || {};
		const keep = rule.beforeDelete && rule.beforeDelete(this, record, ctx) === false;
		if (!keep) this.store.softDelete(record);
		return this.respond(ctx, record);
	}

	/** inserts with system fields, materialized defaults, nested ids and derived money fields */
	insert(collection, data) {
		const meta = this.spec.collections[collection];
		const system = { object: meta ? meta.object : objectName(collection) };
		const record = this.store.insert(collection, data, system);
		if (meta) {
			const view = this.spec.objectView(meta.recordSchema, record);
			for (const k of view.required) {
				if (record[k] !== undefined) continue;
				const s = view.properties.get(k).map((x) => this.spec.deref(x)).find((x) => x && (x.enum || x.default !== undefined));
				if (s) record[k] = s.default !== undefined ? s.default : s.enum[0];
			}
			const keySchema = view.properties.has('key') && this.spec.deref(view.properties.get('key')[0]);
			if (record.key === null && keySchema && keySchema.type === 'string') record.key = record.friendlyId;
			this.assignIds(meta.recordSchema, record);
		}
		derive(record);
		return record;
	}

	update(record, patch) {
		this.store.update(record, patch);
		const meta = this.spec.collections[this.store.collectionOf(record)];
		if (meta) this.assignIds(meta.recordSchema, record);
		derive(record);
		return record;
	}

	/** `{shipmentId, load: {...}}` -> `{shipmentId, ...}` for create bodies that wrap the resource */
	unwrap(body, meta) {
		const inner = body[meta.singular];
		if (!isPlainObject(inner)) return { ...body };
		const out = { ...body, ...inner };
		delete out[meta.singular];
		return out;
	}

	assertKeyFree(meta, key, exceptId) {
		const owner = this.store.keyOwner(meta.name, key, exceptId);
		if (!owner) return;
		const thing = objectName(meta.name).toLowerCase().replace(/_/g, ' ');
		const e = new ApiError(409, 'DUPLICATE_KEY', `A ${thing} with key '${key}' already exists`, [{ field: 'key', message: 'must be unique' }]);
		e.code = 'DUPLICATE_KEY';
		throw e;
	}

	/** `{key: 'X'}` references (ResourceReferenceInput) get the id of the record they name, when it exists */
	resolveRefs(value, name) {
		if (Array.isArray(value)) return value.forEach((v) => this.resolveRefs(v, name));
		if (!isPlainObject(value)) return undefined;
		if (name && typeof value.key === 'string' && value.id === undefined && Object.keys(value).length === 1) {
			const c = this.collectionForProperty(name);
			const hit = c && this.store.find(c, value.key, 'key');
			if (hit) value.id = hit.id;
		}
		for (const [k, v] of Object.entries(value)) if (v && typeof v === 'object') this.resolveRefs(v, k);
		return undefined;
	}

	collectionForProperty(name) {
		const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
		return [kebab + 's', kebab.replace(/y$/, 'ies'), kebab].find((c) => this.spec.collections[c]);
	}

	/** visits every plain object inside `value` together with the merged view of the schema describing it */
	walk(schema, value, visit, depth = 0) {
		if (depth > 8 || !isPlainObject(value)) return;
		const view = this.spec.objectView(schema, value);
		visit(view, value, depth);
		for (const [k, schemas] of view.properties) {
			const s = this.spec.deref(schemas[schemas.length - 1]) || {};
			const v = value[k];
			if (Array.isArray(v)) for (const item of v) this.walk(this.spec.deref(s.items) || {}, item, visit, depth + 1);
			else this.walk(s, v, visit, depth + 1);
		}
	}

	/** objects the response schema gives an `id` (orders, stops, applications...) get one when created */
	assignIds(schema, value) {
		this.walk(schema, value, (view, obj) => {
			if (view.properties.has('id') && obj.id === undefined && obj.key === undefined) obj.id = crypto.randomUUID();
		});
	}

	/** request-schema defaults (isPrimary: false, quantity: 1, ...) for properties the client left out */
	applyDefaults(schema, value) {
		this.walk(schema, value, (view, obj) => {
			for (const [k, schemas] of view.properties) {
				const d = schemas.map((x) => this.spec.deref(x)).find((x) => x && x.default !== undefined);
				if (obj[k] === undefined && d) obj[k] = structuredClone(d.default);
			}
		});
		return value;
	}

	/** child collection rows for a missing array property (e.g. Shipment.loads -> loads with shipmentId) */
	children(src, k) {
		const parent = this.store.collectionOf(src);
		if (!parent || !this.spec.collections[k] || typeof src.id !== 'string') return undefined;
		const fk = `${this.spec.collections[parent].singular}Id`;
		return this.store.list(k).filter((r) => !r.deletedAt && fieldValue(r, fk) === src.id);
	}

	// ------------------------------------------------------------------ filter & search

	filter(ctx, meta) {
		const body = ctx.body || {};
		const schema = this.spec.successResponse(ctx.operation).content['application/json'];
		const pageKey = [...this.spec.objectView(schema).properties.keys()].find((k) => k !== 'data') || 'pageInfo';
		const requestView = this.spec.objectView(this.spec.requestSchema(ctx.operation).schema);
		const defaultSize = (this.spec.deref((requestView.properties.get('pageSize') || [{}])[0]) || {}).default || 50;
		const options = { ...body, pageSize: body.pageSize || defaultSize };
		const page = this.guard(() => filterPage(null, options, this.filteredRows(meta.name, body.filter)));
		return this.respond(ctx, { data: page.data, [pageKey]: page.pageInfo });
	}

	search(ctx, meta) {
		const body = ctx.body || {};
		if (body.savedSearch) this.load('saved-searches', body.savedSearch.id || body.savedSearch.key, body.savedSearch.id ? 'id' : 'key');
		const page = this.guard(() => searchRows(this.store.list(meta.name), body));
		const schema = this.spec.successResponse(ctx.operation).content['application/json'];
		const items = this.spec.deref(this.spec.objectView(schema).properties.get('data')[0]).items;
		const mapping = Object.keys((this.spec.deref(items).discriminator || {}).mapping || {});
		const flat = mapping.find((m) => m.endsWith('_SEARCH_ROW'));
		const tag = body.format === 'full' ? mapping.find((m) => m !== flat) : flat;
		page.data = page.data.map((r) => ({ ...r, object: tag || r.object }));
		return this.respond(ctx, page);
	}

	/** filterRows over a collection; large collections reuse the last result while nothing was written */
	filteredRows(collection, filter) {
		const records = this.store.list(collection);
		const order = this.store.listOrder;
		if (records.length < MEMO_MIN_RECORDS) return filterRows(records, filter, order);
		const key = `${collection}|${this.store.version}|${JSON.stringify(filter ?? null)}|${JSON.stringify(order ?? null)}`;
		if (this.filterMemo && this.filterMemo.key === key) return this.filterMemo.rows;
		const rows = filterRows(records, filter, order);
		this.filterMemo = { key, rows };
		return rows;
	}

	/**
	 * Inserts `count` records made from one template (seeding large collections quickly): all share the
	 * template's shape, so the schema view of the first record serves every one.
	 */
	insertMany(collection, count, make) {
		const out = [];
		if (count <= 0) return out;
		const first = this.insert(collection, make(1));
		out.push(first);
		const meta = this.spec.collections[collection];
		const defaults = {};
		for (const [k, v] of Object.entries(first)) if (!(k in make(1)) && !['id', 'key', 'friendlyId', 'createdAt', 'updatedAt', 'deletedAt'].includes(k)) defaults[k] = v;
		const system = { object: meta ? meta.object : first.object };
		for (let i = 2; i <= count; i++) {
			const record = this.store.insert(collection, { ...defaults, ...make(i) }, system);
			if (record.key === null && first.key === first.friendlyId) record.key = record.friendlyId;
			out.push(record);
		}
		return out;
	}

	/** runs filter/search evaluation, turning malformed cursors/operators into 400s */
	guard(fn) {
		try {
			return fn();
		} catch (e) {
			if (e.field) throw validation([{ field: e.field, message: e.message }]);
			throw e;
		}
	}

	/** POST /global-search: substring match over string fields, "type:query" prefix narrows object types */
	globalSearch(ctx) {
		const body = ctx.body || {};
		let query = String(body.query || '');
		let types = body.objects && body.objects.length ? body.objects : null;
		const prefix = /^([a-z]+):(.*)$/i.exec(query);
		const byObject = Object.values(this.spec.collections);
		if (prefix && byObject.some((m) => m.object === prefix[1].toUpperCase())) {
			types = [prefix[1].toUpperCase()];
			query = prefix[2];
		}
		const enumTypes = this.spec.deref(this.spec.schemas.GlobalSearchObjectType).enum;
		const wanted = (types || enumTypes).filter((t) => enumTypes.includes(t));
		const q = query.trim().toLowerCase();
		const rows = [];
		for (const t of wanted) {
			const meta = byObject.find((m) => m.object === t);
			const hits = meta ? this.store.list(meta.name).filter((r) => !r.deletedAt) : [];
			hits.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
			for (const r of hits) {
				const field = Object.keys(r).find((k) => typeof r[k] === 'string' && r[k].toLowerCase().includes(q));
				if (!field) continue;
				const title = r.name || r.email || r.friendlyId || r.key || r.id;
				rows.push({ object: t, id: r.id, key: r.key, entityName: meta.singular, title, subtitle: r.friendlyId || null, field, highlight: r[field] });
			}
		}
		return numberPage(rows, body.pagination);
	}

	// ------------------------------------------------------------------ generic fallback

	/** unmodelled operation: look up the path records and answer the success schema from them */
	fallback(ctx) {
		const t = this.targets(ctx);
		const base = t.item || t.record || {};
		return this.respond(ctx, this.bag(ctx, base));
	}

	/** a bag of likely response values: the record, `<singular>Id/Key`, and a sub-list named like the path */
	bag(ctx, record, extra = {}) {
		const o = ctx.operation;
		const meta = this.spec.collections[o.collection];
		const out = { ...record };
		if (meta && record.id) {
			out[`${meta.singular}Id`] = record.id;
			out[`${meta.singular}Key`] = record.key;
			out[meta.singular] = record;
		}
		const last = camel(o.segments[o.segments.length - 1]);
		if (Array.isArray(record[last])) {
			out.data = record[last];
			const total = round2(out.data.reduce((s, r) => s + Number(r.amount || 0), 0));
			for (const k of ['totalPaid', 'totalApplied', 'totalAmount']) if (out[k] === undefined) out[k] = total;
		}
		return Object.assign(out, extra);
	}

	// ------------------------------------------------------------------ responses

	/**
	 * Shapes a value into the operation's success response.
	 * @returns {{status:number, body?:any, contentType?:string, headers?:object}}
	 */
	respond(ctx, value) {
		if (value && value.__raw) return value.__raw;
		const { status, content } = this.spec.successResponse(ctx.operation);
		const types = Object.keys(content);
		if (status === 204 || !types.length) return { status };
		const mediaType = negotiate(types, ctx.headers.accept);
		const seed = (value && value.id) || `${ctx.operation.operationId}`;
		if (mediaType === 'application/pdf') return { status, contentType: mediaType, body: makePdf(pdfLines(value)) };
		const json = content['application/json'];
		const shaped = json ? this.conformer.conform(json, value, seed) : value;
		if (mediaType === 'text/csv') return { status, contentType: 'text/csv; charset=utf-8', body: toCsv(shaped) };
		return { status, contentType: mediaType, body: shaped };
	}

	/** cursor paging for GET sub-lists that take ?pageSize&cursor */
	paged(ctx, rows) {
		return this.guard(() => filterPage(rows, { pageSize: Number(ctx.query.pageSize) || 50, cursor: ctx.query.cursor }));
	}

	conflict(message) {
		return new ApiError(409, 'conflict', message);
	}

	fileUrl(kind, doc) {
		return `${this.publicUrl()}/__files/${kind}/${doc.id}?signature=${doc.fileToken}`;
	}

	newFileToken() {
		return crypto.randomBytes(12).toString('hex');
	}
}

/** money bookkeeping shared by invoices, bills, credit memos and payments */
function derive(r) {
	if (typeof r.amount === 'number') {
		r.amountPaid = round2(r.amountPaid);
		if ('creditsApplied' in r || Array.isArray(r.credits)) r.creditsApplied = round2(r.creditsApplied);
		r.openBalance = round2(r.amount - r.amountPaid - (r.creditsApplied || 0));
		r.amountOwed = r.openBalance;
		if ('appliedAmount' in r || 'remainingBalance' in r || Array.isArray(r.applications)) {
			r.appliedAmount = round2(r.appliedAmount);
			r.remainingBalance = round2(r.amount - r.appliedAmount);
		}
		r.isOverdue = Boolean(r.dueDate && r.dueDate < today() && r.openBalance > 0);
	}
	if (Array.isArray(r.applications) && r.totalAmount === undefined && r.amount === undefined) {
		r.totalAmount = round2(r.applications.reduce((s, a) => s + Number(a.amount || 0), 0));
	}
	return r;
}

function negotiate(types, accept) {
	if (!accept || types.length === 1) return types[0];
	const wanted = String(accept)
		.split(',')
		.map((p) => {
			const [t, ...params] = p.trim().split(';');
			const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
			return { t: t.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
		})
		.filter((x) => x.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const { t } of wanted) {
		const hit = types.find((x) => x === t || (t.endsWith('/*') && x.startsWith(t.slice(0, -1))));
		if (hit) return hit;
	}
	return types[0];
}

function pdfLines(value) {
	const v = value || {};
	const lines = [`Remittance advice ${v.friendlyId || v.id || ''}`.trim()];
	for (const k of ['paymentDate', 'reference', 'totalAmount']) if (v[k] !== undefined && v[k] !== null) lines.push(`${k}: ${v[k]}`);
	return lines;
}

module.exports = { MvmntApi, ApiError, derive, round2, negotiate };
