'use strict';
/**
 * n8n older than the supported minimum: its n8n-workflow has no NodeConnectionTypes. Every node
 * must refuse to load with a message naming the minimum, not n8n's "Cannot read properties of
 * undefined (reading 'Main')". (Built files: run `npm run build` first.)
 */
const path = require('path');

const dist = path.resolve(__dirname, '..', '..', 'dist', 'nodes');

function load(file, { oldN8n }) {
	let mod;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const actual = jest.requireActual('n8n-workflow');
			return oldN8n ? { ...actual, NodeConnectionTypes: undefined } : actual;
		});
		mod = require(path.join(dist, file));
	});
	jest.dontMock('n8n-workflow');
	return mod;
}

test.each([
	['Mvmnt/Mvmnt.node.js', 'Mvmnt'],
	['MvmntTrigger/MvmntTrigger.node.js', 'MvmntTrigger'],
	['MvmntPollingTrigger/MvmntPollingTrigger.node.js', 'MvmntPollingTrigger'],
])('%s on n8n < 1.85 → a clear error; on a current n8n it loads', (file, cls) => {
	const Old = load(file, { oldN8n: true })[cls];
	expect(() => new Old()).toThrow('n8n-nodes-mvmnt needs n8n 1.85.0 or newer');
	const Current = load(file, { oldN8n: false })[cls];
	expect(new Current().description.outputs).toEqual(['main']);
});

test('the minimum in the code is the one the README states', () => {
	const { MIN_N8N_VERSION } = require(path.join(dist, 'foundation', 'compat.js'));
	const readme = require('fs').readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
	expect(readme).toContain(`n8n ${MIN_N8N_VERSION.replace(/\.0$/, '')} or newer`);
});
