/**
 * Pure logic of the MVMNT Trigger: token check, delivery validation, event filter, redelivery
 * window and the split into items. No n8n context in here, so it can be unit-tested directly.
 */
import { createHash, timingSafeEqual } from 'crypto';

import { ALL_EVENTS } from './events';

/**
 * How many event keys one process remembers per trigger node (see KeyWindow). The durable memory
 * shared by every n8n process is in seenEventKeys.ts.
 */
export const SEEN_LIMIT = 10000;

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

/**
 * Event keys in the order they were first seen, forgetting the oldest beyond `limit`.
 * Checking and recording happen in one synchronous step, so concurrent requests in the same
 * process can never both treat an event as new.
 */
export class KeyWindow {
	private readonly keys = new Set<string>();

	constructor(private readonly limit = SEEN_LIMIT) {}

	get size(): number {
		return this.keys.size;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	add(key: string): void {
		this.keys.delete(key);
		this.keys.add(key);
		while (this.keys.size > this.limit) {
			const oldest = this.keys.values().next().value;
			if (oldest === undefined) break;
			this.keys.delete(oldest);
		}
	}
}

/** Drops events already in the window (and repeats within the same delivery) and records the rest. */
export function dedupe(events: DeliveryEvent[], window: KeyWindow): DeliveryEvent[] {
	const fresh: DeliveryEvent[] = [];
	const mine = new Set<string>();
	for (const ev of events) {
		const key = eventKey(ev);
		if (window.has(key) || mine.has(key)) continue;
		mine.add(key);
		fresh.push(ev);
	}
	for (const key of mine) window.add(key);
	return fresh;
}

/** One item per event, with everything the options may keep. */
export function toItems(events: DeliveryEvent[], sentAt: unknown): JsonObject[] {
	return events.map((ev) => ({
		event: ev.event,
		timestamp: ev.timestamp ?? null,
		sentAt: sentAt ?? null,
		data: isObject(ev.data) ? ev.data : {},
		diff: ev.diff ?? null,
	}));
}

/** What the trigger outputs for one item of toItems(): the options applied. */
export function shapeItem(item: JsonObject, options: OutputOptions = {}): JsonObject {
	const data = isObject(item.data) ? item.data : {};
	if (options.entityOnly) return { ...data };
	const out: JsonObject = {
		event: item.event,
		timestamp: item.timestamp ?? null,
		sentAt: item.sentAt ?? null,
		data,
	};
	if (options.includeDiff !== false) out.diff = item.diff ?? null;
	return out;
}

/**
 * Windows of this process, per trigger (workflow + node). They answer repeats that reach the same
 * process at once, before any execution starts; the durable memory (seenEventKeys.ts) covers the rest.
 */
const processWindows = new Map<string, KeyWindow>();
const MAX_PROCESS_WINDOWS = 100;

export function getProcessWindow(scope: string): KeyWindow {
	let window = processWindows.get(scope);
	if (window) {
		processWindows.delete(scope);
	} else {
		window = new KeyWindow();
	}
	processWindows.set(scope, window);
	while (processWindows.size > MAX_PROCESS_WINDOWS) {
		const oldest = processWindows.keys().next().value;
		if (oldest === undefined) break;
		processWindows.delete(oldest);
	}
	return window;
}

export function clearProcessWindows(): void {
	processWindows.clear();
}
