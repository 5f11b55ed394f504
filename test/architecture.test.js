/*
 * The layout holds: ARCHITECTURE.md names every file under nodes/ and credentials/, no node folder
 * imports another node's folder (shared code lives in nodes/foundation/), scripts/ imports nothing
 * from test/, and no module grows past 450 lines (the generated catalog and the prose table aside).
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MAP = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
const EXEMPT_FROM_SIZE = ['nodes/foundation/catalog/operations.generated.ts', 'nodes/foundation/catalog/descriptions.ts'];

function filesUnder(dir) {
	const out = [];
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
			const p = `${rel}/${entry.name}`;
			if (entry.isDirectory()) walk(p);
			else out.push(p);
		}
	};
	walk(dir);
	return out.sort();
}

const sources = [...filesUnder('nodes'), ...filesUnder('credentials')];

/** The relative module paths a source file imports or requires. */
function importsOf(file) {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
}

test('ARCHITECTURE.md names every file under nodes/ and credentials/', () => {
	expect(sources.length).toBeGreaterThan(40);
	expect(sources.filter((f) => !MAP.includes(f))).toEqual([]);
});

test('no node folder imports another node folder; shared code is in nodes/foundation', () => {
	const crossings = [];
	for (const file of sources.filter((f) => /\.ts$/.test(f))) {
		const [top, own] = file.split('/');
		for (const spec of importsOf(file)) {
			const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)).split(path.sep);
			if (top === 'nodes' && target[0] === 'nodes' && target[1] !== own && target[1] !== 'foundation') crossings.push(`${file} → ${spec}`);
			if (top === 'credentials' && target[0] === 'nodes' && target[1] !== 'foundation') crossings.push(`${file} → ${spec}`);
		}
	}
	expect(crossings).toEqual([]);
});

test('scripts/ imports nothing from test/', () => {
	const fromTest = [];
	for (const file of filesUnder('scripts').filter((f) => /\.(m?js|sh)$/.test(f))) {
		for (const spec of importsOf(file)) {
			const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
			if (target === 'test' || target.startsWith(`test${path.sep}`)) fromTest.push(`${file} → ${spec}`);
		}
		if (/\.sh$/.test(file) && /\btest\/(?!jest\.config)[\w/-]+\.js\b/.test(fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/--testPathPatterns[^\n]*/g, ''))) {
			fromTest.push(`${file} runs a file of test/ directly`);
		}
	}
	expect(fromTest).toEqual([]);
});

test('no module under nodes/ or credentials/ is over 450 lines', () => {
	const long = sources
		.filter((f) => /\.ts$/.test(f) && !EXEMPT_FROM_SIZE.includes(f))
		.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length - 1])
		.filter(([, lines]) => lines > 450);
	expect(long).toEqual([]);
});
