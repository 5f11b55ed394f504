'use strict';
/**
 * The description budget, one rule for the tests, the e2e check of what n8n serves and
 * scripts/description-size.js: what a node of the newest version shows stays within
 * CURRENT_LIMIT; the parameters and options only older node versions show (their saved
 * workflows keep the layout n8n stored their values in: preselected values before 1.2, list
 * entries before 1.3) stay within OLDER_LIMIT.
 */
// 475 KB of forms, + 147 KB since the tool variant describes each operation to AI models (a Tool Description per operation, the list filters' fields included)
const CURRENT_LIMIT = 610 * 1000;
const OLDER_LIMIT = 75 * 1000;

/** shown only to node versions before some version (an `@version` rule with `lt`) */
const olderOnly = (p) => (p?.displayOptions?.show?.['@version'] ?? []).some((c) => c?._cnd?.lt !== undefined);

/** { total, older, current } in bytes of JSON for a node description (as built or as n8n serves it) */
function sizes(description) {
	let older = 0;
	const walk = (props) => {
		for (const p of props ?? []) {
			if (olderOnly(p)) older += Buffer.byteLength(JSON.stringify(p));
			else if (p.type === 'fixedCollection') for (const o of p.options ?? []) walk(o.values);
			else if (p.type === 'collection') walk(p.options);
		}
	};
	walk(description.properties);
	const total = Buffer.byteLength(JSON.stringify(description));
	return { total, older, current: total - older };
}

module.exports = { sizes, olderOnly, CURRENT_LIMIT, OLDER_LIMIT };
