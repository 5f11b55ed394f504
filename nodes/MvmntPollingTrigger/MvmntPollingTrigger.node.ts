import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { maxPageSizeOf } from '../foundation/catalog';
import { mainConnection } from '../foundation/compat';
import { filterBuilderProperties } from '../foundation/filter/form';
import { loadOptions } from '../foundation/filter/loadOptions';
import { readFilter } from '../foundation/filter/read';
import { isInputError, isObject, wholeNumber } from '../foundation/input';
import { quote } from '../foundation/quote';
import { simplifyRecord } from '../foundation/simplify';
import { paginate } from '../foundation/transport/paginate';
import { DEFAULT_LIMITS, configureExecution, startItem } from '../foundation/transport/session';

import { EVENTS, POLLABLE, findPollable, sinceCondition, type EventDef, type PollableResource } from './changes';
import { isPollState, latest, poll, type PollState, type Scan } from './watermark';

/** Defaults of the options (also their documentation in the README). */
export const MAX_PER_POLL = 1000;
export const OVERLAP_SECONDS = 300;
/** records "Fetch Test Event" returns at most */
export const SAMPLE_SIZE = 10;
/** a poll stops reading pages when this share of n8n's time budget for it is used */
const BUDGET_SHARE = 0.8;

/** One Event parameter per set of events: resources offering the same events share it. */
function eventProperties(): INodeProperties[] {
	const groups = new Map<string, PollableResource[]>();
	for (const r of POLLABLE) {
		const key = r.events.map((e) => e.value).join(',');
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	return [...groups.values()].map((resources) => {
		const events = resources[0].events;
		const preferred = (events.find((e) => e.value === 'createdOrUpdated') ?? events[0]).value;
		return {
			displayName: 'Event',
			name: 'event',
			type: 'options',
			noDataExpression: true,
			options: events.map((e) => ({ name: e.name, value: e.value, description: e.description })),
			default: preferred,
			description: 'Which changes start the workflow; the events offered are the ones MVMNT can filter this kind of record by',
			displayOptions: { show: { resource: resources.map((r) => r.value) } },
		};
	});
}

/** The canvas subtitle, e.g. "Customer: New or Updated". */
function subtitle(): string {
	const resources = JSON.stringify(Object.fromEntries(POLLABLE.map((r) => [r.value, r.name])));
	const events = JSON.stringify(Object.fromEntries(EVENTS.map((e) => [e.value, e.name])));
	return `={{ (${resources}[$parameter["resource"]] || $parameter["resource"]) + ": " + (${events}[$parameter["event"]] || $parameter["event"]) }}`;
}

export class MvmntPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MVMNT Polling Trigger',
		name: 'mvmntPollingTrigger',
		icon: { light: 'file:../icons/mvmnt.svg', dark: 'file:../icons/mvmnt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: subtitle(),
		description: 'Starts the workflow when MVMNT records are created, changed or deleted, by asking MVMNT on a schedule: no webhook, no public URL',
		defaults: { name: 'MVMNT Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [mainConnection()],
		credentials: [{ name: 'mvmntOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: POLLABLE.map((r) => ({ name: r.name, value: r.value })),
				default: 'customer',
				description: 'The kind of MVMNT record to watch; listed are those MVMNT can filter by creation, change or deletion time',
			},
			...eventProperties(),
			...filterBuilderProperties(),
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return a compact version of each record (ID, key, name, status, main dates and references) instead of every field',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'Less common settings',
				options: [
					{
						displayName: 'Also Emit the Last N Hours at Activation',
						name: 'lookbackHours',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, maxValue: 8760 },
						description:
							'When the workflow is first activated it starts from now; set this to also emit the changes of that many hours before (up to Max Records per Poll each poll)',
					},
					{
						displayName: 'Max Records per Poll',
						name: 'maxPerPoll',
						type: 'number',
						default: MAX_PER_POLL,
						typeOptions: { minValue: 1, maxValue: 100000 },
						description:
							'Most records one poll emits, oldest change first; the rest come with the next polls, none left out',
					},
					{
						displayName: 'Overlap Window (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						default: OVERLAP_SECONDS,
						typeOptions: { minValue: 0, maxValue: 86400 },
						description:
							'How far before the newest change already seen each poll looks again, so that changes MVMNT shows late (or with a clock a little apart from n8n) are still caught; each change is emitted once either way',
					},
				],
			},
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = findPollable(String(this.getNodeParameter('resource')));
		if (!resource) {
			throw new NodeOperationError(this.getNode(), `MVMNT can't be polled for ${quote(this.getNodeParameter('resource'))} records`, {
				description: `Pick one of: ${POLLABLE.map((r) => r.name).join(', ')}`,
			});
		}
		const eventName = String(this.getNodeParameter('event'));
		const event = resource.events.find((e) => e.value === eventName);
		if (!event) {
			const known = EVENTS.find((e) => e.value === eventName);
			throw new NodeOperationError(
				this.getNode(),
				`${known ? `"${known.name}"` : quote(eventName)} is no event of ${resource.name} records: MVMNT can only report ${resource.events.map((e) => e.name).join(', ')} for them`,
			);
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const max = wholeNumber(this.getNode(), options.maxPerPoll, 'Max Records per Poll', MAX_PER_POLL, 1, 100000);
		const overlapMs = wholeNumber(this.getNode(), options.overlapSeconds, 'Overlap Window (Seconds)', OVERLAP_SECONDS, 0, 86400) * 1000;
		const lookbackMs = wholeNumber(this.getNode(), options.lookbackHours, 'Also Emit the Last N Hours at Activation', 0, 0, 8760) * 3_600_000;
		let filter: IDataObject | undefined;
		try {
			filter = readFilter((name, fallback) => this.getNodeParameter(name, fallback) as never, resource.op, this.getTimezone());
		} catch (error) {
			throw new NodeOperationError(this.getNode(), isInputError(error) ? error.message : (error as Error));
		}
		// every poll is an execution of its own: a fresh credential and retry clock
		configureExecution(this, 1, 0);
		startItem(this, DEFAULT_LIMITS);
		const scan = scanner(this, resource, event, filter);
		const now = Date.now();
		const simplify = this.getNodeParameter('simplify', true) === true;
		const out = (records: IDataObject[]) =>
			records.length ? [records.map((record) => ({ json: simplify ? simplified(resource, event, record) : record }))] : null;

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the latest matching changes; the watermark does not move
			const sample = await latest(event, now, Math.min(SAMPLE_SIZE, max), scan);
			if (sample.length) return out(sample);
			// nothing of any age: say so (as n8n's own poll triggers do) instead of an empty output
			throw nothingToFetch(this, resource, event, filter !== undefined);
		}
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const staticData = this.getWorkflowStaticData('node');
		const scope = `${resource.value}:${event.value}`;
		const starts = new Starts(this, scope);
		const own = isPollState(staticData.state) && staticData.state.scope === scope;
		// no state of its own yet: the state the activation's poll started with, if n8n dropped it
		// (with durable poll cursors n8n keeps a poll's state only when it emits or is scheduled)
		const stored = own ? staticData.state : starts.get() ?? staticData.state;
		// n8n's first poll after a start (its own, without durable poll cursors) goes back to the
		// state before the last poll that emitted: that poll's execution may have died with the
		// process after n8n saved the watermark, so its changes come again (repeated, never missed)
		const from = firstPollSinceStart(this) ? rollBack(stored) : stored;
		const outcome = await poll(
			from,
			{
				scope,
				event,
				overlapMs,
				max,
				lookbackMs,
				now,
				deadline: budget ? now + budget * BUDGET_SHARE : undefined,
			},
			scan,
		);
		// what the next start goes back to: the state before this poll, if it emitted anything
		const prev = outcome.records.length ? withoutPrev(from) : isPollState(from) ? from.prev : undefined;
		staticData.state = (prev ? { ...outcome.state, prev } : outcome.state) as unknown as IDataObject;
		if (!own && !outcome.records.length) starts.set(outcome.state);
		else if (own) starts.clear();
		return out(outcome.records);
	}
}

