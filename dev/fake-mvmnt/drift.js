'use strict';
/**
 * Drift mode: answers shaped like a newer MVMNT than the spec describes, as the real API will be
 * before its spec catches up. Every object of a successful JSON answer gets fields the spec does
 * not know (a scalar and a nested object), every enum-looking value (ALL_CAPS) becomes a value the
 * spec does not list (`ACTIVE` → `ACTIVE_V2`), some fields the spec says are never null come back
 * null (never status, type, name, mode or event), and pagination objects carry extra fields. Identity and timing fields (id, key,
 * friendlyId, createdAt, updatedAt, deletedAt, pagination cursors) stay as they are, so records
 * can still be found and ordered.
 *
 *   startFakeMvmnt({ drift: true })   or   POST /__admin/drift { "on": true }
 */

const KEEP = new Set(['id', 'key', 'friendlyId', 'createdAt', 'updatedAt', 'deletedAt', 'cursor', 'endCursor', 'startCursor', 'hasNextPage', 'hasPreviousPage', 'nextCursor', 'pageNumber', 'pageSize', 'totalCount', 'totalPages', 'url', 'downloadUrl', 'uploadUrl', 'data', 'items', 'results', 'rows', 'pageInfo', 'pagination']);
const PAGINATION = new Set(['pageInfo', 'pagination']);
/** never nulled, so that an unknown value of theirs can be seen (they still get unknown values) */
const NOT_NULLED = new Set(['status', 'type', 'name', 'mode', 'event']);
const ENUM_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/;

/** A drifted deep copy of `body`; the nulls land on every third eligible field. */
function drift(body) {
	let n = 0;
	const walk = (value, key) => {
		if (Array.isArray(value)) return value.map((v) => walk(v, key));
		if (value && typeof value === 'object') {
			const out = {};
			for (const [k, v] of Object.entries(value)) {
				const eligible = !KEEP.has(k) && !NOT_NULLED.has(k) && !/Id$|Ids$/.test(k) && (v === null || typeof v !== 'object');
				out[k] = eligible && ++n % 3 === 0 ? null : walk(v, k);
			}
			out.driftNewField = 'added by a newer MVMNT';
			out.driftNewObject = { nested: true, level: 1 };
			if (PAGINATION.has(key)) out.driftPagingHint = { estimatedTotal: 999 };
			return out;
		}
		if (typeof value === 'string' && ENUM_LIKE.test(value) && !KEEP.has(key)) return `${value}_V2`;
		return value;
	};
	return walk(body, '');
}

module.exports = { drift };
