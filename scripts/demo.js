'use strict';
// Runs the README quickstart in the real n8n against the fake MVMNT server and prints the order.
// Started by scripts/demo.sh (which builds the package and installs n8n first).
const h = require('../test/e2e/n8n-harness');

const CLIENT_ID = 'demo-client';
const CLIENT_SECRET = 'demo-secret-not-a-real-one';

async function main() {
	const t0 = Date.now();
	let fake;
	let n8n;
	const cleanup = async () => {
		if (n8n) await n8n.cleanup().catch(() => {});
		if (fake) await fake.stop().catch(() => {});
		n8n = fake = null;
	};
	for (const sig of ['SIGINT', 'SIGTERM']) {
		process.once(sig, () => cleanup().finally(() => process.exit(130)));
	}
	try {
		fake = await h.startFakeServer({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
		console.log(`demo: fake MVMNT server at ${fake.url}`);
		const tgz = await h.packPackage();
		const credential = h.mvmntCredential({
			id: 'demoMvmntCred0001',
			baseUrl: fake.baseUrl,
			tokenUrl: fake.tokenUrl,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
		});
		const workflow = h.quickstartWorkflow({ id: 'wfMvmntQuickstart01', credential });
		console.log('demo: preparing n8n (import credential + quickstart workflow)…');
		try {
			n8n = await h.startN8n({ pkgTgz: tgz, credentials: [credential], workflows: [workflow] });
		} finally {
			await h.removePack(tgz);
		}
		console.log('demo: running the quickstart workflow with `n8n execute`…');
		const run = await n8n.execute(workflow.id);
		if (run.status !== 'success') throw new Error(`workflow ${run.status}: ${h.runError(run)}`);
		const [order] = h.nodeJson(run, 'Get Order by Key');
		if (!order) throw new Error('"Get Order by Key" returned no item');
		const [customer] = h.nodeJson(run, 'Create Customer');
		let violations = [];
		try {
			const v = await fake.admin('GET', '/__admin/violations');
			violations = Array.isArray(v) ? v : v.violations || [];
		} catch (_) {
			/* optional */
		}
		console.log(JSON.stringify(order, null, 2));
		const stops = Array.isArray(order.stops) ? order.stops.length : '?';
		console.log(
			`demo OK: order ${order.id} (key ${order.key}, status ${order.status}, ${stops} stops) for customer ` +
				`"${customer && customer.name}" created by n8n ${require(h.N8N_SCRIPT.replace(/bin\/n8n$/, 'package.json')).version} ` +
				`in ${run.__ms} ms; OpenAPI violations: ${violations.length}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
		);
		return 0;
	} catch (e) {
		console.error(`demo FAILED: ${e.message}`);
		return 1;
	} finally {
		await cleanup();
	}
}

main().then((code) => process.exit(code));
