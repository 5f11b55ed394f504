'use strict';
/**
 * Generic evaluation of the spec's two query languages:
 *  - `/{c}/filter`: {field: {equalTo, in, startsWith, ...}, and: [], or: [], not: {}} with cursor paging
 *  - `/{c}/search`: criteria {field: {operator: EQUALS|ONE_OF|..., values|value|min|max}} with page numbers
 */
const { isPlainObject, today } = require('./conform');

const LOGICAL = new Set(['and', 'or', 'not']);

/** record field value; `fooId` falls back to `foo.id`, dotted paths walk nested objects, arrays of refs map to ids */
function fieldValue(record, field) {
	if (field in record) return record[field];
	if (field.includes('.')) return field.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : fieldValue(o, k)), record);
	const m = /^(.+)Id$/.exec(field);
	if (m && isPlainObject(record[m[1]])) return record[m[1]].id;
	const derived = DERIVED[field];
	return derived ? derived(record) : undefined;
}

/** boolean pseudo-fields some filters declare (overdue, factored, hasRemainingBalance) */
const DERIVED = {
	overdue: (r) => Boolean(r.isOverdue),
	factored: (r) => Boolean(r.factorName || r.factorJobId),
	hasRemainingBalance: (r) => Number(r.remainingBalance) > 0,
	email: (r) => (isPlainObject(r.contactInfo) ? r.contactInfo.email : undefined),
	phoneNumber: (r) => (isPlainObject(r.contactInfo) ? r.contactInfo.phoneNumber : undefined),
};

/** comparable form: references -> id, ISO dates -> epoch ms */
function norm(v) {
	if (isPlainObject(v) && 'id' in v) return v.id;
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v) && !Number.isNaN(Date.parse(v))) return Date.parse(v);
	return v;
}

function eq(a, b) {
	const x = norm(a);
	const y = norm(b);
	return typeof x === 'string' && typeof y === 'string' ? x === y : x === y || String(x) === String(y);
}

function lower(v) {
	return typeof v === 'string' ? v.toLowerCase() : String(v === null || v === undefined ? '' : norm(v)).toLowerCase();
}

function isNil(v) {
	return v === null || v === undefined;
}

function compare(a, b) {
	const x = norm(a);
	const y = norm(b);
	if (isNil(x) || isNil(y)) return NaN;
	if (typeof x === 'number' && typeof y === 'number') return x - y;
	return String(x).localeCompare(String(y));
}

const FILTER_OPS = {
	equalTo: (v, x) => !isNil(v) && (Array.isArray(v) ? v.some((e) => eq(e, x)) : eq(v, x)),
	notEqualTo: (v, x) => !FILTER_OPS.equalTo(v, x),
	in: (v, xs) => !isNil(v) && xs.some((x) => FILTER_OPS.equalTo(v, x)),
	notIn: (v, xs) => !FILTER_OPS.in(v, xs),
	includes: (v, x) => !isNil(v) && lower(v).includes(lower(x)),
	notIncludes: (v, x) => !FILTER_OPS.includes(v, x),
	startsWith: (v, x) => !isNil(v) && lower(v).startsWith(lower(x)),
	notStartsWith: (v, x) => !FILTER_OPS.startsWith(v, x),
	endsWith: (v, x) => !isNil(v) && lower(v).endsWith(lower(x)),
	notEndsWith: (v, x) => !FILTER_OPS.endsWith(v, x),
	isNull: (v, x) => isNil(v) === Boolean(x),
	lessThan: (v, x) => compare(v, x) < 0,
	lessThanOrEqualTo: (v, x) => compare(v, x) <= 0,
	greaterThan: (v, x) => compare(v, x) > 0,
	greaterThanOrEqualTo: (v, x) => compare(v, x) >= 0,
	contains: (v, x) => Array.isArray(v) && v.some((e) => eq(e, x)),
	containsAll: (v, xs) => Array.isArray(v) && xs.every((x) => v.some((e) => eq(e, x))),
	containsAny: (v, xs) => Array.isArray(v) && xs.some((x) => v.some((e) => eq(e, x))),
};

function matchesFilter(record, filter) {
	if (!isPlainObject(filter)) return true;
	return Object.entries(filter).every(([key, cond]) => {
		if (key === 'and') return cond.every((f) => matchesFilter(record, f));
		if (key === 'or') return cond.length === 0 || cond.some((f) => matchesFilter(record, f));
		if (key === 'not') return !matchesFilter(record, cond);
		const value = fieldValue(record, key);
		if (!isPlainObject(cond)) return eq(value, cond) || (typeof cond === 'boolean' && Boolean(value) === cond);
		return Object.entries(cond).every(([op, arg]) => {
			const fn = FILTER_OPS[op];
			if (!fn) throw Object.assign(new Error(`unsupported filter operator '${op}'`), { field: `filter.${key}.${op}` });
			return fn(value, arg);
		});
	});
}

/** does the filter mention a field anywhere (used for the implicit deletedAt: {isNull: true}) */
function mentionsField(filter, field) {
	if (Array.isArray(filter)) return filter.some((f) => mentionsField(f, field));
	if (!isPlainObject(filter)) return false;
	return Object.entries(filter).some(([k, v]) => k === field || (LOGICAL.has(k) && mentionsField(v, field)));
}

function byCreation(a, b) {
	return String(a.createdAt).localeCompare(String(b.createdAt)) || String(a.id).localeCompare(String(b.id));
}

