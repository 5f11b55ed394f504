'use strict';
/**
 * The whole local stack in one call: the fake MVMNT server (or other endpoints), the MVMNT
 * credential pointing at it, this package packed and installed into a real n8n, and clean-up of
 * all of it. Used by the e2e and queue suites, the demo, the screenshots and the bench.
 *
 *   const { startStack } = require('../dev/stack');
 *   const stack = await startStack({
 *     fake: { clientId, clientSecret },             // the fake MVMNT server's options; false: none
 *     credential: { id: 'credX', name: 'MVMNT' },  // the MVMNT OAuth2 credential to the fake (or to `mvmnt`)
 *     prepare: async ({ fake, credential, services }) => ({ credentials, workflows, publish, env }),
 *     start: true,                                 // also `n8n start` (owner, API key); default false
 *   });
 *   stack.fake; stack.credential; stack.n8n;       // the handles
 *   await stack.stop();                            // n8n, the fake, the services; temp folders and tarball
 *
 * Options:
 *   fake        options of startFakeServer (clientId, clientSecret, args, port), or false
 *   services    {name: () => Promise<{stop()}>} started alongside the fake (e.g. PostgreSQL and
 *               Redis for queue mode); stack.services.<name>; stopped last, in reverse order
 *   mvmnt       {baseUrl, tokenUrl, clientId, clientSecret} of another MVMNT (e.g. the bench's
 *               stand-in) when there is no fake
 *   credential  {id, name} of the MVMNT credential to create (with the fake's or mvmnt's endpoints)
 *   prepare     async (stack) → {credentials, workflows, publish, env}: what n8n gets, built once
 *               the fake, the services and the credential exist. The credential comes first in
 *               n8n's credentials unless `credentials` already holds it.
 *   env, port, owner, publish, credentials, workflows: as startN8n's (prepare's win)
 *   onPack      (tgz) → void|Promise: sees the tarball before n8n gets it (it is deleted afterwards)
 *   start       run `n8n start` before returning
 * If any step fails, what was started is stopped again and the error is thrown.
 */
const { startFakeServer } = require('./fake-mvmnt/process');
const { packPackage, removePack } = require('./n8n/pack');
const { startN8n } = require('./n8n/instance');
const { mvmntCredential } = require('./n8n/fixtures');

async function startStack(options = {}) {
	const { fake: fakeOptions = {}, services: serviceStarters = {}, mvmnt, credential: credentialOptions, prepare, start = false } = options;
	const stack = { fake: null, services: {}, credential: null, n8n: null };
	let stopping = null;
	stack.stop = () => {
		stopping = stopping || stopAll(stack);
		return stopping;
	};
	try {
		const names = Object.keys(serviceStarters);
		const [fake, ...services] = await Promise.all([fakeOptions ? startFakeServer(fakeOptions) : null, ...names.map((n) => serviceStarters[n]())]);
		stack.fake = fake;
		names.forEach((n, i) => (stack.services[n] = services[i]));
		if (credentialOptions) stack.credential = credentialFor(credentialOptions, fake ? { ...fake, ...fakeOptions } : mvmnt);
		const prepared = { credentials: options.credentials, workflows: options.workflows, publish: options.publish, env: options.env, ...(prepare ? await prepare(stack) : {}) };
		const credentials = [...(prepared.credentials || [])];
		if (stack.credential && !credentials.includes(stack.credential)) credentials.unshift(stack.credential);
		const pkgTgz = await packPackage();
		try {
			if (options.onPack) await options.onPack(pkgTgz);
			stack.n8n = await startN8n({ pkgTgz, credentials, workflows: prepared.workflows, publish: prepared.publish, env: prepared.env, port: options.port, owner: options.owner });
		} finally {
			await removePack(pkgTgz); // unpacked into n8n's user folder by now
		}
		if (start) await stack.n8n.start();
		return stack;
	} catch (e) {
		await stack.stop().catch(() => {});
		throw e;
	}
}

function credentialFor({ id, name }, endpoints) {
	if (!endpoints) throw new Error('startStack: a credential needs the fake MVMNT server or `mvmnt` endpoints');
	const { baseUrl, tokenUrl, clientId, clientSecret } = endpoints;
	return mvmntCredential({ id, name, baseUrl, tokenUrl, clientId, clientSecret });
}

async function stopAll(stack) {
	if (stack.n8n) await stack.n8n.cleanup().catch(() => {});
	if (stack.fake) await stack.fake.stop().catch(() => {});
	for (const s of Object.values(stack.services).reverse()) if (s) await s.stop().catch(() => {});
}

module.exports = { startStack };