/** where the workflow's global static data keeps, per trigger node, the state its first poll started with */
const STARTS_KEY = 'mvmntPollStarts';

/**
 * The state a trigger's first poll started with, kept in the workflow's global static data. With
 * durable poll cursors (n8n ≥ 2.36) the node's own state is staged and kept only when a poll emits
 * or when a scheduled poll finds nothing. The poll n8n runs at activation to test the trigger finds
 * nothing the first time (it starts from now), so its state is dropped, and the next poll would
 * start from its own "now", skipping what changed in between. n8n saves the global static data
 * after an activation: the start is kept there until the node has a state of its own.
 */
class Starts {
	private readonly global: IDataObject;
	private readonly key: string;

	constructor(
		ctx: IPollFunctions,
		private readonly scope: string,
	) {
		this.global = ctx.getWorkflowStaticData('global');
		this.key = ctx.getNode().id ?? ctx.getNode().name;
	}

	private all(): IDataObject | undefined {
		const starts = this.global[STARTS_KEY];
		return isObject(starts) ? starts : undefined;
	}

	get(): PollState | undefined {
		const start = this.all()?.[this.key];
		return isPollState(start) && start.scope === this.scope ? start : undefined;
	}

	set(state: PollState): void {
		this.global[STARTS_KEY] = { ...this.all(), [this.key]: state as unknown as IDataObject };
	}

