import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { quote } from './quote';

/*
 * Checks of what the user entered. A mistake throws InputError (fail()): the item fails with its
 * message, never as an API failure.
 */

/** A mistake in what the user entered (not an API failure): the item fails with this message. */
export class InputError extends Error {}

export function fail(message: string): never {
	throw new InputError(message);
}

/** A JSON object (not null, not a list). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A mistake in what the user entered (not an API failure). */
export function isInputError(error: unknown): error is Error {
	return error instanceof InputError;
}

/** Deeper JSON than this is no MVMNT body: it is refused before it can exhaust the stack. */
const MAX_JSON_DEPTH = 100;
/** IDs and client keys longer than this can't be real and would not fit a URL. */
const MAX_ID_LENGTH = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A text value as the user gave it: strings, numbers (and for plain text, booleans); never an object's "[object Object]". */
export function text(value: unknown, label: string, allowBoolean = true): string {
	const ok = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || (allowBoolean && typeof value === 'boolean');
	if (!ok) fail(`${label} must be text, got ${kindOf(value)} ${quote(value)}`);
	const t = String(value);
	if (LONE_SURROGATE.test(t)) fail(`${label} contains malformed text (a lone UTF-16 surrogate): ${quote(t)}`);
	return t;
}

/**
 * An ID or client key that goes into a URL path: exactly one path segment. Empty, "." and ".."
 * (also when they appear only after URL-decoding, e.g. "%2e%2e") are refused; everything else is
 * encoded, so no value can change the path or the query.
 */
export function segment(value: unknown, label: string): string {
	const v = text(value, label, false).trim();
	if (v.length > MAX_ID_LENGTH) fail(`${label} is ${v.length.toLocaleString('en-US')} characters long: an ID or key has at most ${MAX_ID_LENGTH}: ${quote(v)}`);
	let decoded = v;
	for (let round = 0; round < 5; round++) {
		if (decoded === '' || decoded === '.' || decoded === '..') {
			fail(
				v === '' ? `${label} is required` : `${label} can't be ${quote(v)}: an ID or key must not be "." or ".." (nor an encoded form of them)`,
			);
		}
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			break; // not URL-encoded text: taken literally
		}
		if (next === decoded) break;
		decoded = next;
	}
	return v;
}

/** Limit, page size: whole numbers of at least 1. */
export function positiveInteger(value: unknown, label: string): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isSafeInteger(n) || n < 1) fail(`${label} must be a whole number of at least 1, got ${quote(value)}`);
	return n;
}

/** Refuses JSON nested deeper than MAX_JSON_DEPTH levels (checked without recursion). */
function checkDepth(value: unknown, label: string): void {
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length) {
		const [v, depth] = stack.pop() as [unknown, number];
		if (typeof v !== 'object' || v === null) continue;
		if (depth > MAX_JSON_DEPTH) fail(`${label} is nested more than ${MAX_JSON_DEPTH} levels deep: MVMNT accepts no such data`);
		for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
}

export function parseJson(value: unknown, label: string): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return fail(`${label} is not valid JSON: ${quote((error as Error).message)}`);
		}
	}
	checkDepth(parsed, label);
	return parsed;
}

/** Client keys may be left empty (Create or Update asks for them itself); when set they follow the ID rules. */
export function segmentOrEmpty(value: unknown, label: string): string {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? '' : segment(value, label);
}

/** Timeout, Retry Time Budget: seconds, more than 0 and at most an hour. */
export function positiveSeconds(value: unknown, label: string): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(n) || n <= 0 || n > 3600) fail(`${label} must be a number of seconds between 0 and 3600, got ${quote(value)}`);
	return n;
}

/** A whole number option within bounds (the default when not set); anything else is an error naming the option. */
export function wholeNumber(node: INode, value: unknown, label: string, fallback: number, min: number, max: number): number {
	if (value === undefined || value === '') return fallback;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	if (!Number.isInteger(n) || n < min || n > max) {
		throw new NodeOperationError(node, `${label} must be a whole number from ${min} to ${max}, got ${quote(value)}`);
	}
	return n;
}
