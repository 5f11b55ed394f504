/**
 * Durable redelivery memory of the MVMNT Trigger: n8n's own deduplication store
 * (`helpers.checkProcessedAndRecord`, the one the Remove Duplicates node uses). It lives in n8n's
 * database, so every process of an instance (main, queue-mode workers, webhook processors) and
 * every restart sees the same memory. n8n offers it to a node's execute(), not to webhook(): the
 * trigger checks it in the first step of each execution.
 *
 * n8n's store reads the remembered list and writes it back whole, without a lock. Calls in one
 * process are therefore queued here; a write by another process that overlapped ours can still
 * drop our keys (it read the list before our write and writes it back after). Such a write lands
 * within one call's duration of our write, so each claim is checked again after a pause several
 * times longer than the claim itself took, and lost keys are written again.
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

/**
 * How many entries the durable memory keeps per trigger node (n8n drops the oldest): 10,000
 * events, each with its owner's marker and (answered after the workflow) its open marker.
 */
export const STORE_LIMIT = 30000;
/** Shortest pause before checking that a claim survived concurrent writers in other processes. */
export const VERIFY_DELAY_MS = 1000;
/** The pause is this many times the duration of the claim, within VERIFY_DELAY_MS..MAX_VERIFY_DELAY_MS. */
const VERIFY_DELAY_FACTOR = 5;
const MAX_VERIFY_DELAY_MS = 10000;
const VERIFY_ROUNDS = 5;

/** The pause before checking a write again, for a write that took `took` ms. */
const pauseAfter = (took: number) => Math.min(MAX_VERIFY_DELAY_MS, Math.max(VERIFY_DELAY_MS, VERIFY_DELAY_FACTOR * took));

/** Records keys; resolves with the ones that were not recorded before (they are recorded now). */
export type Recorder = (keys: string[]) => Promise<string[]>;

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of the same scope in this process has finished. */
export async function queued<T>(scope: string, task: () => Promise<T>): Promise<T> {
	const before = queues.get(scope) ?? Promise.resolve();
	const run = before.then(task, task);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	queues.set(scope, settled);
	try {
		return await run;
	} finally {
		if (queues.get(scope) === settled) queues.delete(scope);
	}
}

async function recordOnce(record: Recorder, keys: string[]): Promise<string[]> {
	try {
		return await record(keys);
	} catch {
		// the very first write of a trigger inserts n8n's row; a concurrent first write from
		// another process makes one insert fail: the row exists now, so the next call updates it
		return await record(keys);
	}
}

/**
 * Claims `keys` in the durable memory: resolves with the keys nobody had claimed before.
 * `wait` is the pause between the claim and its check (tests pass a fake).
 */
export async function claimKeys(
	scope: string,
	keys: string[],
	record: Recorder,
	wait: (ms: number) => Promise<void> = sleep,
): Promise<Set<string>> {
	const unique = [...new Set(keys)];
	if (unique.length === 0) return new Set();
	let took = 0;
	const timed = async (keys: string[]) => {
		const started = Date.now();
		const result = await recordOnce(record, keys);
		took = Math.max(took, Date.now() - started);
		return result;
	};
	const fresh = await queued(scope, async () => await timed(unique));
	let lost = fresh;
	for (let round = 0; lost.length > 0 && round < VERIFY_ROUNDS; round++) {
		await wait(pauseAfter(took));
		lost = await queued(scope, async () => await timed(lost));
	}
	return new Set(fresh);
}

/** n8n's store for this trigger node, or undefined where n8n has none (older n8n, stand-ins). */
export function durableRecorder(ctx: IExecuteFunctions): Recorder | undefined {
	const helpers = ctx.helpers as Partial<IExecuteFunctions['helpers']> | undefined;
	if (!helpers || typeof helpers.checkProcessedAndRecord !== 'function') return undefined;
	const check = helpers.checkProcessedAndRecord.bind(helpers);
	return async (keys) => {
		const result = await check(keys, 'node', { mode: 'entries', maxEntries: STORE_LIMIT });
		return result.new.map(String);
	};
}

/** The marker saying that execution `run` claimed the event `key` (written with the claim). */
export const ownedBy = (key: string, run: string) => `${key}#run:${run}`;

/** This execution's ID, or '' where n8n gives none (stand-ins). */
export function executionIdOf(ctx: IExecuteFunctions): string {
	try {
		return String(ctx.getExecutionId?.() ?? '');
	} catch {
		return '';
	}
}

/** Rounds of removal: a concurrent writer in another process may write a removed marker back. */
const REMOVE_ROUNDS = 5;

/**
 * Removes markers from the durable memory, where n8n can. n8n's store has no lock: a writer in
 * another process that read the list before our removal writes the markers back, so the removal
 * is repeated after a pause longer than such a write takes (as claims are checked). A marker left
 * behind only matters if this very execution runs again. The first `awaited` rounds are waited
 * for; the others go on in the background.
 */
export async function forgetMarkers(
	ctx: IExecuteFunctions,
	scope: string,
	markers: string[],
	wait: (ms: number) => Promise<void> = sleep,
	awaited = REMOVE_ROUNDS,
): Promise<void> {
	const helpers = ctx.helpers as Partial<IExecuteFunctions['helpers']> | undefined;
	if (!helpers || typeof helpers.removeProcessed !== 'function' || markers.length === 0) return;
	const remove = helpers.removeProcessed.bind(helpers);
	let took = 0;
	const rounds = async (from: number, to: number) => {
		for (let round = from; round < to; round++) {
			if (round > 0) {
				await wait(pauseAfter(took));
			}
			try {
				await queued(scope, async () => {
					const started = Date.now();
					await remove(markers, 'node', { mode: 'entries', maxEntries: STORE_LIMIT });
					took = Math.max(took, Date.now() - started);
				});
			} catch {
				// the events are not affected: only this execution's re-run could mistake them for its own
			}
		}
	};
	await rounds(0, Math.min(awaited, REMOVE_ROUNDS));
	if (awaited < REMOVE_ROUNDS) void rounds(awaited, REMOVE_ROUNDS);
}
