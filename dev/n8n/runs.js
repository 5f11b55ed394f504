'use strict';
/** Reading the output of `n8n execute --rawOutput`: runs, node items, errors. */

/** JSON of `n8n execute --rawOutput`: from the first line that is exactly `{` to the next line that is exactly `}` */
function parseRunOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	let end = lines.indexOf('}', start);
	if (end < 0) end = lines.length - 1;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

function runData(run, nodeName) {
	const rd = run && run.data && run.data.resultData && run.data.resultData.runData;
	if (!rd) throw new Error(`no runData in run (status ${run && run.status})`);
	const entry = rd[nodeName];
	if (!entry) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(rd).join(', ')}`);
	return entry;
}

/** items (with json/error/pairedItem) of a node's main output `output`, last run by default */
function nodeItems(run, nodeName, { output = 0, runIndex } = {}) {
	const entry = runData(run, nodeName);
	const r = entry[runIndex === undefined ? entry.length - 1 : runIndex];
	if (r.error) {
		const err = new Error(`node "${nodeName}" failed: ${r.error.message}${r.error.description ? ' — ' + r.error.description : ''}`);
		err.nodeError = r.error;
		throw err;
	}
	const main = (r.data && r.data.main) || [];
	return main[output] || [];
}

function nodeJson(run, nodeName, opts) {
	return nodeItems(run, nodeName, opts).map((i) => i.json);
}

/** short description of a failed run for assertion messages */
function runError(run) {
	const e = run && run.data && run.data.resultData && run.data.resultData.error;
	if (!e) return null;
	return `${e.node && e.node.name ? e.node.name + ': ' : ''}${e.message}${e.description ? ' — ' + e.description : ''}`;
}

module.exports = { parseRunOutput, runData, nodeItems, nodeJson, runError };
