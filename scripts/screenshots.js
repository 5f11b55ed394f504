#!/usr/bin/env node
'use strict';
/*
 * npm run screenshots: the README pictures, taken in the real n8n editor.
 * Starts the fake MVMNT server (demo data) and n8n with its editor on, imports
 * a workflow with a Quote → Create form, a Get Many with a Status condition,
 * a Get with the record picker and the trigger, and the README gallery's examples (their
 * canvases), then drives the editor in
 * headless Chromium and writes docs/screenshots/*.png.
 *
 *   npm run build && npm run screenshots
 *   CHROMIUM=/path/to/chromium npm run screenshots   # another browser binary
 *
 * Needs Debian's `chromium` (apt-get install chromium) and the playwright-core
 * dev dependency. Everything it starts is stopped at the end.
 */
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const { chromium, selectors } = require('playwright-core');
const h = require('../dev/n8n');
const { startStack } = require('../dev/stack');
const { createClient, rawRequest } = require('../dev/fake-mvmnt/client');
const { seedDemoData } = require('../dev/fake-mvmnt/demo-data');
const { OPERATIONS } = require('../dist/nodes/foundation/catalog/index.js');
const { filterFieldValue } = require('../dist/nodes/foundation/filter/operators.js');

const OUT = path.join(h.REPO, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CLIENT_ID = 'shots-client';
const CLIENT_SECRET = 'shots-secret-0123456789';
const OWNER = { email: 'shots@example.com', firstName: 'Screen', lastName: 'Shots', password: 'Shots-Passw0rd!' };
const WORKFLOW_ID = 'wfMvmntScreenshots1';
/** the README gallery: examples drawn from their shipped files (folder, picture) */
const GALLERY = [
	['08-mcp-server', 'mcp-server.png'],
	['09-billing-readiness', 'billing-readiness.png'],
	['10-track-and-trace', 'track-and-trace.png'],
	['11-rate-con-pickup-watch', 'rate-con-pickup-watch.png'],
	['12-ar-follow-up', 'ar-follow-up.png'],
	['13-email-quote-intake', 'email-quote-intake.png'],
	['14-carrier-onboarding', 'carrier-onboarding.png'],
];
const CHROME_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const rl = (value, mode = 'id') => ({ __rl: true, mode, value });

function workflow(mvmnt, hook) {
	const status = OPERATIONS.find((o) => o.resource === 'customer' && o.kind === 'getAll').filterFields.find((f) => f.name === 'status');
	const node = (name, type, position, parameters, credentials, typeVersion = 1.1) => ({
		id: `5c0e0000-0000-4000-8000-${String(position[0] + 3 * position[1]).padStart(12, '0')}`,
		name,
		type: `${h.PKG_NAME}.${type}`,
		typeVersion,
		position,
		parameters,
		credentials,
	});
	const cred = { mvmntOAuth2Api: { id: mvmnt.id, name: mvmnt.name } };
	return {
		id: WORKFLOW_ID,
		name: 'MVMNT in the editor',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: '5c0e0000-0000-4000-8000-000000000001', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			// node version 1.3: a dispatcher's order — customer, pickup (location, day), delivery (address, day), freight, equipment
			node('Create Quote', 'mvmnt', [240, 0], {
				resource: 'quote',
				operation: 'create',
				customer: rl('ERP-C-1001', 'key'),
				order: {
					mode: 'TL',
					stops: {
						entries: [
							{ type: 'PICKUP', location: rl('LOC-DAL-DC1', 'key'), requestedStartDate: '2026-03-02', additionalFields: { requestedStartTime: '08:00' } },
							{ type: 'DELIVERY', address: { line1: '456 Distribution Ctr', city: 'Dallas', country: 'USA', market: 'DAL' }, requestedEndDate: '2026-03-04' },
						],
					},
					freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400, commodityDescription: 'Plastic resin' },
					equipment: { entries: [{ reference: rl('VAN-53', 'key') }] },
				},
			}, cred, 1.3),
			node('Create Shipment', 'mvmnt', [240, 600], {
				resource: 'shipment',
				operation: 'create',
				customer: rl('ERP-C-1001', 'key'),
				orders: {
					entries: [
						{
							mode: 'TL',
							stops: {
								entries: [
									{ type: 'PICKUP', location: rl('LOC-DAL-DC1', 'key'), requestedStartDate: '2026-03-02' },
									{ type: 'DELIVERY', location: rl('LOC-MEM-WH2', 'key'), requestedEndDate: '2026-03-04' },
								],
							},
							freight: { handlingUnitQuantity: 20, handlingUnitType: 'PALLET', weight: 18400 },
						},
					],
				},
				loads: { entries: [{ mode: 'TL', carrier: { carrier: rl('CAR-LONESTAR', 'key'), charges: { entries: [{ chargeCode: rl('LINEHAUL', 'key'), amount: 2450 }] } } }] },
			}, cred, 1.3),
			node('Create Carrier', 'mvmnt', [480, 600], { resource: 'carrier', operation: 'create', name: 'Sky Cargo Express', type: 'AIR', additionalFields: { status: 'ACTIVE', email: 'ops@skycargo.example' } }, cred, 1.3),
			node('Inactive Customers', 'mvmnt', [480, 0], {
				resource: 'customer',
				operation: 'getAll',
				filterType: 'builder',
				conditions: { condition: [{ field: filterFieldValue(status), operator: 'equalTo', enumValue: 'INACTIVE' }] },
			}, cred),
			node('Get Customer', 'mvmnt', [720, 0], { resource: 'customer', operation: 'get', customerId: rl('', 'list') }, cred),
			node('MVMNT Trigger', 'mvmntTrigger', [0, 300], { events: ['SHIPMENT_IN_TRANSIT', 'SHIPMENT_DELIVERED'] }, { mvmntWebhookApi: { id: hook.id, name: hook.name } }, 1),
			node(
				'MVMNT Polling Trigger',
				'mvmntPollingTrigger',
				[480, 300],
				{ pollTimes: { item: [{ mode: 'everyMinute' }] }, resource: 'shipment', event: 'createdOrUpdated' },
				cred,
				1,
			),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Create Quote', type: 'main', index: 0 }]] },
			'Create Quote': { main: [[{ node: 'Inactive Customers', type: 'main', index: 0 }]] },
			'Inactive Customers': { main: [[{ node: 'Get Customer', type: 'main', index: 0 }]] },
		},
	};
}

