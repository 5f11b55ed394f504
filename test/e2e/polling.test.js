'use strict';
/**
 * MVMNT Polling Trigger in real n8n (2.41.1 on Node 24, or 1.x on Node 22: N8N_RUNTIME): example 7
 * (customers new or updated, polled every minute) published, `n8n start` on 127.0.0.1, changes made
 * in the fake MVMNT server between polls, executions read back through the public API:
 *   - a customer created, then updated between two polls: one execution each, one item each;
 *   - a poll with no changes starts nothing;
 *   - n8n stopped, a customer changed meanwhile, n8n started: the watermark n8n saved brings the
 *     change once, at the activation poll, and nothing again after it.
 * n8n polls at most every minute (its minimum), so this file takes about four minutes.
 * Then the editor's Fetch Test Event (a manual run through n8n's REST API, as the editor sends it)
 * of an unpublished copy watching deletions, of which there are none: the execution fails with
 * what is missing instead of an empty "No trigger output".
 */
const fs = require('fs');
const path = require('path');
const h = require('../../dev/n8n');
const { startStack } = require('../../dev/stack');
const { createClient } = require('../../dev/fake-mvmnt/client');

jest.setTimeout(900000);

const CLIENT_ID = 'e2e-polling-client';
const CLIENT_SECRET = 'e2e-polling-secret-0123456789';
const WORKFLOW_ID = 'wfPollCustomers1'; // ≤ 16 characters: n8n 1.x saves static data only for such ids
const MANUAL_ID = 'wfPollManual0001'; // an unpublished copy watching deletions, run by hand
const MINUTE = 60000;

let stack;
let fake;
let n8n;
let api;
let credential;
let manualWorkflow;

const filterPolls = async () => (await fake.admin('GET', '/__admin/stats?limit=0')).byRoute['POST /v1/customers/filter'] || 0;

/** waits until the trigger has polled MVMNT `n` more times than `from` */
async function waitPolls(from, n = 1, timeoutMs = 3 * MINUTE) {
	const t0 = Date.now();
	for (;;) {
		const count = await filterPolls();
		if (count >= from + n) return count;
		if (Date.now() - t0 > timeoutMs) throw new Error(`the trigger polled ${count - from} times in ${timeoutMs} ms, expected ${n}\n${n8n.logTail(3000)}`);
		await h.sleep(500);
	}
}

/** finished executions of the workflow, oldest first, with the items of Pick Columns */
async function executions() {
	const list = await n8n.allExecutions(WORKFLOW_ID, { includeData: true });
	return list
		.filter((e) => e.finished || (e.status && !['running', 'new', 'waiting'].includes(e.status)))
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((e) => {
			const runs = e.data.resultData.runData['Pick Columns'];
			return { id: e.id, status: e.status, mode: e.mode, items: runs ? runs[runs.length - 1].data.main[0].map((i) => i.json) : [] };
		});
}

async function waitExecutions(n, timeoutMs = 3 * MINUTE) {
	const t0 = Date.now();
	for (;;) {
		const list = await executions();
		if (list.length >= n) return list;
		if (Date.now() - t0 > timeoutMs) throw new Error(`${list.length} executions after ${timeoutMs} ms, expected ${n}\n${n8n.logTail(3000)}`);
		await h.sleep(500);
	}
}

