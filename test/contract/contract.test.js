'use strict';
/**
 * The committed contract (contract/mvmnt-api.contract.json): facts only, the generator's one input,
 * and `npm run contract` sorting a newer spec's changes into additive and breaking.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const YAML = require('yaml');
const lib = require('../../scripts/contract-lib');

const ROOT = path.resolve(__dirname, '..', '..');
const CONTRACT = lib.loadContract();

function run(script, args, env = {}) {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, ...env },
	});
	return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let tmp;
beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-contract-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** a "newer MVMNT spec" written as YAML, made from the committed contract by `change` */
function newerSpec(name, change) {
	const doc = structuredClone(CONTRACT);
	delete doc.contract;
	doc.info = { title: 'MVMNT API', version: '1.1.0', description: 'Prose that must not reach the contract.' };
	change(doc);
	const file = path.join(tmp, `${name}.yml`);
	fs.writeFileSync(file, YAML.stringify(doc));
	const contract = path.join(tmp, `${name}.contract.json`);
	fs.copyFileSync(lib.CONTRACT_FILE, contract);
	return { file, contract };
}

describe('the committed contract', () => {
	test('holds no prose: no description, summary, title, example(s), externalDocs or x- keys outside name maps', () => {
		expect(lib.proseKeys(CONTRACT)).toEqual([]);
		// field names that happen to be prose keywords stay: they are facts
		const names = new Set();
		(function walk(n) {
			if (!n || typeof n !== 'object') return;
			if (n.properties) for (const k of Object.keys(n.properties)) names.add(k);
			for (const v of Object.values(n)) walk(v);
		})(CONTRACT);
		expect(names.has('description') || names.has('notes')).toBe(true);
	});

	test('the prose check catches a planted description, example and x- key', () => {
		const doc = structuredClone(CONTRACT);
		doc.components.schemas.Customer.description = 'A customer.';
		doc.paths['/customers'].post['x-codeSamples'] = [];
		doc.components.schemas.Customer.properties.name.example = 'ACME';
		expect(lib.proseKeys(doc).sort()).toEqual(
			['/components/schemas/Customer/description', '/components/schemas/Customer/properties/name/example', '/paths/~1customers/post/x-codeSamples'].sort(),
		);
		expect(lib.stripProse(doc).components.schemas.Customer.description).toBeUndefined();
	});

	test('keeps the facts: 176 operations, the webhook event types, enums, formats, required flags', () => {
		let ops = 0;
		for (const item of Object.values(CONTRACT.paths)) ops += ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).length;
		expect(ops).toBe(176);
		expect(CONTRACT.components.schemas.WebhookEvent.enum).toHaveLength(73);
		expect(CONTRACT.webhooks).toBeDefined();
		const input = CONTRACT.components.schemas.CustomerInput;
		expect(input.required).toContain('name');
		expect(input.properties.status.$ref || input.properties.status.enum).toBeTruthy();
		expect(JSON.stringify(CONTRACT)).toContain('"format":"date-time"');
		expect(CONTRACT.paths['/customers'].post.responses['201'] || CONTRACT.paths['/customers'].post.responses['200']).toBeDefined();
	});

	test('re-deriving the contract from itself changes nothing', () => {
		expect(lib.diffContracts(CONTRACT, lib.deriveContract(CONTRACT))).toEqual({ additive: [], breaking: [] });
	});

	test('no file of the project reads a folder beside the repository', () => {
		const files = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter((f) => /\.(js|ts|mjs|sh|json)$/.test(f));
		const outside = new RegExp(`\\.\\./${'shared'}/|/work/${'shared'}`); // spelled apart so this file does not match itself
		const offenders = files.filter((f) => outside.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
		expect(offenders).toEqual([]);
	});
});