	clear(): void {
		const starts = this.all();
		if (!starts || starts[this.key] === undefined) return;
		const rest = { ...starts };
		delete rest[this.key];
		if (Object.keys(rest).length) this.global[STARTS_KEY] = rest;
		else delete this.global[STARTS_KEY];
	}
}

/** the poll triggers (workflow and node) this n8n process has polled since it started */
const polledSinceStart = new Set<string>();

/**
 * Whether this is the first poll of this node since n8n started (activation "init"): n8n without
 * durable poll cursors saves the node's static data when the poll emits, before the execution
 * runs, so a crash in between loses the changes. With durable cursors n8n polls with activation
 * "update" and commits the cursor with the execution: no going back.
 */
function firstPollSinceStart(ctx: IPollFunctions): boolean {
	if (ctx.getActivationMode() !== 'init') return false;
	const key = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id ?? ctx.getNode().name}`;
	if (polledSinceStart.has(key)) return false;
	polledSinceStart.add(key);
	return true;
}

/** The state before the last poll that emitted, when there is one. */
function rollBack(stored: unknown): unknown {
	return isPollState(stored) && isPollState(stored.prev) && stored.prev.scope === stored.scope ? stored.prev : stored;
}

function withoutPrev(state: unknown): PollState | undefined {
	if (!isPollState(state)) return undefined;
	const rest: PollState = { ...state };
	delete rest.prev;
	return rest;
}

/** What to do in MVMNT for the event to happen, e.g. "create or change a customer". */
const CAUSE: Record<EventDef['value'], string> = {
	created: 'create',
	updated: 'change',
	createdOrUpdated: 'create or change',
	deleted: 'delete',
};

/** Fetch Test Event found no change at all: the error says so and what would make one. */
function nothingToFetch(ctx: IPollFunctions, resource: PollableResource, event: EventDef, filtered: boolean): NodeOperationError {
	const records = `${event.name.toLowerCase()} ${resource.name} records`;
	const what = resource.name.toLowerCase();
	return new NodeOperationError(ctx.getNode(), filtered ? `No ${records} match the filter` : `No ${records} in MVMNT yet`, {
		description:
			`Fetch Test Event looks for the latest changes of any age and found none. To see one here, ${CAUSE[event.value]} ` +
			`${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} in MVMNT${filtered ? ' that matches the filter (or loosen the filter)' : ''} and fetch again. ` +
			'Published, the workflow polls on its schedule and starts only when something changed.',
	});
}

/** Lists the resource's records with the event's timestamp at or after a time, page by page, through the one paginator. */
function scanner(ctx: IPollFunctions, resource: PollableResource, event: EventDef, filter: IDataObject | undefined): Scan {
	const op = resource.op;
	return async (fromMs, onPage) => {
		const since = sinceCondition(resource, event, fromMs);
		const where = filter ? { and: [filter, since] } : since;
		await paginate(ctx, { op, path: op.path, body: { filter: where }, pageSize: maxPageSizeOf(op), onPage });
	};
}

/** Simplify as Get Many does, keeping the timestamps the event is about (a change also its Created At: new or not). */
function simplified(resource: PollableResource, event: EventDef, record: IDataObject): IDataObject {
	const out = simplifyRecord(resource.value, record);
	if (out === record) return out;
	for (const field of event.field === 'updatedAt' ? ['createdAt', 'updatedAt'] : [event.field]) {
		if (record[field] !== undefined && out[field] === undefined) out[field] = record[field];
	}
	return out;
}