beforeAll(async () => {
	stack = await startStack({
		fake: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
		credential: { id: 'credPollMvmnt001', name: 'MVMNT account' },
		prepare: async (s) => {
			api = createClient(s.fake, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
			const example = JSON.parse(fs.readFileSync(path.join(h.EXAMPLES_DIR, '07-changed-customers-polling', 'workflow.json'), 'utf8'));
			const workflow = h.prepareExample(example, { id: WORKFLOW_ID, creds: { mvmntOAuth2Api: s.credential } });
			manualWorkflow = h.prepareExample(JSON.parse(JSON.stringify(example)), { id: MANUAL_ID, creds: { mvmntOAuth2Api: s.credential } });
			manualWorkflow.name = 'Deleted customers (by hand)';
			manualWorkflow.nodes.find((n) => n.type.endsWith('.mvmntPollingTrigger')).parameters.event = 'deleted';
			// a customer from before the activation: never emitted
			await api.call('POST', '/customers', { body: { name: 'Before Activation', status: 'ACTIVE' } });
			return { workflows: [workflow, manualWorkflow], publish: [WORKFLOW_ID] };
		},
		start: true,
	});
	({ fake, n8n, credential } = stack);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('every minute: created, then updated between two polls → one execution each; a poll without changes → none; a change while n8n was down → once after the restart', async () => {
	const t0 = Date.now();
	// the activation poll: starts from now, emits nothing
	let polls = await waitPolls(0, 1, MINUTE);
	expect(await executions()).toEqual([]);

	const created = (await api.call('POST', '/customers', { body: { name: 'Polled Customer', status: 'ACTIVE', key: 'POLL-1' } })).body;
	let list = await waitExecutions(1);
	polls = await filterPolls();
	expect(list).toEqual([{ id: expect.any(String), status: 'success', mode: 'trigger', items: [expect.objectContaining({ change: 'new', id: created.id, key: 'POLL-1', name: 'Polled Customer' })] }]);

	const updated = (await api.call('PATCH', `/customers/${created.id}`, { body: { name: 'Polled Customer Renamed' } })).body;
	list = await waitExecutions(2);
	polls = await filterPolls();
	expect(list).toHaveLength(2);
	expect(list[1]).toMatchObject({ status: 'success', mode: 'trigger' });
	expect(list[1].items).toEqual([expect.objectContaining({ change: 'updated', id: created.id, name: 'Polled Customer Renamed', updatedAt: updated.updatedAt })]);

	// a poll with no changes: no execution
	await waitPolls(polls, 1);
	await h.sleep(3000);
	expect(await executions()).toHaveLength(2);
	const running = Math.round((Date.now() - t0) / 1000);

	// n8n down; a change meanwhile; n8n up again: the saved watermark brings it once
	await n8n.stop();
	const whileDown = (await api.call('PATCH', `/customers/${created.id}`, { body: { notes: 'changed while n8n was down' } })).body;
	polls = await filterPolls();
	await n8n.start();
	list = await waitExecutions(3);
	expect(list[2].items).toEqual([expect.objectContaining({ change: 'updated', id: created.id, updatedAt: whileDown.updatedAt })]);
	await waitPolls(polls, 2); // the activation poll and one more
	await h.sleep(3000);
	list = await executions();
	expect(list).toHaveLength(3);
	expect(list.flatMap((e) => e.items).map((i) => i.name)).not.toContain('Before Activation');
	expect(await fake.admin('GET', '/__admin/violations')).toEqual([]);
	process.stdout.write(
		`POLLING-E2E n8n ${h.N8N_VERSION}: created → 1 execution, updated → 1 execution, a poll without changes → 0 (${running} s); ` +
			`restart with a change while down → 1 execution, then 0; ${await filterPolls()} polls, ${Math.round((Date.now() - t0) / 1000)} s in all\n`,
	);
});

test('Fetch Test Event with nothing to fetch (manual mode): the execution fails saying what is missing, the schedule untouched', async () => {
	const trigger = manualWorkflow.nodes.find((n) => n.type.endsWith('.mvmntPollingTrigger')).name;
	const before = (await executions()).length;
	// what the editor sends for Fetch Test Event (n8n 1.x also wants the workflow itself)
	const r = await n8n.session('POST', `/rest/workflows/${MANUAL_ID}/run`, { workflowData: manualWorkflow, triggerToStartFrom: { name: trigger } });
	expect({ status: r.status, body: r.text.slice(0, 300) }).toEqual({ status: 200, body: expect.any(String) });
	const executionId = (r.json.data ?? r.json).executionId;
	expect(executionId).toBeTruthy();
	let run;
	for (const t0 = Date.now(); Date.now() - t0 < MINUTE; await h.sleep(300)) {
		const got = await n8n.api('GET', `/executions/${executionId}?includeData=true`);
		if (got.status === 200 && got.json.status && !['running', 'new', 'waiting'].includes(got.json.status)) {
			run = got.json;
			break;
		}
	}
	expect(run).toBeDefined();
	const error = run.data.resultData.error ?? run.data.resultData.runData[trigger]?.[0]?.error;
	expect({ mode: run.mode, status: run.status, message: error?.message }).toEqual({ mode: 'manual', status: 'error', message: 'No deleted Customer records in MVMNT yet' });
	expect(error.description).toMatch(/To see one here, delete a customer in MVMNT and fetch again/);
	// the published workflow's executions are unchanged by it
	expect((await executions()).length).toBe(before);
	process.stdout.write(`POLLING-E2E n8n ${h.N8N_VERSION}: Fetch Test Event with nothing to fetch → ${run.status}: ${error.message}\n`);
});