function encodeCursor(offset) {
	return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeCursor(cursor) {
	try {
		const o = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')).o;
		if (Number.isInteger(o) && o >= 0) return o;
	} catch (_) {
		/* fall through */
	}
	throw Object.assign(new Error('cursor is not a cursor returned by this API'), { field: 'cursor' });
}

/** a stable pseudo-random rank of an id (FNV-1a of seed + id): the same order on every page and every call */
function scrambleRank(id, seed) {
	let h = 0x811c9dc5;
	const text = `${seed}:${id}`;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * the records a filter selects (soft-deleted ones only when the filter names deletedAt), in creation
 * order, or with `order: {scrambled: seed}` in an order unrelated to time (the API promises none)
 */
function filterRows(records, filter, order) {
	const includeDeleted = mentionsField(filter, 'deletedAt');
	const rows = records.filter((r) => (includeDeleted || !r.deletedAt) && matchesFilter(r, filter));
	if (order && order.scrambled !== undefined) {
		const seed = order.scrambled;
		return rows.sort((a, b) => scrambleRank(a.id, seed) - scrambleRank(b.id, seed) || String(a.id).localeCompare(String(b.id)));
	}
	return rows.sort(byCreation);
}

/** `rows`: already filtered and sorted rows (filterRows), to page through them without redoing that */
function filterPage(records, { filter, pageSize = 50, cursor } = {}, rows = filterRows(records, filter)) {
	const offset = cursor ? decodeCursor(cursor) : 0;
	const data = rows.slice(offset, offset + pageSize);
	const end = offset + data.length;
	return {
		data,
		pageInfo: {
			pageSize,
			hasNextPage: end < rows.length,
			hasPreviousPage: offset > 0,
			endCursor: data.length ? encodeCursor(end) : null,
		},
		total: rows.length,
	};
}

// ------------------------------------------------------------------ search criteria

function values(c) {
	if (Array.isArray(c.values)) return c.values;
	return c.value === undefined ? [] : [c.value];
}

const SEARCH_OPS = {
	EQUALS: (v, c) => values(c).some((x) => (typeof v === 'string' && typeof x === 'string' ? lower(v) === lower(x) : FILTER_OPS.equalTo(v, x))),
	NOT_EQUALS: (v, c) => !SEARCH_OPS.EQUALS(v, c),
	ONE_OF: (v, c) => SEARCH_OPS.EQUALS(v, c),
	NOT_ONE_OF: (v, c) => !SEARCH_OPS.EQUALS(v, c),
	STARTS_WITH: (v, c) => values(c).some((x) => FILTER_OPS.startsWith(v, x)),
	ENDS_WITH: (v, c) => values(c).some((x) => FILTER_OPS.endsWith(v, x)),
	INCLUDES: (v, c) => values(c).some((x) => FILTER_OPS.includes(v, x)),
	EXISTS: (v) => !isNil(v) && v !== '' && !(Array.isArray(v) && v.length === 0),
	DOES_NOT_EXIST: (v) => !SEARCH_OPS.EXISTS(v),
	GREATER_THAN: (v, c) => compare(v, c.value) > 0,
	LESS_THAN: (v, c) => compare(v, c.value) < 0,
	AFTER: (v, c) => compare(v, relative(c, 'value')) > 0,
	BEFORE: (v, c) => compare(v, relative(c, 'value')) < 0,
	BETWEEN: (v, c) => compare(v, relative(c, 'min')) >= 0 && compare(v, relative(c, 'max')) <= 0,
	NOT_BETWEEN: (v, c) => !isNil(v) && !SEARCH_OPS.BETWEEN(v, c),
	TRUE: (v) => v === true,
	FALSE: (v) => v === false || isNil(v),
};

const UNIT_MS = { SECOND: 1e3, MINUTE: 6e4, HOUR: 36e5, DAY: 864e5, WEEK: 6048e5, MONTH: 2592e6, YEAR: 31536e6 };

/** value / min / max, or their *Relative + *RelativeUnit form (offset from now) */
function relative(c, name) {
	if (c[name] !== undefined) return c[name];
	const n = c[`${name}Relative`];
	if (n === undefined) return undefined;
	return new Date(Date.now() + n * (UNIT_MS[c[`${name}RelativeUnit`]] || UNIT_MS.DAY)).toISOString();
}

function matchesCriteria(record, criteria) {
	if (!isPlainObject(criteria)) return true;
	return Object.entries(criteria).every(([field, c]) => {
		const fn = SEARCH_OPS[c.operator];
		if (!fn) throw Object.assign(new Error(`unsupported search operator '${c.operator}'`), { field: `criteria.${field}.operator` });
		const v = fieldValue(record, field);
		return Array.isArray(v) && !['EXISTS', 'DOES_NOT_EXIST'].includes(c.operator) ? v.some((e) => fn(e, c)) : fn(v, c);
	});
}

function sortRows(rows, sort) {
	if (!Array.isArray(sort) || !sort.length) return rows.sort(byCreation);
	return rows.sort((a, b) => {
		for (const { field, order } of sort) {
			const d = compare(fieldValue(a, field), fieldValue(b, field)) || 0;
			if (d) return order === 'desc' ? -d : d;
		}
		return byCreation(a, b);
	});
}

/** page-number pagination -> {data, pagination: {pageNumber, pageSize, totalPages}, totalResults} */
function numberPage(rows, pagination = {}) {
	const pageSize = pagination.pageSize || 50;
	const pageNumber = pagination.pageNumber || 1;
	return {
		data: rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
		pagination: { pageNumber, pageSize, totalPages: Math.ceil(rows.length / pageSize) },
		totalResults: rows.length,
	};
}

function searchRows(records, { criteria, sort, pagination } = {}) {
	const rows = records.filter((r) => !r.deletedAt && matchesCriteria(r, criteria));
	return numberPage(sortRows(rows, sort), pagination);
}

module.exports = { filterPage, filterRows, matchesFilter, mentionsField, searchRows, numberPage, fieldValue, encodeCursor, decodeCursor, byCreation, today };
