import type { IDataObject } from 'n8n-workflow';

import type { EventDef } from './changes';

/*
 * Exactly once, without gaps, over an API that promises no sort order.
 *
 * Every change is a key: the record's ID and the timestamp of the event (Created At, Updated At or
 * Deleted At) in milliseconds. The state, kept in the workflow's static data, is
 *   - the watermark W: every change with a timestamp before W − overlap has been emitted;
 *   - `seen`: the keys emitted (or, at the first activation, found) with a timestamp at or after
 *     W − overlap — the only ones a poll can meet again.
 * A poll lists every record whose timestamp is at or after W − overlap (all pages), drops the keys
 * in `seen`, sorts the rest by (timestamp, ID) and emits the first `max` of them. The new watermark
 * is the timestamp of the last one emitted (or stays, if that is earlier); `seen` keeps what lies
 * within the overlap window of it. So
 *   - records sharing a timestamp, also with the watermark, come once: their keys are in `seen`;
 *   - a record that shows up late, with a timestamp up to `overlap` before the newest one already
 *     seen (a slow commit, a clock apart), is still inside the next poll's window, and not in `seen`;
 *   - a backlog larger than `max` comes in timestamp order over several polls: everything after the
 *     last emitted change is still at or after the new watermark, so nothing is skipped;
 *   - a poll that runs out of time before the last page emits what it found, adds it to `seen` and
 *     leaves the watermark where it was (it cannot know what the unread pages hold).
 */

/** What the trigger keeps between polls (JSON: n8n stores it with the workflow). */
export interface PollState {
	/** format of this object */
	v: 1;
	/** resource and event the state belongs to: another choice starts afresh */
	scope: string;
	/** ms since the epoch */
	watermark: number;
	/** changes before this (ms) are never emitted (the start of "Also Emit the Last N Hours") */
	from: number;
	/** timestamp (ms, as text) → IDs emitted or found at it, for timestamps at or after watermark − overlap */
	seen: Record<string, string[]>;
	/** the state before the last poll that emitted: where n8n's first poll after a start goes back to (see the node) */
	prev?: PollState;
}

export interface PollSettings {
	scope: string;
	event: EventDef;
	overlapMs: number;
	/** most changes one poll emits */
	max: number;
	/** at the first activation: also emit the changes of this many ms before it (0: start from now) */
	lookbackMs: number;
	now: number;
	/** stop reading pages after this time (ms since the epoch); the rest waits for the next poll */
	deadline?: number;
	clock?: () => number;
}

/** Lists the records with the event's timestamp at or after `fromMs`, page by page; a page's callback returns false to stop. */
export type Scan = (fromMs: number, onPage: (records: IDataObject[]) => boolean) => Promise<void>;

export interface PollOutcome {
	/** the records to emit, oldest change first */
	records: IDataObject[];
	state: PollState;
	/** every page was read */
	complete: boolean;
	/** changes found but left for the next poll (the per-poll maximum) */
	deferred: number;
	/** this poll only recorded where "now" is (first activation) */
	primed: boolean;
	/** records of the window read */
	scanned: number;
}

interface Change {
	ms: number;
	id: string;
	record: IDataObject;
}

/** A timestamp from MVMNT in ms; undefined when it is missing or not a date. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** The change a record stands for under an event; undefined when the record is not one (e.g. Updated: its creation). */
export function changeOf(record: IDataObject, event: EventDef): Change | undefined {
	const ms = timeOf(record[event.field]);
	const id = record.id;
	if (ms === undefined || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
	if (event.value === 'updated') {
		const created = timeOf(record.createdAt);
		if (created === undefined || ms <= created) return undefined;
	}
	return { ms, id: String(id), record };
}

const keyOf = (ms: number, id: string) => `${ms}|${id}`;
const before = (a: Change, b: Change) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Whether a stored value is a state this version can use. */
export function isPollState(value: unknown): value is PollState {
	const s = value as PollState | undefined;
	return (
		typeof s === 'object' &&
		s !== null &&
		s.v === 1 &&
		typeof s.scope === 'string' &&
		Number.isFinite(s.watermark) &&
		Number.isFinite(s.from) &&
		typeof s.seen === 'object' &&
		s.seen !== null
	);
}

/** `seen` with only the timestamps at or after `lower`, plus `add`. */
function keepSeen(seen: Record<string, string[]>, lower: number, add: Change[]): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [at, ids] of Object.entries(seen)) if (Number(at) >= lower) out[at] = [...ids];
	for (const c of add) {
		if (c.ms < lower) continue;
		const at = String(c.ms);
		if (!out[at]) out[at] = [];
		if (!out[at].includes(c.id)) out[at].push(c.id);
	}
	return out;
}