describe('npm run contract --spec <newer spec>', () => {
	const addOptional = (doc) => {
		doc.components.schemas[requiredTarget()].properties.loyaltyTier = { type: 'string' };
	};
	const requiredTarget = () => {
		// the request body schema of POST /customers
		const ref = CONTRACT.paths['/customers'].post.requestBody.content['application/json'].schema.$ref;
		return ref.split('/').pop();
	};
	const addRequired = (doc) => {
		const s = doc.components.schemas[requiredTarget()];
		s.properties.taxRegion = { type: 'string' };
		s.required = [...(s.required || []), 'taxRegion'];
	};

	test('one optional and one required field: 1 additive, 1 breaking, refused with exit 1, contract untouched', () => {
		const { file, contract } = newerSpec('both', (doc) => {
			addOptional(doc);
			addRequired(doc);
		});
		const before = fs.readFileSync(contract, 'utf8');
		const r = run('contract.js', ['--spec', file, '--contract', contract]);
		expect(r.code).toBe(1);
		expect(r.out).toContain('1 additive, 1 breaking');
		expect(r.out).toMatch(new RegExp(`additive: schema ${requiredTarget()} field loyaltyTier: new optional field`));
		expect(r.out).toMatch(/node parameters this would change:[\s\S]*Customer → Create: body loyaltyTier added\n/);
		expect(r.out).toMatch(new RegExp(`BREAKING: schema ${requiredTarget()} field taxRegion: new required field`));
		expect(r.out).toMatch(/node parameters this would change:[\s\S]*Customer → Create: body taxRegion added \(required\)/);
		expect(r.out).toContain('refused');
		expect(fs.readFileSync(contract, 'utf8')).toBe(before);
	});

	test('an additive change is written (exit 0) and carries no prose of the new spec', () => {
		const { file, contract } = newerSpec('additive', addOptional);
		const r = run('contract.js', ['--spec', file, '--contract', contract]);
		expect(r.code).toBe(0);
		expect(r.out).toContain('1 additive, 0 breaking');
		const written = JSON.parse(fs.readFileSync(contract, 'utf8'));
		expect(written.components.schemas[requiredTarget()].properties.loyaltyTier).toEqual({ type: 'string' });
		expect(written.contract).toMatchObject({ apiVersion: '1.1.0', nodeVersion: 1 });
		expect(JSON.stringify(written)).not.toContain('Prose that must not');
	});

	test('removed operation, removed enum value and narrowed type are breaking; a new enum value is additive', () => {
		const doc = structuredClone(CONTRACT);
		delete doc.paths['/customers'].post;
		const events = doc.components.schemas.WebhookEvent.enum;
		doc.components.schemas.WebhookEvent.enum = [...events.slice(1), 'SHIPMENT_TELEPORTED'];
		const { additive, breaking } = lib.diffContracts(CONTRACT, doc);
		expect(breaking).toEqual(
			expect.arrayContaining([expect.stringMatching(/^operation POST \/customers .*removed/), expect.stringContaining(`enum value ${events[0]} removed`)]),
		);
		expect(additive).toEqual(expect.arrayContaining([expect.stringContaining('new enum value SHIPMENT_TELEPORTED')]));
		const narrowed = structuredClone(CONTRACT);
		narrowed.components.schemas.Customer.properties.name = { type: 'integer' };
		expect(lib.diffContracts(CONTRACT, narrowed).breaking).toEqual([expect.stringContaining('schema Customer field name: type')]);
	});

	test('--new-node-version records the breaking change for node version 2, and the catalog check then refuses node version 1', () => {
		const { file, contract } = newerSpec('major', addRequired);
		const r = run('contract.js', ['--spec', file, '--contract', contract, '--new-node-version']);
		expect(r.code).toBe(0);
		expect(JSON.parse(fs.readFileSync(contract, 'utf8')).contract.nodeVersion).toBe(2);
		const check = run('gen-catalog.js', ['--check'], { MVMNT_CONTRACT: contract });
		expect(check.code).toBe(1);
		expect(check.out).toMatch(/node version 2.*declares version \[1,1\.1,1\.2,1\.3,1\.4\]/);
	});

	test('the catalog check names the node parameters a contract change alters', () => {
		const { file, contract } = newerSpec('stale', addOptional);
		expect(run('contract.js', ['--spec', file, '--contract', contract]).code).toBe(0);
		const check = run('gen-catalog.js', ['--check'], { MVMNT_CONTRACT: contract });
		expect(check.code).toBe(1);
		expect(check.out).toMatch(/is stale[\s\S]*Customer → Create: body loyaltyTier added/);
	});
});
