#!/usr/bin/env node
/*
 * Prints the size of the built MVMNT node's description (the JSON n8n sends
 * the editor for it, once for the node and once for its AI-tool variant) and
 * its parameter counts; exits 1 above the budget (dev/description-budget.js: what the newest version
 * shows, and the forms kept for older versions' saved workflows).
 *   node scripts/description-size.js      (after npm run build)
 */
const { Mvmnt } = require('../dist/nodes/Mvmnt/Mvmnt.node.js');
const { sizes, CURRENT_LIMIT, OLDER_LIMIT } = require('../dev/description-budget');

const description = new Mvmnt().description;
const { total, current, older } = sizes(description);
let parameters = 0;
let described = 0;
const walk = (props) => {
	for (const p of props) {
		parameters++;
		if (p.description) described++;
		for (const o of Array.isArray(p.options) ? p.options : []) {
			if (o.values) walk(o.values);
			else if (o.type) walk([o]);
		}
	}
};
walk(description.properties);
console.log(
	`node description: ${(total / 1000).toFixed(1)} KB JSON: ${(current / 1000).toFixed(1)} KB for the newest version (budget ${CURRENT_LIMIT / 1000} KB), ` +
		`${(older / 1000).toFixed(1)} KB only for older versions' saved workflows (budget ${OLDER_LIMIT / 1000} KB), ` +
		`${description.properties.length} top-level declarations, ${parameters} parameters at any depth, ${described} with a description`,
);
if (current > CURRENT_LIMIT || older > OLDER_LIMIT) {
	console.error('the description is over its budget');
	process.exit(1);
}