/** One poll: the changes to emit and the state to keep (see the top of this file). */
export async function poll(stored: unknown, settings: PollSettings, scan: Scan): Promise<PollOutcome> {
	const { event, overlapMs, max, now } = settings;
	const clock = settings.clock ?? Date.now;
	const outOfTime = () => settings.deadline !== undefined && clock() >= settings.deadline;
	let state = isPollState(stored) && stored.scope === settings.scope ? stored : undefined;
	let scanned = 0;

	if (!state && settings.lookbackMs <= 0) {
		// first activation: what is there now (within the overlap window) counts as seen, nothing is emitted
		const found: Change[] = [];
		const from = now - overlapMs;
		// n8n's clock, or MVMNT's where a change shows it is ahead: the next window starts no later than this one
		let watermark = now;
		await scan(from, (records) => {
			scanned += records.length;
			for (const record of records) {
				const change = changeOf(record, event);
				if (!change) continue;
				found.push({ ...change, record: {} });
				watermark = Math.max(watermark, change.ms);
			}
			return true;
		});
		return {
			records: [],
			state: { v: 1, scope: settings.scope, watermark, from, seen: keepSeen({}, Math.max(from, watermark - overlapMs), found) },
			complete: true,
			deferred: 0,
			primed: true,
			scanned,
		};
	}
	if (!state) {
		const start = now - settings.lookbackMs;
		state = { v: 1, scope: settings.scope, watermark: start, from: start, seen: {} };
	}

	const lower = Math.max(state.from, state.watermark - overlapMs);
	const seen = new Set<string>();
	for (const [at, ids] of Object.entries(state.seen)) if (Number(at) >= lower) for (const id of ids) seen.add(keyOf(Number(at), id));

	// the `max` earliest changes not emitted yet; memory stays within 2 × max records however large the window
	let kept = new Map<string, Change>();
	let cutoff: Change | undefined;
	/** every change not emitted before that this poll met, once each */
	const found = new Set<string>();
	const trim = () => {
		const sorted = [...kept.values()].sort(before).slice(0, max);
		kept = new Map(sorted.map((c) => [keyOf(c.ms, c.id), c]));
		cutoff = sorted.length === max ? sorted[max - 1] : undefined;
	};
	let complete = true;
	await scan(lower, (records) => {
		scanned += records.length;
		for (const record of records) {
			const change = changeOf(record, event);
			if (!change || change.ms < lower) continue;
			const key = keyOf(change.ms, change.id);
			if (seen.has(key) || found.has(key)) continue;
			found.add(key);
			if (cutoff && before(change, cutoff) >= 0) continue;
			kept.set(key, change);
			if (kept.size >= 2 * max) trim();
		}
		if (outOfTime()) {
			complete = false;
			return false;
		}
		return true;
	});
	trim();
	const emitted = [...kept.values()].sort(before);
	const deferred = complete ? found.size - emitted.length : 0;
	let watermark = state.watermark;
	if (complete && emitted.length) watermark = Math.max(watermark, emitted[emitted.length - 1].ms);
	return {
		records: emitted.map((c) => c.record),
		state: { v: 1, scope: settings.scope, watermark, from: state.from, seen: keepSeen(state.seen, Math.max(state.from, watermark - overlapMs), emitted) },
		complete,
		deferred,
		primed: false,
		scanned,
	};
}

/** How far back "Fetch Test Event" looks for the latest changes, widening until it finds some. */
export const SAMPLE_WINDOWS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000, 365 * 86_400_000];

/** The latest `count` changes (newest first), for a manual test: nothing is remembered. */
export async function latest(event: EventDef, now: number, count: number, scan: Scan): Promise<IDataObject[]> {
	for (const windowMs of [...SAMPLE_WINDOWS_MS, now]) {
		let kept: Change[] = [];
		const newestFirst = (a: Change, b: Change) => -before(a, b);
		await scan(now - windowMs, (records) => {
			for (const record of records) {
				const change = changeOf(record, event);
				if (change) kept.push(change);
			}
			if (kept.length > 4 * count) kept = kept.sort(newestFirst).slice(0, count);
			return true;
		});
		if (kept.length) return kept.sort(newestFirst).slice(0, count).map((c) => c.record);
	}
	return [];
}
