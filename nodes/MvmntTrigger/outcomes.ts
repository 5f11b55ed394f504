/**
 * What became of the execution that claimed an event, for "Answer MVMNT: When the Workflow Has
 * Finished". MVMNT sends an event again only when it got no 200, so a copy that finds the event
 * claimed must learn how the claiming execution ended before it runs or drops its own:
 *   - finished (n8n answered 200, or the execution waits in a Wait node): the copy outputs nothing;
 *   - failed (n8n answered 500): the claim was released, the copy takes the event and runs it;
 *   - died with its process (killed, out of memory): no end is ever reported; after a bounded wait
 *     the copy takes the event over.
 * An execution reports its end through n8n's execution lifecycle hook `workflowExecuteAfter`,
 * which n8n runs before it answers the webhook: a finished execution writes a "done" marker per
 * event into the durable memory (n8n's deduplication store); a failed one removes its claim.
 * Executions of the same process also see each other's end directly (no store round trip).
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { STORE_LIMIT, forgetMarkers, queued, type Recorder } from './seenEventKeys';

export type Outcome = 'finished' | 'failed';

/** The marker saying that an execution which claimed `key` finished it (MVMNT was answered 200). */
export const doneMarker = (key: string) => `${key}#done`;

/** Timings; tests shorten them. */
export const timing = {
	/** How long a copy waits for the end of a claiming execution in another (or a dead) process. */
	ownerWaitMs: 30000,
	/** Pause between two looks at the durable memory while waiting. */
	probeEveryMs: 2000,
	/** Pause before a finished execution writes its done markers again (a concurrent look may remove one). */
	rewriteAfterMs: 1000,
};

interface LocalClaim {
	run: string;
	outcome: Promise<Outcome>;
	settled?: Outcome;
}

/** Events claimed by executions of this process, by memory scope and event key (bounded). */
const local = new Map<string, LocalClaim>();
const LOCAL_LIMIT = 10000;

const localKey = (scope: string, key: string) => `${scope}\n${key}`;

function remember(scope: string, key: string, claim: LocalClaim) {
	const k = localKey(scope, key);
	local.delete(k);
	local.set(k, claim);
	while (local.size > LOCAL_LIMIT) {
		const oldest = local.keys().next().value;
		if (oldest === undefined) break;
		local.delete(oldest);
	}
}

/** Forgets the events claimed in this process (tests). */
export function clearLocalClaims(): void {
	local.clear();
}

interface RunData {
	status?: string;
	finished?: boolean;
	waitTill?: unknown;
}
type EndHandler = (runData?: RunData) => Promise<void>;
interface HooksLike {
	executionId?: string;
	addHandler?: (name: string, ...handlers: EndHandler[]) => void;
	hookFunctions?: Record<string, EndHandler[] | undefined>;
}

/** n8n's lifecycle hooks of the running execution, where n8n exposes them to the node's context. */
function hooksOf(ctx: IExecuteFunctions): HooksLike | undefined {
	const data = (ctx as unknown as { additionalData?: { hooks?: HooksLike } }).additionalData;
	const hooks = data?.hooks;
	if (!hooks || typeof hooks !== 'object') return undefined;
	if (typeof hooks.addHandler === 'function' || Array.isArray(hooks.hookFunctions?.workflowExecuteAfter)) return hooks;
	return undefined;
}

/** Whether this n8n tells the node when its execution ends (n8n 1.x and 2.x do). */
export function canWatchEnd(ctx: IExecuteFunctions): boolean {
	return hooksOf(ctx) !== undefined;
}

/** finished: n8n answered (or will answer) MVMNT 200: success, or waiting in a Wait node. */
export function outcomeOf(runData: RunData | undefined): Outcome {
	const status = runData?.status;
	if (status === 'success' || status === 'waiting') return 'finished';
	if (status === undefined && (runData?.finished === true || runData?.waitTill)) return 'finished';
	return 'failed';
}

interface Store {
	scope: string;
	record: Recorder;
	ctx: IExecuteFunctions;
	wait?: (ms: number) => Promise<void>;
}

/**
 * Claims that `run` now holds `keys`: other executions of this process see them at once, and at
 * the execution's end n8n's hook writes their done markers (finished) or removes the claims
 * (failed: MVMNT was answered 500 and sends the events again; the next copy runs them).
 */
export function holdUntilEnd(store: Store, run: string, keys: string[], markersOf: (key: string) => string[]): void {
	const hooks = hooksOf(store.ctx);
	if (!hooks || keys.length === 0) return;
	let settle: (o: Outcome) => void = () => undefined;
	const claim: LocalClaim = { run, outcome: new Promise<Outcome>((resolve) => (settle = resolve)) };
	for (const key of keys) remember(store.scope, key, claim);
	const wait = store.wait ?? sleep;
	const onEnd: EndHandler = async (runData) => {
		const outcome = outcomeOf(runData);
		try {
			if (outcome === 'finished') {
				const done = keys.map(doneMarker);
				await queued(store.scope, async () => await store.record(done));
				// a copy looking for the marker at that moment may have removed it: write it once more
				await wait(timing.rewriteAfterMs);
				await queued(store.scope, async () => await store.record(done));
			} else {
				await forgetMarkers(store.ctx, store.scope, keys.flatMap((key) => [key, ...markersOf(key)]), wait);
			}
		} catch {
			// the store is unavailable: a copy waiting for this end takes the event over after its wait
		} finally {
			claim.settled = outcome;
			settle(outcome);
		}
	};
	if (typeof hooks.addHandler === 'function') hooks.addHandler('workflowExecuteAfter', onEnd);
	else hooks.hookFunctions?.workflowExecuteAfter?.push(onEnd);
}

/** Writes `key`: true if nobody held it (it is held now). */
async function take(store: Store, key: string): Promise<boolean> {
	return (await queued(store.scope, async () => await store.record([key]))).length === 1;
}

/** Looks for a done marker without leaving one behind: true if the event was finished. */
async function isDone(store: Store, key: string): Promise<boolean> {
	const marker = doneMarker(key);
	const absent = await take(store, marker);
	if (!absent) return true;
	const helpers = store.ctx.helpers as Partial<IExecuteFunctions['helpers']>;
	if (typeof helpers.removeProcessed === 'function') {
		const remove = helpers.removeProcessed.bind(helpers);
		await queued(store.scope, async () => await remove([marker], 'node', { mode: 'entries', maxEntries: STORE_LIMIT }));
	}
	return false;
}

/**
 * A copy of an event that another execution (`run` is this one) claimed: resolves true if this
 * execution must run it, false if the event was finished. Waits for the claiming execution's end
 * while it runs in this process; otherwise looks at the durable memory until `deadline` (by
 * default `timing.ownerWaitMs` from now), then takes the event over (its owner died without
 * reporting an end).
 */
export async function mustRun(store: Store, run: string, key: string, deadline = Date.now() + timing.ownerWaitMs): Promise<boolean> {
	const wait = store.wait ?? sleep;
	for (;;) {
		const mine = local.get(localKey(store.scope, key));
		if (mine && mine.run !== run) {
			if ((mine.settled ?? (await mine.outcome)) === 'finished') return false;
		}
		// released by an execution that failed: it is ours now
		if (await take(store, key)) return true;
		if (await isDone(store, key)) return false;
		if (Date.now() >= deadline) return true;
		await wait(timing.probeEveryMs);
	}
}
