#!/usr/bin/env node
/*
 * Prints the size of the built MVMNT node's description (the JSON n8n sends
 * the editor for it, once for the node and once for its AI-tool variant) and
 * its parameter counts; exits 1 above the 500 KB budget (about 40 KB of it keep the forms of node versions before 1.2).
 *   node scripts/description-size.js      (after npm run build)
 */
const { Mvmnt } = require('../dist/nodes/Mvmnt/Mvmnt.node.js');

const LIMIT = 500 * 1000;
const description = new Mvmnt().description;
const bytes = Buffer.byteLength(JSON.stringify(description));
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
	`node description: ${(bytes / 1000).toFixed(1)} KB JSON (budget ${LIMIT / 1000} KB), ` +
		`${description.properties.length} top-level declarations, ${parameters} parameters at any depth, ${described} with a description`,
);
if (bytes > LIMIT) {
	console.error(`the description is over its ${LIMIT / 1000} KB budget`);
	process.exit(1);
}
