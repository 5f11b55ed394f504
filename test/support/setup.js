/*
 * Shared fixture for node tests: one fake MVMNT server and a rig whose
 * credential points at it. Every test file asserts 0 OpenAPI violations at the end.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

// n8n-core writes an instance config under the user folder: keep it out of $HOME
process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mvmnt-rig-'));

const { startFakeMvmnt } = require('../../dev/fake-mvmnt');
const { createRig, rl } = require('../../dev/rig');

const CLIENT = { clientId: 'test-client-id', clientSecret: 'test-client-secret' };

async function setup() {
	const server = await startFakeMvmnt({ ...CLIENT });
	const rig = createRig({ baseUrl: server.baseUrl, tokenUrl: server.tokenUrl, ...CLIENT });
	return { server, rig };
}

/** Requests the server saw since `from` (an index into stats.requests), API routes only. */
function apiRequests(server, from = 0) {
	return server.stats.requests.slice(from).filter((r) => r.path.startsWith('/v1/'));
}

/**
 * Starts the server before the file's tests and stops it after, asserting the
 * node sent MVMNT nothing the OpenAPI rejects. Returns a live view: ctx.server, ctx.rig.
 */
function useFakeMvmnt() {
	const ctx = {};
	beforeAll(async () => Object.assign(ctx, await setup()));
	afterAll(async () => {
		expect(ctx.server.violations).toEqual([]);
		await ctx.server.close();
	});
	return ctx;
}

module.exports = { setup, useFakeMvmnt, rl, apiRequests, CLIENT, createRig };