async function main() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM`);
	fs.mkdirSync(OUT, { recursive: true });
	let stack;
	let n8n;
	let browser;
	let wf;
	let gallery = [];
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'mvmnt-shots-chromium-'));
	try {
		const hook = { id: 'shotsMvmntHook001', name: 'MVMNT webhook token', type: 'mvmntWebhookApi', data: { token: 'shots-webhook-token' } };
		stack = await startStack({
			fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			credential: { id: 'shotsMvmntCred001', name: 'MVMNT (demo server)' },
			owner: OWNER,
			// the editor on; no calls to n8n's package registry from a community node's panel
			env: { N8N_DISABLE_UI: 'false', N8N_VERIFIED_PACKAGES_ENABLED: 'false' },
			prepare: async (s) => {
				await seedDemoData(createClient(s.fake, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }), { rawRequest });
				wf = workflow(s.credential, hook);
				// the gallery's examples as shipped, with these credentials
				const bearer = { id: 'shotsMcpBearer001', name: 'MVMNT MCP token', type: 'httpBearerAuth', data: { token: 'shots-mcp-token' } };
				const smtp = { id: 'shotsSmtp00000001', name: 'SMTP account', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: 2525, secure: false } };
				gallery = GALLERY.map(([dir, file], n) => ({
					file,
					workflow: h.prepareExample(JSON.parse(fs.readFileSync(path.join(h.EXAMPLES_DIR, dir, 'workflow.json'), 'utf8')), {
						id: `wfMvmntShotsGal0${n + 1}`,
						creds: { mvmntOAuth2Api: s.credential, mvmntWebhookApi: hook, httpBearerAuth: bearer, smtp },
					}),
				}));
				return { credentials: [s.credential, hook, bearer, smtp], workflows: [wf, ...gallery.map((g) => g.workflow)] };
			},
			start: true,
		});
		({ n8n } = stack);
		const base = n8n.baseUrl || `http://127.0.0.1:${n8n.port}`;

		selectors.setTestIdAttribute('data-test-id');
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROME_ARGS,
			viewport: { width: 1440, height: 900 },
		});
		browser = context;
		// keep the run offline: only the local n8n
		await context.route((u) => u.origin !== new URL(base).origin, (route) => route.abort('blockedbyclient'));
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30000);

		const shot = async (name) => {
			await page.waitForTimeout(400); // let panels finish their transition
			await page.screenshot({ path: path.join(OUT, name), animations: 'disabled' });
			console.log(`screenshots: ${path.relative(h.REPO, path.join(OUT, name))}`);
		};
		const open = async (name) => {
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
			await page.getByTestId('ndv').waitFor();
			await page.getByTestId('node-parameters').waitFor();
		};
		const close = async () => {
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv-close-button').click().catch(() => {});
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
		};

		await page.goto(`${base}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
		await page.getByTestId('password').locator('input').fill(OWNER.password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
		await page.goto(`${base}/workflow/${WORKFLOW_ID}`);
		for (const n of wf.nodes) await page.locator(`[data-test-id="canvas-node"][data-node-name="${n.name}"]`).waitFor();
		await shot('canvas.png');

		// forms in a tall window: the whole form in one picture; labels n8n cuts with an ellipsis are counted
		const cutLabels = () =>
			page.getByTestId('node-parameters').evaluate((root) =>
				[...root.querySelectorAll('label, label *, [class*="label"], [class*="title"]')]
					.filter((el) => el.children.length === 0 && el.textContent.trim() && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow === 'ellipsis')
					.map((el) => el.textContent.trim()),
			);
		await page.setViewportSize({ width: 1440, height: 2400 });
		for (const [name, file] of [['Create Quote', 'quote-create.png'], ['Create Shipment', 'shipment-create.png'], ['Create Carrier', 'carrier-create.png']]) {
			await open(name);
			const cut = [...new Set(await cutLabels())];
			console.log(`screenshots: ${name}: ${cut.length} labels cut off${cut.length ? `: ${cut.join(', ')}` : ''}`);
			await shot(file);
			await close();
		}
		await page.setViewportSize({ width: 1440, height: 900 });

		await open('Inactive Customers');
		await page.getByTestId('parameter-input-enumValue').scrollIntoViewIfNeeded();
		await page.getByTestId('parameter-input-operator').first().click();
		await page.getByRole('option', { name: 'Not Equal To' }).first().waitFor();
		await shot('get-many-operators.png');
		await page.keyboard.press('Escape');
		await page.getByTestId('parameter-input-enumValue').click();
		await page.getByRole('option', { name: 'Inactive' }).first().waitFor();
		await shot('get-many-filter.png');
		await page.keyboard.press('Escape');
		await close();

		await open('Get Customer');
		await page.getByTestId('rlc-input').click();
		const search = page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first();
		await search.waitFor();
		await search.fill('CUS-00000');
		await page.getByTestId('rlc-item').first().waitFor();
		await shot('record-picker.png');
		await page.keyboard.press('Escape');
		await close();

		await open('MVMNT Trigger');
		await shot('trigger.png');
		await close();

		// the gallery: each example's canvas, zoomed to fit
		for (const { file, workflow: g } of gallery) {
			await page.goto(`${base}/workflow/${g.id}`);
			for (const n of g.nodes) await page.locator(`[data-test-id="canvas-node"][data-node-name="${n.name}"]`).waitFor();
			await page.keyboard.press('Shift+1');
			await shot(file);
		}
		await page.goto(`${base}/workflow/${WORKFLOW_ID}`);
		for (const n of wf.nodes) await page.locator(`[data-test-id="canvas-node"][data-node-name="${n.name}"]`).waitFor();

		await open('MVMNT Polling Trigger');
		// Fetch Test Event: the latest matching shipments, the watermark untouched
		await page.getByTestId('ndv').getByRole('button', { name: 'Fetch Test Event' }).first().click();
		await page.getByTestId('ndv').getByText(/^\s*\d+ items?\s*$/).first().waitFor();
		await page.mouse.move(700, 780); // away from buttons that show tooltips
		await page.getByText('You can pin this output').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
		await shot('polling-trigger.png');
		await close();
		return 0;
	} finally {
		if (browser) await browser.close().catch(() => {});
		if (stack) await stack.stop();
		await fsp.rm(profile, { recursive: true, force: true }).catch(() => {});
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`screenshots FAILED: ${e.message}`);
		process.exit(1);
	},
);
