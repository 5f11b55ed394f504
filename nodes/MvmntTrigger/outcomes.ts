/**
 * What became of the execution that claimed an event, for "Answer MVMNT: When the Workflow Has
 * Finished". MVMNT sends an event again only when it got no 200, so a copy that finds the event
 * claimed must learn how the claiming execution ended before it runs or drops its own:
 *   - finished (n8n answered 200, or the execution waits in a Wait node): the copy outputs nothing;
 *   - failed (n8n answered 500): the claim was given back, the copy takes the event and runs it;
 *   - died with its process (killed, out of memory): no end is ever reported; after a bounded wait
 *     the copy takes the event over.
 * An execution claims an event together with an "open" marker (`<key>#open`, in the same write)
 * and reports its end through n8n's execution lifecycle hook `workflowExecuteAfter`, which n8n runs
 * before it answers the webhook: finished removes the open marker, failed removes the claim. So a
 * claim without its open marker is a finished event. n8n's store can only be read by writing, and
 * has no lock: a look for the open marker writes one where it was missing, and a removal can be
 * undone by a concurrent writer. Both err toward an open marker too many, which makes a copy wait
 * and then run (an event run twice), never toward a missing one (an event lost).
 * Executions of the same process also see each other's end directly (no store round trip).
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { forgetMarkers, queued, type Recorder } from './seenEventKeys';

export type Outcome = 'finished' | 'failed';

/** The marker saying that the execution which claimed `key` has not reported its end yet. */
export const openMarker = (key: string) => `${key}#open`;

/** Timings; tests shorten them. */
export const timing = {
	/** How long a copy waits for the end of a claiming execution in another (or a dead) process. */
	ownerWaitMs: 30000,
	/** Pause between two looks at the durable memory while waiting. */
	probeEveryMs: 2000,
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
}

/**
 * Claims that `run` now holds `keys` (claimed with their open markers): other executions of this
 * process see them at once, and at the execution's end n8n's hook removes the open markers
 * (finished) or the claims (failed: MVMNT was answered 500 and sends the events again; the next
 * copy runs them).
 */
export function holdUntilEnd(store: Store, run: string, keys: string[], markersOf: (key: string) => string[]): void {
	const hooks = hooksOf(store.ctx);
	if (!hooks || keys.length === 0) return;
	let settle: (o: Outcome) => void = () => undefined;
	const claim: LocalClaim = { run, outcome: new Promise<Outcome>((resolve) => (settle = resolve)) };
	for (const key of keys) remember(store.scope, key, claim);
	const onEnd: EndHandler = async (runData) => {
		const outcome = outcomeOf(runData);
		try {
			if (outcome === 'finished') {
				// once before n8n answers; again after pauses, in the background (a concurrent writer may
				// have put them back)
				await forgetMarkers(store.ctx, store.scope, keys.map(openMarker), sleep, 1);
			} else {
				await forgetMarkers(store.ctx, store.scope, keys.flatMap((key) => [key, openMarker(key), ...markersOf(key)]));
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

/**
 * The claim write of a copy found `key` held. `openWasMissing`: that same write found no open
 * marker, so the holder finished. Otherwise resolves true if this execution (`run`) must run the
 * event: it waits for a holder running in this process; otherwise looks at the durable memory
 * until `deadline` (by default `timing.ownerWaitMs` from now) and takes the event over then (its
 * holder died without reporting an end). False (finished) leaves behind the open marker that the
 * looks wrote: the caller removes those of every event it drops, in one go.
 */
export async function mustRun(
	store: Store,
	run: string,
	key: string,
	openWasMissing: boolean,
	deadline = Date.now() + timing.ownerWaitMs,
): Promise<boolean> {
	if (openWasMissing) return false;
	for (;;) {
		const mine = local.get(localKey(store.scope, key));
		if (mine && mine.run !== run) {
			if ((mine.settled ?? (await mine.outcome)) === 'finished') return false;
		}
		// given back by an execution that failed: it is ours now, with an open marker of ours
		if (await take(store, key)) {
			await take(store, openMarker(key));
			return true;
		}
		// no open marker: the holder finished, or it failed and gave the event back just now
		if (await take(store, openMarker(key))) return await take(store, key);
		if (Date.now() >= deadline) return true;
		await sleep(timing.probeEveryMs);
	}
}
