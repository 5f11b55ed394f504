import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { mainConnection } from '../foundation/compat';

import {
	dedupe,
	eventKey,
	getProcessWindow,
	parseDelivery,
	selectEvents,
	shapeItem,
	toItems,
	tokenMatches,
	validateDelivery,
	type DeliveryCheck,
	type DeliveryEvent,
} from './delivery';
import { ALL_EVENTS, EVENT_OPTIONS } from './events';
import { canWatchEnd, holdUntilEnd, mustRun, openMarker, timing } from './outcomes';
import {
	claimKeys,
	durableRecorder,
	executionIdOf,
	forgetMarkers,
	ownedBy,
} from './seenEventKeys';

interface ResponseLike {
	status(code: number): ResponseLike;
	json(body: unknown): unknown;
	headersSent?: boolean;
}

interface RequestLike {
	readRawBody?: () => Promise<void>;
	rawBody?: { length: number; toString(encoding: 'utf8'): string };
}

interface TriggerOptions {
	entityOnly?: boolean;
	includeDiff?: boolean;
	skipRedeliveries?: boolean;
	answer?: 'onReceived' | 'lastNode';
}

/** Redelivery memory of one trigger node (see delivery.ts and seenEventKeys.ts). */
function memoryScope(ctx: IWebhookFunctions | IExecuteFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

/** Redeliveries are skipped for the published workflow only, never in the editor's test runs. */
function skipsRedeliveries(ctx: IWebhookFunctions | IExecuteFunctions, options: TriggerOptions) {
	return options.skipRedeliveries !== false && ctx.getMode() !== 'manual';
}

/** Answers the HTTP request directly; n8n then starts no execution. */
function reply(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as ResponseLike;
	if (!res.headersSent) res.status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Reads and checks the body ourselves. The node asks n8n not to parse it (see the hidden
 * `options` parameter), so malformed JSON gets our 400 instead of n8n's generic 422.
 */
async function readDelivery(
	ctx: IWebhookFunctions,
): Promise<DeliveryCheck | { ok: false; status: number; reason: string }> {
	const req = ctx.getRequestObject() as unknown as RequestLike;
	if (typeof req.readRawBody !== 'function') {
		// not n8n's usual request object: fall back to whatever n8n parsed
		return validateDelivery(ctx.getBodyData());
	}
	try {
		await req.readRawBody();
	} catch (error) {
		const e = error as { status?: number; statusCode?: number; type?: string };
		const tooLarge = e.status === 413 || e.statusCode === 413 || e.type === 'entity.too.large';
		return tooLarge
			? { ok: false, status: 413, reason: 'The body is too large' }
			: { ok: false, status: 400, reason: 'The body could not be read' };
	}
	const text = req.rawBody && req.rawBody.length ? req.rawBody.toString('utf8') : '';
	return parseDelivery(text);
}

/**
 * The canvas subtitle: the event's name ("Shipment Delivered"), the first one and how many more
 * ("Shipment Delivered +2"), or "All events".
 */
function subtitle(): string {
	const names = JSON.stringify(Object.fromEntries(EVENT_OPTIONS.filter((o) => o.value !== ALL_EVENTS).map((o) => [o.value, o.name])));
	const events = '($parameter["events"] || [])';
	const first = `(${names}[${events}[0]] || ${events}[0])`;
	return (
		`={{ ${events}.includes("${ALL_EVENTS}") ? "All events" : ${events}.length === 0 ? "No events chosen" : ` +
		`${first} + (${events}.length > 1 ? " +" + (${events}.length - 1) : "") }}`
	);
}

export class MvmntTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MVMNT Trigger',
		name: 'mvmntTrigger',
		icon: { light: 'file:../icons/mvmnt.svg', dark: 'file:../icons/mvmnt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: subtitle(),
		// n8n's node creator shows MVMNT and MVMNT Trigger as one entry (a trigger named like the
		// action node plus "Trigger" joins it) and gives that entry the trigger's description: so
		// this is the app's sentence, the action node's, not one about the trigger alone.
		description: 'Work with shipments, quotes, customers, carriers and billing in MVMNT',
		defaults: { name: 'MVMNT Trigger' },
		inputs: [],
		outputs: [mainConnection()],
		credentials: [{ name: 'mvmntWebhookApi', required: true, testedBy: 'mvmntWebhookTokenTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Answer MVMNT (an option): when the execution is created (default), or once the
				// workflow has finished
				responseMode: `={{ $parameter["additionalOptions"]["answer"] === "lastNode" ? "lastNode" : "onReceived" }}`,
				// when received: empty, so n8n answers with the node's `webhookResponse` (a short JSON
				// summary; left out, n8n 2.41 would answer with the literal text "firstEntryJson");
				// after the workflow: an empty 200, whatever the last node output
				responseData: `={{ $parameter["additionalOptions"]["answer"] === "lastNode" ? "noData" : "" }}`,
				path: 'mvmnt',
			},
		],
		properties: [
			{
				displayName:
					'In MVMNT, open the webhook settings and paste this node\'s Production URL (see "Webhook URLs" above) as the endpoint, with the same token as in the credential. The Test URL is a different address that only answers while the editor is listening for a test event.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [],
				required: true,
				description:
					'Which event types start the workflow. Others are acknowledged and dropped. Choose All Events to also receive types MVMNT adds later.',
			},
			{
				displayName: 'Options',
				name: 'additionalOptions',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Answer MVMNT',
						name: 'answer',
						type: 'options',
						default: 'onReceived',
						options: [
							{
								name: 'When Received',
								value: 'onReceived',
								description:
									'Answer 200 once n8n has created the execution, as MVMNT advises. If the n8n process running it dies (killed, out of memory), the event is lost: MVMNT has its answer and sends nothing again.',
							},
							{
								name: 'When the Workflow Has Finished',
								value: 'lastNode',
								description:
									'Answer once the workflow has run: 200 if it succeeded, 500 if it failed. MVMNT sends an event again until it gets a 200; the copy runs only if the first execution failed or died, never after it succeeded. MVMNT waits for the whole workflow.',
							},
						],
						description:
							'When MVMNT is told that the event arrived: what happens to it if n8n dies while running it depends on this',
					},
					{
						displayName: 'Include Diff',
						name: 'includeDiff',
						type: 'boolean',
						default: true,
						description:
							'Whether to include the list of changed fields that MVMNT sends with update events',
					},
					{
						displayName: 'Output Entity Only',
						name: 'entityOnly',
						type: 'boolean',
						default: false,
						description:
							"Whether to output just the changed record (the event's data) instead of the event with its type and timestamps",
					},
					{
						displayName: 'Skip Redeliveries',
						name: 'skipRedeliveries',
						type: 'boolean',
						default: true,
						description:
							"Whether to drop events this trigger already received (same type, timestamp and record ID), remembering the last 10,000 in n8n's database (about 6,500 when MVMNT is answered after the workflow). Only applies to the published workflow.",
					},
				],
			},
			{
				// Read by n8n before the node runs (typeVersion 1 webhooks): with `binaryData` set,
				// n8n leaves the request body unparsed so that the node can answer malformed JSON with
				// a 400 itself, without an execution.
				displayName: 'Body Handling',
				name: 'options',
				type: 'hidden',
				default: { binaryData: true },
			},
		],
	};

	methods = {
		credentialTest: {
			async mvmntWebhookTokenTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const token = String(credential.data?.token ?? '').trim();
				if (token === '') {
					return { status: 'Error', message: 'Enter the webhook token set in MVMNT' };
				}
				// HTTP header values are visible ASCII (and inner spaces/tabs): anything else can
				// never arrive in x-api-key, so no delivery would ever be accepted
				if (!/^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$/.test(token)) {
					return {
						status: 'Error',
						message:
							'The token contains characters that cannot be sent in an HTTP header: copy it again from MVMNT',
					};
				}
				return {
					status: 'OK',
					message:
						'Token format is fine. MVMNT offers no way to verify it: send an event from MVMNT to confirm',
				};
			},
		},
	};

	// MVMNT webhooks are set up in MVMNT's UI, so there is nothing to register remotely.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * The first step of every execution this trigger starts: claims the events in the durable
	 * redelivery memory (n8n's deduplication store, shared by all n8n processes), drops the ones
	 * already claimed, and applies the output options. Without any fresh event the output is empty
	 * and nothing after the trigger runs.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('additionalOptions', 0, {}) as TriggerOptions;
		let kept = items.map((item, index) => ({ item, index }));
		const record = skipsRedeliveries(this, options) ? durableRecorder(this) : undefined;
		if (record) {
			const keys = items.map((item) => eventKey(item.json as DeliveryEvent));
			const run = executionIdOf(this);
			// a claim belongs to the execution that made it: its marker goes in the same write
			const markers = run ? keys.map((key) => ownedBy(key, run)) : [];
			const scope = memoryScope(this);
			// answered after the workflow, MVMNT sends an event again only when it got no 200: a copy
			// of a claimed event learns how the claiming execution ended (see outcomes.ts)
			const store = { scope, record, ctx: this };
			const contest = options.answer === 'lastNode' && run !== '' && canWatchEnd(this);
			// Retry of a failed or crashed execution (the operator's, in n8n's executions list): its
			// events were claimed by the execution it retries, which did not finish them
			const retry = this.getMode() === 'retry';
			// answered after the workflow, each claim comes with an open marker until its execution ends
			const open = contest ? keys.map(openMarker) : [];
			const fresh = await claimKeys(scope, [...keys, ...markers, ...open], record);
			const held = (key: string) =>
				// claimed now
				fresh.has(key) ||
				retry ||
				// or by this very execution before n8n ran it again (a stalled job in queue mode)
				(run !== '' && !fresh.has(ownedBy(key, run)));
			const decided = new Map(keys.map((key) => [key, held(key)]));
			const markersOf = (key: string) => [ownedBy(key, run)];
			if (contest) {
				holdUntilEnd(store, run, [...decided].filter(([, ours]) => ours).map(([key]) => key), markersOf);
				// copies of events another execution claimed: run them if it failed or died unanswered
				const taken: string[] = [];
				const deadline = Date.now() + timing.ownerWaitMs;
				for (const [key, ours] of decided) {
					if (ours || !(await mustRun(store, run, key, fresh.has(openMarker(key)), deadline))) continue;
					decided.set(key, true);
					taken.push(key);
				}
				holdUntilEnd(store, run, taken, markersOf);
			}
			const emitted = new Set<string>();
			kept = kept.filter(({ index }) => {
				const key = keys[index];
				if (emitted.has(key) || !decided.get(key)) return false;
				emitted.add(key);
				return true;
			});
			// markers of events another execution owns are dropped, so that a re-run of this one never
			// takes them; so are the open markers written while looking at finished events
			const dropped = [...new Set(keys.filter((key) => !emitted.has(key)))];
			const lost = [
				...markers.filter((marker, i) => fresh.has(marker) && !emitted.has(keys[i])),
				...(contest ? dropped.map(openMarker) : []),
			];
			if (lost.length) await forgetMarkers(this, scope, lost);
		}
		return [
			kept.map(({ item, index }) => ({
				json: shapeItem(item.json, options) as IDataObject,
				pairedItem: { item: index },
			})),
		];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// 1. the token: without one, answer 500 so that MVMNT retries once the setup is fixed
		let expected = '';
		try {
			const credentials = await this.getCredentials('mvmntWebhookApi');
			expected = String(credentials.token ?? '').trim();
		} catch (error) {
			this.logger.warn(`MVMNT Trigger: webhook token unavailable: ${(error as Error).message}`);
		}
		if (expected === '') return reply(this, 500, 'The MVMNT Trigger has no webhook token set up');

		// 2. the caller: constant-time comparison of x-api-key
		const received = this.getHeaderData()['x-api-key'];
		if (received === undefined || received === '') {
			return reply(this, 401, 'Missing x-api-key header');
		}
		if (!tokenMatches(received, expected)) return reply(this, 401, 'Invalid x-api-key header');

		// 3. the body
		const check = await readDelivery(this);
		if (!check.ok) {
			return reply(this, 'status' in check ? check.status : 400, check.reason);
		}
		const { delivery } = check;

		// 4. filter, then drop what this process has already seen (the durable memory is checked
		// when the execution starts, see execute())
		const options = this.getNodeParameter('additionalOptions', {}) as TriggerOptions;
		let events = selectEvents(delivery.events, this.getNodeParameter('events', []));
		// answered after the workflow, MVMNT sends an event again only when it got no 200: the copy
		// goes on to the execution, whose claim check learns how the first one ended (outcomes.ts)
		if (events.length && skipsRedeliveries(this, options) && options.answer !== 'lastNode') {
			events = dedupe(events, getProcessWindow(memoryScope(this)));
		}

		const summary: IDataObject = { received: delivery.events.length, accepted: events.length };
		if (events.length === 0) return { webhookResponse: summary };
		// full events: execute() needs their keys, and applies the output options
		const items = toItems(events, delivery.sentAt) as IDataObject[];
		return {
			webhookResponse: summary,
			workflowData: [this.helpers.returnJsonArray(items)],
		};
	}
}
