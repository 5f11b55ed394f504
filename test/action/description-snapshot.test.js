/*
 * The descriptions n8n loads (the three nodes and both credentials), as built, are exactly the
 * committed snapshot: a refactor must not change a single parameter, default, description or
 * display rule, or saved workflows could load differently. A change on purpose (new fields, new
 * texts, a new node version) updates the snapshot in the same commit:
 *   npm run build && UPDATE_DESCRIPTION_SNAPSHOT=1 npx jest --config test/jest.config.js --selectProjects fast --testPathPatterns description-snapshot
 */
const fs = require('fs');
const path = require('path');

const SNAPSHOT = path.join(__dirname, '..', 'fixtures', 'descriptions.json');
const DIST = path.join(__dirname, '..', '..', 'dist');

/** What n8n reads of each type: the node descriptions, and the credential types' data (their functions are tested elsewhere). */
function builtDescriptions() {
	const pkg = require('../../package.json');
	const out = {};
	for (const file of pkg.n8n.nodes) {
		// the class is named like its file: dist/nodes/Mvmnt/Mvmnt.node.js exports Mvmnt
		const Type = require(path.join(DIST, '..', file))[path.basename(file, '.node.js')];
		const node = new Type();
		out[`node:${node.description.name}`] = JSON.parse(JSON.stringify(node.description));
	}
	for (const file of pkg.n8n.credentials) {
		const Type = require(path.join(DIST, '..', file))[path.basename(file, '.credentials.js')];
		const credential = new Type();
		out[`credential:${credential.name}`] = JSON.parse(JSON.stringify(credential));
	}
	return out;
}

/** The first differing paths, for a readable failure. */
function differences(a, b, where = '', found = []) {
	if (found.length >= 20) return found;
	if (JSON.stringify(a) === JSON.stringify(b)) return found;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
		found.push(`${where || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} → ${JSON.stringify(b)?.slice(0, 120)}`);
		return found;
	}
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${where}${Array.isArray(a) ? `[${key}]` : `.${key}`}`, found);
	return found;
}

test('the built node and credential descriptions are exactly the committed snapshot', () => {
	const built = builtDescriptions();
	if (process.env.UPDATE_DESCRIPTION_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, `${JSON.stringify(built, null, 1)}\n`);
	const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8'));
	expect(Object.keys(built).sort()).toEqual(Object.keys(snapshot).sort());
	expect(differences(snapshot, built)).toEqual([]);
	// byte for byte, key order included
	expect(JSON.stringify(built)).toBe(JSON.stringify(snapshot));
});
