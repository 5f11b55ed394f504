/**
 * Pure logic of the MVMNT Trigger: token check, delivery validation, event filter, redelivery
 * window and the split into items. No n8n context in here, so it can be unit-tested directly.
 */
import { createHash, timingSafeEqual } from 'crypto';

import { ALL_EVENTS } from './events';

/** How many event keys the redelivery window remembers per trigger node. */
export const SEEN_LIMIT = 1000;

export type JsonObject = { [key: string]: unknown };

export interface DeliveryEvent extends JsonObject {
	event: string;
	timestamp?: unknown;
	data?: unknown;
	diff?: unknown;
}

export interface Delivery {
	sentAt?: unknown;
	events: DeliveryEvent[];
}

export type DeliveryCheck = { ok: true; delivery: Delivery } | { ok: false; reason: string };

export interface OutputOptions {
	/** output only the changed entity (`data`) */
	entityOnly?: boolean;
	/** keep `diff` in the full output (default true) */
	includeDiff?: boolean;
}

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256(text: string) {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Constant-time check of the `x-api-key` header against the configured token. Both sides are
 * hashed first, so neither the comparison time nor an early length mismatch reveals anything.
 */
export function tokenMatches(received: unknown, expected: unknown): boolean {
	if (typeof received !== 'string' || typeof expected !== 'string') return false;
	if (received === '' || expected === '') return false;
	return timingSafeEqual(sha256(received), sha256(expected));
}

/** Checks that a parsed body has the shape of a delivery: `{ sentAt, events: [{ event, … }] }`. */
export function validateDelivery(body: unknown): DeliveryCheck {
	if (!isObject(body)) return { ok: false, reason: 'The body must be a JSON object' };
	const { events } = body;
	if (!Array.isArray(events)) return { ok: false, reason: 'The body has no "events" array' };
	if (events.length === 0) return { ok: false, reason: 'The "events" array is empty' };
	for (let i = 0; i < events.length; i++) {
		const ev: unknown = events[i];
		if (!isObject(ev)) return { ok: false, reason: `events[${i}] is not an object` };
		if (typeof ev.event !== 'string' || ev.event === '') {
			return { ok: false, reason: `events[${i}] has no "event" name` };
		}
		if (ev.data !== undefined && ev.data !== null && !isObject(ev.data)) {
			return { ok: false, reason: `events[${i}].data is not an object` };
		}
	}
	return { ok: true, delivery: { sentAt: body.sentAt, events: events as DeliveryEvent[] } };
}

/** Parses the raw request body (JSON text) and validates it. */
export function parseDelivery(text: string): DeliveryCheck {
	const trimmed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (trimmed.trim() === '') return { ok: false, reason: 'The body is empty' };
	let body: unknown;
	try {
		body = JSON.parse(trimmed);
	} catch {
		return { ok: false, reason: 'The body is not valid JSON' };
	}
	return validateDelivery(body);
}

/**
 * Keeps the events whose type was selected. Unknown (future) types only pass with All Events.
 */
export function selectEvents(events: DeliveryEvent[], selected: unknown): DeliveryEvent[] {
	const chosen = new Set(Array.isArray(selected) ? selected.map(String) : []);
	if (chosen.has(ALL_EVENTS)) return events.slice();
	return events.filter((ev) => chosen.has(ev.event));
}

/**
 * Identity of an event for redelivery detection: event type + timestamp + `data.id`. Events
 * without an id fall back to their whole `data`, so two different entities are never confused.
 * Hashed (128 bits, hex) to keep the stored window small whatever the ids look like.
 */
export function eventKey(ev: DeliveryEvent): string {
	const data = isObject(ev.data) ? ev.data : {};
	const id = data.id;
	const identity =
		typeof id === 'string' || typeof id === 'number' ? String(id) : `data:${JSON.stringify(data)}`;
	const timestamp = ev.timestamp === undefined ? null : ev.timestamp;
	return sha256(JSON.stringify([ev.event, timestamp, identity]))
		.toString('hex')
		.slice(0, 32);
}

/** Union of remembered windows, oldest first, keeping the newest `limit` keys. */
export function mergeWindows(windows: unknown[], limit = SEEN_LIMIT): string[] {
	const merged = new Set<string>();
	for (const w of windows) {
		if (!Array.isArray(w)) continue;
		for (const k of w) if (typeof k === 'string') merged.add(k);
	}
	const all = [...merged];
	return all.length > limit ? all.slice(all.length - limit) : all;
}

/**
 * Drops events already in the window (and repeats within the same delivery).
 * Returns the fresh events and the window with their keys appended, trimmed to `limit`.
 */
export function dedupe(
	events: DeliveryEvent[],
	seen: unknown,
	limit = SEEN_LIMIT,
): { fresh: DeliveryEvent[]; seen: string[] } {
	const window = mergeWindows([seen], Number.MAX_SAFE_INTEGER);
	const known = new Set(window);
	const fresh: DeliveryEvent[] = [];
	for (const ev of events) {
		const key = eventKey(ev);
		if (known.has(key)) continue;
		known.add(key);
		window.push(key);
		fresh.push(ev);
	}
	return { fresh, seen: window.length > limit ? window.slice(window.length - limit) : window };
}

/** One output object per event. */
export function toItems(
	events: DeliveryEvent[],
	sentAt: unknown,
	options: OutputOptions = {},
): JsonObject[] {
	const includeDiff = options.includeDiff !== false;
	return events.map((ev) => {
		const data = isObject(ev.data) ? ev.data : {};
		if (options.entityOnly) return { ...data };
		const item: JsonObject = {
			event: ev.event,
			timestamp: ev.timestamp ?? null,
			sentAt: sentAt ?? null,
			data,
		};
		if (includeDiff) item.diff = ev.diff ?? null;
		return item;
	});
}

/**
 * Keys remembered in this process, per trigger (workflow + node). Static data is only read at the
 * start of a request and written back whole after it, so concurrent deliveries can overwrite each
 * other's keys; this in-process window closes that gap for a single n8n main process.
 */
const processWindows = new Map<string, string[]>();
const MAX_PROCESS_WINDOWS = 500;

export function getProcessWindow(scope: string): string[] {
	return processWindows.get(scope) ?? [];
}

export function setProcessWindow(scope: string, keys: string[]): void {
	processWindows.delete(scope);
	processWindows.set(scope, keys);
	while (processWindows.size > MAX_PROCESS_WINDOWS) {
		const oldest = processWindows.keys().next().value;
		if (oldest === undefined) break;
		processWindows.delete(oldest);
	}
}

export function clearProcessWindows(): void {
	processWindows.clear();
}
