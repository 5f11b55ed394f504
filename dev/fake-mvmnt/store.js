'use strict';
/** In-memory record store: one Map per collection, a global id index, friendly ids and soft delete. */
const crypto = require('crypto');
const { isPlainObject } = require('./conform');

function friendlyPrefix(collection) {
	const words = collection.toUpperCase().split('-');
	return words.length === 1 ? words[0].slice(0, 3) : words.map((w) => w[0]).join('');
}

/** deep merge for PATCH: plain objects merge recursively, everything else (arrays, null) replaces */
function deepMerge(target, patch) {
	const out = { ...target };
	for (const [k, v] of Object.entries(patch)) {
		out[k] = isPlainObject(v) && isPlainObject(target[k]) ? deepMerge(target[k], v) : v;
	}
	return out;
}

class Store {
	constructor() {
		this.reset();
	}

	reset() {
		/** bumped on every write through the store (lets large listings reuse their filtered rows) */
		this.version = (this.version || 0) + 1;
		this.data = new Map();
		this.index = new Map();
		this.counters = new Map();
		this.lastTs = 0;
		this.clock = null;
		this.listOrder = undefined;
	}

	coll(name) {
		if (!this.data.has(name)) this.data.set(name, new Map());
		return this.data.get(name);
	}

	/**
	 * The time writes are stamped with. By default strictly increasing ISO timestamps (createdAt
	 * reflects insertion order); setClock() can freeze it, shift it or make it coarse, so that
	 * several writes share one timestamp (as with an API that stamps whole seconds).
	 */
	timestamp() {
		const c = this.clock;
		if (c) {
			const now = c.frozenAt !== undefined ? c.frozenAt : Date.now() + c.offsetMs;
			return new Date(Math.floor(now / c.precisionMs) * c.precisionMs).toISOString();
		}
		const t = Math.max(Date.now(), this.lastTs + 1);
		this.lastTs = t;
		return new Date(t).toISOString();
	}

	/**
	 * `{ at?: ISO|ms (frozen), offsetMs?: shift of the real clock, precisionMs?: 1000 = whole seconds }`;
	 * null (or no argument) goes back to the default clock. Timestamps may then repeat.
	 */
	setClock(clock) {
		if (!clock) {
			this.clock = null;
			return null;
		}
		const at = clock.at === undefined || clock.at === null ? undefined : typeof clock.at === 'number' ? clock.at : Date.parse(clock.at);
		if (at !== undefined && !Number.isFinite(at)) throw new Error(`clock.at is not a time: ${clock.at}`);
		this.clock = { frozenAt: at, offsetMs: Number(clock.offsetMs) || 0, precisionMs: Math.max(1, Number(clock.precisionMs) || 1) };
		return { ...this.clock };
	}

	nextFriendlyId(collection, prefix = friendlyPrefix(collection)) {
		const n = (this.counters.get(collection) || 0) + 1;
		this.counters.set(collection, n);
		return `${prefix}-${String(n).padStart(6, '0')}`;
	}

	/** inserts a record; system fields given in `fields` (id, createdAt, ...) are kept (useful for seeding) */
	insert(collection, fields, system = {}) {
		this.version++;
		const ts = this.timestamp();
		const record = {
			id: crypto.randomUUID(),
			...system,
			key: null,
			friendlyId: system.friendlyId || this.nextFriendlyId(collection, system.friendlyPrefix),
			...fields,
			createdAt: fields.createdAt || ts,
			updatedAt: fields.updatedAt || fields.createdAt || ts,
			deletedAt: fields.deletedAt === undefined ? null : fields.deletedAt,
		};
		delete record.friendlyPrefix;
		this.coll(collection).set(record.id, record);
		this.index.set(record.id, { collection, record });
		return record;
	}

	/** id/key lookup. by: 'id' | 'key' | undefined (id first, then key). Includes soft-deleted records. */
	find(collection, ref, by) {
		const c = this.coll(collection);
		if (by !== 'key') {
			const r = c.get(ref);
			if (r || by === 'id') return r;
		}
		let deleted;
		for (const r of c.values()) {
			if (r.key === null || r.key === undefined || r.key !== ref) continue;
			if (!r.deletedAt) return r;
			deleted = deleted || r;
		}
		return deleted;
	}

	findById(id) {
		const hit = this.index.get(id);
		return hit ? hit.record : undefined;
	}

	collectionOf(record) {
		const hit = this.index.get(record.id);
		return hit ? hit.collection : undefined;
	}

	/** another live record of the collection already using this key */
	keyOwner(collection, key, exceptId) {
		if (key === null || key === undefined) return undefined;
		for (const r of this.coll(collection).values()) if (r.key === key && r.id !== exceptId && !r.deletedAt) return r;
		return undefined;
	}

	list(collection) {
		return [...this.coll(collection).values()];
	}

	update(record, patch) {
		this.version++;
		const merged = deepMerge(record, patch);
		Object.keys(record).forEach((k) => delete record[k]);
		Object.assign(record, merged, { updatedAt: this.timestamp() });
		return record;
	}

	softDelete(record) {
		this.version++;
		record.deletedAt = this.timestamp();
		record.updatedAt = record.deletedAt;
		return record;
	}

	/** finds an object with this id nested in any record's arrays (e.g. an order inside a shipment) */
	findNested(id) {
		for (const [collection, map] of this.data) {
			for (const record of map.values()) {
				const hit = findIn(record, id, 0);
				if (hit) return { collection, record, item: hit };
			}
		}
		return undefined;
	}
}

/** depth-first search for an array element object with the given id */
function findIn(value, id, depth) {
	if (depth > 6 || !value || typeof value !== 'object') return undefined;
	const children = Array.isArray(value) ? value : Object.values(value);
	for (const v of children) {
		if (Array.isArray(value) && isPlainObject(v) && v.id === id) return v;
		const h = findIn(v, id, depth + 1);
		if (h) return h;
	}
	return undefined;
}

module.exports = { Store, deepMerge };
